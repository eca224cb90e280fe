#pragma once
// Point-to-point queries on a customized CCH: a forward sweep from the start's seeds, a backward
// one from the end's, meeting at the lightest common ancestor; the path unpacked to input edges.
// Seeds are those of engine/network_location (departures of the start, arrivals at the end), so
// partial first and last edges cost what they cost in Dijkstra's search.

#include <cstdint>
#include <span>
#include <vector>

#include "engine/cch/cch_buckets.hpp"
#include "engine/cch/tree_sweep.hpp"

namespace muster::cch {

/// The best path a query found between a source seed and a target seed.
struct CchPath {
    Weight weight = kInfinity;    ///< seeds' partial edges included; kInfinity if none
    std::size_t source_seed = 0;  ///< index into the sources given
    std::size_t target_seed = 0;  ///< index into the targets given
    std::vector<EdgeId> edges;    ///< between the two seeds' nodes, in travel order
};

/// From what length a path's two halves are unpacked on two threads: 100 km of roads are about
/// 200 edges, a tenth of a millisecond of unpacking, where waking a helper costs tens of
/// microseconds.
inline constexpr std::uint64_t kBesideMinLengthMm = 100'000'000;

class CchQuery {
  public:
    /// State for queries on `topology` (a few tens of kB, grown on first use, nothing per node);
    /// it serves every metric customized on it, and the topology must outlive it.
    explicit CchQuery(const CchTopology& topology);

    /// The lightest path under `metric` (customized on this query's topology, else
    /// ContractError) from any of `sources` to any of `targets`, its edges unpacked if
    /// `with_edges`. Throws WeightOverflow if it passes the limits (engine/cch/weight.hpp); a
    /// sum past them on the way (to a far ancestor) is no error. O(ancestors · degree + path ·
    /// triangles). Reuses state.
    const CchPath& run(const CchMetric& metric, std::span<const Seed> sources,
                       std::span<const Seed> targets, bool with_edges);

    const CchTopology& topology() const { return m_topology; }
    /// The two sweeps and a bucket store, for many-to-many and nearest queries to reuse.
    TreeSweep& forward_sweep() { return m_forward; }
    TreeSweep& backward_sweep() { return m_backward; }
    CchBuckets& buckets() { return m_buckets; }

  private:
    std::size_t seed_at(std::span<const Seed> seeds, Rank r, Weight weight) const;

    const CchTopology& m_topology;
    TreeSweep m_forward, m_backward;
    CchBuckets m_buckets;
    CchPath m_path;
    std::vector<ArcId> m_arcs, m_down_arcs;  ///< the path's, from the meeting node down
    std::vector<EdgeId> m_down_edges;        ///< the backward half's, unpacked by a helper
};

}  // namespace muster::cch

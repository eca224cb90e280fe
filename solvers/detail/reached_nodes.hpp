#pragma once
// The nodes a service area reaches within its largest limit, with their travel times, from
// either search it runs on: Dijkstra's, or the bounded sweep on a contraction hierarchy (the
// same nodes and times). Listed twice: nearest first (the bands' nodes) and by id (so that what
// is stored per node and per edge is read in order: edges are numbered by tail, nodes along a
// Hilbert curve).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/cch/bounded_sweep.hpp"
#include "engine/dijkstra.hpp"

namespace muster::detail {

struct ReachedNodes {
    std::vector<NodeId> by_time;  ///< nearest first, ties by id
    std::vector<std::uint64_t> by_time_ms;
    std::vector<NodeId> by_id;  ///< ascending
    std::vector<std::uint64_t> by_id_ms;

    /// u's travel time (ms) if it is reached. O(log reached).
    std::optional<std::uint64_t> duration_ms(NodeId u) const;
    /// How many are reached within limit_ms: by_time's first ones. O(log reached).
    std::size_t within(std::uint64_t limit_ms) const;
};

/// The nodes `search` settled within limit_ms; it has run until its next node lies beyond.
/// O(reached + nodes / 64).
ReachedNodes reached_nodes(const Dijkstra& search, std::uint64_t limit_ms);
/// The nodes of the sweep's last run. O(reached).
ReachedNodes reached_nodes(const cch::BoundedSweep& sweep);

}  // namespace muster::detail

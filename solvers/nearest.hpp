#pragma once
// The k nearest facilities of a set by road travel time: from each facility to an incident (a
// team driving to it), or from the incident to each facility (casualties to a hospital). One
// search from the incident serves the whole query: backward over incoming edges when facilities
// travel to the incident, forward otherwise; it stops once k facilities are settled.

#include <optional>
#include <span>
#include <vector>

#include "engine/cch/cch_query.hpp"
#include "engine/dijkstra.hpp"
#include "engine/network_location.hpp"
#include "engine/routing_graph.hpp"
#include "solvers/route.hpp"

namespace muster {

enum class TravelDirection { to_incident, from_incident };

/// One facility's result. Facilities the search cannot reach are listed with `route` empty.
struct NearestResult {
    std::size_t facility = 0;  ///< index into the facilities given
    std::optional<Route>
        route;  ///< facility -> incident (or incident -> facility); empty if unreachable
};

/// The k nearest of `facilities` (snapped locations) to `incident` under `metric`, nearest first,
/// ties by index; each route runs facility -> incident for to_incident, incident -> facility for
/// from_incident, with the figures fastest_route gives for that pair. min(k, facilities) results:
/// when fewer than k are reachable, the unreachable ones follow (by index) with an empty route, so
/// a caller never mistakes an unreachable facility for a near one.
/// `search` must be a backward Dijkstra for to_incident, a forward one for from_incident, over
/// graph.network() (else ContractError). One search, stopped once no facility outside
/// the k found can be nearer: O(nodes nearer than the k-th · log + facilities · log facilities);
/// when fewer than k are reachable, the whole reachable part of the network.
std::vector<NearestResult> nearest_facilities(const RoutingGraph& graph, const Metric& metric,
                                              const Snap& incident,
                                              std::span<const Snap> facilities, std::size_t k,
                                              TravelDirection direction, Dijkstra& search);

/// A facility set prepared for nearest queries on a customized CCH: each facility's seeds swept
/// up the elimination tree into buckets (forward for to_incident, backward for from_incident).
/// Depends on the metric: rebuild() after it is customized again.
class FacilityBuckets {
  public:
    /// Keeps `metric` (it must outlive this) and a copy of the facilities. O(facilities · tree
    /// height · degree).
    FacilityBuckets(const cch::CchMetric& metric, std::span<const Snap> facilities,
                    TravelDirection direction);
    /// The same from each facility's sweep (swept[i] = sweep_facility of facilities[i] on
    /// `metric` in `direction`), kept by a caller whose facilities change a few at a time.
    /// O(entries · log entries).
    FacilityBuckets(const cch::CchMetric& metric, std::span<const Snap> facilities,
                    TravelDirection direction,
                    std::span<const std::span<const cch::BucketEntry>> swept);
    /// Sweeps the facilities again under the metric's current weights.
    void rebuild();

    /// One facility's part of the buckets: its seeds swept in the direction `direction` needs.
    /// O(tree height · degree). `sweep` is scratch state of the metric's topology.
    static std::vector<cch::BucketEntry> sweep_facility(const cch::CchMetric& metric,
                                                        const Snap& facility,
                                                        TravelDirection direction,
                                                        cch::TreeSweep& sweep);

    const cch::CchMetric& metric() const { return m_metric; }
    std::span<const Snap> facilities() const { return m_facilities; }
    TravelDirection direction() const { return m_direction; }
    const cch::CchBuckets& buckets() const { return m_buckets; }

  private:
    const cch::CchMetric& m_metric;
    std::vector<Snap> m_facilities;
    TravelDirection m_direction;
    cch::CchBuckets m_buckets;
};

/// A facility ranked by travel time, without its route.
struct RankedFacility {
    std::size_t facility = 0;          ///< index into the facilities given
    std::optional<double> duration_s;  ///< empty if unreachable
    std::optional<double> distance_m;
};

/// The k nearest facilities' times and distances on a customized CCH, in the order
/// nearest_facilities gives them (unreachable ones last, by index): the ranking a dispatcher
/// reads first, before any route is drawn. One sweep from the incident read against the
/// facilities' buckets. `query` as for nearest_facilities. O(tree height · degree + bucket
/// entries met + facilities).
std::vector<RankedFacility> rank_facilities(const RoutingGraph& graph,
                                            const FacilityBuckets& facilities, const Snap& incident,
                                            std::size_t k, cch::CchQuery& query);

/// The same answer as the Dijkstra version (order, durations, distances) on a customized CCH:
/// rank_facilities, then the routes of the reachable ones.
/// `query` is one of the metric's topology (else ContractError). O(tree height · degree +
/// bucket entries met + k routes).
std::vector<NearestResult> nearest_facilities(const RoutingGraph& graph,
                                              const FacilityBuckets& facilities,
                                              const Snap& incident, std::size_t k,
                                              cch::CchQuery& query);

}  // namespace muster

#pragma once
// The k nearest facilities of a set by road travel time: from each facility to an incident (a
// team driving to it), or from the incident to each facility (casualties to a hospital). One
// search from the incident serves the whole query: backward over incoming edges when facilities
// travel to the incident, forward otherwise; it stops once k facilities are settled.

#include <optional>
#include <span>
#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/routing_graph.hpp"
#include "solvers/route.hpp"

namespace muster {

enum class TravelDirection { to_incident, from_incident };

/// One facility's result. Facilities the search cannot reach are listed with `route` empty.
struct NearestResult {
    std::size_t facility = 0;    ///< index into the facilities given
    std::optional<Route> route;  ///< facility -> incident (or incident -> facility); empty if unreachable
};

/// The k nearest of `facilities` (snapped locations) to `incident` under `metric`, nearest first,
/// ties by index; each route runs facility -> incident for to_incident, incident -> facility for
/// from_incident, with the figures fastest_route gives for that pair. min(k, facilities) results:
/// when fewer than k are reachable, the unreachable ones follow (by index) with an empty route, so
/// a caller never mistakes an unreachable facility for a near one.
/// `search` must be a backward Dijkstra for to_incident, a forward one for from_incident, over
/// graph.network() (else std::invalid_argument). One search, stopped once no facility outside
/// the k found can be nearer: O(nodes nearer than the k-th · log + facilities · log facilities);
/// when fewer than k are reachable, the whole reachable part of the network.
std::vector<NearestResult> nearest_facilities(const RoutingGraph& graph, const Metric& metric,
                                              const Snap& incident, std::span<const Snap> facilities,
                                              std::size_t k, TravelDirection direction, Dijkstra& search);

}  // namespace muster

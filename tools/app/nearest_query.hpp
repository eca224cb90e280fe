#pragma once
// The nearest query: the k facilities of a set (teams, hospitals, shelters) nearest to an incident
// by road travel time, with their routes. Facilities inside a closed hazard zone, or too far from
// any road to be routed, are unavailable and listed apart with the reason.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "solvers/nearest.hpp"
#include "tools/app/facility_set.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {

/// A nearest query, parsed.
struct NearestQuery {
    QueryPoint incident;
    FacilityFilter filter;
    std::size_t k = 3;
    std::optional<TravelDirection> direction;  ///< empty: default_direction(filter.set)
};

/// One facility of the answer.
struct NearestItem {
    Facility facility;
    double snap_distance_m = 0;  ///< from the facility to the road it starts on
    std::optional<Route>
        route;  ///< facility -> incident or incident -> facility; empty if unreachable
    std::vector<FerryCrossing> ferries;  ///< the route's ferry crossings
};

/// The answer to a nearest query.
struct NearestAnswer {
    QueryPoint incident;
    Snap incident_snap;
    FacilitySet set = FacilitySet::teams;
    TravelDirection direction = TravelDirection::to_incident;
    std::string metric;                ///< the metric's label: "base" or the hazards applied
    std::vector<NearestItem> results;  ///< nearest first; unreachable ones (route empty) last
    std::vector<UnavailableFacility> unavailable;
    std::string incident_note;  ///< e.g. that the incident lies in a closed zone; or empty
};

/// Answers a nearest query with one search from the incident (solvers/nearest.hpp). Throws
/// QueryError: NoSegment if the incident is too far from any road, NoMatch / InvalidValue from the
/// filter (tools/app/facility_set.hpp), InvalidValue for k = 0.
NearestAnswer answer_nearest(const QueryContext& context, const NearestQuery& query,
                             Searches& searches);

}  // namespace muster::tools

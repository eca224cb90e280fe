#pragma once
// The route query: the fastest route between two points, each given as LON,LAT or an entity id.

#include <string>

#include "solvers/route.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {

/// A route query: its two ends, parsed.
struct RouteQuery {
    QueryPoint from;
    QueryPoint to;
};

/// The route with its ends as snapped and what it was computed under.
struct RouteAnswer {
    QueryPoint from;
    QueryPoint to;
    Snap from_snap;
    Snap to_snap;
    Route route;
    std::vector<FerryCrossing> ferries;  ///< the route's ferry crossings, in travel order
    std::string metric;                  ///< the metric's label: "base" or the hazards applied
};

/// Answers a route query (solvers/route.hpp). Throws QueryError: NoSegment if an end is too far
/// from any road, NoRoute if the roads (under the hazards in force) do not lead from one to the
/// other, naming a closed zone that either end lies in, else saying whether the hazards cut the
/// way (and whether the way needs a ferry they closed).
RouteAnswer answer_route(const QueryContext& context, const RouteQuery& query, Searches& searches);

}  // namespace muster::tools

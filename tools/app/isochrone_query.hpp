#pragma once
// The isochrone (service area) query: what can be reached from a point within given minutes, or
// from where the point can be reached within them.

#include <string>
#include <vector>

#include "solvers/service_area.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {

/// An isochrone query, parsed.
struct IsochroneQuery {
    QueryPoint origin;
    std::vector<double> minutes;  ///< ascending, each in (0, kMaxMinutes] (parse_minutes)
    TravelDirection direction = TravelDirection::from_incident;  ///< from the point (or to it)
};

/// The bands of an isochrone query, with what they were computed under.
struct IsochroneAnswer {
    QueryPoint origin;
    Snap snap;
    TravelDirection direction = TravelDirection::from_incident;
    std::vector<double> minutes;         ///< one per band
    std::vector<ServiceAreaBand> bands;  ///< ascending; each contains the previous
    std::string metric;                  ///< the metric's label: "base" or the hazards applied
};

/// Answers an isochrone query (solvers/service_area.hpp). Throws QueryError: InvalidValue for no
/// minutes, more than kMaxBands or one outside (0, kMaxMinutes], NoSegment if the origin is too
/// far from any road.
IsochroneAnswer answer_isochrone(const QueryContext& context, const IsochroneQuery& query,
                                 Searches& searches);

}  // namespace muster::tools

#pragma once
// The ambulance response question, as the command line and the HTTP service ask it: how soon the
// quickest available ambulance, and a second one, can reach the people of every demand cell by
// road, under the hazards in force; who lives within the response target, by township and in all.

#include <optional>
#include <vector>

#include "engine/demand_points.hpp"
#include "solvers/response/response_coverage.hpp"
#include "tools/app/facility_set.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// Response targets: planning parameters, with defaults from Chinese pre-hospital guidance and
/// practice (docs/response.md). A response is the turnout (the crew leaving) plus the drive.
struct ResponseQuery {
    DemandGridOptions grid;
    /// The units that respond: teams, kind ambulance, status available by default.
    FacilityFilter units{FacilitySet::teams, "ambulance", "", ""};
    double target_s = 12 * 60;  ///< the response target (12 min: Shanghai's and Beijing's)
    double turnout_s = 3 * 60;  ///< leaving within 3 min (the 2020 guidance: 95 % of calls)
    double radius_m = 5000;     ///< urban service radius (the 2020 guidance; 10-20 km rural)
    /// Whether no unit matching the filter is an error (NoMatch); if not, nobody is reached (a
    /// scenario that takes every unit out).
    bool units_required = true;
};

struct ResponseAnswer {
    DemandPoints demand;
    std::vector<std::optional<Snap>> demand_snaps;  ///< per demand point; none: too far from a road
    std::vector<Facility> units;                    ///< those that can respond, in database order
    std::vector<Snap> unit_snaps;                   ///< per unit: where it joins the road
    std::vector<UnavailableFacility> unavailable;   ///< matched the filter but cannot respond
    std::vector<PointResponse> responses;           ///< per demand point; unit indices into `units`
    ResponseLimits limits;                          ///< drive: the target less the turnout
    ResponseCoverage coverage;
    std::string metric;  ///< what it was computed under
};

/// Checks a response target and turnout, in seconds: a target in (0, 2] h, a turnout in
/// [0, target). Throws QueryError (InvalidValue) naming target-min or turnout-min.
void check_response_target(double target_s, double turnout_s);

/// The demand cells (docs/coverage.md's grid) and each one's snap onto the context's network
/// (none: too far from a road). Throws as demand_points.
struct DemandCells {
    DemandPoints demand;
    std::vector<std::optional<Snap>> snaps;
};
DemandCells demand_cells(const QueryContext& context, const DemandGridOptions& grid);

/// Runs the question on a driving-network context with a hierarchy (context.cch). Throws
/// QueryError: InvalidValue for a target outside (0, 2] h, a turnout outside [0, target), a
/// radius outside (0, 100] km or a bad grid cell size; NoMatch when no unit matches the filter
/// (unless query.units_required is false).
ResponseAnswer answer_response(const QueryContext& context, const ResponseQuery& query);

}  // namespace muster::tools

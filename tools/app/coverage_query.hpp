#pragma once
// The shelter coverage question, as the command line and the HTTP service ask it: demand points
// from the townships, the open shelters people can walk to within their class's service
// distance, coverage by township and class, and both assignment policies.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/demand_points.hpp"
#include "solvers/coverage/coverage.hpp"
#include "solvers/coverage/shelter_assignment.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// Service distances per shelter class (walking, along the roads), metres. Defaults: GB
/// 50413-2007 / GB 51143-2015 — emergency 500 m, fixed 2,500 m (the upper end of 2-3 km for
/// this planning check); central shelters are fixed shelters of a larger site, so 2,500 m too.
struct CoverageQuery {
    DemandGridOptions grid;
    std::array<double, 3> radius_m{500, 2500, 2500};  ///< emergency, fixed, central
};

/// A shelter that takes no one in this scenario, and why.
struct ClosedShelter {
    std::size_t shelter = 0;  ///< index into resources.shelters
    std::string reason;
};

struct CoverageAnswer {
    DemandPoints demand;
    std::vector<std::optional<Snap>> demand_snaps;  ///< per demand point; none: too far from a path
    std::vector<std::size_t> shelters;  ///< the open ones: index into resources.shelters
    std::vector<ClosedShelter> closed;
    Coverage coverage;                  ///< shelter indices into `shelters`
    ShelterAssignment within_capacity;  ///< shelter indices into `shelters`
    ShelterAssignment nearest;
    /// Per demand point that no shelter covers: the walk to the nearest open shelter, beyond the
    /// service distances (millimetres); nothing for a covered point or where none is reachable.
    std::vector<std::optional<std::uint64_t>> uncovered_walk_mm;
    std::string metric;  ///< what it was computed under
};

/// Runs the whole question on a walking-network context. Throws QueryError (InvalidValue) for a
/// radius outside (0, 100,000] m or a bad grid cell size.
CoverageAnswer answer_coverage(const QueryContext& context, const CoverageQuery& query);

}  // namespace muster::tools

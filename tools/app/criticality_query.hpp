#pragma once
// Road criticality as the command line asks it: the main road stretches of the driving network,
// each closed in turn under the hazards in force, ranked by what the ambulance response loses
// (solvers/response/road_criticality.hpp), on the demand cells and units of `muster response`.

#include <set>
#include <string>
#include <vector>

#include "solvers/response/road_criticality.hpp"
#include "tools/app/coverage_query.hpp"
#include "tools/app/response_query.hpp"

namespace muster::tools {

/// Tertiary roads and above, with their links, and the Chinese classes nearest to them (城市主干道,
/// 次干道, 一级公路, ...; engine/vocabulary.hpp): the default stretches tried.
const std::set<std::string>& main_road_classes();

struct CriticalityQuery {
    ResponseQuery response;  ///< units, targets, grid
    CoverageQuery coverage;  ///< shelters' service distances, for walking
    std::set<std::string> classes = main_road_classes();
    std::size_t top = 20;  ///< stretches listed (all are ranked)
};

/// A ranked stretch, with its line.
struct CriticalStretch {
    RoadStretch stretch;
    StretchCost cost;
    std::vector<LonLat> line;  ///< the pieces joined end to end
    /// People who can walk to a shelter with the stretch open and to none with it closed (its
    /// walking ways closed too); nothing when not computed.
    std::optional<std::int64_t> losing_shelter_access;
};

struct CriticalityAnswer {
    ResponseAnswer baseline;              ///< the response with every stretch open
    std::size_t stretch_count = 0;        ///< stretches tried
    std::vector<CriticalStretch> ranked;  ///< the top ones, most critical first
    double seconds = 0;                   ///< time to try them all
};

/// Runs the question on a driving-network context with a hierarchy; with a walking-network
/// context (`walk`) of the same database, also the people each listed stretch cuts off from
/// every shelter: the walking network's ways along the stretch (pieces whose every point is one
/// of the stretch's) are closed and the shelters near it searched again. Throws as
/// answer_response and answer_coverage, and QueryError (InvalidValue) for top 0 or no road of
/// the classes.
CriticalityAnswer answer_criticality(const QueryContext& context, const CriticalityQuery& query,
                                     const QueryContext* walk = nullptr);

}  // namespace muster::tools

#pragma once
// Road criticality as the command line asks it: the main road stretches of the driving network,
// each closed in turn under the hazards in force, ranked by what the ambulance response and the
// walk to the shelters lose (solvers/response/road_criticality.hpp), on the demand cells and
// units of `muster response` and the demand points and shelters of `muster coverage`; named,
// with their bridges and tunnels, from the road table (tools/app/stretch_roads.hpp).

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "solvers/response/road_criticality.hpp"
#include "tools/app/coverage_query.hpp"
#include "tools/app/response_query.hpp"
#include "tools/app/stretch_roads.hpp"

namespace muster::tools {

/// Tertiary roads and above, with their links, and the Chinese classes nearest to them (城市主干道,
/// 次干道, 一级公路, ...; engine/vocabulary.hpp): the default stretches tried.
const std::set<std::string>& main_road_classes();

struct CriticalityQuery {
    ResponseQuery response;  ///< units, targets, grid
    CoverageQuery coverage;  ///< shelters' service distances, for walking
    std::set<std::string> classes = main_road_classes();
    StretchRanking rank_by = StretchRanking::coverage;
    std::size_t top = 20;          ///< stretches listed (all are ranked)
    bool structures_only = false;  ///< list only stretches over bridges or through tunnels
};

/// A ranked stretch, with its line, names and structures.
struct CriticalStretch {
    std::size_t rank = 0;  ///< 1 for the most critical, among all the stretches tried
    RoadStretch stretch;
    StretchCost cost;
    StretchRoads roads;
    std::vector<LonLat> line;  ///< the pieces joined end to end
};

struct CriticalityAnswer {
    ResponseAnswer baseline;              ///< the response with every stretch open
    std::size_t stretch_count = 0;        ///< stretches tried
    std::size_t structure_count = 0;      ///< of which over a bridge or through a tunnel
    bool shelter_access_counted = false;  ///< walking access was counted (a walking context)
    std::vector<CriticalStretch> ranked;  ///< the top ones, most critical first
    double seconds = 0;                   ///< time to try them all
};

/// Runs the question on a driving-network context with a hierarchy. With a walking-network
/// context (`walk`) of the same database, every stretch's cost counts the people it cuts off
/// from every shelter too: the walking network's ways along it (pieces whose every point is one
/// of the stretch's) are closed and the shelters near it searched again. `roads` (the road
/// table's roads of the classes) name the stretches and flag their bridges and tunnels. Throws
/// as answer_response and answer_coverage, QueryError (InvalidValue) for top 0, no road of the
/// classes, or shelter-access ranking without a walking context.
CriticalityAnswer answer_criticality(const QueryContext& context, const CriticalityQuery& query,
                                     const QueryContext* walk = nullptr,
                                     std::span<const StoredRoad> roads = {});

/// The ranking named by a word: coverage, response-time, shelter-access. Throws QueryError
/// (InvalidValue) naming the words for any other.
StretchRanking parse_stretch_ranking(const std::string& word);
/// The word of a ranking, as parse_stretch_ranking reads it.
std::string_view to_string(StretchRanking ranking);

}  // namespace muster::tools

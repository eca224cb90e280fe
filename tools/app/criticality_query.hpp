#pragma once
// Road criticality as the command line asks it: the main road stretches of the driving network,
// each closed in turn under the hazards in force, ranked by what the ambulance response loses
// (solvers/response/road_criticality.hpp), on the demand cells and units of `muster response`.

#include <set>
#include <string>
#include <vector>

#include "solvers/response/road_criticality.hpp"
#include "tools/app/response_query.hpp"

namespace muster::tools {

/// Tertiary roads and above, with their links, and the Chinese classes nearest to them (城市主干道,
/// 次干道, 一级公路, ...; engine/vocabulary.hpp): the default stretches tried.
const std::set<std::string>& main_road_classes();

struct CriticalityQuery {
    ResponseQuery response;  ///< units, targets, grid
    std::set<std::string> classes = main_road_classes();
    std::size_t top = 20;  ///< stretches listed (all are ranked)
};

/// A ranked stretch, with its line.
struct CriticalStretch {
    RoadStretch stretch;
    StretchCost cost;
    std::vector<LonLat> line;  ///< the pieces joined end to end
};

struct CriticalityAnswer {
    ResponseAnswer baseline;              ///< the response with every stretch open
    std::size_t stretch_count = 0;        ///< stretches tried
    std::vector<CriticalStretch> ranked;  ///< the top ones, most critical first
    double seconds = 0;                   ///< time to try them all
};

/// Runs the question on a driving-network context with a hierarchy. Throws as answer_response,
/// and QueryError (InvalidValue) for top 0 or no road of the classes.
CriticalityAnswer answer_criticality(const QueryContext& context, const CriticalityQuery& query);

}  // namespace muster::tools

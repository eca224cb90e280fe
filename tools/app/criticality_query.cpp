#include "tools/app/criticality_query.hpp"

#include <chrono>

#include <algorithm>
#include <unordered_set>

#include "engine/network_snapping.hpp"
#include "engine/vocabulary.hpp"
#include "solvers/coverage/shelter_access_loss.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

/// The stretch's pieces as one line, each piece turned to continue from the one before.
std::vector<LonLat> stretch_line(const RoadNetwork& network, const RoadStretch& stretch) {
    std::vector<LonLat> line;
    for (std::size_t k = 0; k < stretch.pieces.size(); ++k) {
        std::vector<LonLat> points;
        for (const Coordinate& c : network.piece_points(stretch.pieces[k]))
            points.push_back(c.lon_lat());
        if (k == 0 && stretch.pieces.size() > 1) {
            // Ending where the second piece starts or ends.
            const auto next = network.piece_points(stretch.pieces[1]);
            const LonLat a = next.front().lon_lat(), b = next.back().lon_lat();
            if (points.front() == a || points.front() == b)
                std::reverse(points.begin(), points.end());
        } else if (k > 0 && !(points.front() == line.back())) {
            std::reverse(points.begin(), points.end());
        }
        line.insert(line.end(), points.begin() + (k > 0 ? 1 : 0), points.end());
    }
    return line;
}

/// The walking network's edges along `stretch` of the driving network: those of the pieces whose
/// every point is a point of the stretch (the same ways, cut at more nodes).
std::vector<EdgeId> walking_edges_along(const RoadNetwork& drive, const RoadNetwork& walk,
                                        const RoadStretch& stretch) {
    std::unordered_set<Coordinate, CoordinateHash> points;
    for (PieceId p : stretch.pieces) {
        for (const Coordinate& c : drive.piece_points(p))
            points.insert(c);
    }
    std::vector<EdgeId> edges;
    for (PieceId p : walk.pieces()) {
        const auto line = walk.piece_points(p);
        if (!points.count(line.front()) || !points.count(line.back()))
            continue;
        if (std::all_of(line.begin(), line.end(),
                        [&](const Coordinate& c) { return points.count(c) > 0; })) {
            for (bool against : {false, true}) {
                if (const EdgeId e = walk.piece_edge(p, against); e != kInvalidEdge)
                    edges.push_back(e);
            }
        }
    }
    return edges;
}

/// Adds each ranked stretch's loss of walking access to the shelters.
void add_shelter_access(const QueryContext& walk, const CriticalityQuery& query,
                        CriticalityAnswer& answer, const RoadNetwork& drive) {
    const CoverageAnswer coverage = answer_coverage(walk, query.coverage);
    std::vector<WalkTarget> targets;
    for (std::size_t s : coverage.shelters) {
        const Shelter& shelter = walk.resources.shelters[s];
        const auto at = snap_to_network(walk.graph.snaps(), walk.graph.components(),
                                        shelter.location, walk.snap_limit_m)
                            .snap;
        targets.push_back(
            {*at, query.coverage.radius_m[static_cast<std::size_t>(shelter.shelter_class)]});
    }
    std::vector<std::int64_t> population;
    for (const DemandPoint& p : coverage.demand.points)
        population.push_back(p.population);
    const Metric distance = walking_distance_metric(walk.graph.network(), walk.metric);
    const auto pairs = walking_reach(walk.graph, distance, coverage.demand_snaps, targets);
    for (CriticalStretch& c : answer.ranked) {
        throw_if_stopped(walk.stop, "the road criticality");
        c.losing_shelter_access = people_losing_shelter_access(
            walk.graph, distance, coverage.demand_snaps, population, targets, pairs,
            walking_edges_along(drive, walk.graph.network(), c.stretch));
    }
}

}  // namespace

const std::set<std::string>& main_road_classes() {
    static const std::set<std::string> classes = [] {
        std::set<std::string> osm{"motorway",       "trunk",         "primary",    "secondary",
                                  "tertiary",       "motorway_link", "trunk_link", "primary_link",
                                  "secondary_link", "tertiary_link"};
        // A Chinese office's classes (城市主干道, 一级公路, ...) by their nearest OSM class.
        std::set<std::string> all = osm;
        for (const ChineseRoadClass& c : chinese_road_classes()) {
            if (osm.count(std::string(c.osm_class)) > 0)
                all.insert(std::string(c.word));
        }
        return all;
    }();
    return classes;
}

CriticalityAnswer answer_criticality(const QueryContext& context, const CriticalityQuery& query,
                                     const QueryContext* walk) {
    if (query.top == 0)
        throw QueryError(ErrorCode::InvalidValue, "top: must be at least 1");
    CriticalityAnswer answer;
    answer.baseline = answer_response(context, query.response);
    const RoadNetwork& network = context.graph.network();
    const std::vector<RoadStretch> stretches = road_stretches(network, query.classes);
    if (stretches.empty()) {
        std::string names;
        for (const std::string& c : query.classes)
            names += (names.empty() ? "" : ", ") + c;
        throw QueryError(ErrorCode::InvalidValue,
                         "classes: the driving network has no road of " + names);
    }
    answer.stretch_count = stretches.size();
    std::vector<ResponseDemand> demand;
    for (std::size_t p = 0; p < answer.baseline.demand.points.size(); ++p)
        demand.push_back(
            {answer.baseline.demand_snaps[p], answer.baseline.demand.points[p].population});
    const auto started = std::chrono::steady_clock::now();
    const auto costs =
        stretch_criticality(context.graph, context.metric, *context.cch, answer.baseline.unit_snaps,
                            demand, answer.baseline.limits.drive_ms, stretches);
    answer.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (std::size_t k = 0; k < std::min(query.top, costs.size()); ++k) {
        const RoadStretch& s = stretches[costs[k].stretch];
        answer.ranked.push_back({s, costs[k], stretch_line(network, s), std::nullopt});
    }
    if (walk)
        add_shelter_access(*walk, query, answer, network);
    return answer;
}

}  // namespace muster::tools

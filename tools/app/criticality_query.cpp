#include "tools/app/criticality_query.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>
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

/// The walking network's edges along each stretch of the driving network: those of the pieces
/// whose every point is a point of the stretch (the same ways, cut at more nodes).
class WalkingEdgesAlong {
  public:
    explicit WalkingEdgesAlong(const RoadNetwork& walk) : m_walk(walk) {
        for (NodeId v : walk.nodes())
            m_node_at.emplace(walk.coordinate(v), v);
    }

    std::vector<EdgeId> operator()(const RoadNetwork& drive, const RoadStretch& stretch) const {
        std::unordered_set<Coordinate, CoordinateHash> points;
        for (PieceId p : stretch.pieces) {
            for (const Coordinate& c : drive.piece_points(p))
                points.insert(c);
        }
        std::set<PieceId> pieces;
        for (const Coordinate& c : points) {
            const auto node = m_node_at.find(c);
            if (node == m_node_at.end())
                continue;
            for (EdgeId e : m_walk.out_edges(node->second)) {
                const auto line = m_walk.piece_points(m_walk.piece(e));
                if (std::all_of(line.begin(), line.end(),
                                [&](const Coordinate& q) { return points.count(q) > 0; }))
                    pieces.insert(m_walk.piece(e));
            }
        }
        std::vector<EdgeId> edges;
        for (PieceId p : pieces) {
            for (bool against : {false, true}) {
                if (const EdgeId e = m_walk.piece_edge(p, against); e != kInvalidEdge)
                    edges.push_back(e);
            }
        }
        return edges;
    }

  private:
    const RoadNetwork& m_walk;
    std::unordered_map<Coordinate, NodeId, CoordinateHash> m_node_at;
};

/// Counts every stretch's loss of walking access to the shelters into its cost.
void add_shelter_access(const QueryContext& walk, const CriticalityQuery& query,
                        const RoadNetwork& drive, std::span<const RoadStretch> stretches,
                        std::vector<StretchCost>& costs) {
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
    ShelterAccessLoss loss(walk.graph, distance, coverage.demand_snaps, population, targets, pairs);
    const WalkingEdgesAlong along(walk.graph.network());
    for (StretchCost& c : costs) {
        throw_if_stopped(walk.stop, "the road criticality");
        c.losing_shelter_access = loss.people_losing(along(drive, stretches[c.stretch]));
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
                                     const QueryContext* walk, std::span<const StoredRoad> roads) {
    if (query.top == 0)
        throw QueryError(ErrorCode::InvalidValue, "top: must be at least 1");
    if (query.rank_by == StretchRanking::shelter_access && !walk)
        throw QueryError(ErrorCode::InvalidValue,
                         "rank-by: shelter access needs the walking network");
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
    auto costs =
        stretch_criticality(context.graph, context.metric, *context.cch, answer.baseline.unit_snaps,
                            demand, answer.baseline.limits.drive_ms, stretches);
    if (walk) {
        add_shelter_access(*walk, query, network, stretches, costs);
        answer.shelter_access_counted = true;
    }
    answer.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    rank_stretches(costs, query.rank_by);
    const std::vector<StretchRoads> labels = stretch_roads(network, stretches, roads);
    for (const StretchRoads& l : labels)
        answer.structure_count += l.bridge_m > 0 || l.tunnel_m > 0;
    for (std::size_t k = 0; k < costs.size() && answer.ranked.size() < query.top; ++k) {
        const std::size_t s = costs[k].stretch;
        if (query.structures_only && labels[s].bridge_m == 0 && labels[s].tunnel_m == 0)
            continue;
        answer.ranked.push_back(
            {k + 1, stretches[s], costs[k], labels[s], stretch_line(network, stretches[s])});
    }
    return answer;
}

StretchRanking parse_stretch_ranking(const std::string& word) {
    for (StretchRanking r : {StretchRanking::coverage, StretchRanking::response_time,
                             StretchRanking::shelter_access}) {
        if (word == to_string(r))
            return r;
    }
    throw QueryError(ErrorCode::InvalidValue, "rank-by: '" + word +
                                                  "' is not one of coverage, response-time, "
                                                  "shelter-access");
}

std::string_view to_string(StretchRanking ranking) {
    switch (ranking) {
        case StretchRanking::response_time:
            return "response-time";
        case StretchRanking::shelter_access:
            return "shelter-access";
        case StretchRanking::coverage:
            break;
    }
    return "coverage";
}

}  // namespace muster::tools

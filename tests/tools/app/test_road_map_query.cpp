// The roads of a map view (tools/app/road_map_query.hpp) on a line of four pieces drawn by hand
// on the equator, each 0.01° long: p0 (0-0.01) residential, p1 (0.01-0.02) primary, p2
// (0.02-0.03) of a class muster does not know, p3 (0.03-0.04) a primary link. By rank: p1 and p3
// (2), p0 (6), p2 (10).

#include <catch2/catch.hpp>

#include <vector>

#include "engine/routing_graph.hpp"
#include "tests/support/tiny_network.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/road_map_query.hpp"

using namespace muster;
using namespace muster::test;
using muster::tools::answer_road_map;
using muster::tools::RoadMapQuery;

namespace {

RoutingGraph four_pieces() {
    RoadNetworkArrays a =
        tiny_network(
            {{0, 0}, {0.01, 0}, {0.02, 0}, {0.03, 0}, {0.04, 0}},
            {{0, 1, 1000, 1000}, {1, 2, 1000, 1000}, {2, 3, 1000, 1000}, {3, 4, 1000, 1000}})
            .arrays();
    a.class_names = {"residential", "primary", "farm_track", "primary_link"};
    for (std::size_t e = 0; e < a.edge_piece.size(); ++e) {
        const EdgeId edge(static_cast<std::uint32_t>(e));
        a.road_class[edge] =
            static_cast<std::uint8_t>(a.edge_piece[edge] & ~RoadNetwork::kReversedBit);
    }
    return RoutingGraph(RoadNetwork(std::move(a)));
}

std::vector<PieceId> pieces(std::initializer_list<std::uint32_t> ids) {
    std::vector<PieceId> out;
    for (std::uint32_t id : ids)
        out.emplace_back(id);
    return out;
}

}  // namespace

TEST_CASE("road map ranks classes, links with their road, unknown ones last") {
    CHECK(tools::road_class_rank("motorway") == 0);
    CHECK(tools::road_class_rank("primary") == 2);
    CHECK(tools::road_class_rank("primary_link") == 2);
    CHECK(tools::road_class_rank("ferry") == 4);
    CHECK(tools::road_class_rank("residential") == 6);
    CHECK(tools::road_class_rank("farm_track") == tools::kUnknownRoadRank);
    // A Chinese class as a county's Shapefile names it ranks with its OSM class (CJJ 37-2012's
    // 快速路 is trunk, 主干道 primary, 次干道 secondary, 支路 residential).
    CHECK(tools::road_class_rank("城市快速路") == 1);
    CHECK(tools::road_class_rank("城市主干道") == 2);
    CHECK(tools::road_class_rank("次干道") == 3);
    CHECK(tools::road_class_rank("支路") == 6);
    CHECK(tools::road_class_rank("轮渡") == 4);
    CHECK(tools::road_class_rank("人行道") == tools::kUnknownRoadRank);  // footway: not drawn
    CHECK(tools::parse_min_class("tertiary", "min_class") == 4);
    CHECK_THROWS_AS(tools::parse_min_class("primary_link", "min_class"), tools::QueryError);
}

TEST_CASE("road map keeps the pieces in the box, the highest classes first up to the limit") {
    const RoutingGraph graph = four_pieces();
    RoadMapQuery query;
    query.box = {-1, -1, 1, 1};
    auto answer = answer_road_map(graph, query);
    CHECK(answer.pieces == pieces({1, 3, 0, 2}));
    CHECK_FALSE(answer.truncated);

    query.limit = 2;  // the two rank-2 pieces
    answer = answer_road_map(graph, query);
    CHECK(answer.pieces == pieces({1, 3}));
    CHECK(answer.truncated);

    query.limit = 4;
    query.max_rank = tools::parse_min_class("residential", "min_class");
    CHECK(answer_road_map(graph, query).pieces == pieces({1, 3, 0}));

    query.max_rank = tools::kUnknownRoadRank;
    query.box = {0.022, -0.001, 0.028, 0.001};  // inside p2 only
    CHECK(answer_road_map(graph, query).pieces == pieces({2}));
    query.box = {0.002, 0.001, 0.008, 0.002};  // north of p0, touching nothing
    CHECK(answer_road_map(graph, query).pieces.empty());
}

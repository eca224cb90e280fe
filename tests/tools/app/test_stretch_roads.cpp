// stretch_roads (tools/app/stretch_roads.hpp) on a primary road along the equator, by hand: Main
// Street from 0° to 0.003° (with a bend point at 0.001°), its bridge from 0.003° to 0.004°, then
// River Road's tunnel to 0.005°. No side road meets it, so it is one stretch; 0.001° of
// longitude on the equator is 111.319 m.

#include <catch2/catch.hpp>

#include <vector>

#include "engine/network_builder.hpp"
#include "tools/app/stretch_roads.hpp"

using namespace muster;
using namespace muster::tools;

namespace {

constexpr double kMetresPer0001 = 111.319491;

RoadWay primary(const char* id, std::vector<LonLat> points) {
    RoadWay way;
    way.id = id;
    way.road_class = "primary";
    way.points = std::move(points);
    way.drive = {true, true, 50};
    return way;
}

}  // namespace

TEST_CASE(
    "stretch_roads names a stretch by its roads, longest first, and measures its structures") {
    const std::vector<RoadWay> ways{primary("a", {{0, 0}, {0.001, 0}, {0.003, 0}}),
                                    primary("b", {{0.003, 0}, {0.004, 0}}),
                                    primary("c", {{0.005, 0}, {0.004, 0}})};  // drawn backwards
    const RoadNetwork network = build_road_network(ways, Profile::drive);
    const auto stretches = road_stretches(network, {"primary"});
    REQUIRE(stretches.size() == 1);
    std::vector<StoredRoad> roads{
        {"a", "Main Street", "primary", RoadStructure::none, ways[0].points},
        {"b", "Main Street", "primary", RoadStructure::bridge, ways[1].points},
        {"c", "River Road", "primary", RoadStructure::tunnel, ways[2].points}};

    const auto labels = stretch_roads(network, stretches, roads);
    REQUIRE(labels.size() == 1);
    CHECK(labels[0].name == "Main Street / River Road");  // 445.3 m, then 111.3 m
    CHECK(labels[0].bridge_m == Approx(kMetresPer0001).epsilon(1e-5));
    CHECK(labels[0].tunnel_m == Approx(kMetresPer0001).epsilon(1e-5));
    CHECK(labels[0].structures() == "bridge, tunnel");

    SECTION("a name's length is summed over its roads; unnamed roads are left out") {
        roads[0].name = "";
        roads[1].name = "River Road";
        roads[2].points = {{0.004, 0}, {0.005, 0}};  // drawn the other way: the same segment
        const auto renamed = stretch_roads(network, stretches, roads);
        CHECK(renamed[0].name == "River Road");
        CHECK(renamed[0].tunnel_m == Approx(kMetresPer0001).epsilon(1e-5));
    }
    SECTION("roads the table does not hold add nothing") {
        const auto none = stretch_roads(network, stretches, {});
        CHECK(none[0].name.empty());
        CHECK(none[0].bridge_m == 0);
        CHECK(none[0].structures().empty());
    }
}

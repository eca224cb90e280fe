// Strongly connected components, which of them are small, and the facility checks built on them.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/components.hpp"
#include "engine/facility_snapping.hpp"
#include "engine/network_builder.hpp"
#include "engine/snapping.hpp"

using muster::Components;
using muster::EdgeId;
using muster::FacilityRef;
using muster::LonLat;
using muster::NodeId;
using muster::Profile;
using muster::RoadNetwork;
using muster::RoadWay;
using muster::WayAccess;

namespace {

constexpr WayAccess kTwoWay{true, true, 25.0};
constexpr WayAccess kOneWay{true, false, 25.0};

RoadWay road(std::string id, std::vector<LonLat> points, WayAccess drive = kTwoWay) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = "residential";
    way.points = std::move(points);
    way.drive = drive;
    way.walk = {true, true, 5.0};
    return way;
}

// At the equator, 0.001° ≈ 111 m. Coordinates of the map below.
constexpr LonLat a{0, 0}, b{0.001, 0}, c{0.001, 0.001}, d{0, 0.001};
constexpr LonLat g{0.002, 0}, h{0, -0.001};
constexpr LonLat e{0.011, 0}, f{0.012, 0};

/// A main loop, a dead end, a source and an island:
///
///   d ------ c
///   |        |                     e ------ f     two-way island, 0.009° (1 km) east of g
///   |        |
///   a ------ b ----> g             b → g oneway: g can be entered but not left
///   ^
///   |                              h → a oneway: h can be left but not entered
///   h
///
/// Strongly connected components, by hand: {a, b, c, d} (two-way loop), {g}, {h}, {e, f}: 4.
RoadNetwork map() {
    const std::vector<RoadWay> ways{
        road("ab", {a, b}), road("bc", {b, c}),          road("cd", {c, d}),
        road("da", {d, a}), road("bg", {b, g}, kOneWay), road("ha", {h, a}, kOneWay),
        road("ef", {e, f}),
    };
    return muster::build_road_network(ways, Profile::drive);
}

NodeId node_at(const RoadNetwork& network, LonLat p) {
    const auto wanted = muster::Coordinate::from(p);
    for (NodeId u : network.nodes()) {
        if (network.coordinate(u) == wanted)
            return u;
    }
    return muster::kInvalidNode;
}

EdgeId edge(const RoadNetwork& network, LonLat from, LonLat to) {
    const NodeId u = node_at(network, from), v = node_at(network, to);
    for (EdgeId k : network.out_edges(u)) {
        if (network.head(k) == v)
            return k;
    }
    return muster::kInvalidEdge;
}

}  // namespace

TEST_CASE("strongly connected components of a loop, a dead end, a source and an island") {
    const RoadNetwork net = map();
    REQUIRE(net.node_count() == 8);
    REQUIRE(net.edge_count() == 12);  // loop 4 × 2, island 2, two oneways

    const Components comp = muster::strongly_connected_components(net);
    REQUIRE(comp.count() == 4);
    REQUIRE(comp.of_node.size() == 8);

    auto of = [&](LonLat p) { return comp.of_node[node_at(net, p)]; };
    REQUIRE(of(a) == of(b));
    REQUIRE(of(a) == of(c));
    REQUIRE(of(a) == of(d));
    REQUIRE(of(e) == of(f));
    REQUIRE(of(e) != of(a));
    REQUIRE(of(g) != of(a));
    REQUIRE(of(h) != of(a));
    REQUIRE(of(g) != of(h));

    REQUIRE(comp.largest == of(a));
    REQUIRE(comp.size[of(a)] == 4);
    REQUIRE(comp.size[of(e)] == 2);
    REQUIRE(comp.size[of(g)] == 1);
    REQUIRE(comp.size[of(h)] == 1);
}

TEST_CASE("the island, the dead end and the source are small but the main loop is not") {
    const RoadNetwork net = map();
    const Components comp = muster::strongly_connected_components(net);
    auto of = [&](LonLat p) { return comp.of_node[node_at(net, p)]; };
    REQUIRE_FALSE(comp.is_small(of(a)));
    REQUIRE(comp.is_small(of(e)));
    REQUIRE(comp.is_small(of(g)));
    REQUIRE(comp.is_small(of(h)));
}

TEST_CASE("edge_on_small is true when either end of the edge is on a small component") {
    const RoadNetwork net = map();
    const Components comp = muster::strongly_connected_components(net);
    REQUIRE_FALSE(comp.edge_on_small(net, edge(net, a, b)));
    REQUIRE_FALSE(comp.edge_on_small(net, edge(net, c, d)));
    REQUIRE(comp.edge_on_small(net, edge(net, b, g)));  // head small
    REQUIRE(comp.edge_on_small(net, edge(net, h, a)));  // tail small
    REQUIRE(comp.edge_on_small(net, edge(net, e, f)));  // both small
}

TEST_CASE("is_small: fewer than max(50, 1 % of all nodes), never the largest") {
    SECTION("100 nodes: the threshold is 50") {
        Components comp;
        comp.of_node.assign(100, 0);
        comp.size = {51, 49};
        comp.largest = 0;
        REQUIRE_FALSE(comp.is_small(0));
        REQUIRE(comp.is_small(1));  // 49 < 50

        comp.size = {50, 50};  // a tie: the other half is not small (50 is not < 50)
        REQUIRE_FALSE(comp.is_small(1));
    }
    SECTION("6000 nodes: the threshold is 1 % = 60") {
        Components comp;
        comp.of_node.assign(6000, 0);
        comp.size = {5881, 60, 59};  // 5881 + 60 + 59 = 6000
        comp.largest = 0;
        REQUIRE_FALSE(comp.is_small(0));
        REQUIRE_FALSE(comp.is_small(1));  // 60 is not < 60: an island of real size
        REQUIRE(comp.is_small(2));        // 59 < 60
    }
    SECTION("the largest component is not small however few nodes it has") {
        Components comp;
        comp.of_node.assign(5, 0);
        comp.size = {3, 2};
        comp.largest = 0;
        REQUIRE_FALSE(comp.is_small(0));
        REQUIRE(comp.is_small(1));
    }
}

TEST_CASE("snapping_problems reports facilities off the network or on small components") {
    const RoadNetwork net = map();
    const Components comp = muster::strongly_connected_components(net);
    const muster::SnapIndex index(net);

    // Each facility is 0.0001° (11.06 m in latitude, 11.13 m in longitude: "11 m") beside a road,
    // except S3: 0.019° north of c d = 0.019 × 110574.2758 = 2100.9 m, past the 1 km limit.
    const std::vector<FacilityRef> facilities{
        {"shelters", "S1", {0.0005, 0.0001}},  // beside a b, on the main loop
        {"shelters", "S2", {0.0115, 0.0001}},  // beside e f, the island
        {"teams", "T1", {0.0015, 0.0001}},     // beside b → g, into the dead end
        {"teams", "T2", {0.0001, -0.0005}},    // beside h → a, out of the source
        {"shelters", "S3", {0.0005, 0.020}},   // 2.1 km north of everything
    };
    const auto problems = muster::snapping_problems(index, comp, facilities);
    REQUIRE(problems.size() == 4);  // all but S1

    for (const auto& p : problems) {
        REQUIRE(p.kind == "network");
        REQUIRE(p.location.has_value());
    }

    REQUIRE(problems[0].feature_id == "S2");
    REQUIRE(problems[0].source == "shelters");
    REQUIRE_THAT(problems[0].message, Catch::Contains("small isolated part of the drive network"));
    REQUIRE_THAT(problems[0].message, Catch::Contains("(2 nodes, 11 m away)"));
    REQUIRE(*problems[0].location == facilities[1].location);

    REQUIRE(problems[1].feature_id == "T1");
    REQUIRE(problems[1].source == "teams");
    REQUIRE_THAT(problems[1].message, Catch::Contains("(1 node, 11 m away)"));

    // The small part here is h (1 node), the tail of h → a, not a's 4-node main loop.
    REQUIRE(problems[2].feature_id == "T2");
    REQUIRE_THAT(problems[2].message, Catch::Contains("(1 node, 11 m away)"));

    REQUIRE(problems[3].feature_id == "S3");
    REQUIRE_THAT(problems[3].message, Catch::Contains("farther than 1000 m"));
    REQUIRE_THAT(problems[3].message, Catch::Contains("not routable"));
}

TEST_CASE("snapping_problems honours a larger limit") {
    const RoadNetwork net = map();
    const Components comp = muster::strongly_connected_components(net);
    const muster::SnapIndex index(net);
    // 2100.9 m from c d: within a 3 km limit, and the main loop is not small, so no problem.
    const std::vector<FacilityRef> facilities{{"shelters", "S3", {0.0005, 0.020}}};
    REQUIRE(muster::snapping_problems(index, comp, facilities, 3000).empty());
    const auto problems = muster::snapping_problems(index, comp, facilities, 2000);
    REQUIRE(problems.size() == 1);
    REQUIRE_THAT(problems[0].message, Catch::Contains("farther than 2000 m"));
}

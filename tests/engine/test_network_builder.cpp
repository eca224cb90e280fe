// Building the routable network from road ways: nodes at shared vertices, pieces between them,
// edges per allowed direction with hand-computed lengths and travel times; and the invariants
// RoadNetwork checks when it is given arrays.
//
// All maps are at the equator with vertices 0.001° apart, so (see test_geodesic.cpp):
//   0.001° east-west  = a·π/180 × 0.001        = 111.3194908 m → 111319 mm
//   0.001° north-south = a(1 − e²)·π/180 × 0.001 = 110.5742758 m → 110574 mm
// (on [0°, 0.002°] of latitude cos φ and the radii differ from their equator values by < 1e-9).
// Lengths are compared to within 2 mm; durations are exact integers computed from the metres.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/network_builder.hpp"
#include "tests/support/ids.hpp"

using namespace muster::test::id_literals;
using muster::Coordinate;
using muster::EdgeId;
using muster::LonLat;
using muster::NodeId;
using muster::Profile;
using muster::RoadNetwork;
using muster::RoadWay;
using muster::WayAccess;

namespace {

constexpr double kEastWestMm = 111319.4908;    // 0.001° of longitude on the equator
constexpr double kNorthSouthMm = 110574.2758;  // 0.001° of latitude at the equator

constexpr WayAccess kTwoWay25{true, true, 25.0};  // a residential road
constexpr WayAccess kForward25{true, false, 25.0};
constexpr WayAccess kBackward25{false, true, 25.0};
constexpr WayAccess kWalk{true, true, 5.0};
constexpr WayAccess kNone{};

RoadWay road(std::string id, std::vector<LonLat> points, WayAccess drive = kTwoWay25,
             WayAccess walk = kWalk, std::string road_class = "residential") {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = std::move(road_class);
    way.points = std::move(points);
    way.drive = drive;
    way.walk = walk;
    return way;
}

/// The node at p, or kInvalidNode.
NodeId node_at(const RoadNetwork& network, LonLat p) {
    const Coordinate c = Coordinate::from(p);
    for (NodeId u : network.nodes()) {
        if (network.coordinate(u) == c)
            return u;
    }
    return muster::kInvalidNode;
}

/// The edges from u to v.
std::vector<EdgeId> edges_between(const RoadNetwork& network, NodeId u, NodeId v) {
    std::vector<EdgeId> found;
    for (EdgeId e : network.out_edges(u)) {
        if (network.head(e) == v)
            found.push_back(e);
    }
    return found;
}

std::size_t out_degree(const RoadNetwork& network, NodeId u) {
    return network.end_out(u) - network.first_out(u);
}

/// 3 × 3 grid of two-way residential roads, three east-west and three north-south ways:
///
///   0.002   g ---- h ---- i
///           |      |      |
///   0.001   d ---- e ---- f
///           |      |      |
///   0       a ---- b ---- c
///           0    0.001  0.002
std::vector<RoadWay> grid() {
    std::vector<RoadWay> ways;
    for (int k = 0; k < 3; ++k) {
        const double t = 0.001 * k;
        ways.push_back(road("row" + std::to_string(k), {{0, t}, {0.001, t}, {0.002, t}}));
        ways.push_back(road("col" + std::to_string(k), {{t, 0}, {t, 0.001}, {t, 0.002}}));
    }
    return ways;
}

}  // namespace

TEST_CASE("a 3x3 grid of two-way roads has 9 nodes and 24 edges of hand-computed length") {
    const auto ways = grid();
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);

    // Every vertex is a way end or shared by a row and a column: 9 nodes. Each of the 6 ways is
    // cut at its middle vertex into 2 pieces: 12 pieces, each two-way: 24 edges.
    REQUIRE(net.profile() == Profile::drive);
    REQUIRE(net.node_count() == 9);
    REQUIRE(net.piece_count() == 12);
    REQUIRE(net.edge_count() == 24);

    // Out-degrees: corner 2, side 3, centre 4.
    REQUIRE(out_degree(net, node_at(net, {0, 0})) == 2);
    REQUIRE(out_degree(net, node_at(net, {0.001, 0})) == 3);
    REQUIRE(out_degree(net, node_at(net, {0.001, 0.001})) == 4);

    // Durations at 25 km/h = 6.944 m/s:
    //   east-west   111.3194908 m × 3.6 / 25 = 16.0300067 s → 16030 ms
    //   north-south 110.5742758 m × 3.6 / 25 = 15.9226957 s → 15923 ms
    for (EdgeId e : net.edges()) {
        const Coordinate from = net.coordinate(net.tail(e));
        const Coordinate to = net.coordinate(net.head(e));
        const bool east_west = from.lat_e7 == to.lat_e7;
        // Neighbours only: one step of 0.001° = 10000 units in exactly one axis.
        REQUIRE(std::abs(from.lon_e7 - to.lon_e7) + std::abs(from.lat_e7 - to.lat_e7) == 10000);
        REQUIRE(net.arrays().length_mm[e] ==
                Approx(east_west ? kEastWestMm : kNorthSouthMm).margin(2));
        REQUIRE(net.duration_ms(e) == (east_west ? 16030u : 15923u));
        REQUIRE(net.road_class(e) == "residential");
    }
}

TEST_CASE("two-way ways give two edges, oneway=yes one edge, oneway=-1 one reversed edge") {
    //   a ----> b     0.002   oneway forward
    //   c <---- d     0.001   digitised c → d, driven d → c only
    //   e <---> f     0       two-way
    //   0     0.001
    const std::vector<RoadWay> ways{
        road("ab", {{0, 0.002}, {0.001, 0.002}}, kForward25),
        road("cd", {{0, 0.001}, {0.001, 0.001}}, kBackward25),
        road("ef", {{0, 0}, {0.001, 0}}, kTwoWay25),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 6);
    REQUIRE(net.edge_count() == 4);  // 1 + 1 + 2

    const NodeId a = node_at(net, {0, 0.002}), b = node_at(net, {0.001, 0.002});
    const NodeId c = node_at(net, {0, 0.001}), d = node_at(net, {0.001, 0.001});
    const NodeId e = node_at(net, {0, 0}), f = node_at(net, {0.001, 0});

    REQUIRE(edges_between(net, a, b).size() == 1);
    REQUIRE(edges_between(net, b, a).empty());
    REQUIRE_FALSE(net.reversed(edges_between(net, a, b)[0]));

    REQUIRE(edges_between(net, c, d).empty());
    const auto dc = edges_between(net, d, c);
    REQUIRE(dc.size() == 1);
    REQUIRE(net.reversed(dc[0]));
    // Its piece is stored in the digitised direction c → d.
    const auto piece = net.piece_points(net.piece(dc[0]));
    REQUIRE(piece.front() == net.coordinate(c));
    REQUIRE(piece.back() == net.coordinate(d));

    REQUIRE(edges_between(net, e, f).size() == 1);
    REQUIRE(edges_between(net, f, e).size() == 1);
}

TEST_CASE("a way crossing another at a shared interior vertex is split into a node there") {
    //          d (0.001, 0.001)
    //          |
    //   a ---- b ---- c        way 1: a b c, way 2: d b e; b is interior to both
    //          |
    //          e (0.001, -0.001)
    const std::vector<RoadWay> ways{
        road("abc", {{0, 0}, {0.001, 0}, {0.002, 0}}),
        road("dbe", {{0.001, 0.001}, {0.001, 0}, {0.001, -0.001}}),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 5);
    REQUIRE(net.piece_count() == 4);
    REQUIRE(net.edge_count() == 8);

    const NodeId b = node_at(net, {0.001, 0});
    REQUIRE(b != muster::kInvalidNode);
    REQUIRE(out_degree(net, b) == 4);
    const auto ab = edges_between(net, node_at(net, {0, 0}), b);
    const auto db = edges_between(net, node_at(net, {0.001, 0.001}), b);
    REQUIRE(ab.size() == 1);
    REQUIRE(db.size() == 1);
    REQUIRE(net.arrays().length_mm[ab[0]] == Approx(kEastWestMm).margin(2));
    REQUIRE(net.arrays().length_mm[db[0]] == Approx(kNorthSouthMm).margin(2));
}

TEST_CASE("a way passing over another without a shared vertex is not joined to it") {
    //          d
    //          |
    //   a -----+----- c        a bridge: a c and d e cross at (0.001, 0) with no vertex there
    //          |
    //          e
    const std::vector<RoadWay> ways{
        road("ac", {{0, 0}, {0.002, 0}}),
        road("de", {{0.001, 0.001}, {0.001, -0.001}}),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 4);
    REQUIRE(net.edge_count() == 4);
    REQUIRE(node_at(net, {0.001, 0}) == muster::kInvalidNode);
    // a → c is the whole 0.002° = 222.6389816 m.
    const auto ac = edges_between(net, node_at(net, {0, 0}), node_at(net, {0.002, 0}));
    REQUIRE(ac.size() == 1);
    REQUIRE(net.arrays().length_mm[ac[0]] == Approx(2 * kEastWestMm).margin(2));
}

TEST_CASE("consecutive duplicate points of a way are ignored") {
    // a a b b' c, where b' differs from b by 1e-9° (below the 1e-7° resolution): one piece a b c.
    const std::vector<RoadWay> ways{
        road("dup", {{0, 0}, {0, 0}, {0.001, 0}, {0.001 + 1e-9, 0}, {0.002, 0}}),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 2);
    REQUIRE(net.piece_count() == 1);
    REQUIRE(net.edge_count() == 2);
    const auto points = net.piece_points(0_piece);
    REQUIRE(points.size() == 3);
    REQUIRE(points[1] == Coordinate::from({0.001, 0}));
    REQUIRE(net.arrays().length_mm[0_edge] == Approx(2 * kEastWestMm).margin(2));
}

TEST_CASE("a way with fewer than two distinct points contributes nothing") {
    const std::vector<RoadWay> ways{road("point", {{5, 5}, {5, 5}}), road("empty", {})};
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 0);
    REQUIRE(net.edge_count() == 0);
    REQUIRE(net.piece_count() == 0);
}

TEST_CASE("a closed way with no other junction is cut in two so no self-loop appears") {
    //   d ---- c
    //   |      |      one way a b c d a; a is its only node (visited twice), so it is cut
    //   |      |      once more at its middle vertex c: pieces a b c and c d a
    //   a ---- b
    const std::vector<RoadWay> ways{
        road("ring", {{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}, {0, 0}}),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 2);
    REQUIRE(net.piece_count() == 2);
    REQUIRE(net.edge_count() == 4);
    const NodeId a = node_at(net, {0, 0});
    const NodeId c = node_at(net, {0.001, 0.001});
    REQUIRE(a != muster::kInvalidNode);
    REQUIRE(c != muster::kInvalidNode);
    for (EdgeId e : net.edges()) {
        REQUIRE(net.tail(e) != net.head(e));
        // Each half: 0.001° east-west + 0.001° north-south = 221.8937666 m.
        REQUIRE(net.arrays().length_mm[e] == Approx(kEastWestMm + kNorthSouthMm).margin(2));
    }
    REQUIRE(edges_between(net, a, c).size() == 2);  // one along each half
    REQUIRE(edges_between(net, c, a).size() == 2);
}

TEST_CASE("a oneway closed way (a roundabout) becomes a two-edge cycle") {
    const std::vector<RoadWay> ways{
        road("roundabout", {{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}, {0, 0}}, kForward25),
    };
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.node_count() == 2);
    REQUIRE(net.edge_count() == 2);
    const NodeId a = node_at(net, {0, 0});
    const NodeId c = node_at(net, {0.001, 0.001});
    REQUIRE(edges_between(net, a, c).size() == 1);
    REQUIRE(edges_between(net, c, a).size() == 1);
}

TEST_CASE("a way the profile cannot use is left out, and does not create a junction") {
    //   a ---- b ---- c     residential (drive and walk)
    //          |
    //          d            footway b d (walk only)
    const std::vector<RoadWay> ways{
        road("abc", {{0, 0}, {0.001, 0}, {0.002, 0}}),
        road("bd", {{0.001, 0}, {0.001, -0.001}}, kNone, kWalk, "footway"),
    };

    const RoadNetwork drive = muster::build_road_network(ways, Profile::drive);
    // Without the footway b is an ordinary interior vertex: nodes a and c only.
    REQUIRE(drive.node_count() == 2);
    REQUIRE(drive.edge_count() == 2);
    REQUIRE(node_at(drive, {0.001, 0}) == muster::kInvalidNode);
    REQUIRE(node_at(drive, {0.001, -0.001}) == muster::kInvalidNode);
    REQUIRE(drive.arrays().class_names == std::vector<std::string>{"residential"});

    const RoadNetwork walk = muster::build_road_network(ways, Profile::walk);
    REQUIRE(walk.profile() == Profile::walk);
    REQUIRE(walk.node_count() == 4);  // a b c d
    REQUIRE(walk.edge_count() == 6);  // 3 pieces, both directions
    const auto bd = edges_between(walk, node_at(walk, {0.001, 0}), node_at(walk, {0.001, -0.001}));
    REQUIRE(bd.size() == 1);
    REQUIRE(walk.road_class(bd[0]) == "footway");
    // Walking 110.5742758 m at 5 km/h: × 3.6 / 5 = 79.6134786 s → 79613 ms.
    REQUIRE(walk.duration_ms(bd[0]) == 79613u);
}

TEST_CASE("duration_ms is the length over the speed, rounded to the millisecond") {
    // 0.01° along the equator = 1113.1949079 m at 40 km/h:
    //   1113.1949079 × 3.6 / 40 = 100.18754 s → 100188 ms (truncating would give 100187);
    //   length 1113194.908 mm → 1113195 mm.
    const std::vector<RoadWay> ways{road("long", {{0, 0}, {0.01, 0}}, WayAccess{true, true, 40})};
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    REQUIRE(net.edge_count() == 2);
    for (EdgeId e : {0_edge, 1_edge}) {
        REQUIRE(net.arrays().length_mm[e] == 1113195u);
        REQUIRE(net.duration_ms(e) == 100188u);
        REQUIRE(net.length_m(e) == Approx(1113.195).margin(1e-9));
        REQUIRE(net.duration_s(e) == Approx(100.188).margin(1e-9));
    }
}

TEST_CASE("every edge's piece runs from the edge's tail to its head") {
    const auto ways = grid();
    const RoadNetwork net = muster::build_road_network(ways, Profile::drive);
    for (EdgeId e : net.edges()) {
        const auto points = net.piece_points(net.piece(e));
        REQUIRE(points.size() == 2);  // grid pieces are single segments
        const Coordinate start = net.reversed(e) ? points.back() : points.front();
        const Coordinate end = net.reversed(e) ? points.front() : points.back();
        REQUIRE(start == net.coordinate(net.tail(e)));
        REQUIRE(end == net.coordinate(net.head(e)));
        // And the piece knows its edge back.
        REQUIRE(net.piece_edge(net.piece(e), net.reversed(e)) == e);
    }
}

TEST_CASE("building the same ways twice gives identical arrays") {
    const auto ways = grid();
    const RoadNetwork one = muster::build_road_network(ways, Profile::drive);
    const RoadNetwork two = muster::build_road_network(ways, Profile::drive);
    const auto& a = one.arrays();
    const auto& b = two.arrays();
    REQUIRE(a.first_out == b.first_out);
    REQUIRE(a.head == b.head);
    REQUIRE(a.length_mm == b.length_mm);
    REQUIRE(a.duration_ms == b.duration_ms);
    REQUIRE(a.road_class == b.road_class);
    REQUIRE(a.edge_piece == b.edge_piece);
    REQUIRE(a.node_coordinate == b.node_coordinate);
    REQUIRE(a.piece_first_point == b.piece_first_point);
    REQUIRE(a.piece_points == b.piece_points);
    REQUIRE(a.class_names == b.class_names);
}

TEST_CASE("RoadNetwork rejects arrays that break its invariants with a DataError naming it") {
    const auto ways = grid();
    const RoadNetwork built = muster::build_road_network(ways, Profile::drive);
    const muster::RoadNetworkArrays good = built.arrays();
    REQUIRE(good.first_out.size() == built.node_count() + 1);
    REQUIRE(good.head.size() == built.edge_count());
    const auto n = NodeId(static_cast<std::uint32_t>(built.node_count()));
    const auto m = EdgeId(static_cast<std::uint32_t>(built.edge_count()));

    // The uncorrupted copy is accepted and gives the same network back.
    const RoadNetwork again(good);
    REQUIRE(again.node_count() == 9);
    REQUIRE(again.edge_count() == 24);

    auto rejects = [&](auto corrupt, const std::string& invariant) {
        muster::RoadNetworkArrays bad = good;
        corrupt(bad);
        REQUIRE_THROWS_AS(RoadNetwork(bad), muster::DataError);
        REQUIRE_THROWS_WITH(RoadNetwork(bad), Catch::Contains(invariant));
    };

    SECTION("a head out of range") {
        rejects([n](auto& a) { a.head[0_edge] = n; }, "every head is a node");
    }
    SECTION("first_out not ending at edge_count") {
        rejects([m](auto& a) { a.first_out.back() = EdgeId(m.value() - 1); },
                "first_out runs from 0 to edge_count");
    }
    SECTION("first_out of the wrong size") {
        rejects([](auto& a) { a.first_out.pop_back(); }, "first_out has node_count + 1 entries");
    }
    SECTION("first_out decreasing") {
        rejects([](auto& a) { a.first_out[1_node] = a.first_out[2_node] + 1; },
                "first_out never decreases");
    }
    SECTION("an edge attribute array of the wrong length") {
        rejects([](auto& a) { a.length_mm.pop_back(); },
                "one length, duration, class and piece per edge");
    }
    SECTION("an edge on a piece that does not exist") {
        rejects(
            [](auto& a) {
                a.edge_piece[0_edge] = static_cast<std::uint32_t>(a.piece_first_point.size() - 1);
            },
            "every edge runs along a piece");
    }
    SECTION("an edge whose piece runs the other way") {
        rejects([](auto& a) { a.edge_piece[0_edge] ^= RoadNetwork::kReversedBit; },
                "an edge's piece runs from its tail to its head");
    }
    SECTION("a piece of one point") {
        rejects([](auto& a) { a.piece_first_point[1_piece] = a.piece_first_point[0_piece] + 1; },
                "every piece has at least 2 points");
    }
    SECTION("a road class without a name") {
        rejects(
            [](auto& a) { a.road_class[0_edge] = static_cast<std::uint8_t>(a.class_names.size()); },
            "every road class is named");
    }
}

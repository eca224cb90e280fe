// append_edge_geometry, append_edge_after/before and append_path_geometry
// (engine/path_geometry.hpp): edges cut at fractions of their length or at snapped points, on roads
// along the equator, where the geodesic runs along the equator and its length is exactly
// proportional to the difference in longitude (a·Δλ), so every cut point is found by hand.

#include <catch2/catch.hpp>

#include <vector>

#include "engine/path_geometry.hpp"
#include "tests/support/helpers_taken.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::edge_between;
using muster::test::tiny_network;

namespace {

constexpr NodeId A{0}, B{1}, C{2};

// A (0,0) --- shape point (0.001,0) --------- B (0.003,0) --- C (0.004,0)
// Road A-B has segments of 0.001° and 0.002° of longitude: a third and two thirds of its length.
RoadNetwork equator_map() {
    return tiny_network({{0, 0}, {0.003, 0}, {0.004, 0}},
                        {{A, B, 30'000, 333'958, false, {{0.001, 0}}}, {B, C, 10'000, 111'319}});
}

void check_line(const std::vector<LonLat>& got, const std::vector<double>& lons) {
    REQUIRE(got.size() == lons.size());
    for (std::size_t i = 0; i < lons.size(); ++i) {
        CHECK(got[i].lon == Approx(lons[i]).margin(1e-10));
        CHECK(got[i].lat == Approx(0.0).margin(1e-12));
    }
}

}  // namespace

TEST_CASE("append_edge_geometry gives a whole edge as its polyline") {
    const RoadNetwork network = equator_map();
    std::vector<LonLat> line;
    append_edge_geometry(network, edge_between(network, A, B), 0.0, 1.0, line);
    check_line(line, {0, 0.001, 0.003});
}

TEST_CASE("append_edge_geometry cuts an edge at fractions of its length") {
    const RoadNetwork network = equator_map();
    const EdgeId ab = edge_between(network, A, B);
    std::vector<LonLat> line;
    // 0.5 of 0.003°: 0.0015°, inside the second segment; the shape point is before it.
    append_edge_geometry(network, ab, 0.5, 1.0, line);
    check_line(line, {0.0015, 0.003});

    // 0.1 → 0.0003°, then the shape point at 0.001° (a third), then 0.5 → 0.0015°.
    line.clear();
    append_edge_geometry(network, ab, 0.1, 0.5, line);
    check_line(line, {0.0003, 0.001, 0.0015});

    // Both cuts inside one segment: no shape point between them. 0.4 → 0.0012°, 0.6 → 0.0018°.
    line.clear();
    append_edge_geometry(network, ab, 0.4, 0.6, line);
    check_line(line, {0.0012, 0.0018});

    // A cut exactly at the shape point (1/3) does not repeat it.
    line.clear();
    append_edge_geometry(network, ab, 0.0, 1.0 / 3.0, line);
    check_line(line, {0, 0.001});
}

TEST_CASE("append_edge_geometry measures fractions from the tail of a reversed edge") {
    const RoadNetwork network = equator_map();
    const EdgeId ba = edge_between(network, B, A);
    REQUIRE(network.reversed(ba));
    std::vector<LonLat> line;
    // From B (0.003) westwards: 0.5 → 0.0015°.
    append_edge_geometry(network, ba, 0.0, 0.5, line);
    check_line(line, {0.003, 0.0015});
    // 0.25 → 0.003 - 0.00075 = 0.00225°, then the shape point, then A.
    line.clear();
    append_edge_geometry(network, ba, 0.25, 1.0, line);
    check_line(line, {0.00225, 0.001, 0});
}

TEST_CASE("append_edge_geometry joins consecutive edges without repeating the node") {
    const RoadNetwork network = equator_map();
    std::vector<LonLat> line;
    append_edge_geometry(network, edge_between(network, A, B), 2.0 / 3.0, 1.0, line);  // 0.002° on
    append_edge_geometry(network, edge_between(network, B, C), 0.0, 0.5, line);
    check_line(line, {0.002, 0.003, 0.0035});
}

TEST_CASE("append_edge_geometry of an empty stretch is one point and fractions are clamped") {
    const RoadNetwork network = equator_map();
    const EdgeId ab = edge_between(network, A, B);
    std::vector<LonLat> line;
    append_edge_geometry(network, ab, 0.4, 0.4, line);
    check_line(line, {0.0012});
    line.clear();
    append_edge_geometry(network, ab, -0.5, 2.0, line);
    check_line(line, {0, 0.001, 0.003});
}

TEST_CASE("append_edge_after and append_edge_before cut an edge at a snapped point") {
    const RoadNetwork network = equator_map();
    const EdgeId ab = edge_between(network, A, B), ba = edge_between(network, B, A);
    Snap at;  // halfway along A-B's second segment (0.001° to 0.003°)
    at.piece = network.piece(ab);
    at.segment = 1;
    at.fraction = 0.5;
    at.point = {0.002, 0};
    std::vector<LonLat> line;
    append_edge_after(network, ab, at, line);
    check_line(line, {0.002, 0.003});
    line.clear();
    append_edge_before(network, ab, at, line);
    check_line(line, {0, 0.001, 0.002});
    // B to A runs the piece backwards: after the point come the shape point and A.
    line.clear();
    append_edge_after(network, ba, at, line);
    check_line(line, {0.002, 0.001, 0});
    line.clear();
    append_edge_before(network, ba, at, line);
    check_line(line, {0.003, 0.002});

    // A point at a segment's end is that vertex (not a copy a rounding away), never repeated.
    at.fraction = 0;
    at.point = {0.001 + 1e-12, 0};
    line.clear();
    append_edge_before(network, ab, at, line);
    check_line(line, {0, 0.001});
    CHECK(line.back().lon == 0.001);
    line.clear();
    append_edge_after(network, ab, at, line);
    check_line(line, {0.001, 0.003});
}

TEST_CASE("append_path_geometry gives whole edges in order with shared nodes once") {
    const RoadNetwork network = equator_map();
    const std::vector<EdgeId> there{edge_between(network, A, B), edge_between(network, B, C)};
    std::vector<LonLat> line;
    append_path_geometry(network, there, line);
    check_line(line, {0, 0.001, 0.003, 0.004});
    const std::vector<EdgeId> back{edge_between(network, C, B), edge_between(network, B, A)};
    line.clear();
    append_path_geometry(network, back, line);
    check_line(line, {0.004, 0.003, 0.001, 0});
}

TEST_CASE("append_path_geometry of a long path is the same gathered by two threads as by one") {
    // 300 edges, A to C and back 75 times: long enough for a helper to gather the second half,
    // which starts at C with the edge C-B, so its first point repeats the first half's last.
    const RoadNetwork network = equator_map();
    const std::vector<EdgeId> cycle{edge_between(network, A, B), edge_between(network, B, C),
                                    edge_between(network, C, B), edge_between(network, B, A)};
    std::vector<EdgeId> path;
    std::vector<double> lons{0};
    for (int k = 0; k < 75; ++k) {
        path.insert(path.end(), cycle.begin(), cycle.end());
        lons.insert(lons.end(), {0.001, 0.003, 0.004, 0.003, 0.001, 0});
    }
    REQUIRE(path.size() >= kBesidePathEdges);
    std::vector<LonLat> beside{{9, 9}}, alone{{9, 9}};
    append_path_geometry(network, path, beside);
    REQUIRE(
        muster::test::with_every_helper_taken([&] { append_path_geometry(network, path, alone); }));
    // After the point already there.
    CHECK(beside.front().lon == 9);
    CHECK(beside == alone);
    beside.erase(beside.begin());
    check_line(beside, lons);
}

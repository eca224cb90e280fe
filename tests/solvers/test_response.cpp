// Ambulance response (solvers/response): the two quickest units to each demand point on the
// hand-drawn grid, times and lengths by hand; on Malta under its hazard zones against Boost.Graph's
// Dijkstra run from every unit; and the tally by township by hand.

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "engine/errors.hpp"
#include "solvers/response/response_coverage.hpp"
#include "solvers/response/response_times.hpp"
#include "tests/solvers/grid_map.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/boost_oracle.hpp"

using namespace muster;
using namespace muster::test::grid_map;
using muster::test::snap_on_piece;

namespace {

void check_leg(const std::optional<ResponseLeg>& leg, std::size_t unit, std::uint64_t ms,
               std::uint64_t mm) {
    REQUIRE(leg.has_value());
    CHECK(leg->unit == unit);
    CHECK(leg->duration_ms == ms);
    CHECK(leg->length_mm == mm);
}

}  // namespace

TEST_CASE("response_times on the hand-drawn grid: first and backup unit, along one road, ties") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    const Metric& metric = graph.base();
    // U0 at A, U1 at I, U2 on the island road a quarter along, U3 at G.
    const std::vector<Snap> units{
        snap_on_piece(network, kAB, 0.0), snap_on_piece(network, kHI, 1.0),
        snap_on_piece(network, kJK, 0.25), snap_on_piece(network, kGH, 0.0)};
    const std::vector<std::optional<Snap>> points{
        snap_on_piece(network, kBC, 0.5),   // P0: half way B - C
        snap_on_piece(network, kDE, 1.0),   // P1: at E
        snap_on_piece(network, kAB, 0.25),  // P2: a quarter along A - B
        snap_on_piece(network, kJK, 0.5),   // P3: on the island
        std::nullopt};                      // P4: not snapped
    const auto r = response_times(graph, metric, graph.base_cch(), units, points);
    REQUIRE(r.size() == 5);
    // P0: U0 A -> B -> half of B - C, 60 + 30 s, 1000 + 500 m; U1 I -> F -> C -> half of C - B,
    // 40 + 50 + 30 s, 500 + 600 + 500 m; U3 from G round by D and A, 170 s.
    check_leg(r[0].first, 0, 90'000, 1'500'000);
    check_leg(r[0].second, 1, 120'000, 1'600'000);
    // P1: U0 A -> B -> E up the one-way road, 90 s, 1400 m; U1 (by H or by F) and U3 (by D or by
    // H) both 130 s, 1700 m: the lower index.
    check_leg(r[1].first, 0, 90'000, 1'400'000);
    check_leg(r[1].second, 1, 130'000, 1'700'000);
    // P2: U0 drives a quarter of A - B, 15 s, 250 m; U3 G -> D -> A and on, 80 + 15 s, 1250 m.
    check_leg(r[2].first, 0, 15'000, 250'000);
    check_leg(r[2].second, 3, 95'000, 1'250'000);
    // P3: only U2 reaches the island, a quarter of J - K along it: 2.5 s, 25 m.
    check_leg(r[3].first, 2, 2'500, 25'000);
    CHECK_FALSE(r[3].second.has_value());
    CHECK_FALSE(r[4].first.has_value());
    CHECK_FALSE(r[4].second.has_value());
}

TEST_CASE("response_times: two units of one station are first and backup of the same time") {
    const RoutingGraph graph = grid();
    const RoadNetwork& network = graph.network();
    // U0 at I, U1 and U2 both at A (one station, two ambulances).
    const std::vector<Snap> units{snap_on_piece(network, kHI, 1.0),
                                  snap_on_piece(network, kAB, 0.0),
                                  snap_on_piece(network, kAB, 0.0)};
    const std::vector<std::optional<Snap>> points{snap_on_piece(network, kBC, 0.5)};
    const auto r = response_times(graph, graph.base(), graph.base_cch(), units, points);
    check_leg(r[0].first, 1, 90'000, 1'500'000);
    check_leg(r[0].second, 2, 90'000, 1'500'000);
}

TEST_CASE("response_times refuses a hierarchy of another graph") {
    const RoutingGraph graph = grid();
    const RoutingGraph other = grid();
    const std::vector<Snap> units{snap_on_piece(graph.network(), kAB, 0.0)};
    CHECK_THROWS_AS(response_times(graph, graph.base(), other.base_cch(), units, {}),
                    ContractError);
}

TEST_CASE("response_times on Malta under its hazards equals Boost.Graph's Dijkstra per unit") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const auto& [metric, customized] = muster::test::malta_under_hazards();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);

    // 24 units at 20 places (four stations hold two), 400 demand points, all at nodes.
    std::vector<NodeId> unit_nodes = muster::test::random_nodes(network, 20, random);
    for (int i = 0; i < 4; ++i)
        unit_nodes.push_back(unit_nodes[static_cast<std::size_t>(i) * 3]);
    std::vector<Snap> units;
    for (NodeId u : unit_nodes)
        units.push_back(muster::test::snap_at_node(network, graph.reverse(), u, true));
    const std::vector<NodeId> point_nodes = muster::test::random_nodes(network, 400, random);
    std::vector<std::optional<Snap>> points;
    for (NodeId p : point_nodes)
        points.push_back(muster::test::snap_at_node(network, graph.reverse(), p, false));
    const auto got = response_times(graph, metric, *customized, units, points);

    std::vector<IdVector<NodeId, std::uint64_t>> from_unit;
    for (NodeId u : unit_nodes)
        from_unit.push_back(muster::test::boost_durations_from(network, metric.duration_ms, u));
    std::size_t reached_twice = 0;
    for (std::size_t p = 0; p < points.size(); ++p) {
        INFO("point " << p << " at node " << point_nodes[p].value());
        std::vector<std::pair<std::uint64_t, std::size_t>> want;
        for (std::size_t u = 0; u < units.size(); ++u) {
            if (from_unit[u][point_nodes[p]] != UINT64_MAX)
                want.push_back({from_unit[u][point_nodes[p]], u});
        }
        std::sort(want.begin(), want.end());
        REQUIRE(got[p].first.has_value() == (want.size() >= 1));
        REQUIRE(got[p].second.has_value() == (want.size() >= 2));
        if (want.empty())
            continue;
        CHECK(got[p].first->duration_ms == want[0].first);
        // Units of equal time may be ranked by length first: compare units only where unique.
        if (want.size() == 1 || want[1].first != want[0].first)
            CHECK(got[p].first->unit == want[0].second);
        if (want.size() < 2)
            continue;
        ++reached_twice;
        CHECK(got[p].second->duration_ms == want[1].first);
        CHECK(got[p].second->unit != got[p].first->unit);
    }
    CHECK(reached_twice > 300);
}

TEST_CASE("response_coverage tallies covered, backed, radius and means by township, by hand") {
    // Township 0: 100 people 5 min away with a backup at 8 min; 50 people 10 min away (beyond
    // the 9-minute drive) with no backup, 6 km along the road. Township 1: 30 people nobody
    // reaches. Township 2: no demand points.
    const std::vector<PopulationPoint> people{{0, 100}, {0, 50}, {1, 30}};
    const std::vector<PointResponse> responses{
        {ResponseLeg{0, 300'000, 4'000'000}, ResponseLeg{1, 480'000, 7'000'000}},
        {ResponseLeg{1, 600'000, 6'000'000}, std::nullopt},
        {std::nullopt, std::nullopt}};
    const ResponseCoverage c = response_coverage(people, responses, {540'000, 5'000'000}, 3);
    REQUIRE(c.townships.size() == 3);
    const ResponseTally& t0 = c.townships[0];
    CHECK(t0.population == 150);
    CHECK(t0.reached == 150);
    CHECK(t0.covered == 100);
    CHECK(t0.backed == 100);
    CHECK(t0.within_radius == 100);
    // (100 * 300 s + 50 * 600 s) / 150 = 400 s.
    CHECK(*t0.mean_drive_s() == Approx(400.0));
    CHECK(*t0.longest_ms == 600'000);
    CHECK(c.townships[1].population == 30);
    CHECK(c.townships[1].reached == 0);
    CHECK_FALSE(c.townships[1].mean_drive_s().has_value());
    CHECK_FALSE(c.townships[1].longest_ms.has_value());
    CHECK(c.townships[2].population == 0);
    CHECK(c.total.population == 180);
    CHECK(c.total.covered == 100);
    CHECK(c.total.reached == 150);
    CHECK_THROWS_AS(response_coverage(people, std::span(responses).first(2), {1, 1}, 3),
                    ContractError);
    CHECK_THROWS_AS(response_coverage(people, responses, {1, 1}, 1), ContractError);
}

// Road criticality (solvers/response/road_criticality.hpp): the stretches of the hand-drawn grid
// and what closing each costs an ambulance at A, worked out by hand; on Malta under its hazards,
// the ten most critical main stretches against a recomputation from scratch with plain Dijkstra
// from every unit.

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "engine/dijkstra.hpp"
#include "engine/network_location.hpp"
#include "solvers/response/road_criticality.hpp"
#include "tests/solvers/grid_map.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/random_seed.hpp"

using namespace muster;
using namespace muster::test::grid_map;
using muster::test::snap_on_piece;

namespace {

std::vector<PieceId> pieces_of(const RoadStretch& s) {
    return s.pieces;
}

}  // namespace

TEST_CASE("road_stretches joins the grid's pieces between junctions") {
    const RoutingGraph graph = grid();
    const auto stretches = road_stretches(graph.network(), {"residential"});
    // A and C, G and I are where two pieces meet; B, D, E, F, H are junctions; J and K dead ends.
    REQUIRE(stretches.size() == 9);
    CHECK(pieces_of(stretches[0]) == std::vector<PieceId>{kAD, kAB});
    CHECK(pieces_of(stretches[1]) == std::vector<PieceId>{kBC, kCF});
    CHECK(pieces_of(stretches[2]) == std::vector<PieceId>{kDE});
    CHECK(pieces_of(stretches[3]) == std::vector<PieceId>{kEF});
    CHECK(pieces_of(stretches[4]) == std::vector<PieceId>{kDG, kGH});
    CHECK(pieces_of(stretches[5]) == std::vector<PieceId>{kHI, kFI});
    CHECK(pieces_of(stretches[6]) == std::vector<PieceId>{kBE});
    CHECK(pieces_of(stretches[8]) == std::vector<PieceId>{kJK});
    // D - A - B: 500 + 1000 m; B -> E is one way, one edge.
    CHECK(stretches[0].length_m == Approx(1500));
    CHECK(stretches[0].edges.size() == 4);
    CHECK(stretches[6].edges.size() == 1);
    CHECK(road_stretches(graph.network(), {"primary"}).empty());
}

TEST_CASE("stretch_criticality on the grid: an ambulance at A, people at E, I and C, by hand") {
    const RoutingGraph graph = grid();
    const auto stretches = road_stretches(graph.network(), {"residential"});
    const std::vector<Snap> units{snap_on_piece(graph.network(), kAB, 0.0)};
    // Before: E 90 s (A B E, up the one-way road), I 210 s (A B C F I), C 120 s; limit 150 s.
    const std::vector<ResponseDemand> demand{{snap_on_piece(graph.network(), kDE, 1.0), 100},
                                             {snap_on_piece(graph.network(), kHI, 1.0), 50},
                                             {snap_on_piece(graph.network(), kBC, 1.0), 10}};
    auto costs = stretch_criticality(graph, graph.base(), graph.base_cch(), units, demand, 150'000,
                                     stretches);
    REQUIRE(costs.size() == 9);
    for (std::size_t s = 0; s < costs.size(); ++s)
        CHECK(costs[s].stretch == s);  // in the stretches' order until ranked
    rank_stretches(costs, StretchRanking::coverage);
    // D-A-B closed: the ambulance cannot leave A; E and C (110) lose coverage, all 160 cut off.
    CHECK(costs[0].stretch == 0);
    CHECK(costs[0].losing_coverage == 110);
    CHECK(costs[0].cut_off == 160);
    // B-C-F closed: C is cut off (10); I goes round by E and H or F, 220 s: +10 s × 50.
    CHECK(costs[1].stretch == 1);
    CHECK(costs[1].losing_coverage == 10);
    CHECK(costs[1].cut_off == 10);
    CHECK(costs[1].added_person_s == Approx(500));
    // H-I-F closed: I (beyond the limit before) is cut off.
    CHECK(costs[2].stretch == 5);
    CHECK(costs[2].losing_coverage == 0);
    CHECK(costs[2].cut_off == 50);
    // B -> E closed: E by D, 130 s, still within 150 s: +40 s × 100.
    CHECK(costs[3].stretch == 6);
    CHECK(costs[3].losing_coverage == 0);
    CHECK(costs[3].added_person_s == Approx(4000));
    // The rest cost nothing, by index.
    for (std::size_t k = 4; k < costs.size(); ++k) {
        CHECK(costs[k].losing_coverage == 0);
        CHECK(costs[k].cut_off == 0);
        CHECK(costs[k].added_person_s == 0);
    }
    CHECK(costs[4].stretch == 2);

    // By response time: the cut off first (160, 50, 10 people), then B -> E's 4,000 person-s,
    // then the rest by index.
    const auto order = [&] {
        std::vector<std::size_t> out;
        for (const StretchCost& c : costs)
            out.push_back(c.stretch);
        return out;
    };
    rank_stretches(costs, StretchRanking::response_time);
    CHECK(order() == std::vector<std::size_t>{0, 5, 1, 6, 2, 3, 4, 7, 8});
    // By shelter access, counted by hand: stretch 8 loses 7 people, 2 and 3 five each (ties by
    // coverage lost, then by index), then the rest as by coverage.
    for (StretchCost& c : costs)
        c.losing_shelter_access = c.stretch == 8 ? 7 : c.stretch == 2 || c.stretch == 3 ? 5 : 0;
    rank_stretches(costs, StretchRanking::shelter_access);
    CHECK(order() == std::vector<std::size_t>{8, 2, 3, 0, 1, 5, 6, 4, 7});
    // By coverage again: shelter access orders the stretches that cost the response nothing.
    rank_stretches(costs, StretchRanking::coverage);
    CHECK(order() == std::vector<std::size_t>{0, 1, 5, 6, 8, 2, 3, 4, 7});
}

TEST_CASE("the ten most critical Malta stretches equal a recomputation with plain Dijkstra") {
    const RoutingGraph& graph = muster::test::malta_drive();
    const RoadNetwork& network = graph.network();
    const auto& [metric, customized] = muster::test::malta_under_hazards();
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    const std::vector<NodeId> unit_nodes = muster::test::random_nodes(network, 8, random);
    std::vector<Snap> units;
    for (NodeId u : unit_nodes)
        units.push_back(muster::test::snap_at_node(network, graph.reverse(), u, true));
    const std::vector<NodeId> cells = muster::test::random_nodes(network, 300, random);
    std::uniform_int_distribution<std::int64_t> people(1, 500);
    std::vector<ResponseDemand> demand;
    for (NodeId c : cells)
        demand.push_back(
            {muster::test::snap_at_node(network, graph.reverse(), c, false), people(random)});
    const std::set<std::string> main_roads{
        "motorway",      "trunk",      "primary",      "secondary",      "tertiary",
        "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"};
    const auto stretches = road_stretches(network, main_roads);
    REQUIRE(stretches.size() > 100);
    const std::uint64_t limit_ms = 6 * 60'000;
    auto costs =
        stretch_criticality(graph, metric, *customized, units, demand, limit_ms, stretches);
    REQUIRE(costs.size() == stretches.size());
    rank_stretches(costs, StretchRanking::coverage);
    CHECK(costs[0].losing_coverage + costs[0].cut_off > 0);

    // The quickest unit's time to every cell by Dijkstra from each unit, under `m`.
    Dijkstra search(network, nullptr, Direction::forward);
    const auto quickest = [&](const Metric& m) {
        std::vector<std::uint64_t> best(cells.size(), UINT64_MAX);
        for (NodeId u : unit_nodes) {
            search.clear();
            search.add_source(u, 0, 0);
            while (search.settle_next(m)) {
            }
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (search.settled(cells[c]))
                    best[c] = std::min(best[c], search.duration_ms(cells[c]));
            }
        }
        return best;
    };
    const auto before = quickest(metric);
    for (std::size_t k = 0; k < 10; ++k) {
        INFO("rank " << k << ", stretch " << costs[k].stretch);
        Metric closed = metric;
        for (EdgeId e : stretches[costs[k].stretch].edges)
            closed.duration_ms[e] = kClosedMs;
        const auto after = quickest(closed);
        std::int64_t losing = 0, cut = 0;
        double added = 0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (before[c] <= limit_ms && after[c] > limit_ms)
                losing += demand[c].population;
            if (before[c] != UINT64_MAX && after[c] == UINT64_MAX)
                cut += demand[c].population;
            else if (before[c] != UINT64_MAX)
                added += static_cast<double>(demand[c].population) *
                         static_cast<double>(after[c] - before[c]) * 1e-3;
        }
        CHECK(costs[k].losing_coverage == losing);
        CHECK(costs[k].cut_off == cut);
        CHECK(costs[k].added_person_s == Approx(added).margin(1e-6));
    }
}

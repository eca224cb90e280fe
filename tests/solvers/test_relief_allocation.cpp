// Relief allocation on small cases whose answers are worked out by hand in the comments.

#include <catch2/catch.hpp>

#include "engine/errors.hpp"
#include "solvers/relief/allocation.hpp"
#include "solvers/relief/ration_table.hpp"

using namespace muster;
using namespace muster::relief;

namespace {

SupplyDepot depot(std::string id, std::string region, double water) {
    return {std::move(id), std::move(region), DepotTier::county, {{"water", water}}};
}

Destination shelter(std::string id, std::string region, double water) {
    return {std::move(id), std::move(region), {{"water", water}}};
}

double delivered(const AllocationResult& r, std::size_t destination) {
    for (const Fill& f : r.fills) {
        if (f.destination == destination)
            return f.delivered;
    }
    return -1;
}

double shipped(const AllocationResult& r, std::size_t depot, std::size_t destination) {
    double sum = 0;
    for (const Shipment& s : r.shipments) {
        if (s.depot == depot && s.destination == destination)
            sum += s.quantity;
    }
    return sum;
}

}  // namespace

TEST_CASE("Ration demand follows the table: daily items times days, one-off items once") {
    const RationTable table = default_ration_table();
    REQUIRE(table[0].item == "water");
    // 1,000 people for 3 days at Sphere's 15 L: 45,000 L.
    CHECK(ration_demand(table[0], 1000, 3) == 45000);
    // Tents: one per 5 persons, not per day: 1,000 / 5 = 200; 7 persons need 2 (rounded up).
    CHECK(ration_demand(table[3], 1000, 3) == 200);
    CHECK(ration_demand(table[3], 7, 3) == 2);
    CHECK(ration_demand(table[3], 5, 1) == 1);
    CHECK_THROWS_AS(ration_demand(table[0], -1, 3), InputError);
    RationTable bad{{"water", "L", 15, RationBasis::per_person_day, ""},
                    {"water", "L", 10, RationBasis::per_person_day, ""}};
    CHECK_THROWS_WITH(check_ration_table(bad, "r.csv"),
                      Catch::Contains("row 2") && Catch::Contains("appears twice"));
    bad[1] = {"tent", "piece", 0, RationBasis::per_person, ""};
    CHECK_THROWS_WITH(check_ration_table(bad, "r.csv"), Catch::Contains("quantity must be > 0"));
}

TEST_CASE("Enough stock: every shelter gets its demand from the nearest depot") {
    // D1 is 100 s from S1 and 500 s from S2; D2 the other way round. Each holds 100 L.
    AllocationProblem p;
    p.depots = {depot("D1", "A", 100), depot("D2", "A", 100)};
    p.destinations = {shelter("S1", "A", 60), shelter("S2", "A", 70)};
    p.duration_s = {100.0, 500.0, 500.0, 100.0};
    const AllocationResult r = allocate_relief(p);
    REQUIRE(r.items.size() == 1);
    CHECK(shipped(r, 0, 0) == Approx(60));
    CHECK(shipped(r, 1, 1) == Approx(70));
    CHECK(r.items[0].min_fill_rate == Approx(1));
    // 60 × 100 + 70 × 100
    CHECK(r.items[0].weighted_travel_s == Approx(13000));
    CHECK(r.unreachable.empty());
}

TEST_CASE("Stock shortage: fill rates are equal and the near shelter is not favoured") {
    // One depot of 60 L for 40 + 80 L of demand: both get half (20 and 40), not the near one all.
    AllocationProblem p;
    p.depots = {depot("D", "A", 60)};
    p.destinations = {shelter("S1", "A", 40), shelter("S2", "A", 80)};
    p.duration_s = {100.0, 200.0};
    const AllocationResult r = allocate_relief(p);
    CHECK(delivered(r, 0) == Approx(20));
    CHECK(delivered(r, 1) == Approx(40));
    CHECK(r.items[0].min_fill_rate == Approx(0.5));
    CHECK(r.items[0].weighted_travel_s == Approx(20 * 100 + 40 * 200));
    CHECK(r.items[0].delivered == Approx(60));
}

TEST_CASE("Fairness is lexicographic: after the worst-off shelter, the next gets all it can") {
    // D2 (20 L) is the only depot reaching S2 (needs 100): S2 can have 0.2 at best. D1 (90 L)
    // reaches only S1 (needs 100). Max-min alone would stop at 0.2 for both (and the travel stage
    // would then ship just 20 to S1); lexicographic max-min raises S1 to 0.9 in a second round.
    AllocationProblem p;
    p.depots = {depot("D1", "A", 90), depot("D2", "A", 20)};
    p.destinations = {shelter("S1", "A", 100), shelter("S2", "A", 100)};
    p.duration_s = {100.0, std::nullopt, 100.0, 100.0};
    const AllocationResult r = allocate_relief(p);
    CHECK(delivered(r, 0) == Approx(90));
    CHECK(delivered(r, 1) == Approx(20));
    CHECK(shipped(r, 1, 1) == Approx(20));  // D2's water goes where nothing else can
    CHECK(r.items[0].min_fill_rate == Approx(0.2));
    CHECK(r.items[0].fairness_rounds == 2);
}

TEST_CASE("Local first: a region's own depot serves it although another region's is nearer") {
    // DA (region A) and DB (region B) hold 100 L each. SA (A) and SB (B) need 50 each. DB is
    // 60 s from both shelters, DA 600 s from both.
    AllocationProblem p;
    p.depots = {depot("DA", "A", 100), depot("DB", "B", 100)};
    p.destinations = {shelter("SA", "A", 50), shelter("SB", "B", 50)};
    p.duration_s = {600.0, 600.0, 60.0, 60.0};

    SECTION("with the rule, nothing crosses: SA from DA (50 × 600), SB from DB (50 × 60)") {
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0, 0) == Approx(50));
        CHECK(shipped(r, 1, 1) == Approx(50));
        CHECK(r.items[0].cross_region == Approx(0));
        CHECK(r.items[0].weighted_travel_s == Approx(33000));
    }
    SECTION("without it, the nearer depot serves both (100 × 60)") {
        AllocationParameters off;
        off.local_first = false;
        const AllocationResult r = allocate_relief(p, off);
        CHECK(shipped(r, 1, 0) == Approx(50));
        CHECK(shipped(r, 1, 1) == Approx(50));
        CHECK(r.items[0].cross_region == Approx(50));
        CHECK(r.items[0].weighted_travel_s == Approx(6000));
    }
    SECTION("cross-region aid covers only what local stock cannot") {
        // SA now needs 150: DA's 100 first, 50 from DB; SB keeps its 50 from DB.
        p.destinations[0].demand["water"] = 150;
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0, 0) == Approx(100));
        CHECK(shipped(r, 1, 0) == Approx(50));
        CHECK(shipped(r, 1, 1) == Approx(50));
        CHECK(r.items[0].cross_region == Approx(50));
        const auto cross = std::count_if(r.shipments.begin(), r.shipments.end(),
                                         [](const Shipment& s) { return s.cross_region; });
        CHECK(cross == 1);
    }
}

TEST_CASE("A destination no depot reaches is reported and the others share the stock") {
    // S2 is cut off (no route from D); S1 gets all it needs, S2 nothing.
    AllocationProblem p;
    p.depots = {depot("D", "A", 100)};
    p.destinations = {shelter("S1", "A", 50), shelter("S2", "A", 50)};
    p.duration_s = {100.0, std::nullopt};
    const AllocationResult r = allocate_relief(p);
    REQUIRE(r.unreachable == std::vector<std::size_t>{1});
    CHECK(delivered(r, 0) == Approx(50));
    CHECK(delivered(r, 1) == Approx(0));
    CHECK(r.items[0].min_fill_rate == Approx(1));  // over the reachable ones
}

TEST_CASE("Shipments slower than the ETA target are flagged late") {
    // 7 h is beyond the 6 h default target; with a target of 8 h it is not.
    AllocationProblem p;
    p.depots = {depot("D", "A", 10)};
    p.destinations = {shelter("S", "A", 10)};
    p.duration_s = {7 * 3600.0};
    auto r = allocate_relief(p);
    REQUIRE(r.shipments.size() == 1);
    CHECK(r.shipments[0].late);
    CHECK(r.shipments[0].duration_s == 25200);
    AllocationParameters eight;
    eight.eta_targets = EtaTargets::uniform(8 * 3600);
    r = allocate_relief(p, eight);
    CHECK_FALSE(r.shipments[0].late);
}

TEST_CASE("Items are allocated separately and an item no depot holds is delivered nowhere") {
    AllocationProblem p;
    p.depots = {{"D", "A", DepotTier::county, {{"water", 100}, {"tent", 1}}}};
    p.destinations = {{"S", "A", {{"water", 30}, {"tent", 4}, {"blanket", 5}}}};
    p.duration_s = {100.0};
    const AllocationResult r = allocate_relief(p);
    REQUIRE(r.items.size() == 3);  // blanket, tent, water (sorted)
    CHECK(r.items[0].item == "blanket");
    CHECK(r.items[0].delivered == 0);
    CHECK(r.items[0].min_fill_rate == 0);
    CHECK(r.items[1].delivered == Approx(1));
    CHECK(r.items[1].min_fill_rate == Approx(0.25));
    CHECK(r.items[2].delivered == Approx(30));
}

TEST_CASE("Allocation refuses a matrix of the wrong size and negative stock") {
    AllocationProblem p;
    p.depots = {depot("D", "A", 100)};
    p.destinations = {shelter("S", "A", 10)};
    p.duration_s = {};
    CHECK_THROWS_WITH(allocate_relief(p), Catch::Contains("duration matrix"));
    p.duration_s = {1.0};
    p.depots[0].stock["water"] = -5;
    CHECK_THROWS_WITH(allocate_relief(p), Catch::Contains("depot 'D'") && Catch::Contains(">= 0"));
}

// The tier ladder of local first and the ETA targets per depot tier, on small cases worked out by
// hand in the comments (docs/relief.md, "The model, per item").

#include <catch2/catch.hpp>

#include "engine/errors.hpp"
#include "solvers/relief/allocation.hpp"

using namespace muster;
using namespace muster::relief;

namespace {

SupplyDepot depot(std::string id, std::string region, DepotTier tier, double water) {
    return {std::move(id), std::move(region), tier, {{"water", water}}};
}

AllocationProblem one_shelter(std::vector<SupplyDepot> depots, std::vector<double> seconds,
                              double need) {
    AllocationProblem p;
    p.depots = std::move(depots);
    p.destinations = {{"S", "R", {{"water", need}}}};
    for (double s : seconds)
        p.duration_s.push_back(s);
    return p;
}

double shipped(const AllocationResult& r, std::size_t depot) {
    double sum = 0;
    for (const Shipment& s : r.shipments) {
        if (s.depot == depot)
            sum += s.quantity;
    }
    return sum;
}

const Shipment& shipment_from(const AllocationResult& r, std::size_t depot) {
    for (const Shipment& s : r.shipments) {
        if (s.depot == depot)
            return s;
    }
    FAIL("no shipment from depot " << depot);
    return r.shipments.front();
}

}  // namespace

TEST_CASE("Tier ladder: the county depot serves before the nearer city depot of the region") {
    // Region R: county depot DC (100 L, 300 s from S) and city depot DY (100 L, 60 s). S needs 80.
    AllocationProblem p = one_shelter(
        {depot("DC", "R", DepotTier::county, 100), depot("DY", "R", DepotTier::city, 100)},
        {300.0, 60.0}, 80);

    SECTION("county stock suffices: all 80 from DC, none from DY") {
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0) == Approx(80));
        CHECK(shipped(r, 1) == Approx(0));
        CHECK(r.items[0].from_tier[tier_index(DepotTier::county)] == Approx(80));
        CHECK(r.items[0].from_tier[tier_index(DepotTier::city)] == Approx(0));
        CHECK(r.items[0].weighted_travel_s == Approx(80 * 300));
        // No cross-region pair; tiers county and city: one stage (city), the county one is the
        // lowest present and is what city leaves.
        CHECK(r.items[0].preference_stages == 1);
    }
    SECTION("when county stock runs out the city depot covers the rest: 100 + 50 for 150") {
        p.destinations[0].demand["water"] = 150;
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0) == Approx(100));
        CHECK(shipped(r, 1) == Approx(50));
    }
    SECTION("without local first the nearer city depot serves all 80") {
        AllocationParameters off;
        off.local_first = false;
        const AllocationResult r = allocate_relief(p, off);
        CHECK(shipped(r, 0) == Approx(0));
        CHECK(shipped(r, 1) == Approx(80));
        CHECK(r.items[0].weighted_travel_s == Approx(80 * 60));
        CHECK(r.items[0].preference_stages == 0);
    }
}

TEST_CASE("Tier ladder: a township depot serves before the county one") {
    // Township depot DT (50 L, 900 s) and county depot DC (100 L, 60 s), both of R; S needs 80:
    // DT's 50 first, then 30 from DC.
    const AllocationProblem p = one_shelter(
        {depot("DT", "R", DepotTier::township, 50), depot("DC", "R", DepotTier::county, 100)},
        {900.0, 60.0}, 80);
    const AllocationResult r = allocate_relief(p);
    CHECK(shipped(r, 0) == Approx(50));
    CHECK(shipped(r, 1) == Approx(30));
}

TEST_CASE("Tier ladder: cross-region aid comes after every tier of the own region") {
    // R's depots: county DC (100 L, 300 s), city DY (100 L, 60 s), province DP (100 L, 30 s).
    // Region Q's county depot DX (100 L) is nearest of all (10 s).
    AllocationProblem p = one_shelter(
        {depot("DC", "R", DepotTier::county, 100), depot("DY", "R", DepotTier::city, 100),
         depot("DP", "R", DepotTier::province, 100), depot("DX", "Q", DepotTier::county, 100)},
        {300.0, 60.0, 30.0, 10.0}, 250);

    SECTION("250: county 100, city 100, province 50, nothing across") {
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0) == Approx(100));
        CHECK(shipped(r, 1) == Approx(100));
        CHECK(shipped(r, 2) == Approx(50));
        CHECK(shipped(r, 3) == Approx(0));
        CHECK(r.items[0].cross_region == Approx(0));
        // Stages: cross-region, province, city (county is the lowest tier present).
        CHECK(r.items[0].preference_stages == 3);
    }
    SECTION("350: all of R's 300, then 50 across from DX") {
        p.destinations[0].demand["water"] = 350;
        const AllocationResult r = allocate_relief(p);
        CHECK(shipped(r, 0) == Approx(100));
        CHECK(shipped(r, 1) == Approx(100));
        CHECK(shipped(r, 2) == Approx(100));
        CHECK(shipped(r, 3) == Approx(50));
        CHECK(r.items[0].cross_region == Approx(50));
        CHECK(shipment_from(r, 3).cross_region);
    }
}

TEST_CASE("Tier ladder: aid from other regions also draws on the lowest tier first") {
    // S (region R) has no depot of its own: Q's county depot DQ (100 L, 500 s) serves before
    // the central depot DZ (region N, 100 L, 100 s). S needs 80: all from DQ.
    const AllocationProblem p = one_shelter(
        {depot("DQ", "Q", DepotTier::county, 100), depot("DZ", "N", DepotTier::central, 100)},
        {500.0, 100.0}, 80);
    const AllocationResult r = allocate_relief(p);
    CHECK(shipped(r, 0) == Approx(80));
    CHECK(shipped(r, 1) == Approx(0));
    CHECK(r.items[0].cross_region == Approx(80));
    // Every pair crosses, so the cross-region stage cannot matter; one tier stage (central).
    CHECK(r.items[0].preference_stages == 1);
}

TEST_CASE("Tier ladder: stages that cannot matter are skipped") {
    // Two county depots of R: no cross-region pair, one tier, so no stage-2 LP at all.
    const AllocationProblem p = one_shelter(
        {depot("D1", "R", DepotTier::county, 50), depot("D2", "R", DepotTier::county, 50)},
        {100.0, 200.0}, 80);
    const AllocationResult r = allocate_relief(p);
    CHECK(r.items[0].preference_stages == 0);
    CHECK(shipped(r, 0) == Approx(50));  // the nearer one first, on travel
    CHECK(shipped(r, 1) == Approx(30));
}

TEST_CASE("ETA targets per tier: township and county 6 h, city 8, province 10, central 12") {
    // Each depot of R holds 10 L; S needs all 50. Travel: township 6.5 h, county 7 h, city 7.9 h,
    // province 10.5 h, central 11 h. Late: township (> 6), county (> 6), province (> 10); on
    // time: city (< 8), central (< 12).
    const AllocationProblem p = one_shelter(
        {depot("T", "R", DepotTier::township, 10), depot("C", "R", DepotTier::county, 10),
         depot("Y", "R", DepotTier::city, 10), depot("P", "R", DepotTier::province, 10),
         depot("Z", "R", DepotTier::central, 10)},
        {6.5 * 3600, 7 * 3600.0, 7.9 * 3600, 10.5 * 3600, 11 * 3600.0}, 50);
    SECTION("defaults") {
        const AllocationResult r = allocate_relief(p);
        REQUIRE(r.shipments.size() == 5);
        CHECK(shipment_from(r, 0).late);
        CHECK(shipment_from(r, 0).eta_target_s == 6 * 3600);
        CHECK(shipment_from(r, 1).late);
        CHECK(shipment_from(r, 1).eta_target_s == 6 * 3600);
        CHECK_FALSE(shipment_from(r, 2).late);
        CHECK(shipment_from(r, 2).eta_target_s == 8 * 3600);
        CHECK(shipment_from(r, 3).late);
        CHECK(shipment_from(r, 3).eta_target_s == 10 * 3600);
        CHECK_FALSE(shipment_from(r, 4).late);
        CHECK(shipment_from(r, 4).eta_target_s == 12 * 3600);
    }
    SECTION("county raised to 8 h and central lowered to 10 h") {
        AllocationParameters parameters;
        parameters.eta_targets.by_tier_s[tier_index(DepotTier::county)] = 8 * 3600;
        parameters.eta_targets.by_tier_s[tier_index(DepotTier::central)] = 10 * 3600;
        const AllocationResult r = allocate_relief(p, parameters);
        CHECK(shipment_from(r, 0).late);        // township keeps 6 h
        CHECK_FALSE(shipment_from(r, 1).late);  // 7 h < 8 h
        CHECK(shipment_from(r, 4).late);        // 11 h > 10 h
    }
    SECTION("one target for all tiers: 7.5 h") {
        AllocationParameters parameters;
        parameters.eta_targets = EtaTargets::uniform(7.5 * 3600);
        const AllocationResult r = allocate_relief(p, parameters);
        CHECK_FALSE(shipment_from(r, 0).late);
        CHECK_FALSE(shipment_from(r, 1).late);
        CHECK(shipment_from(r, 2).late);  // 7.9 h
        CHECK(shipment_from(r, 3).late);
        CHECK(shipment_from(r, 4).late);
    }
    SECTION("a target that is not > 0 is refused, naming the tier") {
        AllocationParameters parameters;
        parameters.eta_targets.by_tier_s[tier_index(DepotTier::city)] = 0;
        CHECK_THROWS_AS(allocate_relief(p, parameters), InputError);
        CHECK_THROWS_WITH(allocate_relief(p, parameters), Catch::Contains("city depots"));
    }
}

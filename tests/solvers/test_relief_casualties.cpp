// Casualty distribution and ambulance trips on small cases worked out by hand.

#include <catch2/catch.hpp>

#include <cmath>

#include "engine/errors.hpp"
#include "solvers/relief/ambulance_trips.hpp"
#include "solvers/relief/casualties.hpp"

using namespace muster;
using namespace muster::relief;

namespace {
constexpr double kMin = 60;

std::int64_t sent(const CasualtyPlan& plan, std::size_t hospital, Triage c) {
    std::int64_t n = 0;
    for (const CasualtyFlow& f : plan.flows) {
        if (f.hospital == hospital && f.category == c)
            n += f.patients;
    }
    return n;
}
}  // namespace

TEST_CASE("Red casualties go only to red beds within the red transport limit") {
    // H1: 2 red beds, 30 min away. H2: 5 red beds, 70 min away (beyond the 60 min limit).
    CasualtyProblem p;
    p.incidents = {{"I", {4, 0, 0}}};
    p.hospitals = {{"H1", {2, 0, 0}, 0}, {"H2", {5, 0, 0}, 0}};
    p.duration_s = {30 * kMin, 70 * kMin};
    SECTION("with the default limit two wait: overflow, beds full") {
        const CasualtyPlan plan = distribute_casualties(p);
        CHECK(sent(plan, 0, Triage::red) == 2);
        CHECK(sent(plan, 1, Triage::red) == 0);
        REQUIRE(plan.overflow.size() == 1);
        CHECK(plan.overflow[0].patients == 2);
        CHECK(plan.overflow[0].reason == "beds full");
    }
    SECTION("with an 80 min limit H2 takes them") {
        CasualtyParameters params;
        params.limit_s[0] = 80 * kMin;
        const CasualtyPlan plan = distribute_casualties(p, params);
        CHECK(sent(plan, 0, Triage::red) == 2);
        CHECK(sent(plan, 1, Triage::red) == 2);
        CHECK(plan.overflow.empty());
        // 4 × (2 × 30 + 2 × 70) min
        CHECK(plan.weighted_time_s == Approx(4 * 200 * kMin));
    }
    SECTION("a hospital without red beds never takes red, even with surge beds") {
        p.hospitals = {{"H0", {0, 5, 5}, 10}};
        p.duration_s = {5 * kMin};
        const CasualtyPlan plan = distribute_casualties(p);
        CHECK(plan.placed[0] == 0);
        REQUIRE(plan.overflow.size() == 1);
        CHECK(plan.overflow[0].reason == "no hospital with red beds within the red limit");
    }
}

TEST_CASE("Surge beds go to red first, then yellow, and the rest overflows") {
    // One hospital: 1 red bed, 1 yellow bed, no green, 2 surge. Casualties 3 red, 2 yellow, 1
    // green: red takes its bed and both surge beds (3), yellow its one bed; 1 yellow and 1 green
    // are left over.
    CasualtyProblem p;
    p.incidents = {{"I", {3, 2, 1}}};
    p.hospitals = {{"H", {1, 1, 0}, 2}};
    p.duration_s = {10 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    CHECK(plan.placed == TriageCounts{3, 1, 0});
    CHECK(plan.hospitals[0].surge_used == 2);
    REQUIRE(plan.overflow.size() == 2);
    CHECK(plan.overflow[0].category == Triage::yellow);
    CHECK(plan.overflow[0].patients == 1);
    CHECK(plan.overflow[1].category == Triage::green);
    CHECK(plan.overflow[1].reason == "beds full");
}

TEST_CASE("A free red bed a little farther comes before the near hospital's surge bed") {
    // H1 (10 min): 1 red bed, 1 surge. H2 (20 min): 1 red, 1 yellow. Casualties: 2 red, 1 yellow.
    // (a) red H1 bed + H1 surge, yellow H2: 4·10 + 4·10 + 2·20 = 120 weighted minutes, 1 surge
    // (b) red H1 + H2, yellow H1 surge:       4·10 + 4·20 + 2·10 = 140, 1 surge
    // (c) red H1 + H2, yellow H2:             4·10 + 4·20 + 2·20 = 160, no surge
    // (a) and (b) open a surge bed while a regular bed of the category is free: (c).
    CasualtyProblem p;
    p.incidents = {{"I", {2, 1, 0}}};
    p.hospitals = {{"H1", {1, 0, 0}, 1}, {"H2", {1, 1, 0}, 0}};
    p.duration_s = {10 * kMin, 20 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    CHECK(sent(plan, 0, Triage::red) == 1);
    CHECK(sent(plan, 1, Triage::red) == 1);
    CHECK(sent(plan, 1, Triage::yellow) == 1);
    CHECK(plan.surge_used == 0);
    CHECK(plan.hospitals[0].surge_used == 0);
    CHECK(plan.weighted_time_s == Approx(160 * kMin));
    CHECK(plan.overflow.empty());
}

TEST_CASE("The Gozo case: Victoria's surge beds stay closed while Gozo General has beds") {
    // Mgarr ferry (2 red, 5 yellow, 12 green). Victoria (600 s): 1 red, 4 yellow, 12 green beds,
    // 6 surge. Gozo General (605.9 s): 8 red, 24 yellow, 60 green, 30 surge. Red: Victoria's bed
    // and one at Gozo General, not Victoria's surge. Yellow: Victoria's 4, then Gozo General;
    // green: Victoria's 12. Weighted: 4·(600 + 605.9) + 2·(4·600 + 605.9) + 12·600 = 18,035.4 s.
    CasualtyProblem p;
    p.incidents = {{"mgarr", {2, 5, 12}}};
    p.hospitals = {{"victoria", {1, 4, 12}, 6}, {"gozo-general", {8, 24, 60}, 30}};
    p.duration_s = {600.0, 605.9};
    const CasualtyPlan plan = distribute_casualties(p);
    CHECK(plan.placed == TriageCounts{2, 5, 12});
    CHECK(sent(plan, 0, Triage::red) == 1);
    CHECK(sent(plan, 1, Triage::red) == 1);
    CHECK(sent(plan, 0, Triage::yellow) == 4);
    CHECK(sent(plan, 1, Triage::yellow) == 1);
    CHECK(sent(plan, 0, Triage::green) == 12);
    CHECK(plan.hospitals[0].surge == TriageCounts{0, 0, 0});
    CHECK(plan.surge_used == 0);
    CHECK(plan.weighted_time_s == Approx(18035.4));
}

TEST_CASE("When a surge bed must open, the one with the least weighted time opens") {
    // 3 red; H1 (10 min) and H2 (20 min) have 1 red bed and 1 surge each: one surge bed must
    // open. At H1: 4·(10 + 10 + 20) = 160 weighted minutes; at H2: 4·(10 + 20 + 20) = 200.
    CasualtyProblem p;
    p.incidents = {{"I", {3, 0, 0}}};
    p.hospitals = {{"H1", {1, 0, 0}, 1}, {"H2", {1, 0, 0}, 1}};
    p.duration_s = {10 * kMin, 20 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    CHECK(plan.placed[0] == 3);
    CHECK(plan.surge_used == 1);
    CHECK(plan.hospitals[0].surge == TriageCounts{1, 0, 0});
    CHECK(plan.hospitals[1].surge_used == 0);
    CHECK(plan.weighted_time_s == Approx(160 * kMin));
}

TEST_CASE("A yellow limit decides between a near surge bed and a farther yellow bed") {
    // 1 yellow. H1 (10 min): no beds but 1 surge. H2 (20 min): 1 yellow bed.
    CasualtyProblem p;
    p.incidents = {{"I", {0, 1, 0}}};
    p.hospitals = {{"H1", {0, 0, 0}, 1}, {"H2", {0, 1, 0}, 0}};
    p.duration_s = {10 * kMin, 20 * kMin};
    CasualtyParameters params;
    SECTION("no yellow limit (the default): the regular bed at H2") {
        const CasualtyPlan plan = distribute_casualties(p, params);
        CHECK(sent(plan, 1, Triage::yellow) == 1);
        CHECK(plan.surge_used == 0);
    }
    SECTION("a 15 min yellow limit puts H2 out of reach: H1 opens its surge bed") {
        params.limit_s[1] = 15 * kMin;
        const CasualtyPlan plan = distribute_casualties(p, params);
        CHECK(sent(plan, 0, Triage::yellow) == 1);
        CHECK(plan.hospitals[0].surge == TriageCounts{0, 1, 0});
        CHECK(plan.surge_used == 1);
    }
    SECTION("a 5 min yellow limit reaches no hospital: overflow, with the reason") {
        params.limit_s[1] = 5 * kMin;
        const CasualtyPlan plan = distribute_casualties(p, params);
        CHECK(plan.placed[1] == 0);
        REQUIRE(plan.overflow.size() == 1);
        CHECK(plan.overflow[0].reason == "no hospital within the yellow limit");
    }
    SECTION("a negative or NaN limit is refused, naming the category") {
        params.limit_s[2] = -1;
        CHECK_THROWS_WITH(distribute_casualties(p, params), "green transport limit must be >= 0 s");
        params.limit_s[2] = std::nan("");
        CHECK_THROWS_AS(distribute_casualties(p, params), InputError);
    }
}

TEST_CASE("Casualties at an incident no road leaves are overflow, not placed") {
    CasualtyProblem p;
    p.incidents = {{"cut-off", {1, 1, 0}}, {"ok", {0, 1, 0}}};
    p.hospitals = {{"H", {5, 5, 5}, 0}};
    p.duration_s = {std::nullopt, 5 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    CHECK(plan.placed == TriageCounts{0, 1, 0});
    REQUIRE(plan.overflow.size() == 2);
    CHECK(plan.overflow[0].reason == "no hospital reachable");
    CHECK_THROWS_AS(distribute_casualties({{{"I", {-1, 0, 0}}}, {{"H", {1, 1, 1}, 0}}, {60.0}}),
                    InputError);
}

TEST_CASE("Ambulance trips: the unit first at the scene, red before yellow, seats shared") {
    // Plan: 3 red and 1 yellow from I to H (15 min). U1 is 5 min from I, U2 8 min; both carry 2.
    // Trip 1: U1 at the scene at 300 s, takes 2 red, at H 300 + 600 + 900 = 1800, free 2400.
    // Trip 2: U2 at 480 s (U1 would come back at 2400 + 900), takes the last red and the yellow,
    // at H 480 + 600 + 900 = 1980, free 2580. Back at base: U1 2400 + 1000, U2 2580 + 1200.
    CasualtyProblem p;
    p.incidents = {{"I", {3, 1, 0}}};
    p.hospitals = {{"H", {5, 5, 5}, 0}};
    p.duration_s = {15 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    REQUIRE(plan.placed == TriageCounts{3, 1, 0});
    TripTimes times;
    times.base_to_incident = {5 * kMin, 8 * kMin};
    times.hospital_to_incident = {15 * kMin};
    times.hospital_to_base = {1000.0, 1200.0};
    const TripPlan trips = plan_ambulance_trips(p, plan, {{"U1", 2}, {"U2", 2}}, times);
    REQUIRE(trips.trips.size() == 2);
    CHECK(trips.trips[0].unit == 0);
    CHECK(trips.trips[0].patients == TriageCounts{2, 0, 0});
    CHECK(trips.trips[0].at_scene_s == 300);
    CHECK(trips.trips[0].at_hospital_s == 1800);
    CHECK(trips.trips[1].unit == 1);
    CHECK(trips.trips[1].patients == TriageCounts{1, 1, 0});
    CHECK(trips.trips[1].at_hospital_s == 1980);
    CHECK(trips.units[0].back_at_base_s == 3400);
    CHECK(trips.units[1].back_at_base_s == 3780);
    CHECK(trips.last_arrival_s == 1980);
    CHECK(trips.unserved == TriageCounts{0, 0, 0});
}

TEST_CASE("Ambulance trips: one unit shuttles, and an incident no unit reaches is unserved") {
    // One unit of 1 seat, 5 min from I; H is 10 min from I. Trip 1 at the scene 300, at H
    // 300 + 600 + 600 = 1500, free 2100; trip 2 leaves H at 2100, at I 2700, at H 3900.
    CasualtyProblem p;
    p.incidents = {{"I", {0, 2, 0}}, {"J", {0, 0, 1}}};
    p.hospitals = {{"H", {5, 5, 5}, 0}};
    p.duration_s = {10 * kMin, 10 * kMin};
    const CasualtyPlan plan = distribute_casualties(p);
    TripTimes times;
    times.base_to_incident = {5 * kMin, std::nullopt};
    times.hospital_to_incident = {10 * kMin, std::nullopt};
    times.hospital_to_base = {std::nullopt};
    const TripPlan trips = plan_ambulance_trips(p, plan, {{"U", 1}}, times);
    REQUIRE(trips.trips.size() == 2);
    CHECK(trips.trips[1].number == 2);
    CHECK(trips.trips[1].depart_s == 2100);
    CHECK(trips.trips[1].at_scene_s == 2700);
    CHECK(trips.trips[1].at_hospital_s == 3900);
    CHECK(trips.unserved == TriageCounts{0, 0, 1});
    CHECK_FALSE(trips.units[0].back_at_base_s.has_value());
    CHECK_THROWS_AS(plan_ambulance_trips(p, plan, {{"U", 0}}, times), InputError);
}

// The ambulance location models (solvers/siting/ambulance_models.hpp): on a hand-made instance
// whose optima are worked out by enumerating the placements in the comments, and on random small
// instances against an independent oracle, the enumeration of every placement.

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "engine/errors.hpp"
#include "solvers/siting/ambulance_models.hpp"
#include "tests/support/random_seed.hpp"

using namespace muster;

namespace {

// Four demand points, three sites; costs are drive times in seconds. Radius 300, long radius 700.
//
//          s0   s1   s2     within 300   within 700
//   d0 10  100  500  900    s0           s0 s1
//   d1 20  200  200  700    s0 s1        s0 s1 s2
//   d2 30  600  100  300    s1 s2        s0 s1 s2
//   d3 50  900  600  100    s2           s1 s2         total weight 110
SitingInstance stations() {
    SitingInstance instance = make_siting_instance(4, 3);
    instance.weights = {10, 20, 30, 50};
    instance.costs = {100, 500, 900, 200, 200, 700, 600, 100, 300, 900, 600, 100};
    return instance;
}

AmbulanceSitingOptions options(std::size_t units) {
    AmbulanceSitingOptions o;
    o.units = units;
    o.max_per_site = 2;
    o.radius = 300;
    o.long_radius = 700;
    o.time_limit_s = 30;
    return o;
}

/// Every placement of `units` units on `sites` sites, at most `most` a site.
void each_placement(std::size_t sites, std::size_t units, std::size_t most,
                    const std::function<void(const std::vector<std::size_t>&)>& visit) {
    std::vector<std::size_t> at(sites, 0);
    std::function<void(std::size_t, std::size_t)> place = [&](std::size_t j, std::size_t left) {
        if (j == sites) {
            if (left == 0)
                visit(at);
            return;
        }
        for (std::size_t k = 0; k <= std::min(most, left); ++k) {
            at[j] = k;
            place(j + 1, left - k);
        }
        at[j] = 0;
    };
    place(0, units);
}

}  // namespace

TEST_CASE("double standard model on the hand-made stations, by enumeration", "[siting]") {
    // Three units, two a site at most, alpha 0.5 (55 within 300 s). Twice-covered weight of
    // each placement: (0,1,2) d2 d3 80; (1,0,2) d2 d3 80; (0,2,1) d1 d2 50; (1,1,1) d1 d2 50;
    // (1,2,0) d1 d2 50; (2,0,1) d0 d1 30; (2,1,0) d0 d1 30. Every one keeps all within 700 s.
    AmbulanceSitingOptions o = options(3);
    o.alpha = 0.5;
    const AmbulanceSitingResult r = solve_double_standard(stations(), o);
    CHECK(r.optimal);
    CHECK(r.objective == Approx(80));
    CHECK(r.bound == Approx(80));
    CHECK(r.units_at[2] == 2);
    CHECK(r.within_long == Approx(110));
    // alpha 1: everyone within 300 s once; of the two, only (1,0,2) covers d0.
    o.alpha = 1;
    const AmbulanceSitingResult all = solve_double_standard(stations(), o);
    CHECK(all.units_at == std::vector<std::size_t>{1, 0, 2});
    CHECK(all.objective == Approx(80));
    CHECK(all.covered_once == Approx(110));
    // One unit cannot cover everyone within 300 s: infeasible, said so.
    o.units = 1;
    CHECK_THROWS_WITH(solve_double_standard(stations(), o),
                      Catch::Contains("dsm: no placement of 1 units meets the constraints"));
}

TEST_CASE("maximum expected covering on the hand-made stations: the busy fraction decides",
          "[siting]") {
    // Two units. Expected covered weight sum w (1 - q^k):
    //   q 0.5: (0,0,2) 0.75 (30 + 50) = 60; (0,1,1) 0.5·20 + 0.75·30 + 0.5·50 = 57.5;
    //          (1,0,1) 0.5 · 110 = 55; (1,1,0) 35; (0,2,0) 37.5; (2,0,0) 22.5.
    //   q 0.1: (1,0,1) 0.9 · 110 = 99; (0,1,1) 18 + 29.7 + 45 = 92.7; (0,0,2) 0.99 · 80 = 79.2.
    AmbulanceSitingOptions o = options(2);
    o.busy_fraction = 0.5;
    const AmbulanceSitingResult busy = solve_max_expected_covering(stations(), o);
    CHECK(busy.optimal);
    CHECK(busy.units_at == std::vector<std::size_t>{0, 0, 2});
    CHECK(busy.objective == Approx(60));
    CHECK(busy.bound == Approx(60));
    CHECK(busy.covered_twice == Approx(80));
    o.busy_fraction = 0.1;
    const AmbulanceSitingResult idle = solve_max_expected_covering(stations(), o);
    CHECK(idle.units_at == std::vector<std::size_t>{1, 0, 1});
    CHECK(idle.objective == Approx(99));
}

TEST_CASE("ambulance models keep an existing station and refuse bad parameters", "[siting]") {
    SitingInstance kept = stations();
    kept.forced_open = {0, 1, 0};  // a station at s1 stays
    AmbulanceSitingOptions o = options(2);
    o.busy_fraction = 0.5;
    // With s1 holding a unit: (0,1,1) 57.5 beats (1,1,0) 35 and (0,2,0) 37.5.
    const AmbulanceSitingResult r = solve_max_expected_covering(kept, o);
    CHECK(r.units_at == std::vector<std::size_t>{0, 1, 1});
    CHECK(r.objective == Approx(57.5));

    o.units = 7;  // 3 sites × 2
    CHECK_THROWS_WITH(solve_max_expected_covering(stations(), o),
                      Catch::Contains("7 units do not fit"));
    o.units = 2;
    o.busy_fraction = 1;
    CHECK_THROWS_WITH(solve_max_expected_covering(stations(), o), Catch::Contains("busy fraction"));
    o.alpha = 1.5;
    CHECK_THROWS_WITH(solve_double_standard(stations(), o), Catch::Contains("alpha"));
    o.alpha = 0.5;
    o.long_radius = 200;
    CHECK_THROWS_WITH(solve_double_standard(stations(), o), Catch::Contains("long radius"));
}

TEST_CASE("ambulance models equal the enumeration of every placement on random instances",
          "[siting]") {
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> cost(0, 1000), weight(1, 100);
    for (int round = 0; round < 30; ++round) {
        INFO("round " << round);
        const std::size_t sites = 3 + round % 4, demand = 6 + round % 7;
        SitingInstance instance = make_siting_instance(demand, sites);
        for (double& w : instance.weights)
            w = std::round(weight(random));
        for (double& c : instance.costs)
            c = std::round(cost(random));
        AmbulanceSitingOptions o;
        o.units = 1 + static_cast<std::size_t>(round) % 4;
        o.max_per_site = 1 + static_cast<std::size_t>(round) % 3;
        if (o.units > sites * o.max_per_site)
            o.units = sites * o.max_per_site;
        o.radius = 350;
        o.long_radius = 1000;  // every pair
        o.alpha = 0.2 + 0.05 * (round % 6);
        o.busy_fraction = 0.1 + 0.1 * (round % 5);
        o.time_limit_s = 30;

        double best_expected = -1, best_twice = -1;
        each_placement(sites, o.units, o.max_per_site, [&](const std::vector<std::size_t>& at) {
            const AmbulanceSitingResult f = placement_figures(instance, at, o);
            best_expected = std::max(best_expected, f.expected_covered);
            if (f.covered_once >= o.alpha * instance.total_weight() - 1e-9)
                best_twice = std::max(best_twice, f.covered_twice);
        });
        const AmbulanceSitingResult mexclp = solve_max_expected_covering(instance, o);
        CHECK(mexclp.optimal);
        CHECK(mexclp.objective == Approx(best_expected).epsilon(1e-9));
        if (best_twice < 0) {
            CHECK_THROWS_AS(solve_double_standard(instance, o), InputError);
        } else {
            const AmbulanceSitingResult dsm = solve_double_standard(instance, o);
            CHECK(dsm.optimal);
            CHECK(dsm.objective == Approx(best_twice));
            CHECK(dsm.covered_once >= o.alpha * instance.total_weight() - 1e-9);
        }
    }
}

// The siting models on a hand-made instance on a line (siting_line below); every expected
// value is worked out by hand in the comments, by enumerating the site sets.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/errors.hpp"
#include "solvers/siting/siting_models.hpp"

namespace {

// Five demand points and three sites on a line, cost = distance.
//
//   position   0    1         3              6    7
//   demand     a10  b5        c20            d1   e2        (weight after the name)
//   site       s1             s2             s3
//
//          s1  s2  s3
//     a     0   3   6
//     b     1   2   5
//     c     3   0   3
//     d     6   3   0
//     e     7   4   1        total weight 38

muster::SitingInstance siting_line() {
    muster::SitingInstance instance = muster::make_siting_instance(5, 3);
    instance.demand_ids = {"a", "b", "c", "d", "e"};
    instance.site_ids = {"s1", "s2", "s3"};
    instance.weights = {10, 5, 20, 1, 2};
    const double positions[5] = {0, 1, 3, 6, 7};
    const double sites[3] = {0, 3, 6};
    for (std::size_t i = 0; i < 5; ++i) {
        for (std::size_t j = 0; j < 3; ++j) {
            const double d = positions[i] - sites[j];
            instance.costs[i * 3 + j] = d < 0 ? -d : d;
        }
    }
    return instance;
}

using muster::SitingModel;
using muster::SitingOptions;
using muster::SitingResult;
using Sites = std::vector<std::size_t>;

SitingOptions with_p(std::size_t p, double radius = std::nan("")) {
    SitingOptions options;
    options.p = p;
    options.radius = radius;
    options.time_limit_s = 30;
    return options;
}

void require_optimal(const SitingResult& r) {
    CHECK(r.optimal);
    CHECK(r.gap == 0);
    CHECK(r.bound == Approx(r.objective));
}

/// Weight served per site.
std::map<std::size_t, double> served(const SitingResult& r) {
    std::map<std::size_t, double> out;
    for (const auto& a : r.assignment)
        out[a.site] += a.amount;
    return out;
}

}  // namespace

TEST_CASE("p-median on the line instance", "[siting]") {
    const auto line = siting_line();
    // p = 1: s1 85, s2 30+10+0+3+8 = 51, s3 147.
    SitingResult r = muster::solve_p_median(line, with_p(1));
    CHECK(r.open_sites == Sites{1});
    CHECK(r.objective == Approx(51));
    require_optimal(r);
    // p = 2: {s1,s2} 0+5+0+3+8 = 16, {s1,s3} 67, {s2,s3} 42.
    r = muster::solve_p_median(line, with_p(2));
    CHECK(r.open_sites == Sites{0, 1});
    CHECK(r.objective == Approx(16));
    require_optimal(r);
    REQUIRE(r.assignment.size() == 5);
    CHECK(r.assignment[4].site == 1);  // e: s2 at 4, not s1 at 7
    CHECK(r.assignment[4].cost == 4);
}

TEST_CASE("p-median keeps a forced-open site", "[siting]") {
    auto line = siting_line();
    line.forced_open[2] = 1;
    // With s3 open: {s1,s3} 67, {s2,s3} 42.
    const SitingResult r = muster::solve_p_median(line, with_p(2));
    CHECK(r.open_sites == Sites{1, 2});
    CHECK(r.objective == Approx(42));
    require_optimal(r);
}

TEST_CASE("set covering on the line instance", "[siting]") {
    const auto line = siting_line();
    // Radius 2: a only by s1, c only by s2, d and e only by s3.
    SitingResult r = muster::solve_set_covering(line, with_p(0, 2));
    CHECK(r.objective == 3);
    require_optimal(r);
    // Radius 3: e needs s3; a needs s1 or s2: two sites.
    r = muster::solve_set_covering(line, with_p(0, 3));
    CHECK(r.objective == 2);
    CHECK(std::find(r.open_sites.begin(), r.open_sites.end(), 2) != r.open_sites.end());
    require_optimal(r);
    // Radius 4: s2 reaches everyone.
    r = muster::solve_set_covering(line, with_p(0, 4));
    CHECK(r.open_sites == Sites{1});
    for (const auto& a : r.assignment)
        CHECK(a.covered);
}

TEST_CASE("set covering counts forced-open sites", "[siting]") {
    auto line = siting_line();
    line.forced_open[0] = 1;
    // Radius 4: s2 alone would do, but s1 is open anyway: {s1, s2}.
    const SitingResult r = muster::solve_set_covering(line, with_p(0, 4));
    CHECK(r.open_sites == Sites{0, 1});
    CHECK(r.objective == 2);
}

TEST_CASE("maximal covering on the line instance", "[siting]") {
    const auto line = siting_line();
    // Radius 2, p = 1: s1 covers a,b (15), s2 b,c (25), s3 d,e (3).
    SitingResult r = muster::solve_max_covering(line, with_p(1, 2));
    CHECK(r.open_sites == Sites{1});
    CHECK(r.objective == Approx(25));
    require_optimal(r);
    // p = 2: {s1,s2} a,b,c = 35; {s2,s3} 28; {s1,s3} 18.
    r = muster::solve_max_covering(line, with_p(2, 2));
    CHECK(r.open_sites == Sites{0, 1});
    CHECK(r.objective == Approx(35));
    require_optimal(r);
    std::size_t uncovered = 0;
    for (const auto& a : r.assignment)
        uncovered += a.covered ? 0 : 1;
    CHECK(uncovered == 2);  // d and e
    // s3 forced: {s1,s3} 18, {s2,s3} 28.
    auto forced = line;
    forced.forced_open[2] = 1;
    r = muster::solve_max_covering(forced, with_p(2, 2));
    CHECK(r.open_sites == Sites{1, 2});
    CHECK(r.objective == Approx(28));
}

TEST_CASE("p-center on the line instance", "[siting]") {
    const auto line = siting_line();
    // p = 1: largest cost s1 7, s2 4, s3 6.
    SitingResult r = muster::solve_p_center(line, with_p(1));
    CHECK(r.open_sites == Sites{1});
    CHECK(r.objective == 4);
    require_optimal(r);
    // p = 2: {s1,s2} 4, {s1,s3} 3, {s2,s3} 3.
    r = muster::solve_p_center(line, with_p(2));
    CHECK(r.objective == 3);
    CHECK(r.open_sites.size() == 2);
    require_optimal(r);
}

TEST_CASE("capacitated p-median on the line instance", "[siting]") {
    auto line = siting_line();
    line.capacity = {20, 20, 20};
    // {s1,s2}: s1 takes a,b (15), s2 would take c,d,e (23) but holds 20: 3 units move to s1 at
    // +3 each (c, d and e all cost 3 more there): 16 + 9 = 25. {s1,s3}: 67 (c splits at equal
    // cost), {s2,s3}: 42 + 15 units moved at +3 = 87.
    const SitingResult r = muster::solve_capacitated_p_median(line, with_p(2));
    CHECK(r.open_sites == Sites{0, 1});
    CHECK(r.objective == Approx(25));
    require_optimal(r);
    const auto load = served(r);
    CHECK(load.at(0) == Approx(18));
    CHECK(load.at(1) == Approx(20));
}

TEST_CASE("capacitated facility location on the line instance", "[siting]") {
    auto line = siting_line();
    line.fixed_cost = {10, 30, 12};
    // Unlimited capacity: {s1,s2} 40 + 16 = 56; all three 52 + 7 = 59; {s2} 81; {s2,s3} 42 + 42.
    SitingResult r = muster::solve_facility_location(line, with_p(0));
    CHECK(r.open_sites == Sites{0, 1});
    CHECK(r.objective == Approx(56));
    require_optimal(r);
    // Capacities 20, 15, 10: no pair of sites holds 38, so all three open; c's 5 units beyond s2's
    // 15 go to s1 or s3 at +3 each: 52 + 7 + 15 = 74.
    line.capacity = {20, 15, 10};
    r = muster::solve_facility_location(line, with_p(0));
    CHECK(r.open_sites == Sites{0, 1, 2});
    CHECK(r.objective == Approx(74));
    require_optimal(r);
    CHECK(served(r).at(1) == Approx(15));
}

TEST_CASE("capacitated facility location keeps a forced-open site", "[siting]") {
    auto line = siting_line();
    line.fixed_cost = {10, 30, 12};
    line.forced_open[2] = 1;
    // With s3: all three 59, {s1,s3} 89, {s2,s3} 84, {s3} 159.
    const SitingResult r = muster::solve_facility_location(line, with_p(0));
    CHECK(r.open_sites == Sites{0, 1, 2});
    CHECK(r.objective == Approx(59));
}

TEST_CASE("capacity short of demand is a clear error", "[siting]") {
    auto line = siting_line();
    line.capacity = {16, 15, 5};  // 36 < 38
    line.fixed_cost = {10, 30, 12};
    CHECK_THROWS_WITH(muster::solve_facility_location(line, with_p(0)),
                      Catch::Contains("total demand 38 exceeds the capacity of all sites (36)"));
    line.capacity = {20, 20, 20};
    CHECK_THROWS_AS(muster::solve_capacitated_p_median(line, with_p(1)), muster::InputError);
    CHECK_THROWS_WITH(muster::solve_capacitated_p_median(line, with_p(1)),
                      Catch::Contains("the 1 largest sites (20)"));
}

TEST_CASE("capacity that pairs cannot reach is reported infeasible", "[siting]") {
    // d0 (5) may use s0 (capacity 10) only... d1 (5) may use s1 (capacity 2) only: 12 >= 10 in
    // total, yet d1 cannot be served.
    auto instance = muster::make_siting_instance(2, 2);
    instance.weights = {5, 5};
    instance.capacity = {10, 2};
    instance.costs = {1, muster::kNoCost, muster::kNoCost, 1};
    CHECK_THROWS_AS(muster::solve_capacitated_p_median(instance, with_p(2)), muster::InputError);
    CHECK_THROWS_WITH(muster::solve_capacitated_p_median(instance, with_p(2)),
                      Catch::Contains("infeasible"));
}

TEST_CASE("siting parameters out of range are clear errors", "[siting]") {
    const auto line = siting_line();
    CHECK_THROWS_WITH(muster::solve_p_median(line, with_p(4)),
                      Catch::Contains("p = 4 is larger than the number of sites (3)"));
    CHECK_THROWS_WITH(muster::solve_p_median(line, with_p(0)),
                      Catch::Contains("p must be at least 1"));
    auto forced = line;
    forced.forced_open = {1, 1, 0};
    CHECK_THROWS_WITH(muster::solve_p_center(forced, with_p(1)),
                      Catch::Contains("smaller than the number of forced-open sites (2)"));
    CHECK_THROWS_WITH(muster::solve_max_covering(line, with_p(1)), Catch::Contains("radius"));
    CHECK_THROWS_WITH(muster::solve_set_covering(line, with_p(0, 0.5)),
                      Catch::Contains("demand 'b' has no site within radius 0.5"));
    auto bad = line;
    bad.weights[1] = -1;
    CHECK_THROWS_WITH(muster::solve_p_median(bad, with_p(1)),
                      Catch::Contains("demand 'b' has weight"));
    auto no_cost = line;
    for (std::size_t j = 0; j < 3; ++j)
        no_cost.costs[3 * 3 + j] = muster::kNoCost;
    CHECK_THROWS_WITH(muster::solve_p_median(no_cost, with_p(1)),
                      Catch::Contains("demand 'd' has no site that may serve it"));
}

TEST_CASE("p-median gives the same answer twice", "[siting]") {
    const auto line = siting_line();
    const SitingResult a = muster::solve_siting(SitingModel::pmedian, line, with_p(2));
    const SitingResult b = muster::solve_siting(SitingModel::pmedian, line, with_p(2));
    CHECK(a.open_sites == b.open_sites);
    CHECK(a.objective == b.objective);
    CHECK(a.method == b.method);
}

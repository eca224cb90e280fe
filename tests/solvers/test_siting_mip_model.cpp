// The CBC wrapper every siting model builds its MIP through: statuses, bounds and the root LP
// on tiny programs whose answers are worked out by hand in the comments.

#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "solvers/siting/detail/mip_model.hpp"

using muster::detail::MipModel;
using muster::detail::MipSolution;
using muster::detail::MipStatus;

TEST_CASE("a small binary program is solved to its hand-computed optimum", "[siting]") {
    // min -5a - 4b - 3c, 2a + 3b + c <= 5, 4a + b + 2c <= 11, 3a + 4b + 2c <= 8, a, b, c binary.
    // Enumerating: (1,1,1) breaks row 1 (6 > 5); (1,1,0) = -9 fits (5, 5, 7); (1,0,1) = -8;
    // (0,1,1) = -7; the rest are worse. Optimum -9 at (1,1,0).
    MipModel mip;
    const int a = mip.add_variable(0, 1, -5, true);
    const int b = mip.add_variable(0, 1, -4, true);
    const int c = mip.add_variable(0, 1, -3, true);
    const std::vector<int> vars = {a, b, c};
    mip.add_row(vars, std::vector<double>{2, 3, 1}, 'L', 5);
    mip.add_row(vars, std::vector<double>{4, 1, 2}, 'L', 11);
    mip.add_row(vars, std::vector<double>{3, 4, 2}, 'L', 8);
    const MipSolution s = mip.solve(10);
    REQUIRE(s.status == MipStatus::optimal);
    REQUIRE(s.objective == Approx(-9));
    REQUIRE(s.values.at(a) == Approx(1));
    REQUIRE(s.values.at(b) == Approx(1));
    REQUIRE(s.values.at(c) == Approx(0).margin(1e-9));
    // The LP relaxation is no worse than the integer optimum: a = 1, b = 1, c = 0 is LP-feasible.
    REQUIRE(s.root_lp_bound <= -9 + 1e-9);
    REQUIRE(s.bound <= s.objective + 1e-9);
    REQUIRE_FALSE(s.time_limit_reached);
}

TEST_CASE("a program whose LP is feasible but has no integer point is infeasible", "[siting]") {
    // x binary with 0.4 <= x <= 0.6: the LP has x = 0.5, no integer x fits.
    MipModel mip;
    const int x = mip.add_variable(0, 1, 1, true);
    mip.add_row(std::vector<int>{x}, std::vector<double>{1}, 'G', 0.4);
    mip.add_row(std::vector<int>{x}, std::vector<double>{1}, 'L', 0.6);
    const MipSolution s = mip.solve(10);
    REQUIRE(s.status == MipStatus::infeasible);
    REQUIRE_FALSE(s.time_limit_reached);
}

TEST_CASE("a program whose root LP is infeasible is infeasible", "[siting]") {
    // x in [0, 1] with x + y >= 3, y in [0, 1]: not even the LP has a point.
    MipModel mip;
    const int x = mip.add_variable(0, 1, 1, true);
    const int y = mip.add_variable(0, 1, 1, false);
    mip.add_row(std::vector<int>{x, y}, std::vector<double>{1, 1}, 'G', 3);
    const MipSolution s = mip.solve(10);
    REQUIRE(s.status == MipStatus::infeasible);
}

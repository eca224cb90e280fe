// The ambulance location models (solvers/siting/ambulance_models.hpp) against GLPK on random
// instances too large to enumerate: the two models written out here from their papers as integer
// programs in CPLEX-LP text, solved by glpsol (an independent solver and formulation), must give
// muster's optimum.
//
// Maximum expected covering (Daskin 1983): max Σ_i Σ_{k=1..P} w_i (1 - q) q^(k-1) y_ik subject to
// Σ_k y_ik <= Σ_{j covers i} x_j, Σ_j x_j = P, 0 <= y_ik <= 1, x_j integer in [open_j, most].
// Double standard (Gendreau, Laporte, Semet 1997): max Σ_i w_i z2_i subject to
// Σ_{j within long radius of i} x_j >= 1, Σ_i w_i z1_i >= α W, Σ_{j covers i} x_j >= z1_i + z2_i,
// z2_i <= z1_i, Σ_j x_j = P, z binary, x_j integer in [open_j, most].

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "solvers/siting/ambulance_models.hpp"
#include "tests/support/glpsol_lp.hpp"
#include "tests/support/random_seed.hpp"

using namespace muster;
namespace glpk = muster::test::glpk;

namespace {

std::string var(const char* name, std::size_t i) {
    return name + std::to_string(i);
}
std::string var(const char* name, std::size_t i, std::size_t k) {
    return name + std::to_string(i) + "_" + std::to_string(k);
}

/// The bounds of the sites' unit counts and their General section.
std::string site_bounds(const SitingInstance& in, const AmbulanceSitingOptions& o) {
    std::string text = "Bounds\n";
    for (std::size_t j = 0; j < in.site_count(); ++j)
        text += " " + std::to_string(in.forced_open[j] ? 1 : 0) + " <= " + var("x", j) +
                " <= " + std::to_string(o.max_per_site) + "\n";
    return text;
}

std::string generals(const SitingInstance& in) {
    std::string text = "General\n";
    for (std::size_t j = 0; j < in.site_count(); ++j)
        text += " " + var("x", j) + "\n";
    return text;
}

std::string units_row(const SitingInstance& in, const AmbulanceSitingOptions& o) {
    glpk::Expr units;
    for (std::size_t j = 0; j < in.site_count(); ++j)
        units.add(1, var("x", j));
    return " units:" + units.str() + " = " + std::to_string(o.units) + "\n";
}

/// Σ_{j: cost <= radius} x_j - rest >= 0, as a row named `name`.
std::string cover_row(const SitingInstance& in, std::size_t i, double radius,
                      const std::string& name, glpk::Expr rest, const std::string& rhs) {
    for (std::size_t j = 0; j < in.site_count(); ++j) {
        if (in.cost(i, j) <= radius)
            rest.add(1, var("x", j));
    }
    return " " + name + ":" + rest.str() + " >= " + rhs + "\n";
}

std::string mexclp_lp(const SitingInstance& in, const AmbulanceSitingOptions& o) {
    glpk::Expr objective;
    std::string rows;
    for (std::size_t i = 0; i < in.demand_count(); ++i) {
        glpk::Expr levels;
        for (std::size_t k = 1; k <= o.units; ++k) {
            objective.add(in.weights[i] * (1 - o.busy_fraction) *
                              std::pow(o.busy_fraction, static_cast<double>(k - 1)),
                          var("y", i, k));
            levels.add(-1, var("y", i, k));
        }
        rows += cover_row(in, i, o.radius, var("c", i), levels, "0");
    }
    std::string bounds = site_bounds(in, o);
    for (std::size_t i = 0; i < in.demand_count(); ++i) {
        for (std::size_t k = 1; k <= o.units; ++k)
            bounds += " 0 <= " + var("y", i, k) + " <= 1\n";
    }
    return "Maximize\n obj:" + objective.str() + "\nSubject To\n" + rows + units_row(in, o) +
           bounds + generals(in) + "End\n";
}

std::string dsm_lp(const SitingInstance& in, const AmbulanceSitingOptions& o) {
    glpk::Expr objective, once;
    std::string rows;
    for (std::size_t i = 0; i < in.demand_count(); ++i) {
        objective.add(in.weights[i], var("b", i));
        once.add(in.weights[i], var("a", i));
        rows += cover_row(in, i, o.long_radius, var("l", i), {}, "1");
        glpk::Expr both;
        both.add(-1, var("a", i));
        both.add(-1, var("b", i));
        rows += cover_row(in, i, o.radius, var("c", i), both, "0");
        rows += " " + var("t", i) + ": " + var("a", i) + " - " + var("b", i) + " >= 0\n";
    }
    rows += " alpha:" + once.str() + " >= " + glpk::number(o.alpha * in.total_weight()) + "\n";
    std::string binaries = "Binary\n";
    for (std::size_t i = 0; i < in.demand_count(); ++i)
        binaries += " " + var("a", i) + " " + var("b", i) + "\n";
    return "Maximize\n obj:" + objective.str() + "\nSubject To\n" + rows + units_row(in, o) +
           site_bounds(in, o) + generals(in) + binaries + "End\n";
}

}  // namespace

TEST_CASE("ambulance models equal GLPK's optimum of the papers' programs on random instances",
          "[siting]") {
    const std::uint64_t seed = muster::test::test_seed();
    INFO("seed " << seed << " (set MUSTER_TEST_SEED to repeat)");
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> cost(0, 1000), weight(1, 100);
    muster::test::TempDir dir;
    for (int round = 0; round < 4; ++round) {
        INFO("round " << round);
        // 14 to 17 sites, 40 to 55 demand points, 5 to 8 units: 7,098 to 410,346 placements.
        const std::size_t sites = 14 + round, demand = 40 + 5 * round;
        SitingInstance instance = make_siting_instance(demand, sites);
        for (double& w : instance.weights)
            w = std::round(weight(random));
        for (double& c : instance.costs)
            c = std::round(cost(random));
        instance.forced_open[static_cast<std::size_t>(round)] = 1;  // an existing station kept
        AmbulanceSitingOptions o;
        o.units = 5 + static_cast<std::size_t>(round);
        o.max_per_site = 2;
        o.radius = 200;
        o.long_radius = 1000;  // every pair: the long-radius rows always hold
        o.alpha = 0.5;
        o.busy_fraction = 0.2 + 0.1 * round;
        o.time_limit_s = 60;

        const AmbulanceSitingResult mexclp = solve_max_expected_covering(instance, o);
        REQUIRE(mexclp.optimal);
        CHECK(mexclp.objective == Approx(glpk::mip_optimum(dir, "mexclp" + std::to_string(round),
                                                           mexclp_lp(instance, o)))
                                      .epsilon(1e-7));
        CHECK(mexclp.units_at[static_cast<std::size_t>(round)] >= 1);

        const AmbulanceSitingResult dsm = solve_double_standard(instance, o);
        REQUIRE(dsm.optimal);
        CHECK(dsm.objective ==
              Approx(glpk::mip_optimum(dir, "dsm" + std::to_string(round), dsm_lp(instance, o)))
                  .epsilon(1e-7));
        CHECK(dsm.covered_once >= o.alpha * instance.total_weight() - 1e-9);
    }
}

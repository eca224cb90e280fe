// The p-median time limit is a wall-clock bound, the root LP included, and the answers it stops
// stay honest: a lower bound at most the published optimum, an objective at least it. Instances
// are OR-Library's pmed (Beasley 1985, bench/data/orlib-pmed); expected optima are the published
// ones of pmedopt.txt.
//
// The wall-clock checks below test the contract of the time limit (an answer comes back when the
// limit says), not performance: their slack is generous so that a loaded machine does not fail
// them. Performance is measured by bench/bench_siting.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "solvers/siting/detail/mip_model.hpp"
#include "solvers/siting/detail/pmedian_data.hpp"
#include "solvers/siting/detail/pmedian_radius_mip.hpp"
#include "solvers/siting/siting_models.hpp"

namespace {

// Extra seconds allowed beyond the limit: reading the result, building the model, a loaded CPU.
constexpr double kSlackSeconds = 2.0;

/// An OR-Library pmed file as a siting instance: all-pairs shortest paths (Floyd-Warshall, the
/// last cost of a repeated edge wins), every vertex a demand point of weight 1 and a site.
muster::SitingInstance read_pmed(const std::string& name, std::size_t* p) {
    const std::filesystem::path path =
        std::filesystem::path(MUSTER_BENCH_DATA) / "orlib-pmed" / (name + ".txt");
    std::ifstream in(path);
    REQUIRE(in.good());
    std::size_t n = 0, edges = 0;
    in >> n >> edges >> *p;
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d(n * n, inf);
    for (std::size_t i = 0; i < n; ++i)
        d[i * n + i] = 0;
    for (std::size_t e = 0; e < edges; ++e) {
        std::size_t a = 0, b = 0;
        double c = 0;
        in >> a >> b >> c;
        d[(a - 1) * n + (b - 1)] = d[(b - 1) * n + (a - 1)] = c;
    }
    REQUIRE(in.good());
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t i = 0; i < n; ++i) {
            const double dik = d[i * n + k];
            if (dik == inf)
                continue;
            for (std::size_t j = 0; j < n; ++j)
                d[i * n + j] = std::min(d[i * n + j], dik + d[k * n + j]);
        }
    }
    muster::SitingInstance instance = muster::make_siting_instance(n, n);
    instance.costs = std::move(d);
    return instance;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The checks every answer must pass, whatever stopped it: the objective is the sum of the
/// assignment, the bound does not exceed the (published) optimum, the objective is not below it.
void require_honest(const muster::SitingResult& r, double optimum) {
    double sum = 0;
    for (const muster::SitingAssignment& a : r.assignment)
        sum += a.amount * a.cost;
    REQUIRE(r.objective == Approx(sum));
    REQUIRE(r.bound <= optimum + 1e-6);
    REQUIRE(r.objective >= optimum - 1e-6);
    REQUIRE(r.bound <= r.objective);
    REQUIRE(r.gap == Approx(muster::relative_gap(r.objective, r.bound)));
    REQUIRE(r.optimal == (r.gap == 0));
}

}  // namespace

TEST_CASE("p-median under a tight time limit returns in time with a valid bound", "[siting]") {
    // pmed16: n = 400, p = 5, published optimum 8162. Its Lagrangian bound stays below the
    // optimum, so the answer needs CBC, whose root LP alone takes longer than this limit.
    std::size_t p = 0;
    const muster::SitingInstance instance = read_pmed("pmed16", &p);
    REQUIRE(p == 5);
    muster::SitingOptions options;
    options.p = p;
    options.time_limit_s = 3;
    const auto start = std::chrono::steady_clock::now();
    const muster::SitingResult r = muster::solve_p_median(instance, options);
    const double wall = seconds_since(start);
    REQUIRE(wall <= options.time_limit_s + kSlackSeconds);
    REQUIRE(r.open_sites.size() == 5);
    require_honest(r, 8162);
    REQUIRE_FALSE(r.optimal);
    REQUIRE(r.method.find("time limit") != std::string::npos);
}

TEST_CASE("p-median with too little time left does not start CBC", "[siting]") {
    // pmed16 again: a third of 0.6 s goes to the bound, the rest is below what the root LP needs.
    std::size_t p = 0;
    const muster::SitingInstance instance = read_pmed("pmed16", &p);
    muster::SitingOptions options;
    options.p = p;
    options.time_limit_s = 0.6;
    const auto start = std::chrono::steady_clock::now();
    const muster::SitingResult r = muster::solve_p_median(instance, options);
    REQUIRE(seconds_since(start) <= options.time_limit_s + kSlackSeconds);
    require_honest(r, 8162);
    REQUIRE(r.method == "heuristic+lagrangian (time limit, cbc not started)");
}

TEST_CASE("the root LP of the p-median MIP stops at the deadline", "[siting]") {
    // The full radius formulation of pmed16 (160,000 allowed pairs) cannot be solved in 0.05 s;
    // the answer must say so instead of running on.
    std::size_t p = 0;
    const muster::SitingInstance instance = read_pmed("pmed16", &p);
    const muster::detail::PMedianData data = muster::detail::make_pmedian_data(instance, p);
    const std::vector<char> none(data.m, 0);
    const auto start = std::chrono::steady_clock::now();
    const muster::detail::PMedianExact exact =
        muster::detail::pmedian_radius_mip(data, none, none, {0, 1, 2, 3, 4}, 0.05);
    REQUIRE(seconds_since(start) <= 0.05 + kSlackSeconds);
    REQUIRE(exact.status == muster::detail::MipStatus::no_solution);
    REQUIRE_FALSE(exact.root_lp_finished);
}

TEST_CASE("p-median instances proven within the limit are still proven", "[siting]") {
    // pmed1 (n = 100, p = 5): 5819; pmed2 (n = 100, p = 10): 4093 (published optima).
    const std::pair<const char*, double> cases[] = {{"pmed1", 5819}, {"pmed2", 4093}};
    for (const auto& [name, optimum] : cases) {
        CAPTURE(name);
        std::size_t p = 0;
        const muster::SitingInstance instance = read_pmed(name, &p);
        muster::SitingOptions options;
        options.p = p;
        options.time_limit_s = 60;
        const muster::SitingResult r = muster::solve_p_median(instance, options);
        REQUIRE(r.objective == optimum);
        REQUIRE(r.bound == optimum);
        REQUIRE(r.optimal);
        REQUIRE(r.method.find("time limit") == std::string::npos);
    }
}

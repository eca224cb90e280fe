// PySAL spopt's San Francisco example (tests/fixtures/siting/spopt-sf, PROVENANCE.md there): 205
// census tracts weighted by population, 16 candidate stores, network distances. The expected
// values are spopt's published results (S = 5000, p = 4).

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "solvers/siting/siting_models.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/app/inputs/siting_instance.hpp"

namespace {

using muster::SitingResult;

const muster::SitingInstance& san_francisco() {
    static const muster::SitingInstance instance = muster::tools::read_siting_instance(
        muster::test::fixture("siting/spopt-sf/costs.csv"),
        muster::test::fixture("siting/spopt-sf/demand.csv"), std::nullopt);
    return instance;
}

std::set<std::string> open_names(const SitingResult& r) {
    std::set<std::string> names;
    for (std::size_t j : r.open_sites)
        names.insert(san_francisco().site_ids[j]);
    return names;
}

muster::SitingOptions options(std::size_t p, double radius) {
    muster::SitingOptions o;
    o.p = p;
    o.radius = radius;
    o.time_limit_s = 60;
    return o;
}

const std::set<std::string> kFour = {"Store_2", "Store_11", "Store_12", "Store_15"};

}  // namespace

TEST_CASE("San Francisco instance reads 205 tracts and 16 stores", "[siting][spopt]") {
    CHECK(san_francisco().demand_count() == 205);
    CHECK(san_francisco().site_count() == 16);
    CHECK(san_francisco().total_weight() == 955113);
}

TEST_CASE("San Francisco set covering needs 8 sites within 5000", "[siting][spopt]") {
    const SitingResult r = muster::solve_set_covering(san_francisco(), options(0, 5000));
    CHECK(r.objective == 8);
    CHECK(r.open_sites.size() == 8);
    CHECK(r.optimal);
    for (const auto& a : r.assignment)
        CHECK(a.cost <= 5000);
}

TEST_CASE("San Francisco maximal covering covers 875247 people with four stores",
          "[siting][spopt]") {
    const SitingResult r = muster::solve_max_covering(san_francisco(), options(4, 5000));
    CHECK(r.objective == 875247);
    CHECK(open_names(r) == kFour);
    CHECK(r.optimal);
    std::size_t uncovered = 0;
    for (const auto& a : r.assignment)
        uncovered += a.covered ? 0 : 1;
    CHECK(uncovered == 21);  // spopt: 21 uncovered tracts
}

TEST_CASE("San Francisco p-median objective 2848268129.7145", "[siting][spopt]") {
    const SitingResult r = muster::solve_p_median(san_francisco(), options(4, std::nan("")));
    CHECK(r.objective == Approx(2848268129.7145104).epsilon(1e-12));
    CHECK(open_names(r) == kFour);
    CHECK(r.optimal);
    CHECK(r.gap == 0);
}

TEST_CASE("San Francisco p-center 7403.06", "[siting][spopt]") {
    const SitingResult r = muster::solve_p_center(san_francisco(), options(4, std::nan("")));
    CHECK(r.objective == Approx(7403.063810849859).epsilon(1e-12));
    CHECK(r.open_sites.size() == 4);
    CHECK(r.optimal);
}

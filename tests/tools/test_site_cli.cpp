// `muster site`: the San Francisco example through the command line (spopt's published results,
// tests/fixtures/siting/spopt-sf/PROVENANCE.md), the JSON shape, and usage errors.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::test::fixture;
using muster::test::quote;
using muster::test::Run;
using muster::test::run_muster;
using nlohmann::json;

std::string sf_args(const std::string& model) {
    return "site --costs " + quote(fixture("siting/spopt-sf/costs.csv")) + " --demand " +
           quote(fixture("siting/spopt-sf/demand.csv")) + " --model " + model;
}

json run_json(const std::string& args) {
    const Run run = run_muster(args + " --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

std::set<std::string> open_sites(const json& answer) {
    std::set<std::string> sites;
    for (const auto& s : answer.at("open_sites"))
        sites.insert(s.get<std::string>());
    return sites;
}

const std::set<std::string> kFour = {"Store_2", "Store_11", "Store_12", "Store_15"};

}  // namespace

TEST_CASE("muster site reproduces the San Francisco results as JSON", "[siting][cli]") {
    const json lscp = run_json(sf_args("lscp") + " --radius 5000");
    CHECK(lscp.at("model") == "lscp");
    CHECK(lscp.at("objective").get<double>() == 8);
    CHECK(lscp.at("lower_bound").get<double>() == 8);
    CHECK(lscp.at("gap").get<double>() == 0);
    CHECK(lscp.at("open_sites").size() == 8);

    const json mclp = run_json(sf_args("mclp") + " --radius 5000 -p 4");
    CHECK(mclp.at("objective").get<double>() == 875247);
    CHECK(open_sites(mclp) == kFour);

    const json pmedian = run_json(sf_args("pmedian") + " -p 4");
    CHECK(pmedian.at("objective").get<double>() == Approx(2848268129.7145104).epsilon(1e-12));
    CHECK(pmedian.at("lower_bound").get<double>() == Approx(2848268129.7145104).epsilon(1e-12));
    CHECK(pmedian.at("gap").get<double>() == 0);
    CHECK(open_sites(pmedian) == kFour);
    REQUIRE(pmedian.at("assignment").size() == 205);
    const json& first = pmedian.at("assignment").at(0);
    CHECK(first.at("demand") == "060816029.00");  // the demand file's first tract
    CHECK(kFour.count(first.at("site").get<std::string>()) == 1);
    CHECK(!pmedian.at("method").get<std::string>().empty());

    const json pcenter = run_json(sf_args("pcenter") + " -p 4");
    CHECK(pcenter.at("objective").get<double>() == Approx(7403.063810849859).epsilon(1e-12));
}

TEST_CASE("muster site answers a table by default", "[siting][cli]") {
    const Run run = run_muster(sf_args("pmedian") + " -p 4");
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("pmedian: total weighted cost 2,848,268,129.7145"));
    CHECK_THAT(run.output, Catch::Contains("Store_15"));
}

TEST_CASE("muster site usage errors exit 1 with a message", "[siting][cli]") {
    Run run = run_muster(sf_args("pmedian"));
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("-p is required for --model pmedian"));
    run = run_muster(sf_args("mclp") + " -p 4");
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("--radius is required for --model mclp"));
    run = run_muster(sf_args("median") + " -p 4");
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("unknown model 'median'"));
    run = run_muster(sf_args("pmedian") + " -p 17");
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("p = 17 is larger than the number of sites (16)"));
    run = run_muster(sf_args("cflp"));
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("--sites (with capacities) is required"));
    run =
        run_muster("site --costs " + quote(fixture("siting/spopt-sf/missing.csv")) + " --demand " +
                   quote(fixture("siting/spopt-sf/demand.csv")) + " --model pmedian -p 4");
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Catch::Contains("missing.csv: cannot open the file"));
}

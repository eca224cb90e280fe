// `muster site`: the San Francisco example through the command line (spopt's published results,
// tests/fixtures/siting/spopt-sf/PROVENANCE.md), the JSON shape, and usage errors.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
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

/// Whether some line of `text` is `cells` (a regular expression) up to trailing blanks.
bool has_row(const std::string& text, const std::string& cells) {
    std::istringstream lines(text);
    const std::regex pattern(cells + " *");
    for (std::string line; std::getline(lines, line);) {
        if (std::regex_match(line, pattern))
            return true;
    }
    return false;
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

TEST_CASE("muster site tables say covered or assigned, and capacity only where it applies",
          "[siting][cli]") {
    // d1 (30) and d2 (20); site a (capacity 40) costs 1 and 2, site b (capacity 40) 3 and 1.
    // mclp p = 1, radius 1.5: a covers d1 (30), b d2 (20): a, 30 covered.
    // pmedian p = 1: a 30 + 40 = 70, b 90 + 20 = 110: a takes all 50 (beyond its capacity 40,
    // which p-median ignores, so the table must not show it).
    // cpmedian p = 2: d1 to a, d2 to b: a 30 of 40, b 20 of 40.
    TempDir dir;
    const std::string files =
        " --costs " +
        quote(dir.write("costs.csv",
                        "demand,site,cost\nd1,a,1\nd1,b,3\nd2,a,2\n"
                        "d2,b,1\n")) +
        " --demand " + quote(dir.write("demand.csv", "id,weight\nd1,30\nd2,20\n")) + " --sites " +
        quote(dir.write("sites.csv", "id,capacity\na,40\nb,40\n"));
    const auto table = [&](const std::string& model) {
        const Run run = run_muster("site" + files + " --model " + model);
        INFO(run.output);
        REQUIRE(run.status == 0);
        return run.output;
    };

    const std::string mclp = table("mclp -p 1 --radius 1.5");
    CHECK_THAT(mclp, Catch::Contains("weight covered"));
    CHECK(has_row(mclp, "a +1 +30"));
    CHECK(mclp.find("assigned") == std::string::npos);
    CHECK(mclp.find("capacity") == std::string::npos);

    const std::string pmedian = table("pmedian -p 1");
    CHECK_THAT(pmedian, Catch::Contains("weight assigned"));
    CHECK(has_row(pmedian, "a +2 +50"));
    CHECK(pmedian.find("covered") == std::string::npos);
    CHECK(pmedian.find("capacity") == std::string::npos);

    const std::string cpmedian = table("cpmedian -p 2");
    CHECK_THAT(cpmedian, Catch::Contains("weight assigned"));
    CHECK_THAT(cpmedian, Catch::Contains("capacity"));
    CHECK(has_row(cpmedian, "a +1 +30 +40"));
    CHECK(has_row(cpmedian, "b +1 +20 +40"));
}

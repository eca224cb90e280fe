// Reading siting instances from CSV (tools/app/inputs/siting_instance.hpp): a good instance by
// hand, and every kind of bad input with the file, line and column it names.

#include <catch2/catch.hpp>

#include <cmath>

#include "engine/errors.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/app/inputs/siting_instance.hpp"

namespace {

using muster::test::TempDir;
using muster::tools::read_siting_instance;

struct Files {
    TempDir dir;
    std::string costs, demand, sites;
    Files(const std::string& costs_text, const std::string& demand_text,
          const std::string& sites_text = "") {
        costs = dir.write("costs.csv", costs_text);
        demand = dir.write("demand.csv", demand_text);
        if (!sites_text.empty())
            sites = dir.write("sites.csv", sites_text);
    }
    muster::SitingInstance read() const {
        return read_siting_instance(costs, demand,
                                    sites.empty() ? std::nullopt : std::optional(sites));
    }
};

const char* kCosts = "demand,site,cost\na,s1,1.5\na,s2,4\nb,s2,2\n";
const char* kDemand = "id,weight\na,10\nb,5\n";

}  // namespace

TEST_CASE("siting CSV files read into a dense instance", "[siting][input]") {
    // Quoted fields, CRLF, any column order, an extra column, a blank line.
    const Files files(
        "\"site\",cost,demand,note\r\ns1,1.5,a,x\r\n\r\ns2,4,a,\r\n\"s2\",2,\"b\",y\r\n",
        "weight,id\n10,a\n5,b\n");
    const auto instance = files.read();
    REQUIRE(instance.demand_ids == std::vector<std::string>{"a", "b"});
    REQUIRE(instance.site_ids ==
            std::vector<std::string>{"s1", "s2"});  // order of first appearance
    CHECK(instance.weights == std::vector<double>{10, 5});
    CHECK(instance.cost(0, 0) == 1.5);
    CHECK(instance.cost(0, 1) == 4);
    CHECK(instance.cost(1, 0) == muster::kNoCost);
    CHECK(instance.cost(1, 1) == 2);
    CHECK(std::isinf(instance.capacity[0]));
    CHECK(instance.forced_open == std::vector<char>{0, 0});
}

TEST_CASE("siting sites file sets capacity, fixed cost and forced-open", "[siting][input]") {
    const Files files(kCosts, kDemand,
                      "id,capacity,fixed_cost,open\ns2,7,100,1\ns1,,,0\ns3,3,0,0\n");
    const auto instance = files.read();
    REQUIRE(instance.site_ids ==
            std::vector<std::string>{"s2", "s1", "s3"});  // the sites file's order
    CHECK(instance.capacity[0] == 7);
    CHECK(std::isinf(instance.capacity[1]));
    CHECK(instance.fixed_cost == std::vector<double>{100, 0, 0});
    CHECK(instance.forced_open == std::vector<char>{1, 0, 0});
    CHECK(instance.cost(0, 1) == 1.5);  // a, s1
}

TEST_CASE("siting CSV errors name file, line and column", "[siting][input]") {
    SECTION("missing file") {
        const Files files(kCosts, kDemand);
        CHECK_THROWS_WITH(
            read_siting_instance(files.dir.file("nope.csv"), files.demand, std::nullopt),
            Catch::Contains("nope.csv: cannot open the file"));
    }
    SECTION("missing column") {
        const Files files("demand,site,distance\na,s1,1\n", kDemand);
        CHECK_THROWS_AS(files.read(), muster::InputError);
        CHECK_THROWS_WITH(files.read(), Catch::Contains("costs.csv:1: missing column 'cost'"));
    }
    SECTION("unknown demand id") {
        const Files files("demand,site,cost\na,s1,1\nzz,s1,2\n", kDemand);
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("costs.csv:3: column 'demand' (1): unknown demand id 'zz'"));
    }
    SECTION("unknown site id when a sites file is given") {
        const Files files(kCosts, kDemand, "id\ns1\n");
        CHECK_THROWS_WITH(files.read(),
                          Catch::Contains("costs.csv:3: column 'site' (2): unknown site id 's2'"));
    }
    SECTION("negative weight") {
        const Files files(kCosts, "id,weight\na,10\nb,-5\n");
        CHECK_THROWS_WITH(files.read(),
                          Catch::Contains("demand.csv:3: column 'weight' (2): negative weight -5"));
    }
    SECTION("weight not a number") {
        const Files files(kCosts, "id,weight\na,ten\nb,5\n");
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("demand.csv:2: column 'weight' (2): 'ten' is not a number"));
    }
    SECTION("negative cost") {
        const Files files("demand,site,cost\na,s1,-1\n", kDemand);
        CHECK_THROWS_WITH(files.read(),
                          Catch::Contains("costs.csv:2: column 'cost' (3): negative cost -1"));
    }
    SECTION("duplicate demand id") {
        const Files files(kCosts, "id,weight\na,10\na,5\n");
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("demand.csv:3: column 'id' (1): demand id 'a' given twice"));
    }
    SECTION("pair given twice") {
        const Files files("demand,site,cost\na,s1,1\nb,s1,2\na,s1,3\n", kDemand);
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("costs.csv:4: the pair demand 'a', site 's1' is given twice"));
    }
    SECTION("open flag not 0 or 1") {
        const Files files(kCosts, kDemand, "id,open\ns1,yes\ns2,0\n");
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("sites.csv:2: column 'open' (2): 'yes' (0 or 1 expected)"));
    }
    SECTION("capacity zero") {
        const Files files(kCosts, kDemand, "id,capacity\ns1,0\ns2,5\n");
        CHECK_THROWS_WITH(
            files.read(),
            Catch::Contains("sites.csv:2: column 'capacity' (2): capacity must be > 0"));
    }
    SECTION("short row") {
        const Files files("demand,site,cost\na,s1\n", kDemand);
        CHECK_THROWS_WITH(files.read(), Catch::Contains("costs.csv:2: the row has 2 fields"));
    }
    SECTION("empty id") {
        const Files files(kCosts, "id,weight\n,10\n");
        CHECK_THROWS_WITH(files.read(), Catch::Contains("demand.csv:2: column 'id' (1): empty id"));
    }
    SECTION("a quoted field left open swallows the rows after it") {
        const Files files("demand,site,cost\na,s1,1.5\n\"a,s2,4\nb,s2,2\n", kDemand);
        CHECK_THROWS_WITH(files.read(),
                          Catch::Contains("costs.csv:3: a quoted field is not closed"));
    }
    SECTION("a doubled quote inside a quoted field opens nothing") {
        const Files files("demand,site,cost,note\na,s1,1.5,\"the \"\"old\"\" road\"\nb,s1,2,x\n",
                          kDemand);
        const auto instance = files.read();
        CHECK(instance.cost(0, 0) == 1.5);
        CHECK(instance.cost(1, 0) == 2);
    }
}

// `muster site DB --candidates SRC` on the street of tests/fixtures/coverage (on the equator, where
// a degree of longitude is 111,319.49 m and walking distances are longitude differences along
// the one street), with the candidates of tests/fixtures/siting-db:
//
//   longitude  what
//   0.000      s-hall, existing emergency shelter, capacity 100
//   0.003      t-west, 120 people
//   0.005      c-library, candidate, capacity 100
//   0.012      c-gym, candidate, capacity 150
//   0.015      t-east, 80 people; s-church, closed
//   0.017      c-field, candidate given as a polygon, capacity 60
//   0.020      s-school, existing fixed shelter, capacity 50
//
// c-far lies 3.3 km from the street and t-hills (10 people) 3 km: neither reaches anything.
// Every expected figure below is worked out by hand in degrees x people and then converted.
// The last test runs the Malta sample and checks invariants against GDAL's reading of --out.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr double kMetresPerDegree = 111'319.49;

std::string coverage_source(const std::string& name) {
    return quote(fixture("coverage/" + name));
}
std::string candidates(const std::string& name = "candidates.geojson") {
    return quote(fixture("siting-db/" + name));
}

std::string import_street(const TempDir& dir) {
    const std::string db = dir.file("street.sqlite");
    const Run run =
        run_muster("import " + quote(db) + " --roads " + coverage_source("roads.geojson") +
                   " --townships " + coverage_source("townships.geojson") + " --shelters " +
                   coverage_source("shelters.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

/// The JSON document in an output that may also carry notes (stderr) before and after it.
json json_in(const std::string& output) {
    const std::size_t begin = output.rfind("{", 0) == 0 ? 0 : output.find("\n{") + 1;
    const std::size_t end = output.rfind("\n}") + 2;
    return json::parse(output.substr(begin, end - begin));
}

json site_json(const std::string& db, const std::string& args) {
    const Run run = run_muster("site " + quote(db) + " --candidates " + candidates() +
                               " --format json " + args);
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json_in(run.output);
}

std::set<std::string> open_sites(const json& answer) {
    std::set<std::string> ids;
    for (const json& id : answer.at("open_sites"))
        ids.insert(id.get<std::string>());
    return ids;
}

const json& chosen(const json& answer, const std::string& id) {
    for (const json& s : answer.at("chosen")) {
        if (s.at("id") == id)
            return s;
    }
    FAIL("site " << id << " not chosen");
    throw;
}

std::string left_out_reason(const json& answer, const std::string& id) {
    for (const json& s : answer.at("left_out_sites")) {
        if (s.at("id") == id)
            return s.at("reason").get<std::string>();
    }
    return "";
}

/// The Malta sample, with its hazards, imported into dir; returns the database's path.
std::string import_malta(const TempDir& dir) {
    const std::string db = dir.file("malta.sqlite");
    const auto src = [](const std::string& file) { return quote(sample("malta/" + file)); };
    const Run import =
        run_muster("import " + quote(db) + " --roads " + src("malta-latest.osm.pbf") +
                   ":lines --townships " + src("townships.geojson") + " --shelters " +
                   src("shelters.geojson") + " --hazards " + src("hazards.geojson"));
    INFO(import.output);
    REQUIRE(import.status == 0);
    return db;
}

/// The rows of a CSV that `command` writes to stdout (fields without commas), header first.
std::vector<std::vector<std::string>> csv_rows(const std::string& command) {
    std::string text;
    REQUIRE(run_command(command, &text) == 0);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) {
            if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
                cell = cell.substr(1, cell.size() - 2);  // GDAL quotes 64-bit integers
            fields.push_back(cell);
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

/// Every set of k of the indices 0 .. n-1, in lexicographic order.
std::vector<std::vector<std::size_t>> subsets(std::size_t n, std::size_t k) {
    std::vector<std::vector<std::size_t>> out;
    std::vector<char> chosen(n, 0);
    std::fill(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(k), 1);
    do {
        std::vector<std::size_t> set;
        for (std::size_t j = 0; j < n; ++j) {
            if (chosen[j])
                set.push_back(j);
        }
        out.push_back(std::move(set));
    } while (std::prev_permutation(chosen.begin(), chosen.end()));
    return out;
}

}  // namespace

TEST_CASE("site p-median with p = 1 picks the candidate with the least person-metres") {
    TempDir dir;
    const json answer = site_json(import_street(dir), "--model pmedian -p 1 --existing ignore");
    // library: 120 x 0.002 + 80 x 0.010 = 1.04; gym: 120 x 0.009 + 80 x 0.003 = 1.32;
    // field: 120 x 0.014 + 80 x 0.002 = 1.84 (degree-people).
    CHECK(open_sites(answer) == std::set<std::string>{"c-library"});
    CHECK(answer["objective"].get<double>() == Approx(1.04 * kMetresPerDegree).margin(1.0));
    CHECK(answer["optimal"] == true);
    CHECK(answer["new_sites"] == 1);
    CHECK(answer["population"] == 210);
    CHECK(answer["assigned"].get<double>() == Approx(200));
    CHECK(answer["unassigned"].get<double>() == Approx(10));
    // t-hills (a polygon, so spread over its grid cells) is 3 km from any path: reported, not
    // dropped.
    std::int64_t unreachable = 0;
    for (const json& u : answer["unreachable_demand"]) {
        CHECK(u["township"] == "t-hills");
        CHECK_THAT(u["reason"].get<std::string>(), Catch::Contains("from any path"));
        unreachable += u["population"].get<std::int64_t>();
    }
    CHECK(unreachable == 10);
    CHECK(answer["unreachable"] == 10);
    CHECK_THAT(left_out_reason(answer, "c-far"), Catch::Contains("from any path"));
    const json& library = chosen(answer, "c-library");
    CHECK(library["existing"] == false);
    CHECK(library["name"] == "Library");
    CHECK(library["assigned"].get<double>() == Approx(200));
    CHECK(library["mean_walk_m"].get<double>() ==
          Approx(1.04 / 200 * kMetresPerDegree).margin(0.1));
}

TEST_CASE("site keeps existing shelters open and counts them towards p") {
    TempDir dir;
    const std::string db = import_street(dir);
    const json answer = site_json(db, "--model pmedian -p 3");
    // Hall and school are open (the church is closed); the third site: library 120 x 0.002 +
    // 80 x 0.005 (school) = 0.64, gym 120 x 0.003 (hall) + 80 x 0.003 = 0.60, field 120 x 0.003 +
    // 80 x 0.002 = 0.52.
    CHECK(open_sites(answer) == std::set<std::string>{"c-field", "s-hall", "s-school"});
    CHECK(answer["objective"].get<double>() == Approx(0.52 * kMetresPerDegree).margin(1.0));
    CHECK(answer["new_sites"] == 1);
    CHECK(chosen(answer, "s-hall")["existing"] == true);
    CHECK(chosen(answer, "s-hall")["assigned"].get<double>() == Approx(120));
    CHECK(chosen(answer, "c-field")["assigned"].get<double>() == Approx(80));
    CHECK_THAT(left_out_reason(answer, "s-church"), Catch::Contains("closed"));

    const Run too_few =
        run_muster("site " + quote(db) + " --candidates " + candidates() + " --model pmedian -p 1");
    CHECK(too_few.status == 1);
    CHECK_THAT(too_few.output, Catch::Contains("-p 1 is fewer than the 2 existing"));
}

TEST_CASE("site set covering counts the sites needed within 500 m") {
    TempDir dir;
    const std::string db = import_street(dir);
    // Within 500 m: t-west has the library (0.002 = 222.6 m) and the hall (333.96 m); t-east the
    // gym (333.96 m) and the field (222.6 m), not the school (556.6 m).
    const json ignore = site_json(db, "--model lscp --radius 500 --existing ignore");
    CHECK(ignore["objective"].get<double>() == Approx(2));
    CHECK(open_sites(ignore).count("c-library") == 1);
    const json fixed = site_json(db, "--model lscp --radius 500");
    // Hall and school stay open; t-east still needs the gym or the field.
    CHECK(fixed["objective"].get<double>() == Approx(3));
    CHECK(open_sites(fixed).count("s-hall") == 1);
    CHECK(open_sites(fixed).count("s-school") == 1);
    CHECK(fixed["covered"].get<double>() == Approx(200));
}

TEST_CASE("site maximal covering with one site covers t-west") {
    TempDir dir;
    const json answer =
        site_json(import_street(dir), "--model mclp -p 1 --radius 500 --existing ignore");
    // The library covers t-west (120); the gym or the field would cover t-east (80).
    CHECK(open_sites(answer) == std::set<std::string>{"c-library"});
    CHECK(answer["objective"].get<double>() == Approx(120));
    // Covering speaks of people covered within the radius, not assigned.
    CHECK(answer["covered"].get<double>() == Approx(120));
    CHECK(answer["uncovered"].get<double>() == Approx(90));
    CHECK(chosen(answer, "c-library")["covered"].get<double>() == Approx(120));
}

TEST_CASE("site lets existing shelters compete with --existing candidates") {
    TempDir dir;
    const std::string db = import_street(dir);
    // p = 1: hall 120 x 0.003 + 80 x 0.015 = 1.56 and school 120 x 0.017 + 80 x 0.005 = 2.44 lose
    // to the library's 1.04.
    const json one = site_json(db, "--model pmedian -p 1 --existing candidates");
    CHECK(open_sites(one) == std::set<std::string>{"c-library"});
    // p = 2: library + field 120 x 0.002 + 80 x 0.002 = 0.40; library + gym 0.48; hall + field
    // 0.52; library + school 0.64.
    const json two = site_json(db, "--model pmedian -p 2 --existing candidates");
    CHECK(open_sites(two) == std::set<std::string>{"c-field", "c-library"});
    CHECK(two["objective"].get<double>() == Approx(0.40 * kMetresPerDegree).margin(1.0));
}

TEST_CASE("site p-center with one site picks the gym") {
    TempDir dir;
    const json answer = site_json(import_street(dir), "--model pcenter -p 1 --existing ignore");
    // Largest walk: library 0.010, gym 0.009, field 0.014 degrees.
    CHECK(open_sites(answer) == std::set<std::string>{"c-gym"});
    CHECK(answer["objective"].get<double>() == Approx(0.009 * kMetresPerDegree).margin(0.01));
}

TEST_CASE("site capacitated p-median splits t-west between library and gym") {
    TempDir dir;
    const json answer = site_json(import_street(dir), "--model cpmedian -p 2 --existing ignore");
    // 200 people: library + gym (250 places): 100 x 0.002 + 20 x 0.009 + 80 x 0.003 = 0.62;
    // library + field hold 160 only; gym + field: 120 x 0.009 + 60 x 0.002 + 20 x 0.003 = 1.26.
    CHECK(open_sites(answer) == std::set<std::string>{"c-gym", "c-library"});
    CHECK(answer["objective"].get<double>() == Approx(0.62 * kMetresPerDegree).margin(1.0));
    CHECK(chosen(answer, "c-library")["assigned"].get<double>() == Approx(100));
    CHECK(chosen(answer, "c-gym")["assigned"].get<double>() == Approx(100));
    CHECK(chosen(answer, "c-gym")["capacity"].get<double>() == Approx(150));
}

TEST_CASE("site facility location without opening costs ships like a transport problem") {
    TempDir dir;
    const json answer = site_json(import_street(dir), "--model cflp --existing ignore");
    // Library 100 of t-west (0.002); the field 60 of t-east (0.002); the gym the other 20 of
    // each (0.009, 0.003): 0.2 + 0.12 + 0.18 + 0.06 = 0.56. Sending all of t-east to the gym
    // instead costs 0.62.
    CHECK(open_sites(answer) == std::set<std::string>{"c-field", "c-gym", "c-library"});
    CHECK(answer["objective"].get<double>() == Approx(0.56 * kMetresPerDegree).margin(1.0));
    CHECK(chosen(answer, "c-gym")["assigned"].get<double>() == Approx(40));
    CHECK(chosen(answer, "c-field")["assigned"].get<double>() == Approx(60));
}

TEST_CASE("site leaves out a candidate inside a closed hazard zone") {
    TempDir dir;
    const json answer = site_json(import_street(dir),
                                  "--model pmedian -p 1 --existing ignore "
                                  "--hazards " +
                                      coverage_source("closure.geojson"));
    // z-east covers 0.016-0.018: the field (0.017) is out; the library still beats the gym.
    CHECK_THAT(left_out_reason(answer, "c-field"),
               Catch::Contains("inside closed hazard zone z-east"));
    // t-east still walks west along the open part of the street: 120 x 0.002 + 80 x 0.010.
    CHECK(open_sites(answer) == std::set<std::string>{"c-library"});
    CHECK(answer["objective"].get<double>() == Approx(1.04 * kMetresPerDegree).margin(1.0));
    CHECK(answer["sites_considered"] == 2);
}

TEST_CASE("site writes its layers and the objective adds up from them") {
    TempDir dir;
    const std::string db = import_street(dir);
    const std::string out = dir.file("site.gpkg");
    const Run run = run_muster("site " + quote(db) + " --candidates " + candidates() +
                               " --model pmedian -p 3 --out " + quote(out));
    INFO(run.output);
    REQUIRE(run.status == 0);
    std::string listing;
    REQUIRE(run_command("ogrinfo -q " + quote(out), &listing) == 0);
    for (const char* layer :
         {"chosen_sites ", "chosen_sites_site_assignment", "chosen_sites_demand_points"})
        CHECK(listing.find(layer) != std::string::npos);
    std::string sums;
    REQUIRE(run_command("ogrinfo -q -sql 'SELECT SUM(people_assigned * walk_distance_m) AS pm, "
                        "SUM(people_assigned) AS p FROM chosen_sites_site_assignment' " +
                            quote(out),
                        &sums) == 0);
    INFO(sums);
    // 120 x 0.003 + 80 x 0.002 degree-people = 57,886.13 person-metres; 200 people.
    const auto pm = sums.find("pm (Real) = ");
    REQUIRE(pm != std::string::npos);
    CHECK(std::stod(sums.substr(pm + 12)) == Approx(0.52 * kMetresPerDegree).margin(1.0));
    CHECK(sums.find("p (Real) = 200") != std::string::npos);
    std::string unserved;
    REQUIRE(run_command("ogrinfo -q -sql \"SELECT reason FROM chosen_sites_demand_points WHERE "
                        "site_id IS NULL\" " +
                            quote(out),
                        &unserved) == 0);
    CHECK_THAT(unserved, Catch::Contains("from any path"));
}

TEST_CASE("site says covered for covering models and capacity only for capacitated ones") {
    // Covering models count the people within the radius and ignore capacities; the others
    // assign people to sites, and only cpmedian and cflp have capacities (the candidates' layer
    // gives one to every site, so it is there to be shown by mistake).
    TempDir dir;
    const std::string db = import_street(dir);
    struct Case {
        const char* args;
        std::string served, unserved, other;
        bool capacity;
    };
    const Case cases[] = {
        {"--model mclp -p 1 --radius 500", "covered", "uncovered", "assigned", false},
        {"--model lscp --radius 500", "covered", "uncovered", "assigned", false},
        {"--model pmedian -p 1", "assigned", "unassigned", "covered", false},
        {"--model pcenter -p 1", "assigned", "unassigned", "covered", false},
        {"--model cpmedian -p 2", "assigned", "unassigned", "covered", true},
        {"--model cflp", "assigned", "unassigned", "covered", true},
    };
    for (const Case& c : cases) {
        CAPTURE(c.args);
        const std::string args = std::string(c.args) + " --existing ignore";
        const json answer = site_json(db, args);
        CHECK(answer.contains(c.served));
        CHECK(answer.contains(c.unserved));
        CHECK_FALSE(answer.contains(c.other));
        REQUIRE_FALSE(answer["chosen"].empty());
        for (const json& site : answer["chosen"]) {
            CHECK(site.contains(c.served));
            CHECK_FALSE(site.contains(c.other));
            CHECK(site.contains("capacity") == c.capacity);
        }
        for (const json& township : answer["by_township"]) {
            CHECK(township.contains(c.served));
            CHECK(township.contains(c.unserved));
        }

        const std::string out = dir.file("words.gpkg");
        std::filesystem::remove(out);
        const Run table = run_muster("site " + quote(db) + " --candidates " + candidates() + " " +
                                     args + " --out " + quote(out));
        INFO(table.output);
        REQUIRE(table.status == 0);
        CHECK_THAT(table.output, Catch::Contains(c.served));
        CHECK(table.output.find(c.other) == std::string::npos);
        CHECK((table.output.find("capacity") != std::string::npos) == c.capacity);

        std::string site_fields, demand_fields;
        REQUIRE(run_command("ogrinfo -so " + quote(out) + " chosen_sites", &site_fields) == 0);
        REQUIRE(run_command("ogrinfo -so " + quote(out) + " chosen_sites_demand_points",
                            &demand_fields) == 0);
        CHECK_THAT(site_fields, Catch::Contains("\npeople_" + c.served + ": "));
        CHECK(site_fields.find(c.other) == std::string::npos);
        CHECK((site_fields.find("\ncapacity_persons: ") != std::string::npos) == c.capacity);
        CHECK_THAT(demand_fields, Catch::Contains("\npeople_" + c.served + ": "));
        CHECK_THAT(demand_fields, Catch::Contains("\npeople_" + c.unserved + ": "));
    }
}

TEST_CASE("site refuses bad candidate layers naming the file, feature and field") {
    TempDir dir;
    const std::string db = import_street(dir);
    const auto run_with = [&](const std::string& source, const std::string& extra = "") {
        return run_muster("site " + quote(db) + " --candidates " + source +
                          " --model pmedian -p 1 --existing ignore " + extra);
    };
    const Run missing = run_with(quote(dir.file("nowhere.geojson")));
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("nowhere.geojson"));

    const Run no_id = run_with(candidates("no_id.geojson"));
    CHECK(no_id.status == 1);
    CHECK_THAT(no_id.output, Catch::Contains("no_id.geojson"));
    CHECK_THAT(no_id.output, Catch::Contains("no id field"));
    const Run named = run_with(candidates(), "--id-field code");
    CHECK(named.status == 1);
    CHECK_THAT(named.output, Catch::Contains("no field 'code' (--id-field)"));

    const Run duplicate = run_with(candidates("duplicate_id.geojson"));
    CHECK(duplicate.status == 1);
    CHECK_THAT(duplicate.output, Catch::Contains("duplicate_id.geojson"));
    CHECK_THAT(duplicate.output, Catch::Contains("duplicate id"));
    CHECK_THAT(duplicate.output, Catch::Contains("c-library"));

    const Run zero = run_with(candidates("zero_capacity.geojson"));
    CHECK(zero.status == 1);
    CHECK_THAT(zero.output, Catch::Contains("id 'c-gym'"));
    CHECK_THAT(zero.output, Catch::Contains("field capacity"));
    CHECK_THAT(zero.output, Catch::Contains("> 0"));

    const Run empty = run_with(candidates("empty_geometry.geojson"));
    CHECK(empty.status == 1);
    CHECK_THAT(empty.output, Catch::Contains("id 'c-gym'"));
    CHECK_THAT(empty.output, Catch::Contains("empty geometry"));

    const Run uniform = run_with(candidates("zero_capacity.geojson"), "--candidate-capacity -3");
    CHECK(uniform.status == 1);
    CHECK_THAT(uniform.output, Catch::Contains("--candidate-capacity"));
    // One capacity for all replaces the layer's (so the zero no longer matters).
    const Run replaced = run_with(candidates("zero_capacity.geojson"), "--candidate-capacity 500");
    CHECK(replaced.status == 0);

    const Run radius =
        run_muster("site " + quote(db) + " --candidates " + candidates() + " --model mclp -p 1");
    CHECK(radius.status == 1);
    CHECK_THAT(radius.output, Catch::Contains("--radius is required"));
    const Run line = run_with(candidates("line_geometry.geojson"));
    CHECK(line.status == 1);
    CHECK_THAT(line.output, Catch::Contains("id 'c-path'"));
    CHECK_THAT(line.output, Catch::Contains("expected a point or a polygon"));
    const Run no_capacity =
        run_muster("site " + quote(db) + " --candidates " + candidates("no_id.geojson") +
                   " --id-field code --model cpmedian -p 1 --existing ignore");
    CHECK(no_capacity.status == 1);
    CHECK_THAT(no_capacity.output, Catch::Contains("candidate 'c-library' has no capacity"));
    // With the existing shelters in play, a candidate may not take one's id.
    const Run shelter_id = run_muster("site " + quote(db) + " --candidates " +
                                      candidates("shelter_id.geojson") + " --model pmedian -p 3");
    CHECK(shelter_id.status == 1);
    CHECK_THAT(shelter_id.output, Catch::Contains("'s-hall' has the id of an existing shelter"));
    const Run far = run_with(candidates(), "--radius 200000");
    CHECK(far.status == 1);
    CHECK_THAT(far.output, Catch::Contains("--radius"));
    const Run no_candidates = run_muster("site " + quote(db) + " --model pmedian -p 1");
    CHECK(no_candidates.status == 1);
    CHECK_THAT(no_candidates.output, Catch::Contains("--candidates"));
}

TEST_CASE("site on the Malta sample keeps people, sites and person-metres consistent") {
    TempDir dir;
    const std::string db = import_malta(dir);
    const auto src = [](const std::string& file) { return quote(sample("malta/" + file)); };
    const std::string out = dir.file("malta-site.gpkg");
    const Run run = run_muster("site " + quote(db) + " --candidates " + src("candidates.geojson") +
                               " --model pmedian -p 8 --existing ignore --time-limit 30"
                               " --format json --out " +
                               quote(out));
    INFO(run.output.substr(0, 2000));
    REQUIRE(run.status == 0);
    const json answer = json_in(run.output);

    // 413,307 people in the sample's townships (samples/README.md).
    CHECK(answer["population"] == 413307);
    double unreachable = 0;
    for (const json& u : answer["unreachable_demand"])
        unreachable += u["population"].get<double>();
    CHECK(answer["assigned"].get<double>() + answer["unassigned"].get<double>() == Approx(413307));
    CHECK(answer["unassigned"].get<double>() == Approx(unreachable));
    double by_township = 0;
    for (const json& t : answer["by_township"])
        by_township += t["assigned"].get<double>();
    CHECK(by_township == Approx(answer["assigned"].get<double>()));

    // Every chosen site is a candidate of the layer.
    std::string ids;
    REQUIRE(
        run_command("ogrinfo -q -ro -sql 'SELECT id FROM candidates' " + src("candidates.geojson"),
                    &ids) == 0);
    REQUIRE(answer["open_sites"].size() == 8);
    for (const json& id : answer["open_sites"])
        CHECK(ids.find("id (String) = " + id.get<std::string>() + "\n") != std::string::npos);

    // The objective is the sum of people x metres of the assignment layer, as GDAL reads it.
    std::string sums;
    REQUIRE(run_command("ogrinfo -q -sql 'SELECT SUM(people_assigned * walk_distance_m) AS pm, "
                        "SUM(people_assigned) AS p FROM chosen_sites_site_assignment' " +
                            quote(out),
                        &sums) == 0);
    const auto pm = sums.find("pm (Real) = ");
    const auto p = sums.find("p (Real) = ");
    REQUIRE(pm != std::string::npos);
    REQUIRE(p != std::string::npos);
    CHECK(std::stod(sums.substr(pm + 12)) ==
          Approx(answer["objective"].get<double>()).epsilon(1e-9));
    CHECK(std::stod(sums.substr(p + 11)) == Approx(answer["assigned"].get<double>()));
    CHECK(answer["lower_bound"].get<double>() <= answer["objective"].get<double>() * (1 + 1e-9));
}

TEST_CASE("site on Malta finds the optimum an exhaustive search over candidates finds") {
    // The candidates that are libraries or community centres; p-median and maximal covering
    // choose 3 of them (--existing ignore, no hazards). The oracle: the walking distances from
    // every demand point of the answer's chosen_sites_demand_points layer to every candidate by
    // `muster matrix` (a different search, tested against Boost.Graph's Dijkstra in
    // tests/solvers/test_matrix.cpp), and every set of 3 candidates tried. Ferries out of service:
    // a crossing counts in walking distance by its time (docs/coverage.md), the matrix's distance
    // by its length.
    TempDir dir;
    const std::string db = import_malta(dir);
    const std::string subset =
        quote(sample("malta/candidates.geojson") + "?kind IN ('library', 'community_centre')");
    const std::string common = " --existing ignore --no-db-hazards --no-ferries --format json";
    const std::string out = dir.file("pmedian.gpkg");
    const Run pmedian_run = run_muster("site " + quote(db) + " --candidates " + subset +
                                       " --model pmedian -p 3" + common + " --out " + quote(out));
    INFO(pmedian_run.output.substr(0, 2000));
    REQUIRE(pmedian_run.status == 0);
    const json pmedian = json_in(pmedian_run.output);
    const Run mclp_run = run_muster("site " + quote(db) + " --candidates " + subset +
                                    " --model mclp -p 3 --radius 800" + common);
    INFO(mclp_run.output.substr(0, 2000));
    REQUIRE(mclp_run.status == 0);
    const json mclp = json_in(mclp_run.output);

    // The demand points in layer order (the matrix's sources): id and people.
    const auto demand =
        csv_rows("ogr2ogr -f CSV /vsistdout/ " + quote(out) +
                 " -sql 'SELECT demand_id, population FROM chosen_sites_demand_points'");
    REQUIRE(demand.size() > 1);
    REQUIRE(demand[0] == std::vector<std::string>{"demand_id", "population"});
    const std::size_t n = demand.size() - 1;
    CHECK(n == pmedian["demand_points"].get<std::size_t>());
    const Run matrix_run = run_muster(
        "matrix " + quote(db) + " --profile walk --no-db-hazards --no-ferries" + " --sources " +
        quote(out + ":chosen_sites_demand_points") + " --targets " + subset + " --format json");
    REQUIRE(matrix_run.status == 0);
    const json matrix = json_in(matrix_run.output);
    REQUIRE(matrix["sources"].size() == n);
    const std::size_t m = matrix["targets"].size();
    REQUIRE(m == 14);  // 8 libraries and 6 community centres in the sample
    std::vector<std::string> site_ids;
    for (const json& t : matrix["targets"])
        site_ids.push_back(t["id"].get<std::string>());
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> people(n), walk(n * m, inf);
    std::map<std::string, std::size_t> demand_index;
    for (std::size_t i = 0; i < n; ++i) {
        demand_index[demand[i + 1][0]] = i;
        people[i] = std::stod(demand[i + 1][1]);
        for (std::size_t j = 0; j < m; ++j) {
            const json& d = matrix["distances_m"][i][j];
            if (!d.is_null())
                walk[i * m + j] = d.get<double>();
        }
    }
    // The walks the answer reports are the matrix's (to the millimetre it rounds to).
    const auto site_index = [&](const std::string& id) {
        const auto at = std::find(site_ids.begin(), site_ids.end(), id);
        REQUIRE(at != site_ids.end());
        return static_cast<std::size_t>(at - site_ids.begin());
    };
    for (const json& a : pmedian["assignment"]) {
        const std::size_t i = demand_index.at(a["demand"].get<std::string>());
        CHECK(a["walk_m"].get<double>() ==
              Approx(walk[i * m + site_index(a["site"].get<std::string>())]).margin(0.002));
    }

    // p-median: demand with a candidate within the 10 km search bound must be served within it.
    const auto person_metres = [&](const std::vector<std::size_t>& open) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            double reachable = inf, nearest = inf;
            for (std::size_t j = 0; j < m; ++j) {
                if (walk[i * m + j] <= 10'000) {
                    reachable = std::min(reachable, walk[i * m + j]);
                    if (std::find(open.begin(), open.end(), j) != open.end())
                        nearest = std::min(nearest, walk[i * m + j]);
                }
            }
            if (reachable < inf)
                total += people[i] * nearest;  // infinite when no open site serves i
        }
        return total;
    };
    const auto covered = [&](const std::vector<std::size_t>& open) {
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j : open) {
                if (walk[i * m + j] <= 800) {
                    total += people[i];
                    break;
                }
            }
        }
        return total;
    };
    double least = inf, most = 0;
    for (const std::vector<std::size_t>& open : subsets(m, 3)) {
        least = std::min(least, person_metres(open));
        most = std::max(most, covered(open));
    }
    REQUIRE(least < inf);
    const auto chosen_of = [&](const json& answer) {
        std::vector<std::size_t> open;
        for (const json& id : answer["open_sites"])
            open.push_back(site_index(id.get<std::string>()));
        return open;
    };
    CAPTURE(least, most, pmedian["open_sites"].dump(), mclp["open_sites"].dump());
    CHECK(pmedian["optimal"] == true);
    CHECK(pmedian["objective"].get<double>() == Approx(least).epsilon(1e-6));
    CHECK(person_metres(chosen_of(pmedian)) == Approx(least).epsilon(1e-6));
    CHECK(mclp["optimal"] == true);
    CHECK(mclp["objective"].get<double>() == Approx(most).margin(0.5));
    CHECK(covered(chosen_of(mclp)) == Approx(most).margin(0.5));
}

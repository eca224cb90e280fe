// `muster serve`: POST /allocate, POST /mci and GET /coverage, the real binary started on
// 127.0.0.1 against the relief map of tests/fixtures/relief (drawn and worked out by hand in
// tests/tools/cli/test_relief_cli.cpp):
//
//   A (0,0) --r1 primary-- B (0.01,0) --r2a-- (0.015,0) --r2b-- C (0.02,0)      island: r3
//   dA (R1), amb1          s1 (R1), hB                          dC (R2), s2, hC  (0.05..0.06, 0),
//   s3
//          x crash (0.005, 0)            [closure "cut": over r2a]
//
// r1 takes 61.654 s, r2a and r2b 30.827 s each; A → C is 123.308 s; the crash is 30.827 s from B.
// Each answer must equal what the command line's --format json writes for the same input (the
// same query functions and writer), plus "hazards"; the hand-computed values are checked too.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/relief_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace {

using muster::test::contains_text;
using muster::test::dispatcher_headers;
using muster::test::fixture;
using muster::test::get;
using muster::test::get_ok;
using muster::test::import_relief_map;
using muster::test::muster_json;
using muster::test::post;
using muster::test::post_as_dispatcher;
using muster::test::quote;
using muster::test::relief_source;
using muster::test::Reply;
using muster::test::Run;
using muster::test::run_muster;
using muster::test::sample;
using muster::test::Server;
using muster::test::TempDir;
using muster::test::with_dispatcher;
using nlohmann::json;

constexpr double kPrimaryS = 61.654;

json fixture_json(const std::string& name) {
    std::ifstream in(fixture("relief/" + name));
    return json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
}

/// `answer` without what only the service says: its "hazards" member, checked against `hazards`,
/// and its "state": each hazard change is stored as an event and nothing else changes, so its
/// version is the hazard changes made, the hazard version - 1. What remains compares with the
/// command line's.
json as_command_line(json answer, const json& hazards) {
    CHECK(answer.at("hazards") == hazards);
    CHECK(answer.at("state") == json{{"version", hazards.at("version").get<std::uint64_t>() - 1}});
    answer.erase("hazards");
    answer.erase("state");
    return answer;
}

/// A POST that must succeed, as_command_line.
json post_ok(int port, const std::string& path, const json& body, const json& hazards) {
    const Reply reply = post(port, path, body.dump());
    INFO(path << " " << body.dump() << " -> " << reply.body.dump());
    REQUIRE(reply.status == 200);
    return as_command_line(reply.body, hazards);
}

json hazards_json(std::uint64_t version, std::vector<std::string> ids) {
    return {{"version", version}, {"ids", ids}};
}

/// demand.csv as the inline rows of a request.
json demand_rows() {
    return json::parse(R"([{"destination": "s1", "item": "water", "quantity": 1000},
                           {"destination": "s2", "item": "water", "quantity": 1000},
                           {"destination": "s3", "item": "water", "quantity": 100}])");
}

double shipped(const json& answer, const std::string& depot, const std::string& destination,
               const std::string& item = "water") {
    double sum = 0;
    for (const json& s : answer.at("shipments")) {
        if (s["depot"] == depot && s["destination"] == destination && s["item"] == item)
            sum += s["quantity"].get<double>();
    }
    return sum;
}

const json& destination(const json& answer, const std::string& id) {
    for (const json& d : answer.at("destinations")) {
        if (d["id"] == id)
            return d;
    }
    FAIL("no destination " << id);
    return answer;
}

/// The closure of closure.geojson as the Feature POST /hazards takes.
json closure_feature() {
    return fixture_json("closure.geojson").at("features")[0];
}

}  // namespace

TEST_CASE("serve answers allocate as the command line does, and as computed by hand") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), {"--threads", "2"});
    const int port = server.port();

    // The demand table inline.
    const json a = post_ok(port, "/allocate", {{"demand", demand_rows()}}, hazards_json(1, {}));
    CHECK(a == muster_json("allocate", db, "--demand " + relief_source("demand.csv")));
    // By hand: s1 takes 1,000 L from dA (61.654 s); s2 dC's 500 L and 500 L of aid from dA
    // (123.308 s); s3 on the island is unreachable. 1,000 × 61.654 + 500 × 123.308 = 123,308.
    CHECK(shipped(a, "dA", "s1") == Approx(1000));
    CHECK(shipped(a, "dC", "s2") == Approx(500));
    CHECK(shipped(a, "dA", "s2") == Approx(500));
    CHECK(a.at("unreachable") == json::array({"s3"}));
    CHECK(a.at("items")[0].at("weighted_travel_s").get<double>() ==
          Approx(1000 * kPrimaryS + 500 * 2 * kPrimaryS).margin(2));
    CHECK(a.at("items")[0].at("unshipped_usable") == 0);
    CHECK(a.at("items")[0].at("forced_freezes") == 0);
    CHECK(a.at("warnings").empty());

    // The ration table inline, with days and share: s1 50 persons × 10 L × 2 days = 1,000 L;
    // blankets once: s1 50 and s2 100 reachable, dA holds 100, so both get 2/3.
    const json ration = json::parse(R"([
        {"item": "water", "unit": "L", "quantity": 10, "per": "per_person_day"},
        {"item": "blanket", "unit": "piece", "quantity": 1, "per": "per_person"}])");
    const json r = post_ok(port, "/allocate", {{"ration", ration}, {"days", 2}, {"share", 0.5}},
                           hazards_json(1, {}));
    CHECK(r == muster_json("allocate", db,
                           "--ration " + relief_source("ration.csv") + " --days 2 --share 0.5"));
    CHECK(destination(r, "s1").at("persons") == 50);
    CHECK(destination(r, "s1").at("fill").at("water").at("demand").get<double>() == Approx(1000));
    CHECK(destination(r, "s2").at("fill").at("blanket").at("fill_rate").get<double>() ==
          Approx(2.0 / 3).margin(1e-6));

    // Persons inline, as --persons: s1 60 and s2 90 (s3 none) × 10 L × 2 days = 1,200 and
    // 1,800 L; blankets 60 + 90 against dA's 100: both get 2/3, s1 40.
    const json persons = json::parse(R"([{"destination": "s1", "persons": 60},
                                         {"destination": "s2", "persons": 90}])");
    const json p =
        post_ok(port, "/allocate", {{"ration", ration}, {"days", 2}, {"persons", persons}},
                hazards_json(1, {}));
    const std::string table = dir.write("persons.csv", "destination,persons\ns1,60\ns2,90\n");
    CHECK(p == muster_json("allocate", db,
                           "--ration " + relief_source("ration.csv") + " --days 2 --persons " +
                               quote(table)));
    CHECK(destination(p, "s3").at("persons") == 0);
    CHECK(destination(p, "s2").at("fill").at("water").at("demand").get<double>() == Approx(1800));
    CHECK(destination(p, "s1").at("fill").at("blanket").at("delivered").get<double>() ==
          Approx(40).margin(1e-3));

    // Options with the command line's names: townships, no local first, a 45 s ETA target.
    const json t = post_ok(port, "/allocate",
                           {{"to", "townships"},
                            {"share", 0.1},
                            {"days", 1},
                            {"no-local-first", true},
                            {"eta-target-h", 0.0125},
                            {"profile", "drive"}},
                           hazards_json(1, {}));
    CHECK(t == muster_json("allocate", db,
                           "--to townships --share 0.1 --days 1 --no-local-first --eta-target-h "
                           "0.0125"));
    CHECK(t.at("local_first") == false);
    for (const auto& [tier, seconds] : t.at("eta_targets_s").items())
        CHECK(seconds.get<double>() == Approx(45));  // 0.0125 h for every tier
    for (const json& s : t.at("shipments"))
        CHECK(s.at("late") == (s.at("duration_s").get<double>() > 45));
    CHECK(t.at("to") == "townships");
    // Targets per tier, as the command line's text or as an object: county 0.03 h = 108 s.
    const json per_tier = muster_json("allocate", db, "--eta-target-h county=0.03,central=9");
    CHECK(per_tier.at("eta_targets_s").at("county").get<double>() == Approx(108));
    CHECK(per_tier.at("eta_targets_s").at("central").get<double>() == Approx(9 * 3600));
    CHECK(post_ok(port, "/allocate", {{"eta-target-h", "county=0.03,central=9"}},
                  hazards_json(1, {})) == per_tier);
    CHECK(post_ok(port, "/allocate", {{"eta-target-h", {{"county", 0.03}, {"central", 9}}}},
                  hazards_json(1, {})) == per_tier);
    // t1 West 1,000 people × 0.1 = 100 persons, 15 L a day (the default ration): 1,500 L.
    CHECK(destination(t, "t1").at("fill").at("water").at("demand").get<double>() == Approx(1500));
}

TEST_CASE("serve answers mci as the command line does, incidents as GeoJSON or as a list") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), {});
    const int port = server.port();
    const json cli = muster_json("mci", db, "--incidents " + relief_source("incidents.geojson"));

    const json m = post_ok(port, "/mci", {{"incidents", fixture_json("incidents.geojson")}},
                           hazards_json(1, {}));
    CHECK(m == cli);
    // By hand (test_relief_cli.cpp): red 1 and yellow 1 to hB 30.827 s away, red 1 to hC 92.481 s
    // away (not hB's surge bed), weighted 4·30.827 + 4·92.481 + 2·30.827 = 554.886 s; amb1 at hB
    // after 30.827 + 600 + 30.827 = 661.654 s.
    CHECK(m.at("weighted_time_s").get<double>() == Approx(554.886).margin(0.02));
    CHECK(m.at("trips")[0].at("at_hospital_s").get<double>() == Approx(661.654).margin(0.003));

    const json list = json::parse(R"([{"id": "crash", "name": "Bus crash",
        "location": [0.005, 0], "red": 2, "yellow": 1, "green": 0}])");
    CHECK(post_ok(port, "/mci", {{"incidents", list}}, hazards_json(1, {})) == cli);
    // A numeric id is the number given, also beyond the largest signed 64-bit one.
    const json numbered = json::parse(R"([{"id": 18446744073709551615, "location": [0.005, 0],
        "red": 2, "yellow": 1, "green": 0}])");
    const std::string named =
        post_ok(port, "/mci", {{"incidents", numbered}}, hazards_json(1, {})).dump();
    CHECK(contains_text(named, "\"18446744073709551615\""));
    CHECK_FALSE(contains_text(named, "\"-1\""));

    // The minutes options: 0.3 min leaves no hospital for red (hB is 30.8 s away).
    const json limited =
        post_ok(port, "/mci", {{"incidents", list}, {"red-limit-min", 0.3}, {"scene-min", 5}},
                hazards_json(1, {}));
    CHECK(limited == muster_json("mci", db,
                                 "--incidents " + relief_source("incidents.geojson") +
                                     " --red-limit-min 0.3 --scene-min 5"));
    CHECK(limited.at("placed").at("red") == 0);
    CHECK(limited.at("overflow")[0].at("patients") == 2);
    // Yellow and green limits: minutes as on the command line, null for none (the default).
    const json yellow = post_ok(
        port, "/mci", {{"incidents", list}, {"yellow-limit-min", 1}, {"green-limit-min", nullptr}},
        hazards_json(1, {}));
    CHECK(yellow == muster_json("mci", db,
                                "--incidents " + relief_source("incidents.geojson") +
                                    " --yellow-limit-min 1"));
    CHECK(yellow.at("yellow_limit_s") == 60);
    CHECK(yellow.at("green_limit_s").is_null());
}

TEST_CASE("serve: a closure posted to /hazards changes allocate as the CLI's --hazards") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    const json body{{"demand", demand_rows()}};
    const json before = post_ok(port, "/allocate", body, hazards_json(1, {}));
    CHECK(shipped(before, "dA", "s2") == Approx(500));

    const Reply added = post_as_dispatcher(port, "/hazards", closure_feature().dump());
    INFO(added.body.dump());
    REQUIRE(added.status == 201);
    CHECK(added.body.at("id") == "cut");

    // r2a closed: dA reaches s1 only, dC s2 only; s2 lives on dC's 500 of 1,000 L: fill 0.5.
    // (The service stores the zones posted to it: the command line compared with it reads the
    // same zone from its file alone, --no-db-hazards.)
    const json after = post_ok(port, "/allocate", body, hazards_json(2, {"cut"}));
    CHECK(after ==
          muster_json("allocate", db,
                      "--demand " + relief_source("demand.csv") + " --no-db-hazards --hazards " +
                          relief_source("closure.geojson")));
    CHECK(after.at("metric") == "hazards:cut");
    CHECK(shipped(after, "dA", "s2") == 0);
    CHECK(shipped(after, "dC", "s2") == Approx(500));
    CHECK(destination(after, "s2").at("fill").at("water").at("fill_rate").get<double>() ==
          Approx(0.5));
    // dA keeps 2,000 L that nobody short can reach: not usable, so no warning.
    CHECK(after.at("items")[0].at("unshipped_usable") == 0);

    // The closure also holds for mci: the crash is west of it, hB (at B) still 30.827 s away.
    const json m = post_ok(port, "/mci", {{"incidents", fixture_json("incidents.geojson")}},
                           hazards_json(2, {"cut"}));
    CHECK(m == muster_json("mci", db,
                           "--incidents " + relief_source("incidents.geojson") +
                               " --no-db-hazards --hazards " + relief_source("closure.geojson")));

    httplib::Client client("127.0.0.1", port);
    const auto lifted = client.Delete("/hazards/cut", dispatcher_headers());
    REQUIRE(lifted);
    REQUIRE(lifted->status == 200);
    CHECK(post_ok(port, "/allocate", body, hazards_json(3, {})) == before);

    // A fire closing C itself: dC inside it is unavailable, and s2 at C, whose roads are
    // closed, unreachable; s1 still gets its 1,000 L from dA.
    const json fire = json::parse(R"({"type": "Feature",
        "properties": {"id": "fire", "effect": "closed"},
        "geometry": {"type": "Polygon", "coordinates": [[[0.019, -0.001], [0.021, -0.001],
            [0.021, 0.001], [0.019, 0.001], [0.019, -0.001]]]}})");
    REQUIRE(post_as_dispatcher(port, "/hazards", fire.dump()).status == 201);
    const std::string fire_file = dir.file("fire.geojson");
    std::ofstream(fire_file)
        << json{{"type", "FeatureCollection"}, {"features", json::array({fire})}}.dump();
    const json burning = post_ok(port, "/allocate", body, hazards_json(4, {"fire"}));
    CHECK(burning == muster_json("allocate", db,
                                 "--demand " + relief_source("demand.csv") +
                                     " --no-db-hazards --hazards " + quote(fire_file)));
    REQUIRE(burning.at("unavailable_depots").size() == 1);
    CHECK(burning.at("unavailable_depots")[0].at("id") == "dC");
    CHECK(contains_text(burning.at("unavailable_depots")[0].at("reason"), "fire"));
    CHECK(burning.at("unreachable") == json::array({"s2", "s3"}));
    CHECK(shipped(burning, "dA", "s1") == Approx(1000));
}

TEST_CASE("serve answers coverage as the command line does, under posted hazards") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();

    const json c =
        as_command_line(get_ok(port, "/coverage?cell-m=500&fixed-m=3000"), hazards_json(1, {}));
    CHECK(c == muster_json("coverage", db, "--cell-m 500 --fixed-m 3000"));
    // By hand: West 1,000 and East 500 people; the service distances as given.
    CHECK(c.at("population") == 1500);
    CHECK(c.at("by_class").at("fixed").at("service_distance_m") == 3000);
    CHECK(c.at("by_class").at("emergency").at("service_distance_m") == 500);
    CHECK(c.at("closed_shelters").empty());

    // With every service distance 1 m hardly anyone is in reach: the uncovered cells and the
    // covered people make up each township's people, West's 1,000 and East's 500 (by hand).
    const json few =
        get_ok(port, "/coverage?cell-m=500&emergency-m=1&fixed-m=1&central-m=1&cells=uncovered");
    std::map<std::string, std::int64_t> people;
    for (const json& t : few.at("by_township"))
        people[t.at("name")] += t.at("covered").get<std::int64_t>();
    std::int64_t in_cells = 0;
    for (const json& cell : few.at("uncovered_cells").at("features")) {
        const json& p = cell.at("properties");
        people[p.at("township_name")] += p.at("population").get<std::int64_t>();
        in_cells += p.at("population").get<std::int64_t>();
    }
    CHECK(people == std::map<std::string, std::int64_t>{{"East", 500}, {"West", 1000}});
    CHECK(in_cells > 1000);  // most people: 1 m reaches few

    // POST with a JSON body answers as GET.
    const json posted = as_command_line(
        post(port, "/coverage", R"({"cell-m": 500, "fixed-m": 3000})").body, hazards_json(1, {}));
    CHECK(posted == c);

    // A closed zone over s1 (at B, 0.01, 0) takes it out of service.
    const json zone = json::parse(R"({"type": "Feature",
        "properties": {"id": "fire", "effect": "closed"},
        "geometry": {"type": "Polygon", "coordinates": [[[0.009, -0.001], [0.011, -0.001],
            [0.011, 0.001], [0.009, 0.001], [0.009, -0.001]]]}})");
    REQUIRE(post_as_dispatcher(port, "/hazards", zone.dump()).status == 201);
    const std::string zone_file = dir.file("fire.geojson");
    std::ofstream(zone_file)
        << json{{"type", "FeatureCollection"}, {"features", json::array({zone})}}.dump();
    const json closed = as_command_line(get_ok(port, "/coverage?cell-m=500&fixed-m=3000"),
                                        hazards_json(2, {"fire"}));
    CHECK(closed ==
          muster_json("coverage", db,
                      "--cell-m 500 --fixed-m 3000 --no-db-hazards --hazards " + quote(zone_file)));
    REQUIRE(closed.at("closed_shelters").size() == 1);
    CHECK(closed.at("closed_shelters")[0].at("id") == "s1");
    CHECK(contains_text(closed.at("closed_shelters")[0].at("reason"), "fire"));
}

/// A database of the Malta sample's roads, townships and shelters, imported in `dir`.
std::string import_malta_shelters(const TempDir& dir) {
    const std::string db = dir.file("malta.sqlite");
    const Run imported = run_muster("import " + quote(db) + " --roads " +
                                    quote(sample("malta/malta-latest.osm.pbf")) + " --townships " +
                                    quote(sample("malta/townships.geojson")) + " --shelters " +
                                    quote(sample("malta/shelters.geojson")));
    INFO(imported.output);
    REQUIRE(imported.status == 0);
    return db;
}

/// Metres between two [lon, lat] positions close together: an equirectangular approximation,
/// within 0.1 % over a few hundred metres at Malta's latitude.
double metres_between(const json& a, const json& b) {
    constexpr double kPi = 3.14159265358979323846;
    constexpr double kEarthM = 6371008.8;
    const double lat = (a[1].get<double>() + b[1].get<double>()) / 2 * kPi / 180;
    const double dx = (b[0].get<double>() - a[0].get<double>()) * kPi / 180 * std::cos(lat);
    const double dy = (b[1].get<double>() - a[1].get<double>()) * kPi / 180;
    return kEarthM * std::hypot(dx, dy);
}

TEST_CASE("serve lists coverage's uncovered cells on Malta, holding the uncovered people") {
    TempDir dir;
    const std::string db = import_malta_shelters(dir);
    Server server(db, dir.file("serve.log"), {});
    const int port = server.port();

    const json plain = get_ok(port, "/coverage");
    CHECK_FALSE(plain.contains("uncovered_cells"));
    json with_cells = get_ok(port, "/coverage?cells=uncovered");
    REQUIRE(with_cells.contains("uncovered_cells"));
    const json cells = with_cells.at("uncovered_cells");
    with_cells.erase("uncovered_cells");
    CHECK(with_cells == plain);  // the rest of the answer is the same

    // Every person is in one demand point, covered iff a shelter is in reach: the cells of the
    // points without one hold the uncovered people, nobody left out, in total and per township.
    const std::int64_t uncovered = plain.at("uncovered");
    REQUIRE(uncovered > 0);
    CHECK(uncovered ==
          plain.at("population").get<std::int64_t>() - plain.at("covered").get<std::int64_t>());
    CHECK(cells.at("type") == "FeatureCollection");
    const double side_m = plain.at("grid_cell_m");
    std::int64_t total = 0;
    std::map<std::string, std::int64_t> by_township;
    std::map<std::string, std::string> names;
    for (const json& cell : cells.at("features")) {
        const json& properties = cell.at("properties");
        const std::int64_t population = properties.at("population");
        CHECK(population > 0);
        total += population;
        by_township[properties.at("township")] += population;
        names[properties.at("township")] = properties.at("township_name");
        // A square of grid_cell_m: one closed ring of four corners.
        REQUIRE(cell.at("geometry").at("type") == "Polygon");
        const json& ring = cell.at("geometry").at("coordinates").at(0);
        REQUIRE(ring.size() == 5);
        CHECK(ring[0] == ring[4]);
        for (std::size_t i = 0; i < 4; ++i)
            CHECK(metres_between(ring[i], ring[i + 1]) == Approx(side_m).epsilon(0.01));
    }
    INFO(cells.at("features").size() << " cells");
    CHECK(total == uncovered);
    for (const json& t : plain.at("by_township")) {
        const std::string id = t.at("id");
        INFO("township " << id);
        const std::int64_t expected = t.at("uncovered");
        CHECK((by_township.contains(id) ? by_township.at(id) : 0) == expected);
        if (names.contains(id))
            CHECK(names.at(id) == t.at("name"));
    }

    // Asked in a POST body as in the query; another kind of cells is refused, naming it.
    const Reply posted = post(port, "/coverage", R"({"cells": "uncovered"})");
    REQUIRE(posted.status == 200);
    CHECK(posted.body.at("uncovered_cells") == cells);
    const Reply bad = get(port, "/coverage?cells=covered");
    CHECK(bad.status == 400);
    CHECK(bad.body.at("code") == "InvalidValue");
    CHECK(contains_text(bad.body.at("message"), "cells: 'covered' is not"));
}

TEST_CASE("serve refuses bad relief and coverage requests, naming the field") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), {});
    const int port = server.port();
    struct Case {
        std::string path;
        std::string body;  // empty: GET
        int status;
        std::string code;
        std::string message;
    };
    const std::vector<Case> cases{
        {"/allocate", "{\"days\": 3", 400, "InvalidJson", "the body is not JSON"},
        {"/allocate", "[1, 2]", 400, "InvalidJson", "JSON object"},
        {"/allocate", R"({"days": "three"})", 400, "InvalidValue", "days: expected a number"},
        {"/allocate", R"({"no-local-first": 1})", 400, "InvalidValue",
         "no-local-first: expected true or false"},
        {"/allocate", R"({"eta-target-h": {"town": 3}})", 400, "InvalidValue",
         "eta-target-h.town: not a depot tier"},
        {"/allocate", R"({"eta-target-h": {"city": 0}})", 400, "InvalidValue",
         "eta-target-h.city: must be > 0 hours"},
        {"/allocate", R"({"eta-target-h": "county=-1"})", 400, "InvalidValue",
         "eta-target-h: 'county=-1': '-1' is not a number of hours > 0"},
        {"/allocate", R"({"eta-target-h": true})", 400, "InvalidValue",
         "eta-target-h: expected hours (a number)"},
        {"/allocate", R"({"eta-target-h": -2})", 400, "InvalidValue",
         "eta-target-h: the target of township depots must be > 0"},
        {"/allocate", R"({"demand": "demand.csv"})", 400, "InvalidValue",
         "demand: expected a list of {destination, item, quantity} rows, got a string (the "
         "service reads no files)"},
        {"/allocate", R"({"demand": [{"destination": "s1", "item": "water"}]})", 400,
         "InvalidValue", "demand[0].quantity: missing"},
        {"/allocate", R"({"demand": [{"destination": "s1", "item": "water", "quantity": "5"}]})",
         400, "InvalidValue", "demand[0].quantity: expected a number, got a string"},
        {"/allocate", R"({"demand": [{"destination": "s1", "item": "whisky", "quantity": 1}]})",
         400, "InvalidValue",
         "demand[0]: unknown item 'whisky' (items in the inventory: blanket, water)"},
        {"/allocate",
         R"({"demand": [{"destination": "s1", "item": "water", "quantity": 1},
                        {"destination": "s2", "item": "water", "quantity": -5}]})",
         400, "InvalidValue", "demand[1].quantity: the quantity must be a number >= 0"},
        {"/allocate", R"({"demand": [{"destination": "s9", "item": "water", "quantity": 1}]})", 404,
         "NotFound", "demand[0]: no open shelter with id 's9'"},
        {"/allocate",
         R"({"demand": [{"destination": "s1", "item": "water", "quantity": 1, "qty": 2}]})", 400,
         "UnknownParameter", "demand[0].qty: not a member of demand[0]"},
        {"/allocate", R"({"persons": [{"destination": "s9", "persons": 1}]})", 404, "NotFound",
         "persons[0]: no open shelter with id 's9'"},
        {"/allocate", R"({"persons": [{"destination": "s1", "persons": -1}]})", 400, "InvalidValue",
         "persons[0].persons: persons must be a whole number >= 0, got -1"},
        {"/allocate", R"({"persons": [{"destination": "s1"}]})", 400, "InvalidValue",
         "persons[0].persons: missing"},
        {"/allocate",
         R"({"persons": [{"destination": "s1", "persons": 1}, {"destination": "s1", "persons": 2}]})",
         400, "InvalidValue", "persons[1]: shelter 's1' is listed twice (first at persons[0])"},
        {"/allocate",
         R"({"persons": [{"destination": "s1", "persons": 1}],
             "demand": [{"destination": "s1", "item": "water", "quantity": 1}]})",
         400, "InvalidValue", "persons: not with demand"},
        {"/allocate", R"({"ration": [{"item": "soap", "quantity": 1}]})", 400, "InvalidValue",
         "ration: unknown item 'soap'"},
        {"/allocate", R"({"ration": [{"item": "water", "quantity": 0}]})", 400, "InvalidValue",
         "ration[0].quantity: the quantity per person must be > 0"},
        {"/allocate", R"({"days": -1})", 400, "InvalidValue", "days: must be a number >= 0"},
        {"/allocate", R"({"share": 2})", 400, "InvalidValue", "share: must be in [0, 1]"},
        {"/allocate", R"({"to": "hospitals"})", 400, "InvalidValue",
         "to: 'hospitals' is not shelters or townships"},
        {"/allocate", R"({"csv": "/tmp/x.csv"})", 400, "UnknownParameter",
         "csv: not a member of the body"},
        {"/allocate", R"({"profile": "fly"})", 400, "InvalidValue", "profile"},
        {"/mci", "{}", 400, "MissingParameter", "incidents: missing"},
        {"/mci", R"({"incidents": "incidents.geojson"})", 400, "InvalidValue",
         "(the service reads no files)"},
        {"/mci", R"({"incidents": [{"id": "far", "location": [0.5, 0.5], "red": 1}]})", 422,
         "NoSegment", "incidents[0]: the incident 'far' at 0.500000,0.500000 is farther than"},
        {"/mci", R"({"incidents": [{"id": "x", "location": [0.005, 0], "red": -1}]})", 400,
         "InvalidValue", "incidents[0].red: casualties must be a whole number >= 0, got -1"},
        {"/mci", R"({"incidents": [{"id": "x", "location": [0.005, 0], "red": 1.5}]})", 400,
         "InvalidValue", "incidents[0].red: casualties must be a whole number >= 0"},
        {"/mci", R"({"incidents": [{"id": "x", "location": [0.005, 0]}]})", 400, "InvalidValue",
         "incidents[0]: no casualty counts (red, yellow, green)"},
        {"/mci", R"({"incidents": [{"id": "x", "location": [200, 0], "red": 1}]})", 400,
         "InvalidValue", "incidents[0].location: [200, 0] is not a WGS84 [lon, lat]"},
        {"/mci",
         R"({"incidents": {"type": "FeatureCollection", "features": [{"type": "Feature",
             "properties": {"red": 1}, "geometry": {"type": "LineString",
             "coordinates": [[0, 0], [0.01, 0]]}}]}})",
         400, "InvalidValue", "incidents.features[0].geometry: an incident must be a Point"},
        {"/mci", R"({"incidents": [{"location": [0.005, 0], "red": 1}], "red-limit-min": -5})", 400,
         "InvalidValue", "red-limit-min: must be a number of minutes >= 0"},
        {"/mci", R"({"incidents": [{"location": [0.005, 0], "red": 1}], "green-limit-min": "x"})",
         400, "InvalidValue", "green-limit-min: expected a number, got a string"},
        {"/mci", R"({"incidents": [{"location": [0.005, 0], "red": 0}]})", 400, "InvalidValue",
         "incidents: no casualties at any site"},
        {"/coverage?emergency-m=abc", "", 400, "InvalidValue",
         "emergency-m: 'abc' is not a number of metres"},
        {"/coverage?emergency-m=0", "", 400, "InvalidValue",
         "service distance of emergency shelters (emergency-m): 0 m is outside (0, 100000] m"},
        {"/coverage?cell-m=5", "", 400, "InvalidValue", "(cell-m): 5 m is outside"},
        {"/coverage?profile=drive", "", 400, "InvalidValue", "profile: /coverage runs on the walk"},
        {"/coverage?radius=5", "", 400, "UnknownParameter", "radius: not a parameter of /coverage"},
        {"/coverage?cells=all", "", 400, "InvalidValue", "cells: 'all' is not a kind of cells"},
    };
    for (const Case& c : cases) {
        const Reply reply = c.body.empty() ? get(port, c.path) : post(port, c.path, c.body);
        INFO(c.path << " " << c.body << " -> " << reply.status << " " << reply.body.dump());
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("code") == c.code);
        CHECK(contains_text(reply.body.at("message").get<std::string>(), c.message));
    }

    // The relief endpoints take POST only, their parameters in the body.
    const Reply wrong = get(port, "/allocate?days=3");
    CHECK(wrong.status == 405);
    CHECK(wrong.allow == "POST");
    const Reply query = post(port, "/mci?red-limit-min=5", "{}");
    CHECK(query.status == 400);
    CHECK(query.body.at("code") == "UnknownParameter");
}

TEST_CASE("mci on the command line refuses an incident far from any road, naming it") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string incidents = dir.file("far.geojson");
    std::ofstream(incidents) << R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "crash", "red": 1},
         "geometry": {"type": "Point", "coordinates": [0.005, 0]}},
        {"type": "Feature", "properties": {"id": "far", "red": 1},
         "geometry": {"type": "Point", "coordinates": [0.5, 0.5]}}]})";
    const Run run = run_muster("mci " + quote(db) + " --incidents " + quote(incidents));
    INFO(run.output);
    CHECK(run.status == 1);
    CHECK(contains_text(run.output, "--incidents[1]: the incident 'far' at 0.500000,0.500000"));
}

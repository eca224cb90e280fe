// GET /search: places by name for the dispatcher's search box. On Malta (the sample's roads,
// townships, facilities and teams): "valletta" finds the township Valletta first; a road name
// looked up by hand in the extract (Triq Il-Kappillan Mifsud, three secondary ways, the longest
// OSM way 157728196, whose middle [14.486481, 35.891468] was worked out from its 26 points with
// ogrinfo and a few lines of Python). On a tiny map written here: Chinese names, ranks, and the
// parameters refused.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

/// Every byte outside [A-Za-z0-9-_.~] as %XX, as a browser's encodeURIComponent does.
std::string url_encoded(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            out += buffer;
        }
    }
    return out;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string import_malta(const TempDir& dir) {
    const std::string db = dir.file("malta.sqlite");
    const auto s = [](const std::string& name) { return quote(sample("malta/" + name)); };
    const Run run =
        run_muster("import " + quote(db) + " --roads " + s("malta-latest.osm.pbf") +
                   " --townships " + s("townships.geojson") + " --shelters " +
                   s("shelters.geojson") + " --depots " + s("depots.geojson") + " --teams " +
                   s("teams.geojson") + " --hospitals " + s("hospitals.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

// Two ways of 中山路 (the longer from 0.002 to 0.010: its middle at 0.006), one of 中山北路 (its
// middle at [0.010, 0.002]), a township named 中山 and one named Xinjiekou.
const char* const kRoads = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "w1", "name": "中山路", "class": "primary", "oneway": "no"},
 "geometry": {"type": "LineString", "coordinates": [[0.0, 0.0], [0.002, 0.0]]}},
{"type": "Feature", "properties": {"id": "w2", "name": "中山路", "class": "primary", "oneway": "no"},
 "geometry": {"type": "LineString", "coordinates": [[0.002, 0.0], [0.010, 0.0]]}},
{"type": "Feature", "properties": {"id": "w3", "name": "中山北路", "class": "secondary",
 "oneway": "no"}, "geometry": {"type": "LineString", "coordinates": [[0.010, 0.0],
 [0.010, 0.004]]}}]})";
const char* const kTownships = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "t1", "name": "中山", "population": 100},
 "geometry": {"type": "Point", "coordinates": [0.005, 0.001]}},
{"type": "Feature", "properties": {"id": "t2", "name": "Xinjiekou", "population": 50},
 "geometry": {"type": "Point", "coordinates": [0.001, 0.001]}}]})";

std::string import_tiny(const TempDir& dir) {
    const std::string db = dir.file("tiny.sqlite");
    const Run run =
        run_muster("import " + quote(db) + " --roads " + quote(dir.write("roads.geojson", kRoads)) +
                   " --townships " + quote(dir.write("townships.geojson", kTownships)));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

}  // namespace

TEST_CASE("serve /search finds Malta's township Valletta first and a road by its name") {
    TempDir dir;
    Server server(import_malta(dir), dir.file("serve.log"), {});

    const json valletta = get_ok(server.port(), "/search?q=valletta");
    CHECK(valletta.at("state") == json{{"version", 0}});
    const json& results = valletta.at("results");
    REQUIRE(!results.empty());
    CHECK(results.size() <= 10);  // the default limit
    const json& first = results.at(0);
    CHECK(first.at("kind") == "township");
    CHECK(first.at("id") == "7510580");  // the council's OSM relation, as townships.geojson has it
    CHECK(first.at("name") == "Valletta");
    // A point of the city, on its peninsula between the two harbours.
    const double lon = first.at("location").at(0);
    const double lat = first.at("location").at(1);
    CHECK((lon > 14.500 && lon < 14.522 && lat > 35.890 && lat < 35.905));
    // Every other result contains the text (in its name or id), none of them exactly.
    for (std::size_t i = 1; i < results.size(); ++i) {
        const std::string name = lower(results[i].at("name"));
        const std::string id = lower(results[i].at("id"));
        INFO(results[i].dump());
        CHECK((name.find("valletta") != std::string::npos ||
               id.find("valletta") != std::string::npos));
        CHECK(name != "valletta");
    }
    // The road Triq Valletta (several ways, one place) is among the first 50.
    const json more = get_ok(server.port(), "/search?q=valletta&limit=50").at("results");
    CHECK(std::count_if(more.begin(), more.end(), [](const json& r) {
              return r.at("kind") == "road" && r.at("name") == "Triq Valletta";
          }) == 1);
    CHECK(get_ok(server.port(), "/search?q=valletta&limit=1").at("results").size() == 1);

    const json road = get_ok(server.port(), "/search?q=" + url_encoded("Kappillan Mifsud"));
    REQUIRE(road.at("results").size() == 1);
    const json& mifsud = road.at("results").at(0);
    CHECK(mifsud.at("kind") == "road");
    CHECK(mifsud.at("name") == "Triq Il-Kappillan Mifsud");
    CHECK(mifsud.at("class") == "secondary");
    CHECK(mifsud.at("id").get<std::string>().find("157728196") != std::string::npos);
    CHECK(std::abs(mifsud.at("location").at(0).get<double>() - 14.486481) < 1e-5);
    CHECK(std::abs(mifsud.at("location").at(1).get<double>() - 35.891468) < 1e-5);
}

TEST_CASE("serve /search matches Chinese names and ranks exact, prefix, substring") {
    TempDir dir;
    Server server(import_tiny(dir), dir.file("serve.log"), {});
    const json zhongshan = get_ok(server.port(), "/search?q=" + url_encoded("中山"));
    const json expected = json::parse(R"([
        {"kind": "township", "id": "t1", "name": "中山", "location": [0.005, 0.001]},
        {"kind": "road", "id": "w3", "name": "中山北路", "class": "secondary",
         "location": [0.010, 0.002]},
        {"kind": "road", "id": "w2", "name": "中山路", "class": "primary",
         "location": [0.006, 0.0]}])");
    // The points as the database stores them (1e-7 degree): compared to that.
    REQUIRE(zhongshan.at("results").size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const json& got = zhongshan.at("results")[i];
        INFO(got.dump());
        for (const char* key : {"kind", "id", "name"})
            CHECK(got.at(key) == expected[i].at(key));
        CHECK(got.contains("class") == expected[i].contains("class"));
        for (int c = 0; c < 2; ++c)
            CHECK(std::abs(got.at("location")[c].get<double>() -
                           expected[i].at("location")[c].get<double>()) < 1e-7);
    }
    const json north = get_ok(server.port(), "/search?q=" + url_encoded("北路"));
    REQUIRE(north.at("results").size() == 1);
    CHECK(north.at("results")[0].at("name") == "中山北路");
    // ASCII letters in any case.
    const json xin = get_ok(server.port(), "/search?q=XINJIE");
    REQUIRE(xin.at("results").size() == 1);
    CHECK(xin.at("results")[0].at("id") == "t2");
    CHECK(get_ok(server.port(), "/search?q=nowhere").at("results") == json::array());
}

TEST_CASE("serve /search refuses a missing or empty q and a limit outside 1..50, naming them") {
    TempDir dir;
    Server server(import_tiny(dir), dir.file("serve.log"), {});
    const Reply missing = get(server.port(), "/search?limit=5");
    CHECK(missing.status == 400);
    CHECK(missing.body.at("code") == "MissingParameter");
    CHECK(missing.body.at("message").get<std::string>().starts_with("q: "));
    for (const char* target : {"/search?q=", "/search?q=%20%20"}) {
        const Reply empty = get(server.port(), target);
        INFO(target);
        CHECK(empty.status == 400);
        CHECK(empty.body.at("message").get<std::string>().starts_with("q: "));
    }
    for (const char* limit : {"0", "51", "ten", "2.5", "-1", ""}) {
        const Reply bad = get(server.port(), std::string("/search?q=zhong&limit=") + limit);
        INFO(limit);
        CHECK(bad.status == 400);
        CHECK(bad.body.at("code") == "InvalidValue");
        CHECK(bad.body.at("message").get<std::string>().starts_with("limit: "));
    }
    CHECK(get_ok(server.port(), "/search?q=x&limit=50").at("results").size() == 1);
    const Reply unknown = get(server.port(), "/search?q=x&near=1,2");
    CHECK(unknown.status == 400);
    CHECK(unknown.body.at("code") == "UnknownParameter");
    const Reply posted = post(server.port(), "/search", R"({"q": "x"})");
    CHECK(posted.status == 405);
    CHECK(posted.allow == "GET, HEAD");
}

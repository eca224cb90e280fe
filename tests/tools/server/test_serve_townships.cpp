// GET /townships: the townships the database holds as a GeoJSON FeatureCollection, for the
// console's choropleth. Three townships written here beside the street of tests/fixtures/coverage:
// a point with a population, a square with one and a square whose source gives none (null).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

const char* const kTownships = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "t-west", "name": "West", "population": 120,
 "region": "R1"}, "geometry": {"type": "Point", "coordinates": [0.003, 0.0]}},
{"type": "Feature", "properties": {"id": "t-hills", "name": "Hills", "population": 10,
 "region": "R1"}, "geometry": {"type": "Polygon", "coordinates": [[[0.05, 0.05], [0.06, 0.05],
 [0.06, 0.06], [0.05, 0.06], [0.05, 0.05]]]}},
{"type": "Feature", "properties": {"id": "t-lake", "name": "Lake", "region": "R2"},
 "geometry": {"type": "Polygon", "coordinates": [[[0.07, 0.0], [0.08, 0.0], [0.08, 0.01],
 [0.07, 0.01], [0.07, 0.0]]]}}]})";

std::string import_townships(const TempDir& dir) {
    const std::string db = dir.file("townships.sqlite");
    const Run run =
        run_muster("import " + quote(db) + " --roads " + quote(fixture("coverage/roads.geojson")) +
                   " --townships " + quote(dir.write("townships.geojson", kTownships)));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

}  // namespace

TEST_CASE("serve /townships answers each township's id, name, population and area") {
    TempDir dir;
    Server server(import_townships(dir), dir.file("serve.log"), {});
    const json answer = get_ok(server.port(), "/townships");
    CHECK(answer.at("type") == "FeatureCollection");
    CHECK(answer.at("state") == json{{"version", 0}});  // no change since the import
    REQUIRE(answer.at("features").size() == 3);
    std::map<std::string, json> by_id;
    for (const json& feature : answer.at("features")) {
        CHECK(feature.at("type") == "Feature");
        by_id[feature.at("properties").at("id").get<std::string>()] = feature;
    }
    REQUIRE(by_id.size() == 3);

    // A point where the source gave one, with its population.
    const json& west = by_id.at("t-west");
    CHECK(west.at("properties") ==
          json{{"id", "t-west"}, {"name", "West"}, {"population", 120}, {"region", "R1"}});
    CHECK(west.at("geometry") == json::parse(R"({"type": "Point", "coordinates": [0.003, 0.0]})"));

    // A square as a MultiPolygon of its one ring.
    const json& hills = by_id.at("t-hills");
    CHECK(hills.at("properties").at("population") == 10);
    CHECK(hills.at("geometry") == json::parse(R"({"type": "MultiPolygon", "coordinates":
        [[[[0.05, 0.05], [0.06, 0.05], [0.06, 0.06], [0.05, 0.06], [0.05, 0.05]]]]})"));

    // No population in the source: null, not 0.
    const json& lake = by_id.at("t-lake");
    CHECK(lake.at("properties").at("name") == "Lake");
    CHECK(lake.at("properties").at("population").is_null());
    CHECK(lake.at("geometry").at("type") == "MultiPolygon");
}

TEST_CASE("serve /townships takes no parameters and only GET") {
    TempDir dir;
    Server server(import_townships(dir), dir.file("serve.log"), {});
    const Reply with_parameter = get(server.port(), "/townships?bbox=0,0,1,1");
    CHECK(with_parameter.status == 400);
    const Reply posted = post(server.port(), "/townships", "{}");
    CHECK(posted.status == 405);
    CHECK(posted.allow == "GET, HEAD");
}

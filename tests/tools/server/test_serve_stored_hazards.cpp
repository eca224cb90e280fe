// Hazard zones posted to and lifted from `muster serve` are kept in the database like every other
// live change: the zone a row of the hazard table, the change an event (kind hazard, action add
// or lift, the GeoJSON Feature before and after), read back through SQLite's C API
// (tests/support/sqlite_oracle.hpp). A restart serves the zones in force when the service
// stopped; a refused change writes nothing.
//
// The relief map (tests/fixtures/relief, worked out by hand in tests/tools/cli/test_relief_cli.cpp)
// with its closure "cut" over r2a: dA at A then reaches s1 only, and s2 lives on dC's 500 L. The
// routing map (tests/support/routing_map.hpp) with its imported flood zone z1 over r2: A to C is
// r1 + r2 = 2 × 61.654 s once z1 is lifted.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/relief_map.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using nlohmann::json;

namespace {

/// The closure "cut" of tests/fixtures/relief/closure.geojson as the Feature POST /hazards takes.
json closure_feature() {
    std::ifstream in(fixture("relief/closure.geojson"));
    return json::parse(std::string(std::istreambuf_iterator<char>(in), {})).at("features")[0];
}

json demand_rows() {
    return json::parse(R"([{"destination": "s1", "item": "water", "quantity": 1000},
                           {"destination": "s2", "item": "water", "quantity": 1000}])");
}

double shipped(const json& answer, const std::string& depot, const std::string& destination) {
    double sum = 0;
    for (const json& s : answer.at("shipments")) {
        if (s["depot"] == depot && s["destination"] == destination && s["item"] == "water")
            sum += s["quantity"].get<double>();
    }
    return sum;
}

/// The hazard rows and the event count, read as another program would.
std::string stored(const std::string& db) {
    return run_sql(db,
                   "SELECT id || ' ' || effect || ' ' || COALESCE(road_class, '-') || ' ' || "
                   "(geom IS NOT NULL) FROM hazard UNION ALL SELECT 'events ' || COUNT(*) "
                   "FROM event");
}

/// A GET /hazards/{id} without its "hazards" member (the scenario's version, which a restart
/// sets back to 1).
json zone_as_served(int port, const std::string& id) {
    json zone = get_ok(port, "/hazards/" + id);
    zone.erase("hazards");
    return zone;
}

}  // namespace

TEST_CASE("serve: a posted closure is stored with its event and served again after a restart") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    json served;
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
        const int port = server.port();
        const Reply added = post_as_dispatcher(port, "/hazards", closure_feature().dump());
        INFO(added.body.dump());
        REQUIRE(added.status == 201);
        CHECK(added.body.at("id") == "cut");
        CHECK(added.body.at("hazards") == json{{"version", 2}, {"ids", json::array({"cut"})}});
        CHECK(added.body.at("state") == json{{"version", 1}});
        CHECK(stored(db) == "cut closed - 1\nevents 1\n");
        CHECK(run_sql(db, "SELECT name || ' ' || kind FROM hazard") ==
              "East Road washed out flood\n");
        CHECK(run_sql(db,
                      "SELECT kind || ' ' || target || ' ' || action || ' ' || user || ' ' || "
                      "(before IS NULL) FROM event") == "hazard cut add dispatch-1 1\n");
        const json after = json::parse(run_sql(db, "SELECT after FROM event"));
        CHECK(after.at("type") == "Feature");
        CHECK(after.at("properties").at("id") == "cut");
        CHECK(after.at("geometry").at("coordinates") ==
              json::parse("[[[[0.012, -0.001], [0.013, -0.001], [0.013, 0.001], [0.012, 0.001], "
                          "[0.012, -0.001]]]]"));
        served = zone_as_served(port, "cut");
        CHECK(get_ok(port, "/events").at("events")[0].at("after") == after);
    }

    // A new service on the database: the closure is in force from the start (version 1).
    Server again(db, dir.file("serve2.log"), with_dispatcher(dir, {}));
    const int port = again.port();
    CHECK(get_ok(port, "/hazards").at("hazards") ==
          json{{"version", 1}, {"ids", json::array({"cut"})}});
    CHECK(zone_as_served(port, "cut") == served);
    const Reply plan = post(port, "/allocate", json{{"demand", demand_rows()}}.dump());
    REQUIRE(plan.status == 200);
    CHECK(plan.body.at("metric") == "hazards:cut");
    CHECK(shipped(plan.body, "dA", "s2") == 0);
    CHECK(shipped(plan.body, "dC", "s2") == Approx(500));

    // Lifted: the row goes, the event keeps the zone as it was.
    const Reply lifted = delete_as_dispatcher(port, "/hazards/cut");
    REQUIRE(lifted.status == 200);
    CHECK(lifted.body.at("hazards") == json{{"version", 2}, {"ids", json::array()}});
    CHECK(lifted.body.at("state") == json{{"version", 2}});
    CHECK(stored(db) == "events 2\n");
    CHECK(run_sql(db, "SELECT action || ' ' || (after IS NULL) FROM event WHERE seq = 2") ==
          "lift 1\n");
    CHECK(json::parse(run_sql(db, "SELECT before FROM event WHERE seq = 2")) ==
          json::parse(run_sql(db, "SELECT after FROM event WHERE seq = 1")));
    const Reply open = post(port, "/allocate", json{{"demand", demand_rows()}}.dump());
    CHECK(shipped(open.body, "dA", "s2") == Approx(500));
}

TEST_CASE("serve: an imported zone lifted is gone from the database, also after a restart") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
        const int port = server.port();
        CHECK(get_ok(port, "/hazards").at("hazards").at("ids") == json::array({"z1"}));
        REQUIRE(delete_as_dispatcher(port, "/hazards/z1").status == 200);
        CHECK(stored(db) == "events 1\n");
    }
    Server again(db, dir.file("serve2.log"), {});
    const int port = again.port();
    CHECK(get_ok(port, "/hazards").at("features").empty());
    CHECK(get_ok(port, "/route?from=0,0&to=0.02,0").at("duration_s").get<double>() ==
          Approx(2 * kPrimaryS).margin(0.002));
}

TEST_CASE("serve: every ferry closed by a zone without geometry is stored and covers the world") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string storm = R"({"type": "Feature", "geometry": null, "properties":
        {"id": "storm", "kind": "storm", "effect": "closed", "roads": "ferry"}})";
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
        REQUIRE(post_as_dispatcher(server.port(), "/hazards", storm).status == 201);
        // Stored without geometry: a zone of one road class over the whole world.
        CHECK(stored(db) == "storm closed ferry 0\nevents 1\n");
    }
    Server again(db, dir.file("serve2.log"), {});
    const json zone = zone_as_served(again.port(), "storm");
    CHECK(zone.at("properties") ==
          json::parse(R"({"id": "storm", "name": "", "kind": "storm", "effect": "closed",
                          "roads": "ferry"})"));
    CHECK(zone.at("geometry") == json::parse(R"({"type": "MultiPolygon", "coordinates":
                          [[[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]]})"));
}

TEST_CASE("serve: a refused hazard change writes nothing") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    // A bow tie: the polygon crosses itself.
    const std::string bow_tie = R"({"type": "Feature", "properties": {"effect": "closed"},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0.01, 0.01], [0.01, 0], [0, 0.01],
        [0, 0]]]}})";
    const Reply bad = post_as_dispatcher(port, "/hazards", bow_tie);
    CHECK(bad.status == 400);
    CHECK(stored(db) == "events 0\n");
    const Reply unknown = delete_as_dispatcher(port, "/hazards/nowhere");
    CHECK(unknown.status == 404);
    CHECK(stored(db) == "events 0\n");
    httplib::Client client("127.0.0.1", port);
    const auto anonymous = client.Post("/hazards", closure_feature().dump(), "application/json");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(stored(db) == "events 0\n");

    REQUIRE(post_as_dispatcher(port, "/hazards", closure_feature().dump()).status == 201);
    const Reply again = post_as_dispatcher(port, "/hazards", closure_feature().dump());
    CHECK(again.status == 409);
    CHECK(stored(db) == "cut closed - 1\nevents 1\n");
    CHECK(get_ok(port, "/hazards").at("hazards") ==
          json{{"version", 2}, {"ids", json::array({"cut"})}});
}

TEST_CASE("serve: a hazard source that cannot be read stops the start, naming it") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string missing = dir.file("no-such-zones.geojson");
    const Run run = run_muster("serve " + quote(db) + " --port 0 --hazards " + quote(missing));
    CHECK(run.status == 1);
    CHECK(contains_text(run.output, missing));
    CHECK(stored(db) == "events 0\n");
}

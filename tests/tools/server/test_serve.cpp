// `muster serve`: the real binary started on 127.0.0.1 (--port 0, the port it prints) against
// the tiny map of tests/fixtures/routing, queried with cpp-httplib's client. The expected
// figures are the hand-computed ones of tests/tools/cli/test_routing_cli.cpp (the map and the
// arithmetic are drawn there):
//
//            D (0.010, 0.010) ----r4 residential---- E (0.020, 0.010)
//                  |                                       |
//            r3 tertiary                             r5 tertiary
//                  |                                       |
//   A (0,0) --r1 primary-- B (0.010, 0) --r2 primary-- C (0.020, 0) --r6 primary, oneway--> F
//   (0.030, 0)
//                                    [z1: closed flood zone over r2, lon 0.014..0.016]
//
//   r1 = r2 = r4 = r6 = 0.01° × 111,319.49 m = 1,113.195 m; r3 = r5 = 0.01° × 110,574.28 m =
//   1,105.743 m primary      1,113.195 m / (65 / 3.6 m/s) =  61.654 s tertiary     1,105.743 m /
//   (40 / 3.6 m/s) =  99.517 s residential  1,113.195 m / (25 / 3.6 m/s) = 160.300 s

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "tests/support/fresh_customization.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"
#include "tools/app/hazard_scenario.hpp"
#include "tools/app/routing_session.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

constexpr auto import_map = import_routing_map;

// A request the service must refuse, and how.
struct BadRequest {
    std::string method, target, body;
    int status;
    std::string code, message;
};

}  // namespace

TEST_CASE("serve answers nearest, route, matrix and isochrone as computed by hand") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"), {"--no-db-hazards", "--threads", "2"});
    const int port = server.port();

    // /health: 6 nodes; 11 directed edges to drive (r1..r5 both ways, the oneway r6 once) and 12
    // to walk (every road both ways).
    const json health = get_ok(port, "/health");
    CHECK(health.at("status") == "ok");
    CHECK(health.at("networks").at("drive").at("nodes") == 6);
    CHECK(health.at("networks").at("drive").at("edges") == 11);
    CHECK(health.at("networks").at("walk").at("edges") == 12);
    CHECK(health.at("hazards") == "no hazards");

    // Incident X on r2 at (0.019, 0).
    const json j = get_ok(port, "/nearest?at=0.019,0&kind=ambulance&k=4");
    CHECK(j.at("incident") == json::array({0.019, 0.0}));
    CHECK(j.at("metric") == "base");
    const json& results = j.at("results");
    REQUIRE(results.size() == 4);
    // amb-flood snaps onto r2 at 0.015 and drives 0.4 of r2: 0.4 × 61.654 = 24.662 s, 445.278 m.
    CHECK(results[0].at("id") == "amb-flood");
    CHECK(results[0].at("duration_s").get<double>() == Approx(0.4 * kPrimaryS).margin(0.002));
    CHECK(results[0].at("distance_m").get<double>() == Approx(0.4 * kLonRoadM).margin(0.002));
    // amb-west: 0.8 of r1 and 0.9 of r2: 1.7 × 61.654 = 104.812 s, 1.7 × 1,113.195 = 1,892.432 m,
    // along the roads through B.
    CHECK(results[1].at("id") == "amb-west");
    CHECK(results[1].at("duration_s").get<double>() == Approx(1.7 * kPrimaryS).margin(0.002));
    CHECK(results[1].at("distance_m").get<double>() == Approx(1.7 * kLonRoadM).margin(0.002));
    CHECK(results[1].at("geometry").at("type") == "LineString");
    CHECK(results[1].at("geometry").at("coordinates") ==
          json::parse("[[0.002, 0.0], [0.01, 0.0], [0.019, 0.0]]"));
    // amb-north: 0.1 of r4, r5, 0.1 of r2 = 16.030 + 99.517 + 6.165 = 121.712 s.
    CHECK(results[2].at("id") == "amb-north");
    CHECK(results[2].at("duration_s").get<double>() ==
          Approx(0.1 * kResidentialS + kTertiaryS + 0.1 * kPrimaryS).margin(0.002));
    // amb-east on the oneway spur cannot get out: unreachable, last.
    CHECK(results[3].at("id") == "amb-east");
    CHECK(results[3].at("reachable") == false);
    CHECK(results[3].at("duration_s").is_null());

    // Hospitals from X: h-south by 0.9 of r2 and 0.9 of r1 = 1.8 × 61.654 = 110.977 s.
    const json hospitals = get_ok(port, "/nearest?at=0.019,0&to=hospitals&k=1");
    CHECK(hospitals.at("direction") == "from");
    CHECK(hospitals.at("results")[0].at("id") == "h-south");
    CHECK(hospitals.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.8 * kPrimaryS).margin(0.002));

    // A to C: r1 + r2 = 123.308 s over 2,226.390 m.
    const json route = get_ok(port, "/route?from=0,0&to=0.02,0");
    CHECK(route.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(route.at("distance_m").get<double>() == Approx(2 * kLonRoadM).margin(0.002));
    CHECK(route.at("geometry").at("coordinates") ==
          json::parse("[[0.0, 0.0], [0.01, 0.0], [0.02, 0.0]]"));

    // Walking has no oneways: from the spur at (0.025, 0) back to C is half of r6 on foot, at
    // the walking speed. By car the oneway spur is a small isolated part of the network (F can
    // only be entered), so the point is snapped past it to the main network: C, 556.598 m away.
    const json spur = get_ok(port, "/route?from=0.025,0&to=0.02,0");
    CHECK(spur.at("from").at("passed_small_component_m").get<double>() == Approx(0).margin(0.001));
    CHECK(spur.at("from").at("snap_distance_m").get<double>() ==
          Approx(0.5 * kLonRoadM).margin(0.01));
    CHECK(spur.at("duration_s").get<double>() == Approx(0).margin(0.001));
    // On foot at 5 km/h: 556.598 m / (5 / 3.6 m/s) = 400.750 s.
    const json walk = get_ok(port, "/route?from=0.025,0&to=0.02,0&profile=walk");
    CHECK(walk.at("distance_m").get<double>() == Approx(0.5 * kLonRoadM).margin(0.002));
    CHECK(walk.at("duration_s").get<double>() == Approx(0.5 * kLonRoadM / (5 / 3.6)).margin(0.002));

    // Matrix, inline points: C to A is 123.308 s, A to A 0.
    const json matrix = get_ok(port, "/matrix?sources=0.02,0;0,0&targets=0,0");
    CHECK(matrix.at("durations_s")[0][0].get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(matrix.at("durations_s")[1][0].get<double>() == Approx(0).margin(0.001));
    // amb-west (the first team) to A: 0.2 of r1 = 12.331 s; amb-east (the fourth) reaches nothing.
    const json teams = get_ok(port, "/matrix?sources=teams&targets=0,0");
    CHECK(teams.at("sources")[0].at("id") == "amb-west");
    CHECK(teams.at("durations_s")[0][0].get<double>() == Approx(0.2 * kPrimaryS).margin(0.002));
    CHECK(teams.at("durations_s")[3][0].is_null());

    // From P (0.005, 0): A and B within 1 minute, C too within 2 (92.481 s); 6 stretches, and 7
    // in the ring beyond (as the command line's, tests/tools/cli/test_routing_cli.cpp).
    const json iso = get_ok(port, "/isochrone?at=0.005,0&minutes=2,1");
    REQUIRE(iso.at("bands").size() == 2);
    CHECK(iso.at("bands")[0].at("nodes") == 2);
    CHECK(iso.at("bands")[1].at("nodes") == 3);
    CHECK(iso.at("bands")[0].at("segments") == 6);
    CHECK(iso.at("bands")[1].at("segments") == 7);
    CHECK(iso.at("bands")[0].at("area").at("type") == "MultiPolygon");

    // One log line per request: time, method, path and query, status, duration.
    CHECK(server.stop() == 0);
    const std::string log = server.log_text();
    INFO(log);
    CHECK(contains(log, " GET /health 200 "));
    // The target as the client sent it: httplib's client escapes the commas.
    CHECK(contains(log, " GET /nearest?at=0.019%2C0&kind=ambulance&k=4 200 "));
    CHECK(contains(log, " GET /route?from=0.025%2C0&to=0.02%2C0 200 "));
    CHECK(contains(log, " ms\n"));
    // Before it listened, each network's start-up steps, a line each (the log is no terminal).
    std::vector<std::string> steps;
    for (const std::string profile : {"drive", "walk"}) {
        steps.push_back("load the " + profile + " network: 6 nodes in ");
        // No hazards (--no-db-hazards): the graph's own customization is the session's.
        steps.push_back("build the " + profile +
                        " routing graph (snapping index, components, customized hierarchy): 6 "
                        "nodes in ");
    }
    std::istringstream lines(log);
    auto step = steps.begin();
    for (std::string line; step != steps.end() && std::getline(lines, line);) {
        if (line.starts_with(*step))
            ++step;
    }
    if (step != steps.end())
        FAIL_CHECK("no line, or not in order: " << *step);
}

TEST_CASE("serve applies the stored flood zone to every query") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"), {});
    const int port = server.port();
    CHECK(contains(get_ok(port, "/health").at("hazards").get<std::string>(), "z1 (closed)"));

    // Incident Y on r5 at (0.020, 0.001). amb-north: 0.1 of r4, 0.9 of r5 = 105.595 s; amb-west
    // detours by r1, r3, r4, r5: 49.323 + 99.517 + 160.300 + 89.565 = 398.705 s over 4,104.661 m;
    // amb-flood stands inside z1 and is unavailable.
    const json j = get_ok(port, "/nearest?at=0.020,0.001&kind=ambulance");
    REQUIRE(j.at("results").size() == 3);
    CHECK(j.at("results")[0].at("id") == "amb-north");
    CHECK(j.at("results")[0].at("duration_s").get<double>() ==
          Approx(0.1 * kResidentialS + 0.9 * kTertiaryS).margin(0.002));
    CHECK(j.at("results")[1].at("id") == "amb-west");
    CHECK(j.at("results")[1].at("duration_s").get<double>() ==
          Approx(0.8 * kPrimaryS + kTertiaryS + kResidentialS + 0.9 * kTertiaryS).margin(0.002));
    CHECK(j.at("results")[1].at("distance_m").get<double>() ==
          Approx(1.8 * kLonRoadM + 1.9 * kLatRoadM).margin(0.002));
    REQUIRE(j.at("unavailable").size() == 1);
    CHECK(j.at("unavailable")[0].at("id") == "amb-flood");

    // A to C around z1.
    const json detour = get_ok(port, "/route?from=0,0&to=0.02,0");
    check_detour_around_z1(detour);

    // amb-west to h-north: 0.8 of r1, r3, 0.1 of r4 = 164.870 s over 2,107.619 m.
    const json ids = get_ok(port, "/route?from=team:amb-west&to=hospital:h-north");
    CHECK(ids.at("duration_s").get<double>() ==
          Approx(0.8 * kPrimaryS + kTertiaryS + 0.1 * kResidentialS).margin(0.002));
    CHECK(ids.at("distance_m").get<double>() == Approx(0.9 * kLonRoadM + kLatRoadM).margin(0.002));
    CHECK(ids.at("to").at("name") == "North Hospital");

    // Each network customized under the zone as it started.
    CHECK(server.stop() == 0);
    const std::string log = server.log_text();
    CHECK(contains(log, "customize the drive hierarchy under the hazards: 6 nodes in "));
    CHECK(contains(log, "customize the walk hierarchy under the hazards: 6 nodes in "));
}

TEST_CASE("serve: POST with a JSON body answers as GET with query parameters") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"), {"--no-db-hazards"});
    const int port = server.port();
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"/nearest?at=0.019,0&kind=ambulance&k=4",
         R"({"at": [0.019, 0], "kind": "ambulance", "k": 4})"},
        {"/nearest?at=0.019,0&to=hospitals&direction=to",
         R"({"at": "0.019,0", "to": "hospitals", "direction": "to"})"},
        {"/route?from=team:amb-west&to=0.02,0", R"({"from": "team:amb-west", "to": [0.02, 0]})"},
        {"/route?from=0,0&to=0.02,0&profile=walk",
         R"({"from": [0, 0], "to": [0.02, 0], "profile": "walk"})"},
        {"/matrix?sources=0.02,0;0,0&targets=teams",
         R"({"sources": [[0.02, 0], [0, 0]], "targets": "teams"})"},
        {"/isochrone?at=0.005,0&minutes=1,2", R"({"at": [0.005, 0], "minutes": [1, 2]})"},
        {"/isochrone?at=0.005,0&minutes=1.5", R"({"at": [0.005, 0], "minutes": 1.5})"},
    };
    for (const auto& [target, body] : pairs) {
        INFO(target << " vs " << body);
        const json by_get = get_ok(port, target);
        const Reply by_post = post(port, target.substr(0, target.find('?')), body);
        CHECK(by_post.status == 200);
        CHECK(by_post.body == by_get);
    }
    // Independent of the comparison: the POSTed nearest has amb-flood first at 24.662 s.
    const Reply nearest = post(port, "/nearest", R"({"at": [0.019, 0], "kind": "ambulance"})");
    CHECK(nearest.body.at("results")[0].at("duration_s").get<double>() ==
          Approx(0.4 * kPrimaryS).margin(0.002));

    // curl -d sends JSON as a form: the body is still read as JSON.
    httplib::Client client("127.0.0.1", port);
    const Reply form = reply_of(client.Post("/route", R"({"from": [0, 0], "to": [0.02, 0]})",
                                            "application/x-www-form-urlencoded"));
    CHECK(form.status == 200);
    CHECK(form.body.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
}

TEST_CASE("serve refuses bad requests with the right status and a JSON code and message") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"), {"--no-db-hazards"});
    const int port = server.port();
    const std::vector<BadRequest> cases{
        {"GET", "/nearest?at=abc", "", 400, "InvalidValue", "at: 'abc' is not LON,LAT"},
        {"GET", "/nearest?at=x,0", "", 400, "InvalidValue", "the longitude 'x' is not a number"},
        {"GET", "/nearest?at=181,0", "", 400, "InvalidValue", "longitude outside [-180, 180]"},
        {"GET", "/nearest?at=0.01,91", "", 400, "InvalidValue", "latitude outside [-90, 90]"},
        {"GET", "/nearest", "", 400, "MissingParameter", "at: missing"},
        {"GET", "/route?from=0,0", "", 400, "MissingParameter", "to: missing"},
        {"GET", "/nearest?at=0.019,0&k=0", "", 400, "InvalidValue", "k"},
        {"GET", "/nearest?at=0.019,0&k=-2", "", 400, "InvalidValue", "k"},
        {"GET", "/nearest?at=0.019,0&k=two", "", 400, "InvalidValue", "k"},
        {"GET", "/nearest?at=0.019,0&profile=bike", "", 400, "InvalidValue", "profile"},
        {"GET", "/nearest?at=0.019,0&to=vets", "", 400, "InvalidValue", "to"},
        {"GET", "/nearest?at=0.019,0&colour=red", "", 400, "UnknownParameter", "colour"},
        {"GET", "/nearest?at=0.019,0&at=0,0", "", 400, "InvalidValue", "at: given more than once"},
        {"GET", "/isochrone?at=0,0&minutes=0", "", 400, "InvalidValue",
         "'0' is not a number of minutes"},
        {"GET", "/isochrone?at=0,0&minutes=5,-10", "", 400, "InvalidValue", "'-10'"},
        {"GET", "/matrix?sources=0,0;0,x&targets=teams", "", 400, "InvalidValue", "sources: '0,x'"},
        // A client cannot make the server read a file.
        {"GET", "/matrix?sources=/etc/passwd&targets=teams", "", 400, "InvalidValue", "sources"},
        {"GET", "/route?from=team:amb-nowhere&to=0,0", "", 404, "NotFound",
         "from: no team with id 'amb-nowhere'"},
        {"GET", "/route?from=0,0&to=vehicle:x", "", 400, "InvalidValue",
         "unknown entity kind 'vehicle'"},
        {"GET", "/nearest?at=0.019,0&kind=ambulanse", "", 404, "NoMatch",
         "no team of kind 'ambulanse'"},
        {"GET", "/nearest?at=0.5,0.5", "", 422, "NoSegment", "farther than 1,000 m from any road"},
        {"GET", "/route?from=0,0&to=0.02,0.02", "", 422, "NoSegment", "farther than 1,000 m"},
        {"GET", "/route?from=0.029,0&to=0,0", "", 422, "NoRoute", "no route"},
        {"POST", "/route", "{\"from\": [0, 0], ", 400, "InvalidJson", "not JSON"},
        {"POST", "/route", "[1, 2]", 400, "InvalidJson", "object"},
        {"POST", "/route", "", 400, "InvalidJson", "not JSON"},
        {"POST", "/nearest", R"({"at": true})", 400, "InvalidValue", "at"},
        {"POST", "/nearest", R"({"at": [0.019, 0], "k": 0})", 400, "InvalidValue", "k"},
        {"POST", "/nearest", R"({"at": [0.019, 0], "radius": 5})", 400, "UnknownParameter",
         "radius"},
        {"GET", "/nowhere", "", 404, "UnknownPath", "/nowhere"},
        // "/" is the console's page now (test_serve_console.cpp); "/console" without a file is
        // still no endpoint, and its 404 names them.
        {"GET", "/console", "", 404, "UnknownPath", "/nearest"},
        {"DELETE", "/route", "", 405, "MethodNotAllowed", "GET"},
        {"PUT", "/nearest", "{}", 405, "MethodNotAllowed", "POST"},
        {"POST", "/health", "{}", 405, "MethodNotAllowed", "GET"},
    };
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    for (const BadRequest& c : cases) {
        INFO(c.method << " " << c.target << " " << c.body);
        httplib::Result result =
            c.method == "GET"    ? client.Get(c.target.c_str())
            : c.method == "POST" ? client.Post(c.target.c_str(), c.body, "application/json")
            : c.method == "PUT"  ? client.Put(c.target.c_str(), c.body, "application/json")
                                 : client.Delete(c.target.c_str());
        const Reply reply = reply_of(result);
        INFO(reply.body.dump());
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("code") == c.code);
        CHECK(contains(reply.body.at("message").get<std::string>(), c.message));
        if (c.status == 405)
            CHECK(contains(reply.allow, "GET"));
    }
    // Still serving after all of them.
    CHECK(get_ok(port, "/health").at("status") == "ok");
}

TEST_CASE("serve answers 20 concurrent requests identically") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"), {"--no-db-hazards", "--threads", "4"});
    const int port = server.port();
    constexpr int kRequests = 20;
    std::vector<int> statuses(kRequests, 0);
    std::vector<std::string> bodies(kRequests);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRequests; ++i) {
        threads.emplace_back([&, i] {
            // Catch2 assertions are not thread-safe: collect, check afterwards.
            httplib::Client client("127.0.0.1", port);
            client.set_read_timeout(30, 0);
            const auto target =
                i % 2 ? "/nearest?at=0.019,0&kind=ambulance&k=4" : "/route?from=0,0&to=0.02,0";
            if (auto result = client.Get(target)) {
                statuses[i] = result->status;
                bodies[i] = result->body;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    for (int i = 0; i < kRequests; ++i) {
        INFO("request " << i << ": " << bodies[i]);
        REQUIRE(statuses[i] == 200);
        CHECK(bodies[i] == bodies[i % 2]);
    }
    // The answers are the hand-computed ones: amb-flood in 24.662 s, A to C in 123.308 s.
    CHECK(json::parse(bodies[1]).at("results")[0].at("duration_s").get<double>() ==
          Approx(0.4 * kPrimaryS).margin(0.002));
    CHECK(json::parse(bodies[0]).at("duration_s").get<double>() ==
          Approx(2 * kPrimaryS).margin(0.002));
    CHECK(server.stop() == 0);
}

namespace {

/// A request as the dispatcher of with_dispatcher (a read ignores the token).
Reply send(int port, const std::string& method, const std::string& target,
           const std::string& body = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    const httplib::Headers auth = dispatcher_headers();
    if (method == "GET")
        return reply_of(client.Get(target.c_str(), auth));
    if (method == "POST")
        return reply_of(client.Post(target.c_str(), auth, body, "application/json"));
    if (method == "PUT")
        return reply_of(client.Put(target.c_str(), auth, body, "application/json"));
    return reply_of(client.Delete(target.c_str(), auth));
}

/// The flood zone z1 of tests/fixtures/routing/hazards.geojson as a GeoJSON Feature.
json flood_feature() {
    std::ifstream in(fixture("routing/hazards.geojson"));
    return json::parse(in).at("features").at(0);
}

/// A Feature over z1's square (over r2 only) with the given properties.
json zone_over_r2(const json& properties) {
    return {{"type", "Feature"},
            {"geometry", flood_feature().at("geometry")},
            {"properties", properties}};
}

json hazards_json(std::uint64_t version, std::vector<std::string> ids) {
    return {{"version", version}, {"ids", ids}};
}

}  // namespace

TEST_CASE("serve: a closure posted while it runs reroutes later queries until it is lifted") {
    TempDir dir;
    const std::string db = import_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    const std::string a_to_c = "/route?from=0,0&to=0.02,0";

    // Before: A to C by r1 + r2, under version 1, no zones.
    const json before = get_ok(port, a_to_c);
    CHECK(before.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(before.at("hazards") == hazards_json(1, {}));

    // The flood zone z1 arrives: version 2.
    const Reply posted = post_as_dispatcher(port, "/hazards", flood_feature().dump());
    INFO(posted.body.dump());
    REQUIRE(posted.status == 201);
    CHECK(posted.body.at("id") == "z1");
    CHECK(posted.body.at("hazards") == hazards_json(2, {"z1"}));

    // The detour, as the command line computes it with the same zone read from its file, and by
    // hand: r1 + r3 + r4 + r5 = 420.988 s over 4,437.876 m.
    const auto cli = muster::test::run_muster(
        "route " + quote(db) + " --from 0,0 --to 0.02,0 --no-db-hazards --hazards " +
        quote(fixture("routing/hazards.geojson")) + " --format json");
    INFO(cli.output);
    REQUIRE(cli.status == 0);
    const json expected = json::parse(cli.output);
    const json detour = get_ok(port, a_to_c);
    CHECK(detour.at("duration_s") == expected.at("duration_s"));
    CHECK(detour.at("distance_m") == expected.at("distance_m"));
    CHECK(detour.at("geometry") == expected.at("geometry"));
    CHECK(detour.at("duration_s").get<double>() ==
          Approx(kPrimaryS + 2 * kTertiaryS + kResidentialS).margin(0.002));
    CHECK(detour.at("metric") == "hazards:z1");
    CHECK(detour.at("hazards") == hazards_json(2, {"z1"}));
    // The other queries run under it too: amb-flood stands inside z1.
    const json nearest = get_ok(port, "/nearest?at=0.019,0&kind=ambulance");
    CHECK(nearest.at("hazards") == hazards_json(2, {"z1"}));
    REQUIRE(nearest.at("unavailable").size() == 1);
    CHECK(nearest.at("unavailable")[0].at("id") == "amb-flood");

    // Listed, with its effect.
    const json listed = get_ok(port, "/hazards");
    REQUIRE(listed.at("features").size() == 1);
    CHECK(listed.at("features")[0].at("properties").at("id") == "z1");
    CHECK(listed.at("features")[0].at("properties").at("effect") == "closed");
    CHECK(listed.at("hazards") == hazards_json(2, {"z1"}));
    CHECK(get_ok(port, "/health").at("hazard_version") == 2);

    // Lifted: A to C by r1 + r2 again, version 3.
    const Reply lifted = send(port, "DELETE", "/hazards/z1");
    REQUIRE(lifted.status == 200);
    CHECK(lifted.body.at("hazards") == hazards_json(3, {}));
    const json after = get_ok(port, a_to_c);
    CHECK(after.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(after.at("metric") == "base");
    CHECK(after.at("hazards") == hazards_json(3, {}));

    // A slow zone over r2 at half speed, without an id: r2 takes twice as long, and r1 + 2 × r2
    // = 184.962 s still beats the 420.988 s detour.
    const Reply slow = post_as_dispatcher(
        port, "/hazards", zone_over_r2({{"effect", "slow"}, {"speed_factor", 0.5}}).dump());
    REQUIRE(slow.status == 201);
    CHECK(slow.body.at("id") == "live-4");
    const json slowed = get_ok(port, a_to_c);
    CHECK(slowed.at("duration_s").get<double>() == Approx(3 * kPrimaryS).margin(0.002));
    CHECK(slowed.at("hazards") == hazards_json(4, {"live-4"}));

    // A wall across r2 and r4 leaves A no route to C. The service gave the graph's own
    // hierarchy to its scenarios, so the answer's route without hazards is searched by
    // Dijkstra: r1 + r2, 123.308 s, 2.1 min.
    json wall = zone_over_r2({{"effect", "closed"}, {"id", "wall"}});
    wall["geometry"] = {
        {"type", "Polygon"},
        {"coordinates",
         {{{0.014, -0.001}, {0.016, -0.001}, {0.016, 0.011}, {0.014, 0.011}, {0.014, -0.001}}}}};
    REQUIRE(post_as_dispatcher(port, "/hazards", wall.dump()).status == 201);
    const Reply walled = send(port, "GET", a_to_c);
    INFO(walled.body.dump());
    CHECK(walled.status == 422);
    CHECK(walled.body.at("code") == "NoRoute");
    CHECK(contains(walled.body.at("message").get<std::string>(),
                   "without hazards the route takes 2.1 min"));
    CHECK(server.stop() == 0);
    CHECK(contains(server.log_text(), " POST /hazards 201 "));
    CHECK(contains(server.log_text(), " DELETE /hazards/z1 200 "));
}

TEST_CASE("serve refuses bad hazard updates with the right status and a JSON code and message") {
    TempDir dir;
    Server server(import_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    REQUIRE(post_as_dispatcher(port, "/hazards",
                               zone_over_r2({{"effect", "closed"}, {"id", "dup"}}).dump())
                .status == 201);

    json line = zone_over_r2({{"effect", "closed"}});
    line["geometry"] = {{"type", "LineString"}, {"coordinates", {{0, 0}, {1, 1}}}};
    json open_ring = zone_over_r2({{"effect", "closed"}});
    open_ring["geometry"]["coordinates"][0].erase(4);
    open_ring["geometry"]["coordinates"][0].push_back({0.014, -0.0005});
    json bow_tie = zone_over_r2({{"effect", "closed"}});
    bow_tie["geometry"]["coordinates"] =
        json::parse("[[[0, 0], [0.01, 0.01], [0.01, 0], [0, 0.01], [0, 0]]]");
    json far_east = zone_over_r2({{"effect", "closed"}});
    far_east["geometry"]["coordinates"][0][1] = {200, 0};
    const std::vector<BadRequest> cases{
        {"POST", "/hazards", "{\"type\": ", 400, "InvalidJson", "not JSON"},
        {"POST", "/hazards", "[1]", 400, "InvalidValue", "Feature"},
        {"POST", "/hazards", line.dump(), 400, "InvalidValue", "Polygon or MultiPolygon"},
        {"POST", "/hazards", open_ring.dump(), 400, "InvalidValue", "must end where it starts"},
        {"POST", "/hazards", bow_tie.dump(), 400, "InvalidValue",
         "geometry: the polygon is not valid"},
        {"POST", "/hazards", far_east.dump(), 400, "InvalidValue", "geometry.coordinates[0][1]"},
        {"POST", "/hazards", zone_over_r2({{"effect", "slow"}, {"speed_factor", 1.5}}).dump(), 400,
         "InvalidValue", "properties.speed_factor: 1.5 is not in (0, 1]"},
        {"POST", "/hazards", zone_over_r2({{"effect", "slow"}}).dump(), 400, "InvalidValue",
         "properties.speed_factor"},
        {"POST", "/hazards", zone_over_r2({{"effect", "flooded"}}).dump(), 400, "InvalidValue",
         "properties.effect: 'flooded'"},
        {"POST", "/hazards", zone_over_r2({}).dump(), 400, "InvalidValue",
         "properties.effect: missing"},
        {"POST", "/hazards", zone_over_r2({{"effect", "closed"}, {"id", "dup"}}).dump(), 409,
         "Conflict", "'dup' is already in force"},
        {"DELETE", "/hazards/nope", "", 404, "NotFound", "no hazard zone 'nope'"},
        {"GET", "/hazards/nope", "", 404, "NotFound", "no hazard zone 'nope'"},
        {"PUT", "/hazards", "{}", 405, "MethodNotAllowed", "GET, HEAD, POST"},
        {"POST", "/hazards/dup", "{}", 405, "MethodNotAllowed", "GET, HEAD, DELETE"},
        {"GET", "/hazards?version=1", "", 400, "UnknownParameter", "version"},
    };
    for (const BadRequest& c : cases) {
        INFO(c.method << " " << c.target << " " << c.body);
        const Reply reply = send(port, c.method, c.target, c.body);
        INFO(reply.body.dump());
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("code") == c.code);
        CHECK(contains(reply.body.at("message").get<std::string>(), c.message));
        if (c.status == 405)
            CHECK(contains(reply.allow, "GET"));
    }
    // None of them changed anything: still version 2 with the one zone.
    CHECK(get_ok(port, "/hazards").at("hazards") == hazards_json(2, {"dup"}));
    CHECK(get_ok(port, "/hazards/dup").at("properties").at("effect") == "closed");
}

TEST_CASE("serve's live hierarchy answers as the CLI under a closure, fresh once lifted") {
    TempDir dir;
    const std::string db = import_map(dir);
    Server fresh(db, dir.file("fresh.log"), {"--no-db-hazards"});
    Server live(db, dir.file("live.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    // A to C crosses r2; F is only reached from C over the one-way r6, so F's row has no routes.
    const std::string points = "0,0;0.02,0;0.03,0;0.01,0.01";
    const std::string a_to_c = "/route?from=0,0&to=0.02,0";
    const std::string matrix = "/matrix?sources=" + points + "&targets=" + points;
    const auto same_route = [](const json& got, const json& expected) {
        CHECK(got.at("duration_s") == expected.at("duration_s"));
        CHECK(got.at("distance_m") == expected.at("distance_m"));
        CHECK(got.at("geometry") == expected.at("geometry"));
    };
    const auto same_matrix = [](const json& got, const json& expected) {
        CHECK(got.at("durations_s") == expected.at("durations_s"));
        CHECK(got.at("distances_m") == expected.at("distances_m"));
    };

    // Under z1, as the command line answers with a hierarchy customized from scratch for it.
    REQUIRE(post_as_dispatcher(live.port(), "/hazards", flood_feature().dump()).status == 201);
    const std::string zone = " --no-db-hazards --hazards " +
                             quote(fixture("routing/hazards.geojson")) + " --format json";
    const auto cli_route =
        muster::test::run_muster("route " + quote(db) + " --from 0,0 --to 0.02,0" + zone);
    const auto cli_matrix =
        muster::test::run_muster("matrix " + quote(db) + " --sources " + quote(points) +
                                 " --targets " + quote(points) + zone);
    INFO(cli_route.output << '\n' << cli_matrix.output);
    REQUIRE(cli_route.status == 0);
    REQUIRE(cli_matrix.status == 0);
    const json closed_route = get_ok(live.port(), a_to_c);
    const json closed_matrix = get_ok(live.port(), matrix);
    same_route(closed_route, json::parse(cli_route.output));
    same_matrix(closed_matrix, json::parse(cli_matrix.output));
    // By hand: A to C detours r1 + r3 + r4 + r5, and F reaches nothing.
    CHECK(closed_matrix.at("durations_s")[0][1].get<double>() ==
          Approx(kPrimaryS + 2 * kTertiaryS + kResidentialS).margin(0.002));
    CHECK(closed_matrix.at("durations_s")[2][0].is_null());

    // Lifted: every answer as a server that never saw z1 gives.
    REQUIRE(send(live.port(), "DELETE", "/hazards/z1").status == 200);
    const json reopened_route = get_ok(live.port(), a_to_c);
    const json reopened_matrix = get_ok(live.port(), matrix);
    same_route(reopened_route, get_ok(fresh.port(), a_to_c));
    same_matrix(reopened_matrix, get_ok(fresh.port(), matrix));
    CHECK(reopened_matrix.at("durations_s")[0][1].get<double>() ==
          Approx(2 * kPrimaryS).margin(0.002));
    CHECK(reopened_matrix.at("hazards") == hazards_json(3, {}));
    CHECK(live.stop() == 0);
    CHECK(fresh.stop() == 0);
}

TEST_CASE("serve's nearest on its hierarchy answers as the CLI's search under each zone") {
    TempDir dir;
    const std::string db = import_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    // The incident on r2, 0.002° east of its west end.
    const std::string query = "/nearest?at=0.012,0&kind=ambulance&k=1";
    const auto cli = [&](const std::string& hazards) {
        const auto run = muster::test::run_muster("nearest " + quote(db) +
                                                  " --at 0.012,0 --kind ambulance -k 1"
                                                  " --no-db-hazards --format json" +
                                                  hazards);
        INFO(run.output);
        REQUIRE(run.status == 0);
        return json::parse(run.output);
    };
    const auto same_ranking = [](const json& got, const json& expected) {
        REQUIRE(got.at("results").size() == expected.at("results").size());
        for (std::size_t i = 0; i < got.at("results").size(); ++i) {
            const json& g = got.at("results")[i];
            const json& e = expected.at("results")[i];
            CHECK(g.at("id") == e.at("id"));
            CHECK(g.at("duration_s") == e.at("duration_s"));
            CHECK(g.at("distance_m") == e.at("distance_m"));
        }
    };
    const auto first = [](const json& answer) { return answer.at("results")[0]; };

    // Asked twice under version 1, the second time from the facilities kept. By hand: amb-flood,
    // 0.003° along r2, is nearest at 0.3 of r2's time.
    const json before = get_ok(port, query);
    same_ranking(before, cli(""));
    same_ranking(get_ok(port, query), before);
    CHECK(first(before).at("id") == "amb-flood");
    CHECK(first(before).at("duration_s").get<double>() == Approx(0.3 * kPrimaryS).margin(0.002));

    // r2 at a tenth of its speed (version 2), the same facilities available: amb-west is now the
    // nearest, 0.8 of r1 + 0.2 of r2 = 2.8 × r1's time, before amb-flood's 3 ×. Buckets kept from
    // version 1 would still pick amb-flood.
    const json zone = zone_over_r2({{"id", "crawl"}, {"effect", "slow"}, {"speed_factor", 0.1}});
    const std::string zone_file = dir.file("crawl.geojson");
    std::ofstream(zone_file) << json{{"type", "FeatureCollection"}, {"features", {zone}}}.dump();
    REQUIRE(post_as_dispatcher(port, "/hazards", zone.dump()).status == 201);
    const json slowed = get_ok(port, query);
    same_ranking(slowed, cli(" --hazards " + quote(zone_file)));
    CHECK(first(slowed).at("id") == "amb-west");
    CHECK(first(slowed).at("duration_s").get<double>() == Approx(2.8 * kPrimaryS).margin(0.002));

    // Lifted (version 3): as before.
    REQUIRE(send(port, "DELETE", "/hazards/crawl").status == 200);
    same_ranking(get_ok(port, query), before);
    CHECK(server.stop() == 0);
}

using muster::EdgeId;
using muster::HazardEffect;
using muster::HazardZone;
using muster::Profile;
using muster::RoutingGraph;
using muster::tools::HazardChange;
using muster::tools::HazardScenario;
using muster::tools::initial_scenario;
using muster::tools::RoutingSession;
using muster::tools::updated_scenario;
namespace cch = muster::cch;

TEST_CASE("a scenario's hierarchy after close, slow, reopen equals a fresh customization") {
    TempDir dir;
    const std::string db = import_map(dir);
    const RoutingSession unhazarded(db, Profile::drive, {false, {}});
    const RoutingSession flooded(db, Profile::drive, {true, {}});
    REQUIRE(flooded.hazards().size() == 1);
    // Under a zone the session took its graph's hierarchy and brought it up to date.
    CHECK_FALSE(flooded.graph().has_base_cch());
    CHECK(&flooded.customized().metric() == &flooded.context().metric);
    CHECK(equals_fresh_customization(flooded.customized()));
    CHECK(unhazarded.graph().has_base_cch());
    const HazardZone z1 = flooded.hazards().front();
    HazardZone slow = z1;
    slow.id = "slow";
    slow.effect = HazardEffect::slow;
    slow.speed_factor = 0.5;
    const RoutingGraph& graph = unhazarded.graph();
    const std::vector<const RoutingGraph*> graphs{&graph};
    const auto r2 = [&](const HazardScenario& s) {  // the only edges z1 touches: r2 both ways
        std::size_t n = 0;
        for (EdgeId e : graph.network().edges())
            n += s.metrics[0].duration_ms[e] != graph.base().duration_ms[e];
        return n;
    };

    const HazardScenario start = initial_scenario(graphs, {});
    REQUIRE(start.cch.size() == 1);
    CHECK(&start.cch[0]->metric() == &start.metrics[0]);
    CHECK(equals_fresh_customization(*start.cch[0]));

    const HazardScenario closed =
        updated_scenario(start, {HazardChange::Kind::add, z1, ""}, graphs);
    CHECK(r2(closed) == 2);
    CHECK(&closed.cch[0]->metric() == &closed.metrics[0]);
    CHECK(equals_fresh_customization(*closed.cch[0]));
    // Not customized for the base metric any more, and the old scenario left as it was.
    const cch::CchMetric base(graph.cch(), graph.network(), graph.base());
    bool differs = false;
    for (cch::ArcId a : graph.cch().arcs())
        differs =
            differs || closed.cch[0]->up(a) != base.up(a) || closed.cch[0]->down(a) != base.down(a);
    CHECK(differs);
    CHECK(equals_fresh_customization(*start.cch[0]));

    const HazardScenario slowed =
        updated_scenario(closed, {HazardChange::Kind::add, slow, ""}, graphs);
    CHECK(equals_fresh_customization(*slowed.cch[0]));
    const HazardScenario reopened =
        updated_scenario(slowed, {HazardChange::Kind::lift, {}, "z1"}, graphs);
    CHECK(r2(reopened) == 2);
    CHECK(equals_fresh_customization(*reopened.cch[0]));
    const HazardScenario clear =
        updated_scenario(reopened, {HazardChange::Kind::lift, {}, "slow"}, graphs);
    CHECK(r2(clear) == 0);
    CHECK(equals_fresh_customization(*clear.cch[0]));
    for (cch::ArcId a : graph.cch().arcs()) {
        REQUIRE(clear.cch[0]->up(a) == base.up(a));
        REQUIRE(clear.cch[0]->down(a) == base.down(a));
    }
}

// `muster serve` under requests an attacker would send: each is refused with a 4xx naming the
// parameter or member at fault and the limit, at once, never a 500 or minutes of work. The map is
// tests/fixtures/routing's (tests/support/routing_map.hpp), drawn in test_serve.cpp.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

/// "1,2,...,n".
std::string minutes_up_to(int n) {
    std::string out;
    for (int m = 1; m <= n; ++m)
        out += (m > 1 ? "," : "") + std::to_string(m);
    return out;
}

/// A request's refusal: its status, code and a part of its message.
void check_refused(const Reply& reply, int status, const std::string& code,
                   const std::string& message) {
    INFO(reply.body.dump());
    CHECK(reply.status == status);
    CHECK(reply.body.at("code") == code);
    CHECK(contains(reply.body.at("message").get<std::string>(), message));
}

Reply send(int port, const std::string& method, const std::string& target,
           const std::string& body = {}) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    if (method == "POST")
        return reply_of(client.Post(target.c_str(), body, "application/json"));
    if (method == "DELETE")
        return reply_of(client.Delete(target.c_str(), dispatcher_headers()));
    return reply_of(client.Get(target.c_str()));
}

/// A slow zone over r2 (lon 0.014..0.016) as a Feature, with `properties` added.
std::string slow_zone(const std::string& factor, const std::string& properties = "") {
    return R"({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": )"
           R"([[[0.014, -0.001], [0.016, -0.001], [0.016, 0.001], [0.014, 0.001], )"
           R"([0.014, -0.001]]]}, "properties": {"effect": "slow", "speed_factor": )" +
           factor + properties + "}}";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("serve takes at most 12 isochrone bands, as the command line does") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    const json twelve = get_ok(port, "/isochrone?at=0.005,0&minutes=" + minutes_up_to(12));
    CHECK(twelve.at("bands").size() == 12);
    // Repeats count once: 13 items, 12 limits.
    CHECK(get(port, "/isochrone?at=0.005,0&minutes=1," + minutes_up_to(12)).status == 200);

    check_refused(get(port, "/isochrone?at=0.005,0&minutes=" + minutes_up_to(13)), 400,
                  "InvalidValue", "minutes: 13 time limits; a service area takes at most 12");
    json body = {{"at", {0.005, 0}}, {"minutes", json::array()}};
    for (int m = 1; m <= 1000; ++m)
        body["minutes"].push_back(m);
    check_refused(post(port, "/isochrone", body.dump()), 400, "InvalidValue",
                  "minutes: 1000 time limits; a service area takes at most 12");

    const Run cli =
        run_muster("isochrone " + quote(db) + " --at 0.005,0 --minutes " + minutes_up_to(13));
    INFO(cli.output);
    CHECK(cli.status == 1);
    CHECK(contains(cli.output, "--minutes: 13 time limits; a service area takes at most 12"));
}

TEST_CASE("serve takes minutes up to 120, as the command line does") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    const json longest = get_ok(port, "/isochrone?at=0.005,0&minutes=5,120");
    CHECK(longest.at("bands").size() == 2);
    CHECK(longest.at("bands").at(1).at("minutes") == 120);
    check_refused(get(port, "/isochrone?at=0.005,0&minutes=5,120.5"), 400, "InvalidValue",
                  "minutes: '120.5' is beyond 120 minutes, the longest a service area reaches");
    check_refused(get(port, "/isochrone?at=0.005,0&minutes=1440,5"), 400, "InvalidValue",
                  "minutes: '1440' is beyond 120 minutes");
    check_refused(post(port, "/isochrone", R"({"at": [0.005, 0], "minutes": [10, 121]})"), 400,
                  "InvalidValue", "minutes: '121' is beyond 120 minutes");
    // A bad item is named first, wherever it is; the count of limits before their size.
    check_refused(get(port, "/isochrone?at=0.005,0&minutes=500,0"), 400, "InvalidValue",
                  "minutes: '0' is not a number of minutes in (0, 120]");
    check_refused(get(port, "/isochrone?at=0.005,0&minutes=" + minutes_up_to(200)), 400,
                  "InvalidValue", "minutes: 200 time limits; a service area takes at most 12");

    const Run cli = run_muster("isochrone " + quote(db) + " --at 0.005,0 --minutes 10,121");
    INFO(cli.output);
    CHECK(cli.status == 1);
    CHECK(contains(cli.output, "--minutes: '121' is beyond 120 minutes"));
}

TEST_CASE("serve takes at most 1000 points for each side of a matrix") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    json body = {{"sources", json::array()}, {"targets", {{0.02, 0}}}};
    for (int i = 0; i < 1000; ++i)
        body["sources"].push_back({0.001, 0});
    const Reply thousand = post(port, "/matrix", body.dump());
    INFO(thousand.body.dump().substr(0, 300));
    REQUIRE(thousand.status == 200);
    CHECK(thousand.body.at("durations_s").size() == 1000);

    body["sources"].push_back({0.001, 0});
    check_refused(post(port, "/matrix", body.dump()), 400, "InvalidValue",
                  "sources: more than 1000 points (a set takes at most 1000)");
    std::swap(body["sources"], body["targets"]);
    check_refused(post(port, "/matrix", body.dump()), 400, "InvalidValue",
                  "targets: more than 1000 points");
}

TEST_CASE("serve refuses a point at a pole at once") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    for (const std::string target :
         {"/nearest?at=0,90", "/route?from=0,90&to=0,0", "/route?from=0,0&to=180,-89.9",
          "/isochrone?at=-180,-90&minutes=5", "/matrix?sources=0,90&targets=0,0"}) {
        INFO(target);
        const auto start = std::chrono::steady_clock::now();
        const Reply reply = get(port, target);
        CHECK(seconds_since(start) < 1.0);
        check_refused(reply, 422, "NoSegment", "is farther than 1,000 m from any road");
    }
}

TEST_CASE("a slow zone slows to a hundredth of the usual speed at the most") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("0.001")), 400, "InvalidValue",
                  "properties.speed_factor: 0.001 is below 0.01");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("1e-300")), 400, "InvalidValue",
                  "properties.speed_factor: 1e-300 is below 0.01");
    // 0.01 itself is taken: r2 (61.654 s) takes a hundred times as long, 6,165.4 s, so A to C is
    // r1 + r2 = 61.654 + 6,165.4 s, or round by r3, r4, r5: 61.654 + 2 × 99.517 + 160.300 =
    // 420.988 s, the faster.
    const Reply slowest =
        post_as_dispatcher(port, "/hazards", slow_zone("0.01", R"(, "id": "crawl")"));
    REQUIRE(slowest.status == 201);
    const json route = get_ok(port, "/route?from=0,0&to=0.02,0");
    CHECK(route.at("duration_s").get<double>() ==
          Approx(kPrimaryS + 2 * kTertiaryS + kResidentialS).margin(0.002));
    CHECK(route.at("metric") == "hazards:crawl");

    // The same rule for a file of zones: the command line and serve refuse it, naming the field.
    const std::string file = dir.write(
        "slow.geojson", R"({"type": "FeatureCollection", "name": "hazards", "features": [)" +
                            slow_zone("0.001", R"(, "id": "z9")") + "]}");
    const Run route_cli = run_muster("route " + quote(db) + " --from 0,0 --to 0.02,0 " +
                                     "--no-db-hazards --hazards " + quote(file));
    INFO(route_cli.output);
    CHECK(route_cli.status == 1);
    CHECK(contains(route_cli.output, "speed_factor"));
    CHECK(contains(route_cli.output, "[0.01, 1]"));
    std::string serve_output;
    const int serve_status =
        run_command("LC_ALL=C.UTF-8 timeout 60 " + quote(MUSTER_BINARY) + " serve " + quote(db) +
                        " --host 127.0.0.1 --port 0 --no-db-hazards --hazards " + quote(file),
                    &serve_output);
    INFO(serve_output);
    CHECK(serve_status == 1);
    CHECK(contains(serve_output, "speed_factor"));
    CHECK(contains(serve_output, "[0.01, 1]"));
    const Run import_cli =
        run_muster("import " + quote(dir.file("slow.sqlite")) + " --roads " +
                   quote(fixture("routing/roads.geojson")) + " --hazards " + quote(file));
    INFO(import_cli.output);
    CHECK(import_cli.status == 1);
    CHECK(contains(import_cli.output, "speed_factor"));
}

TEST_CASE("serve answers text that is not UTF-8 and numbers beyond a double with 400") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    check_refused(get(port, "/route?from=%FF%FE&to=0,0"), 400, "InvalidValue",
                  "from: '\\xFF\\xFE' is not UTF-8 text (byte 1)");
    check_refused(get(port, "/nearest?at=0.019,0&kind=amb%C3"), 400, "InvalidValue",
                  "kind: 'amb\\xC3' is not UTF-8 text (byte 4)");
    check_refused(get(port, "/nearest?at=0.019,0&%80=1"), 400, "InvalidValue",
                  "a parameter's name: '\\x80' is not UTF-8 text");
    // An overlong form of '/' and a surrogate are not UTF-8 either.
    check_refused(get(port, "/route?from=%C0%AF&to=0,0"), 400, "InvalidValue", "not UTF-8 text");
    check_refused(get(port, "/route?from=%ED%A0%80&to=0,0"), 400, "InvalidValue", "not UTF-8 text");
    // Valid UTF-8 is quoted as it is.
    check_refused(get(port, "/route?from=%E6%B2%B3&to=0,0"), 400, "InvalidValue",
                  "from: '\xE6\xB2\xB3' is not LON,LAT");
    // Paths and hazard ids answer in JSON as well.
    check_refused(send(port, "DELETE", "/hazards/%FF"), 404, "NotFound", "\\xFF");
    check_refused(get(port, "/hazards/%FF"), 404, "NotFound", "no hazard zone '\\xFF'");
    check_refused(get(port, "/nowhere%FF"), 404, "UnknownPath", "/nowhere\\xFF");

    check_refused(post(port, "/route", R"({"from": [1e400, 0], "to": [0, 0]})"), 400, "InvalidJson",
                  "from: a number of the body is beyond a double's range");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("-1e400")), 400, "InvalidJson",
                  "speed_factor: a number of the body is beyond a double's range");
    check_refused(post(port, "/allocate", R"({"profile": "drive", "depots": 1e999})"), 400,
                  "InvalidJson", "depots: a number");
}

TEST_CASE("serve reports k as given and its range") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    const std::string range = "is not a whole number in [1, 10000]";
    check_refused(get(port, "/nearest?at=0.019,0&k=18446744073709551615"), 400, "InvalidValue",
                  "k: '18446744073709551615' " + range);
    check_refused(post(port, "/nearest", R"({"at": [0.019, 0], "k": 18446744073709551615})"), 400,
                  "InvalidValue", "k: '18446744073709551615' " + range);
    check_refused(get(port, "/nearest?at=0.019,0&k=99999999999999999999999"), 400, "InvalidValue",
                  "k: '99999999999999999999999' " + range);
    check_refused(get(port, "/nearest?at=0.019,0&k=10001"), 400, "InvalidValue",
                  "k: '10001' " + range);
    for (const char* k : {"0", "-1", "nan", "2.5", ""}) {
        INFO(k);
        check_refused(get(port, std::string("/nearest?at=0.019,0&k=") + k), 400, "InvalidValue",
                      "k: '" + std::string(k) + "' " + range);
    }
    // 10000 is taken: the four ambulances, as with k=4.
    CHECK(get_ok(port, "/nearest?at=0.019,0&kind=ambulance&k=10000").at("results").size() == 4);
}

TEST_CASE("serve takes a hazard id of at most 256 bytes without control characters") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    const std::string too_long(100'000, 'x');
    check_refused(
        post_as_dispatcher(port, "/hazards", slow_zone("0.5", R"(, "id": ")" + too_long + "\"")),
        400, "InvalidValue", "properties.id: an id of 100000 bytes; at most 256");
    check_refused(
        post_as_dispatcher(port, "/hazards",
                           slow_zone("0.5", R"(, "id": ")" + std::string(257, 'y') + "\"")),
        400, "InvalidValue", "properties.id: an id of 257 bytes; at most 256");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("0.5", R"(, "id": "a\nb")")), 400,
                  "InvalidValue", "properties.id: 'a\\x0Ab' holds a control character (byte 2)");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("0.5", R"(, "id": "a\u007fb")")),
                  400, "InvalidValue", "properties.id: 'a\\x7Fb' holds a control character");

    // 256 bytes (128 two-byte letters) are taken, and the zone can be lifted again by its id.
    std::string longest;
    for (int i = 0; i < 128; ++i)
        longest += "\xC3\xA9";  // é
    const Reply added =
        post_as_dispatcher(port, "/hazards", slow_zone("0.5", R"(, "id": ")" + longest + "\""));
    INFO(added.body.dump());
    REQUIRE(added.status == 201);
    CHECK(added.body.at("id") == longest);
    std::string path = "/hazards/";
    for (int i = 0; i < 128; ++i)
        path += "%C3%A9";
    const Reply lifted = send(port, "DELETE", path);
    INFO(lifted.body.dump());
    CHECK(lifted.status == 200);
    CHECK(lifted.body.at("lifted") == longest);
}

TEST_CASE("serve refuses empty, negative, not-a-number and out-of-range values and bodies") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();

    for (const char* minutes : {"", "0", "-5", "nan", "inf", "1441", "1e9", "5,,10", "5,nan"}) {
        INFO(minutes);
        check_refused(get(port, std::string("/isochrone?at=0.005,0&minutes=") + minutes), 400,
                      "InvalidValue", "minutes: '");
    }
    check_refused(post(port, "/isochrone", R"({"at": [0.005, 0], "minutes": []})"), 400,
                  "InvalidValue", "minutes: expected");
    for (const char* at : {"nan,0", "0,nan", "inf,0", "-181,0", "0,-91", "", ","}) {
        INFO(at);
        check_refused(get(port, std::string("/nearest?at=") + at), 400, "InvalidValue", "at: '");
    }
    check_refused(get(port, "/matrix?sources=&targets=0,0"), 400, "InvalidValue", "sources: ''");
    check_refused(get(port, "/matrix?sources=0,0;&targets=0,0"), 400, "InvalidValue",
                  "sources: '' is not LON,LAT");
    check_refused(post(port, "/matrix", R"({"sources": [], "targets": [[0, 0]]})"), 400,
                  "InvalidValue", "sources: expected");
    check_refused(get(port, "/coverage?cell-m=-10"), 400, "InvalidValue", "cell-m");
    check_refused(get(port, "/coverage?emergency-m=nan"), 400, "InvalidValue", "emergency-m");

    for (const char* body : {"[1, 2]", "\"at\"", "3", "null", ""}) {
        INFO(body);
        const Reply reply = post(port, "/route", body);
        CHECK(reply.status == 400);
        CHECK(reply.body.at("code") == "InvalidJson");
    }
    for (const char* body : {"[]", "{}", "null", "\"Feature\""}) {
        INFO(body);
        check_refused(post_as_dispatcher(port, "/hazards", body), 400, "InvalidValue",
                      "body: a hazard zone is a GeoJSON Feature");
    }
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("0")), 400, "InvalidValue",
                  "properties.speed_factor: 0 is not in (0, 1]");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("-0.5")), 400, "InvalidValue",
                  "properties.speed_factor: -0.5 is not in (0, 1]");
    check_refused(post_as_dispatcher(port, "/hazards", slow_zone("\"0.5\"")), 400, "InvalidValue",
                  "properties.speed_factor: a slow zone needs a number");
}

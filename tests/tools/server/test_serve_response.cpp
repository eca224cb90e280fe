// GET /response while `muster serve` runs, on the street of tests/support/street_map.hpp
// (hall ambulances a-hall-1 available and a-hall-2 busy at 0, a-school available at 0.020; 25
// km/h): a dispatched ambulance's people go to the next one at once, one coming back to service
// backs its station's partner up, each answer names the state's version; bad parameters are
// refused naming the parameter.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/street_map.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using namespace muster::test::street_map;
using nlohmann::json;

namespace {

// Drive limit 5.5 - 1 = 4.5 min, 270 s.
const char* const kResponse = "/response?target-min=5.5&turnout-min=1";

void check_refused(const Reply& reply, const std::string& message) {
    INFO(reply.body.dump());
    CHECK(reply.status == 400);
    CHECK(reply.body.at("code") == "InvalidValue");
    CHECK(reply.body.at("message").get<std::string>().find(message) != std::string::npos);
}

}  // namespace

TEST_CASE("serve: /response follows the teams as they are dispatched and come back") {
    TempDir dir;
    Server server(import_street(dir), dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    const json before = get_ok(port, kResponse);
    CHECK(before.at("covered") == 200);
    CHECK(before.at("backed") == 80);  // t-east: the hall at 240.45 s backs the school up
    CHECK(with_id(before.at("by_township"), "t-east").at("longest_response_s").get<double>() ==
          Approx(60 + kSchoolToEastS).margin(0.1));
    CHECK(before.at("state") == json{{"version", 0}});

    // The school's ambulance is dispatched: t-east's first is now the hall, with no backup.
    REQUIRE(patch_as_dispatcher(port, "/teams/a-school", R"({"status": "busy"})").status == 200);
    const json dispatched = get_ok(port, kResponse);
    CHECK(dispatched.at("state") == json{{"version", 1}});
    CHECK(dispatched.at("units").size() == 1);
    CHECK(dispatched.at("covered") == 200);
    CHECK(dispatched.at("backed") == 0);
    CHECK(with_id(dispatched.at("by_township"), "t-east").at("longest_response_s").get<double>() ==
          Approx(60 + kHallToEastS).margin(0.1));

    // The hall's second ambulance is back: it backs the first up everywhere, at the same times.
    REQUIRE(patch_as_dispatcher(port, "/teams/a-hall-2", R"({"status": "available"})").status ==
            200);
    const json back = get_ok(port, kResponse + std::string("&cells=all"));
    CHECK(back.at("state") == json{{"version", 2}});
    CHECK(back.at("backed") == 200);
    const json& cells = back.at("cells").at("features");
    REQUIRE(cells.size() == 12);
    const json& west = cells[0].at("properties");
    CHECK(west.at("township_id") == "t-west");
    CHECK(west.at("team_id") == "a-hall-1");
    CHECK(west.at("backup_team_id") == "a-hall-2");
    CHECK(west.at("response_time_min").get<double>() ==
          Approx((60 + kHallToWestS) / 60).margin(0.01));
}

TEST_CASE("serve: /response refuses bad targets and cells, naming the parameter") {
    TempDir dir;
    Server server(import_street(dir), dir.file("serve.log"), {});
    const int port = server.port();
    check_refused(get(port, "/response?target-min=soon"), "target-min: 'soon' is not a number");
    check_refused(get(port, "/response?target-min=10&turnout-min=12"), "turnout (turnout-min)");
    check_refused(get(port, "/response?radius-m=0"), "service radius (radius-m)");
    check_refused(get(port, "/response?cells=some"), "cells: 'some'");
    check_refused(get(port, "/response?profile=walk"), "drive network only");
    const Reply none = get(port, "/response?kind=helicopter");
    CHECK(none.status == 404);
    CHECK(none.body.at("code") == "NoMatch");
}

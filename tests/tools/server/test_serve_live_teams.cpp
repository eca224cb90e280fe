// Teams changing while `muster serve` runs (PATCH /teams/{id}), on the routing map of
// tests/support/routing_map.hpp without its flood zone: a dispatched team leaves /nearest at
// once, a moved one is found where it now is, every answer names the state's version, the event
// log records who changed what, and a restart restores exactly the acknowledged state.
//
// Hand figures, the incident at C (0.020, 0), ambulances driving to it:
//   amb-flood (0.015, 0.0005) snaps onto r2 at its middle: 0.5 × 61.654 = 30.827 s;
//   amb-west (0.002, 0) on r1: 0.8 × 61.654 + 61.654 (r2) = 110.977 s;
//   amb-north (0.019, 0.010) on r4: 0.1 × 160.300 + 99.517 (r5) = 115.547 s.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using nlohmann::json;

namespace {

const char* const kNearestAtC = "/nearest?at=0.02,0&kind=ambulance&k=1";

json first_result(int port) {
    const json answer = get_ok(port, kNearestAtC);
    REQUIRE(!answer.at("results").empty());
    return answer.at("results")[0];
}

}  // namespace

TEST_CASE("serve: a dispatched team leaves /nearest at once, and a moved one is found there") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    CHECK(first_result(port).at("id") == "amb-flood");
    CHECK(first_result(port).at("duration_s").get<double>() ==
          Approx(0.5 * kPrimaryS).margin(0.002));
    CHECK(get_ok(port, kNearestAtC).at("state") == json{{"version", 0}});

    const Reply sent = patch_as_dispatcher(port, "/teams/amb-flood", R"({"status": "dispatched"})");
    INFO(sent.body.dump());
    REQUIRE(sent.status == 200);
    CHECK(sent.body.at("team").at("status") == "dispatched");
    CHECK(sent.body.at("state") == json{{"version", 1}});
    const json next = get_ok(port, kNearestAtC);
    CHECK(next.at("state") == json{{"version", 1}});
    CHECK(next.at("results")[0].at("id") == "amb-west");
    CHECK(next.at("results")[0].at("duration_s").get<double>() ==
          Approx(1.8 * kPrimaryS).margin(0.002));

    // amb-north reports a position on r2, a hundredth of it short of C: it is there at once.
    const Reply moved = patch_as_dispatcher(
        port, "/teams/amb-north", R"({"location": [0.0199, 0], "time": "2026-12-04T10:00:00Z"})");
    REQUIRE(moved.status == 200);
    const json near = first_result(port);
    CHECK(near.at("id") == "amb-north");
    CHECK(near.at("duration_s").get<double>() == Approx(0.01 * kPrimaryS).margin(0.002));
    CHECK(get_ok(port, "/teams/amb-north").at("location") == json::parse("[0.0199, 0.0]"));
}

TEST_CASE("serve: the event log pages the changes, with who made them and before and after") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-west", R"({"status": "on_scene"})").status ==
            200);
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-east", R"({"status": "转运中"})").status == 200);
    const json all = get_ok(port, "/events?since=0");
    REQUIRE(all.at("events").size() == 2);
    const json& first = all.at("events")[0];
    CHECK(first.at("seq") == 1);
    CHECK(first.at("user") == "dispatch-1");
    CHECK(first.at("kind") == "team");
    CHECK(first.at("target") == "amb-west");
    CHECK(first.at("before").at("status") == "available");
    CHECK(first.at("after").at("status") == "on_scene");
    CHECK(all.at("events")[1].at("after").at("status") == "transporting");
    const json later = get_ok(port, "/events?since=1&limit=5");
    REQUIRE(later.at("events").size() == 1);
    CHECK(later.at("events")[0].at("seq") == 2);
    CHECK(get_ok(port, "/events?since=2").at("events").empty());
}

TEST_CASE("serve: a restart restores the acknowledged team states and the version") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {"--no-db-hazards"}));
        REQUIRE(patch_as_dispatcher(server.port(), "/teams/amb-flood",
                                    R"({"status": "dispatched", "location": [0.016, 0]})")
                    .status == 200);
        // The command line reads what the service wrote, while it runs.
        const Run nearest =
            run_muster("nearest " + quote(db) +
                       " --at 0.02,0 --kind ambulance -k 1 --no-db-hazards --format json");
        INFO(nearest.output);
        REQUIRE(nearest.status == 0);
        CHECK(json::parse(nearest.output).at("results")[0].at("id") == "amb-west");
    }

    Server again(db, dir.file("serve2.log"), with_dispatcher(dir, {"--no-db-hazards"}));
    const json team = get_ok(again.port(), "/teams/amb-flood");
    CHECK(team.at("status") == "dispatched");
    CHECK(team.at("location") == json::parse("[0.016, 0.0]"));
    CHECK(team.at("state") == json{{"version", 1}});
    CHECK(first_result(again.port()).at("id") == "amb-west");
}

TEST_CASE("serve refuses a bad team change with the right status, and changes nothing") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    struct Case {
        std::string target, body;
        int status;
        std::string code, message;
    };
    const std::vector<Case> cases{
        {"/teams/amb-west", R"({"status": "asleep"})", 400, "InvalidValue", "status: 'asleep'"},
        {"/teams/amb-west", R"({"location": [200, 0]})", 400, "InvalidValue", "location"},
        {"/teams/amb-west", R"({"location": [0.01]})", 400, "InvalidValue", "[lon, lat]"},
        {"/teams/amb-west", R"({"time": "2026-12-04T10:00:00Z"})", 400, "InvalidValue", "nothing"},
        {"/teams/amb-west", R"({"location": [0, 0], "time": "noon"})", 400, "InvalidValue",
         "time: must be an ISO 8601 time"},
        {"/teams/amb-west", R"({"colour": "red"})", 400, "InvalidValue",
         "colour: not a member of a team change"},
        {"/teams/amb-west", R"([1, 2])", 400, "InvalidJson", "JSON object"},
        {"/teams/amb-west", R"({"status": )", 400, "InvalidJson", "not JSON"},
        {"/teams/no-such-team", R"({"status": "dispatched"})", 404, "NotFound", "no-such-team"},
    };
    for (const Case& c : cases) {
        INFO(c.target << " " << c.body);
        const Reply reply = patch_as_dispatcher(port, c.target, c.body);
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("code") == c.code);
        CHECK(contains_text(reply.body.at("message").get<std::string>(), c.message));
    }
    CHECK(get_ok(port, "/events").at("events").empty());
    CHECK(get_ok(port, "/teams/amb-west").at("status") == "available");
    // The event log's paging parameters.
    for (const auto& [target, message] : std::vector<std::pair<std::string, std::string>>{
             {"/events?since=-1", "since: '-1' is not a whole number >= 0"},
             {"/events?limit=0", "limit: '0' is not a whole number >= 1"},
             {"/events?limit=1001", "limit: at most 1000 events a page"},
             {"/events?since=two", "since: 'two'"},
             {"/events?after=3", "after: not a parameter of /events"}}) {
        INFO(target);
        const Reply reply = get(port, target);
        CHECK(reply.status == 400);
        CHECK(contains_text(reply.body.at("message").get<std::string>(), message));
    }
}

TEST_CASE("serve: only a dispatcher may change a team") {
    TempDir dir;
    std::string hash;
    REQUIRE(run_command("printf %s planner-token | sha256sum", &hash) == 0);
    const std::string tokens =
        dir.write("tokens.tsv", "dispatch-1\tdispatcher\tsha256:" + kDispatcherTokenSha256 +
                                    "\nplan-1\tplanner\tsha256:" + hash.substr(0, 64) + "\n");
    Server server(import_routing_map(dir), dir.file("serve.log"), {"--tokens", tokens});
    httplib::Client client("127.0.0.1", server.port());
    const Reply anonymous = reply_of(
        client.Patch("/teams/amb-west", R"({"status": "dispatched"})", "application/json"));
    CHECK(anonymous.status == 401);
    const Reply planner =
        reply_of(client.Patch("/teams/amb-west", {{"Authorization", "Bearer planner-token"}},
                              R"({"status": "dispatched"})", "application/json"));
    CHECK(planner.status == 403);
    CHECK(contains_text(planner.body.at("message").get<std::string>(), "change teams"));
    CHECK(get_ok(server.port(), "/teams/amb-west").at("status") == "available");
}

TEST_CASE("serve: a team that moved is not found where it was, and hazards change under teams") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    const auto nearest = [port](int k) {
        return get_ok(port, "/nearest?at=0.02,0&kind=ambulance&k=" + std::to_string(k))
            .at("results");
    };
    const auto expect = [](const json& result, const char* id, double duration_s) {
        CHECK(result.at("id") == id);
        CHECK(result.at("duration_s").get<double>() == Approx(duration_s).margin(0.002));
    };
    expect(nearest(1)[0], "amb-flood", 0.5 * kPrimaryS);

    // amb-flood moves to the middle of r1: half of r1 and r2 to C, no longer half of r2.
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-flood", R"({"location": [0.005, 0]})").status ==
            200);
    expect(nearest(1)[0], "amb-flood", 1.5 * kPrimaryS);
    // Dispatched, it gives way to amb-west (0.8 of r1, r2); available again, it is back.
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-flood", R"({"status": "dispatched"})").status ==
            200);
    expect(nearest(1)[0], "amb-west", 1.8 * kPrimaryS);
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-flood", R"({"status": "available"})").status ==
            200);
    expect(nearest(1)[0], "amb-flood", 1.5 * kPrimaryS);

    // r2 closed: the teams on r1 go round by B-D-E-C (r3, r4, r5); amb-north (0.1 of r4, r5) is
    // nearest.
    const Reply closed = post_as_dispatcher(
        port, "/hazards",
        R"({"type": "Feature", "properties": {"id": "cut", "effect": "closed"}, "geometry":
            {"type": "Polygon", "coordinates": [[[0.014, -0.001], [0.016, -0.001],
            [0.016, 0.001], [0.014, 0.001], [0.014, -0.001]]]}})");
    REQUIRE(closed.status == 201);
    const double round_b = 2 * kTertiaryS + kResidentialS;  // B-D-E-C
    const json three = nearest(3);
    REQUIRE(three.size() == 3);
    expect(three[0], "amb-north", 0.1 * kResidentialS + kTertiaryS);
    expect(three[1], "amb-flood", 0.5 * kPrimaryS + round_b);
    expect(three[2], "amb-west", 0.8 * kPrimaryS + round_b);
    // A team change under the closure, then the closure lifted: amb-north stays dispatched.
    REQUIRE(patch_as_dispatcher(port, "/teams/amb-north", R"({"status": "dispatched"})").status ==
            200);
    expect(nearest(1)[0], "amb-flood", 0.5 * kPrimaryS + round_b);
    REQUIRE(delete_as_dispatcher(port, "/hazards/cut").status == 200);
    const json after = nearest(2);
    REQUIRE(after.size() == 2);
    expect(after[0], "amb-flood", 1.5 * kPrimaryS);
    expect(after[1], "amb-west", 1.8 * kPrimaryS);
}

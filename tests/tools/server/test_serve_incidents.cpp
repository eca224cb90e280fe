// Incidents over HTTP (POST /incidents, GET /incidents, GET and PATCH /incidents/{id}, POST
// /incidents/{id}/dispatch and /close) on the routing map of tests/support/routing_map.hpp, its
// flood zone z1 in force. The teams a "nearest" dispatch chooses, and their ETAs, are checked
// against the /nearest endpoint asked before for the same point (the oracle); a refused change is
// checked to leave the event table as it was, read through SQLite's C API.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using nlohmann::json;

namespace {

constexpr const char* kCollapseAtC =
    R"({"kind": "collapse", "location": [0.02, 0], "casualties": {"red": 2, "yellow": 4},
        "note": "market hall"})";

json created(int port, const std::string& body) {
    const Reply reply = post_as_dispatcher(port, "/incidents", body);
    INFO(reply.body.dump());
    REQUIRE(reply.status == 201);
    return reply.body;
}

std::string event_count(const std::string& db) {
    return run_sql(db, "SELECT count(*) FROM event");
}

}  // namespace

TEST_CASE("serve: a nearest dispatch sends the teams /nearest ranks first, with its durations") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    // The oracle, asked before the dispatch under the same hazards.
    const json oracle = get_ok(port, "/nearest?at=0.02,0&kind=ambulance&k=2");
    REQUIRE(oracle.at("results").size() == 2);

    const json made = created(port, kCollapseAtC);
    const json& incident = made.at("incident");
    CHECK(incident.at("id") == "INC-1");
    CHECK(incident.at("status") == "open");
    CHECK(incident.at("casualties") == json::parse(R"({"red":2,"yellow":4,"green":0,"black":0})"));
    CHECK(incident.at("location") == json::parse("[0.02, 0.0]"));
    CHECK(incident.at("closed_time").is_null());
    CHECK(made.at("state") == json{{"version", 1}});

    const Reply sent = post_as_dispatcher(port, "/incidents/INC-1/dispatch",
                                          R"({"nearest": 2, "kind": "ambulance"})");
    INFO(sent.body.dump());
    REQUIRE(sent.status == 200);
    const json& dispatched = sent.body.at("dispatched");
    REQUIRE(dispatched.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const json& expected = oracle.at("results")[i];
        CHECK(dispatched[i].at("team") == expected.at("id"));
        CHECK(dispatched[i].at("eta_s").get<double>() ==
              Approx(expected.at("duration_s").get<double>()).margin(1e-9));
        CHECK(dispatched[i].at("distance_m").get<double>() ==
              Approx(expected.at("distance_m").get<double>()).margin(1e-9));
        CHECK(dispatched[i].at("dispatched_by") == "dispatch-1");
    }
    CHECK(sent.body.at("incident").at("dispatches") == dispatched);
    CHECK(sent.body.at("hazards") == oracle.at("hazards"));
    // Two team events and the incident's after the create.
    CHECK(sent.body.at("state") == json{{"version", 4}});

    // The teams sent are dispatched, and /nearest leaves them out.
    for (const json& d : dispatched)
        CHECK(get_ok(port, "/teams/" + d.at("team").get<std::string>()).at("status") ==
              "dispatched");
    const json after = get_ok(port, "/nearest?at=0.02,0&kind=ambulance&k=10");
    for (const json& result : after.at("results")) {
        CHECK(result.at("id") != dispatched[0].at("team"));
        CHECK(result.at("id") != dispatched[1].at("team"));
    }
    const json events = get_ok(port, "/events?since=1").at("events");
    REQUIRE(events.size() == 3);
    CHECK(events[0].at("kind") == "team");
    CHECK(events[0].at("after").at("status") == "dispatched");
    CHECK(events[2].at("kind") == "incident");
    CHECK(events[2].at("action") == "dispatch");
    CHECK(events[2].at("after").at("dispatches") == dispatched);
}

TEST_CASE("serve: incidents are listed, changed and closed, each answer with its state") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    created(port, kCollapseAtC);
    created(port, R"({"id": "crash-7", "kind": "traffic", "location": [0.01, 0.005]})");

    const Reply patched = patch_as_dispatcher(
        port, "/incidents/crash-7", R"({"casualties": {"green": 3}, "note": "two cars"})");
    REQUIRE(patched.status == 200);
    CHECK(patched.body.at("incident").at("casualties").at("green") == 3);
    CHECK(patched.body.at("incident").at("note") == "two cars");
    CHECK(patched.body.at("state") == json{{"version", 3}});

    const Reply closed = post_as_dispatcher(port, "/incidents/INC-1/close", "");
    REQUIRE(closed.status == 200);
    CHECK(closed.body.at("incident").at("status") == "closed");
    CHECK(closed.body.at("incident").at("closed_time").is_string());

    const auto ids = [&](const std::string& target) {
        std::vector<std::string> out;
        const json answer = get_ok(port, target);
        CHECK(answer.at("state") == json{{"version", 4}});
        for (const json& i : answer.at("incidents"))
            out.push_back(i.at("id"));
        return out;
    };
    using Ids = std::vector<std::string>;
    CHECK(ids("/incidents") == Ids{"INC-1", "crash-7"});
    CHECK(ids("/incidents?status=open") == Ids{"crash-7"});
    CHECK(ids("/incidents?status=closed") == Ids{"INC-1"});
    CHECK(ids("/incidents?kind=traffic") == Ids{"crash-7"});
    CHECK(ids("/incidents?since=2000-01-01T00:00:00Z") == Ids{"INC-1", "crash-7"});
    CHECK(ids("/incidents?since=2999-01-01T00:00:00Z").empty());
    const json one = get_ok(port, "/incidents/crash-7");
    CHECK(one.at("kind") == "traffic");
    CHECK(one.at("state") == json{{"version", 4}});

    struct Case {
        std::string method, target, body;
        int status;
        std::string message;
    };
    const std::vector<Case> cases{
        {"GET", "/incidents/INC-9", "", 404, "no incident 'INC-9'"},
        {"GET", "/incidents?status=pending", "", 400, "status: 'pending'"},
        {"GET", "/incidents?since=noon", "", 400, "since: 'noon'"},
        {"GET", "/incidents?colour=red", "", 400, "colour: not a parameter of /incidents"},
        {"POST", "/incidents", R"({"location": [0.02, 0]})", 400, "kind: missing"},
        {"POST", "/incidents", R"({"kind": "fire", "location": [200, 0]})", 400, "location"},
        {"POST", "/incidents", R"({"kind": "fire", "location": [0, 0], "casualties": {"red": -1}})",
         400, "casualties.red"},
        {"POST", "/incidents",
         R"({"kind": "fire", "location": [0, 0], "casualties": {"red": 1.5}})", 400,
         "casualties.red: must be a whole number"},
        {"POST", "/incidents", R"({"kind": "fire", "location": [0, 0], "size": 3})", 400,
         "size: not a member"},
        {"POST", "/incidents", R"({"id": "crash-7", "kind": "fire", "location": [0, 0]})", 409,
         "crash-7"},
        {"POST", "/incidents", "[1]", 400, "JSON object"},
        {"PATCH", "/incidents/INC-1", R"({"note": "again"})", 409, "closed"},
        {"PATCH", "/incidents/crash-7", "{}", 400, "nothing to change"},
        {"POST", "/incidents/INC-1/close", "", 409, "closed"},
        {"POST", "/incidents/crash-7/dispatch", R"({"teams": []})", 400, "teams"},
        {"POST", "/incidents/crash-7/dispatch", R"({"teams": ["amb-west"], "nearest": 1})", 400,
         "either teams or nearest"},
        {"POST", "/incidents/crash-7", "{}", 405, "takes GET, HEAD, PATCH"},
    };
    const std::string db = dir.file("map.sqlite");
    const std::string events = event_count(db);
    for (const Case& c : cases) {
        INFO(c.method << " " << c.target << " " << c.body);
        httplib::Client client("127.0.0.1", port);
        const Reply reply = reply_of(
            c.method == "GET" ? client.Get(c.target.c_str())
            : c.method == "PATCH"
                ? client.Patch(c.target.c_str(), dispatcher_headers(), c.body, "application/json")
                : client.Post(c.target.c_str(), dispatcher_headers(), c.body, "application/json"));
        CHECK(reply.status == c.status);
        CHECK(contains_text(reply.body.at("message").get<std::string>(), c.message));
    }
    CHECK(event_count(db) == events);
}

TEST_CASE("serve: a refused dispatch writes nothing: unknown or busy team, closed, no right") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    std::string hash;
    REQUIRE(run_command("printf %s viewer-token | sha256sum", &hash) == 0);
    const std::string tokens =
        dir.write("tokens.tsv", "dispatch-1\tdispatcher\tsha256:" + kDispatcherTokenSha256 +
                                    "\nview-1\tviewer\tsha256:" + hash.substr(0, 64) + "\n");
    Server server(db, dir.file("serve.log"), {"--no-db-hazards", "--tokens", tokens});
    const int port = server.port();
    created(port, kCollapseAtC);
    created(port, R"({"id": "old", "kind": "fire", "location": [0.01, 0]})");
    REQUIRE(post_as_dispatcher(port, "/incidents/old/close", "").status == 200);
    const std::string events = event_count(db);
    CHECK(events == "3\n");

    struct Case {
        std::string target, body, authorization;
        int status;
        std::string message;
    };
    const std::string dispatcher = "Bearer " + kDispatcherToken;
    const std::vector<Case> cases{
        {"/incidents/INC-1/dispatch", R"({"teams": ["amb-west", "no-such-team"]})", dispatcher, 404,
         "no team 'no-such-team'"},
        {"/incidents/INC-1/dispatch", R"({"teams": ["amb-west", "amb-busy"]})", dispatcher, 409,
         "team 'amb-busy' is busy"},
        {"/incidents/old/dispatch", R"({"teams": ["amb-west"]})", dispatcher, 409, "closed"},
        {"/incidents/INC-1/dispatch", R"({"nearest": 9, "kind": "ambulance"})", dispatcher, 409,
         "9 asked for"},
        {"/incidents/nowhere/dispatch", R"({"teams": ["amb-west"]})", dispatcher, 404,
         "no incident 'nowhere'"},
        {"/incidents/INC-1/dispatch", R"({"teams": ["amb-west"]})", "", 401, "needs a token"},
        {"/incidents/INC-1/dispatch", R"({"teams": ["amb-west"]})", "Bearer viewer-token", 403,
         "change incidents"},
        {"/incidents", R"({"kind": "fire", "location": [0, 0]})", "Bearer viewer-token", 403,
         "change incidents"},
        {"/incidents/INC-1/close", "", "", 401, "needs a token"},
    };
    for (const Case& c : cases) {
        INFO(c.target << " " << c.body << " " << c.authorization);
        httplib::Client client("127.0.0.1", port);
        httplib::Headers headers;
        if (!c.authorization.empty())
            headers.emplace("Authorization", c.authorization);
        const Reply reply =
            reply_of(client.Post(c.target.c_str(), headers, c.body, "application/json"));
        CHECK(reply.status == c.status);
        CHECK(contains_text(reply.body.at("message").get<std::string>(), c.message));
    }
    CHECK(event_count(db) == events);
    CHECK(run_sql(db, "SELECT count(*) FROM incident_dispatch") == "0\n");
    CHECK(run_sql(db, "SELECT status FROM team WHERE id = 'amb-west'") == "available\n");
    CHECK(get_ok(port, "/incidents/INC-1").at("dispatches").empty());
}

TEST_CASE("serve: a restart restores the incidents and their dispatches exactly") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    json before;
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
        const int port = server.port();
        created(port, kCollapseAtC);
        REQUIRE(post_as_dispatcher(port, "/incidents/INC-1/dispatch",
                                   R"({"teams": ["amb-west", "fire-1"]})")
                    .status == 200);
        created(port, R"({"kind": "flood", "location": [0.015, 0], "note": "线路中断"})");
        REQUIRE(post_as_dispatcher(port, "/incidents/INC-2/close", "").status == 200);
        before = get_ok(port, "/incidents");
        REQUIRE(before.at("incidents").size() == 2);
        CHECK(before.at("incidents")[0].at("dispatches").size() == 2);
    }
    Server again(db, dir.file("serve2.log"), with_dispatcher(dir, {}));
    CHECK(get_ok(again.port(), "/incidents") == before);
    CHECK(get_ok(again.port(), "/teams/fire-1").at("status") == "dispatched");
}

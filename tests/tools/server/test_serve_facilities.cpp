// Facilities changing while `muster serve` runs: PATCH /shelters/{id}, /hospitals/{id} and
// /depots/{id} on the relief map of tests/fixtures/relief (worked out by hand in
// tests/tools/cli/test_relief_cli.cpp). Each change is in the database with its event before it
// is answered (read back through SQLite's C API, tests/support/sqlite_oracle.hpp), the next
// query answers on it, a refused change writes nothing, and a restart serves the changed state.
//
// The map: A (0,0) --r1-- B (0.01,0) --r2a-- (0.015,0) --r2b-- C (0.02,0); dA at A, s1 and hB at
// B, dC, s2 and hC at C, the crash mid-r1 (30.827 s from B, 92.481 s from C); r1 takes 61.654 s.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/relief_map.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using nlohmann::json;

namespace {

constexpr double kPrimaryS = 61.654, kHalfS = 30.827;

const std::string kPlannerToken = "planner-test-token";
const std::string kViewerToken = "viewer-test-token";

/// The SHA-256 of `text` in hex, as coreutils' sha256sum computes it.
std::string sha256sum(const TempDir& dir, const std::string& text) {
    const std::string input = dir.write("sha256.in", text);
    std::string output;
    REQUIRE(run_command("sha256sum " + quote(input), &output) == 0);
    REQUIRE(output.size() > 64);
    return output.substr(0, 64);
}

/// --tokens FILE with the dispatcher "dispatch-1", the planner "plan-1" and the viewer "view-1".
std::vector<std::string> with_three_roles(const TempDir& dir) {
    const std::string file = dir.write(
        "tokens.tsv", "dispatch-1\tdispatcher\tsha256:" + kDispatcherTokenSha256 +
                          "\nplan-1\tplanner\tsha256:" + sha256sum(dir, kPlannerToken) +
                          "\nview-1\tviewer\tsha256:" + sha256sum(dir, kViewerToken) + "\n");
    return {"--tokens", file};
}

/// PATCH with `token` (none if empty).
Reply patch_with(int port, const std::string& path, const std::string& body,
                 const std::string& token) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!token.empty())
        headers.emplace("Authorization", "Bearer " + token);
    return reply_of(client.Patch(path.c_str(), headers, body, "application/json"));
}

/// A PATCH as the dispatcher that must succeed.
json patch_ok(int port, const std::string& path, const std::string& body) {
    const Reply reply = patch_as_dispatcher(port, path, body);
    INFO(path << " " << body << " -> " << reply.body.dump());
    REQUIRE(reply.status == 200);
    return reply.body;
}

json incidents() {
    return json::parse(R"([{"id": "crash", "location": [0.005, 0], "red": 2, "yellow": 1,
                            "green": 0}])");
}

json demand_rows() {
    return json::parse(R"([{"destination": "s1", "item": "water", "quantity": 1000},
                           {"destination": "s2", "item": "water", "quantity": 1000}])");
}

json post_ok(int port, const std::string& path, const json& body) {
    const Reply reply = post(port, path, body.dump());
    INFO(path << " " << body.dump() << " -> " << reply.body.dump());
    REQUIRE(reply.status == 200);
    return reply.body;
}

double shipped(const json& answer, const std::string& depot, const std::string& destination) {
    double sum = 0;
    for (const json& s : answer.at("shipments")) {
        if (s["depot"] == depot && s["destination"] == destination && s["item"] == "water")
            sum += s["quantity"].get<double>();
    }
    return sum;
}

std::int64_t red_at(const json& mci, const std::string& hospital) {
    for (const json& h : mci.at("hospitals")) {
        if (h.at("id") == hospital)
            return h.at("red").get<std::int64_t>();
    }
    return 0;  // a hospital the plan sends nobody to
}

/// What the database holds of the live state, read as another program would.
std::string stored(const std::string& db) {
    return run_sql(db,
                   "SELECT 'shelter ' || id || ' ' || status || ' ' || occupancy FROM shelter "
                   "UNION ALL SELECT 'hospital ' || id || ' ' || beds_red || ' ' || "
                   "beds_yellow || ' ' || beds_green || ' ' || beds_surge FROM hospital "
                   "UNION ALL SELECT 'stock ' || depot_id || ' ' || item || ' ' || quantity "
                   "|| ' ' || COALESCE(unit, '') FROM inventory "
                   "UNION ALL SELECT 'events ' || COUNT(*) FROM event");
}

}  // namespace

TEST_CASE("serve: a hospital's red beds set to 0 sends mci's red casualties elsewhere") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    // As test_relief_cli.cpp works out: one red to hB (1 red bed), one to hC; weighted
    // 4·30.827 + 4·92.481 + 2·30.827 = 554.886 s.
    const json before = post_ok(port, "/mci", {{"incidents", incidents()}});
    CHECK(before.at("weighted_time_s").get<double>() == Approx(554.886).margin(0.02));
    CHECK(red_at(before, "hB") == 1);

    const json changed = patch_ok(port, "/hospitals/hB", R"({"beds_red": 0})");
    CHECK(changed.at("hospital").at("beds_red") == 0);
    CHECK(changed.at("hospital").at("beds_surge") == 1);
    CHECK(changed.at("state") == json{{"version", 1}});
    CHECK(run_sql(db,
                  "SELECT beds_red || ' ' || beds_yellow || ' ' || beds_surge FROM hospital "
                  "WHERE id = 'hB'") == "0 2 1\n");
    CHECK(run_sql(db, "SELECT kind || ' ' || target || ' ' || action || ' ' || user FROM event") ==
          "hospital hB update dispatch-1\n");
    CHECK(json::parse(run_sql(db, "SELECT before FROM event")).at("beds_red") == 1);
    CHECK(json::parse(run_sql(db, "SELECT after FROM event")).at("beds_red") == 0);

    // No red bed at hB: both reds to hC's free red beds (before hB's surge bed), the yellow to
    // hB: 4·92.481 · 2 + 2·30.827 = 801.502 s.
    const json after = post_ok(port, "/mci", {{"incidents", incidents()}});
    CHECK(after.at("state") == json{{"version", 1}});
    CHECK(red_at(after, "hB") == 0);
    CHECK(red_at(after, "hC") == 2);
    CHECK(after.at("surge_used") == 0);
    CHECK(after.at("weighted_time_s").get<double>() ==
          Approx(2 * 4 * (kHalfS + kPrimaryS) + 2 * kHalfS).margin(0.02));
    CHECK(get_ok(port, "/hospitals/hB").at("beds_red") == 0);
    CHECK(get_ok(port, "/hospitals").at("hospitals").size() == 2);
}

TEST_CASE("serve: a shelter closed live leaves coverage and allocate, its occupancy is shown") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    CHECK(get_ok(port, "/coverage?cell-m=500&fixed-m=3000").at("closed_shelters").empty());

    // 关闭 is a word for closed.
    const json closed = patch_ok(port, "/shelters/s1", R"({"status": "关闭"})");
    CHECK(closed.at("shelter").at("status") == "closed");
    CHECK(run_sql(db, "SELECT status FROM shelter WHERE id = 's1'") == "closed\n");
    const json coverage = get_ok(port, "/coverage?cell-m=500&fixed-m=3000");
    CHECK(coverage.at("state") == json{{"version", 1}});
    REQUIRE(coverage.at("closed_shelters").size() == 1);
    CHECK(coverage.at("closed_shelters")[0].at("id") == "s1");
    CHECK(coverage.at("closed_shelters")[0].at("reason") == "status closed");
    // allocate has no open s1 to send water to.
    const Reply refused = post(port, "/allocate", json{{"demand", demand_rows()}}.dump());
    CHECK(refused.status == 404);
    CHECK(refused.body.at("message") == "demand[0]: no open shelter with id 's1'");

    // Reopened, and 250 persons in s2 (capacity 200): taken, and shown over capacity.
    patch_ok(port, "/shelters/s1", R"({"status": "open"})");
    const json full = patch_ok(port, "/shelters/s2", R"({"occupancy": 250})");
    CHECK(full.at("shelter").at("occupancy") == 250);
    CHECK(full.at("shelter").at("over_capacity") == true);
    CHECK(full.at("state") == json{{"version", 3}});
    const json s2 = get_ok(port, "/shelters/s2");
    CHECK(s2.at("capacity") == 200);
    CHECK(s2.at("over_capacity") == true);
    CHECK(
        patch_ok(port, "/shelters/s2", R"({"occupancy": 200})").at("shelter").at("over_capacity") ==
        false);
    CHECK(run_sql(db, "SELECT id || ' ' || status || ' ' || occupancy FROM shelter ORDER BY id") ==
          "s1 open 0\ns2 open 200\ns3 open 0\n");
    CHECK(run_sql(db, "SELECT target || ' ' || action FROM event ORDER BY seq") ==
          "s1 update\ns1 update\ns2 update\ns2 update\n");
    CHECK(post_ok(port, "/allocate", {{"demand", demand_rows()}}).at("state") ==
          json{{"version", 4}});
}

TEST_CASE("serve: a depot's stock set live is what allocate draws on") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    // As test_serve_relief.cpp works out: s2 gets dC's 500 L and 500 L from dA (123.308 s).
    const json before = post_ok(port, "/allocate", {{"demand", demand_rows()}});
    CHECK(shipped(before, "dC", "s2") == Approx(500));
    CHECK(shipped(before, "dA", "s2") == Approx(500));

    const json changed = patch_ok(port, "/depots/dC", R"({"stock": {"items": [
        {"item": "water", "quantity": 1000, "unit": "L"},
        {"item": "tent", "quantity": 5, "unit": "piece"}]}})");
    CHECK(changed.at("depot").at("stock") == json::parse(R"({"items": [
        {"item": "water", "quantity": 1000.0, "unit": "L"},
        {"item": "tent", "quantity": 5.0, "unit": "piece"}]})"));
    CHECK(run_sql(db,
                  "SELECT item || ' ' || quantity || ' ' || unit FROM inventory WHERE "
                  "depot_id = 'dC' ORDER BY item") == "tent 5.0 piece\nwater 1000.0 L\n");
    // dA's rows untouched.
    CHECK(run_sql(db,
                  "SELECT item || ' ' || quantity FROM inventory WHERE depot_id = 'dA' "
                  "ORDER BY item") == "blanket 100.0\nwater 3000.0\n");

    // dC now holds s2's 1,000 L beside it (0 s); dA sends s1 its 1,000 L (61.654 s).
    const json after = post_ok(port, "/allocate", {{"demand", demand_rows()}});
    CHECK(after.at("state") == json{{"version", 1}});
    CHECK(shipped(after, "dC", "s2") == Approx(1000));
    CHECK(shipped(after, "dA", "s2") == 0);
    CHECK(shipped(after, "dA", "s1") == Approx(1000));
    CHECK(after.at("items")[0].at("weighted_travel_s").get<double>() ==
          Approx(1000 * kPrimaryS).margin(2));
    CHECK(get_ok(port, "/depots").at("depots").size() == 2);
}

TEST_CASE("serve: every refused facility change writes nothing") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    Server server(db, dir.file("serve.log"), with_three_roles(dir));
    const int port = server.port();
    const std::string initial = stored(db);
    CHECK(initial.find("events 0") != std::string::npos);
    struct Case {
        std::string path, body, token;
        int status;
        std::string message;  // the start of the refusal's message
    };
    const std::vector<Case> cases{
        {"/shelters/s9", R"({"status": "closed"})", kDispatcherToken, 404, "id: no shelter 's9'"},
        {"/hospitals/h9", R"({"beds_red": 1})", kDispatcherToken, 404, "id: no hospital 'h9'"},
        {"/depots/d9", R"({"stock": {"items": [{"item": "water", "quantity": 1}]}})",
         kDispatcherToken, 404, "id: no depot 'd9'"},
        {"/shelters/s1", R"({"status": "flooded"})", kDispatcherToken, 400,
         "status: 'flooded' is not one of"},
        {"/shelters/s1", R"({"occupancy": -1})", kDispatcherToken, 400,
         "occupancy: -1 is not a whole number >= 0"},
        {"/shelters/s1", R"({"occupancy": 2.5})", kDispatcherToken, 400,
         "occupancy: 2.5 is not a whole number >= 0"},
        {"/shelters/s1", R"({"capacity": 10})", kDispatcherToken, 400,
         "capacity: not a member of a shelter change"},
        {"/shelters/s1", "{}", kDispatcherToken, 400, "body: nothing to change"},
        {"/hospitals/hB", R"({"beds_red": -2})", kDispatcherToken, 400,
         "beds_red: -2 is not a whole number >= 0"},
        {"/hospitals/hB", R"({"beds_green": "5"})", kDispatcherToken, 400,
         "beds_green: \"5\" is not a whole number >= 0"},
        {"/depots/dA", R"({"stock": {"items": [{"item": "water", "quantity": -3}]}})",
         kDispatcherToken, 400, "stock.items[0].quantity: -3 is not a number >= 0"},
        {"/depots/dA", R"({"stock": {"items": [{"quantity": 3}]}})", kDispatcherToken, 400,
         "stock.items[0].item: missing"},
        {"/depots/dA",
         R"({"stock": {"items": [{"item": "water", "quantity": 1}, {"item": "water", "quantity": 2}]}})",
         kDispatcherToken, 400, "stock.items[1].item: 'water' is named twice"},
        {"/depots/dA", R"({"items": []})", kDispatcherToken, 400,
         "items: not a member of a depot change"},
        {"/depots/dA", "{\"stock\": ", kDispatcherToken, 400, "the body is not JSON"},
        {"/shelters/s1", R"({"status": "closed"})", "", 401, "PATCH /shelters/s1 needs a token"},
        {"/shelters/s1", R"({"status": "closed"})", kViewerToken, 403,
         "user 'view-1' (viewer) may not change shelters and depots: a dispatcher or planner "
         "may"},
        {"/hospitals/hB", R"({"beds_red": 0})", kPlannerToken, 403,
         "user 'plan-1' (planner) may not change hospitals: a dispatcher may"},
        {"/depots/dA", R"({"stock": {"items": [{"item": "water", "quantity": 1}]}})", kViewerToken,
         403, "user 'view-1' (viewer) may not change shelters and depots"},
    };
    for (const Case& c : cases) {
        const Reply reply = patch_with(port, c.path, c.body, c.token);
        INFO(c.path << " " << c.body << " -> " << reply.body.dump());
        CHECK(reply.status == c.status);
        CHECK(reply.body.at("message").get<std::string>().rfind(c.message, 0) == 0);
        CHECK(stored(db) == initial);
    }
    CHECK(get_ok(port, "/shelters/s1").at("state") == json{{"version", 0}});
    CHECK(get(port, "/shelters/s9").status == 404);

    // The planner may change shelters and depots.
    CHECK(patch_with(port, "/shelters/s3", R"({"occupancy": 12})", kPlannerToken).status == 200);
    CHECK(patch_with(port, "/depots/dA", R"({"stock": {"items": [{"item": "blanket",
        "quantity": 40}]}})",
                     kPlannerToken)
              .status == 200);
    CHECK(run_sql(db, "SELECT user || ' ' || kind || ' ' || target FROM event ORDER BY seq") ==
          "plan-1 shelter s3\nplan-1 depot dA\n");
    // An item's unit is kept when none is given.
    CHECK(run_sql(db,
                  "SELECT quantity || ' ' || unit FROM inventory WHERE depot_id = 'dA' AND "
                  "item = 'blanket'") == "40.0 piece\n");
}

TEST_CASE("serve: a restart serves the facilities as the last acknowledged changes left them") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    json shelters, hospitals, depots;
    {
        Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
        const int port = server.port();
        patch_ok(port, "/shelters/s1", R"({"status": "closed", "occupancy": 30})");
        patch_ok(port, "/hospitals/hC", R"({"beds_red": 0, "beds_surge": 3})");
        patch_ok(port, "/depots/dC", R"({"stock": {"items": [{"item": "water", "quantity": 0}]}})");
        shelters = get_ok(port, "/shelters");
        hospitals = get_ok(port, "/hospitals");
        depots = get_ok(port, "/depots");
        CHECK(shelters.at("state") == json{{"version", 3}});
    }
    Server again(db, dir.file("serve2.log"), {});
    const int port = again.port();
    CHECK(get_ok(port, "/shelters") == shelters);
    CHECK(get_ok(port, "/hospitals") == hospitals);
    CHECK(get_ok(port, "/depots") == depots);
    const json s1 = get_ok(port, "/shelters/s1");
    CHECK(s1.at("status") == "closed");
    CHECK(s1.at("occupancy") == 30);
    CHECK(s1.at("over_capacity") == false);  // 30 of 100
    const json hc = get_ok(port, "/hospitals/hC");
    CHECK(hc.at("beds_red") == 0);
    CHECK(hc.at("beds_surge") == 3);
    CHECK(get_ok(port, "/depots/dC").at("stock").at("items") ==
          json::parse(R"([{"item": "water", "quantity": 0.0, "unit": "L"}])"));
    CHECK(get_ok(port, "/coverage?cell-m=500").at("closed_shelters")[0].at("id") == "s1");
}

// `muster serve --profiles`: a service of some of the stored networks only, as a province's
// dispatch service runs without the walking network. On the tiny map of tests/fixtures/routing,
// whose figures are computed by hand in tests/support/routing_map.hpp.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;

constexpr auto contains = muster::test::contains_text;

}  // namespace

TEST_CASE("serve --profiles drive serves driving only, and a walking query names the option") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  {"--no-db-hazards", "--profiles", "drive"});
    const int port = server.port();

    // The driving network alone: 6 nodes, 11 directed edges (r6 is oneway).
    const json health = get_ok(port, "/health");
    CHECK(health.at("networks").size() == 1);
    CHECK(health.at("networks").at("drive").at("nodes") == 6);
    CHECK(health.at("networks").at("drive").at("edges") == 11);

    // A to C: r1 + r2 = 2 x 61.654 s.
    const json route = get_ok(port, "/route?from=0,0&to=0.02,0");
    CHECK(route.at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));

    const Reply walk = get(port, "/route?from=0,0&to=0.02,0&profile=walk");
    CHECK(walk.status == 400);
    CHECK(walk.body.at("code") == "InvalidValue");
    CHECK(walk.body.at("message") ==
          "profile: this service does not serve the walk network (muster serve --profiles)");

    CHECK(server.stop() == 0);
    const std::string log = server.log_text();
    INFO(log);
    CHECK(contains(log, "load the drive network: 6 nodes in "));
    CHECK_FALSE(contains(log, "walk network"));
}

TEST_CASE("serve --profiles refuses a name that is no profile, and a network not stored") {
    TempDir dir;
    const std::string db = import_routing_map(dir);

    const Run bike = run_muster("serve " + quote(db) + " --port 0 --profiles drive,bike");
    CHECK(bike.status != 0);
    CHECK(contains(bike.output, "--profiles: 'bike' is not a profile (drive or walk)"));

    // Without its walking network, the database serves driving by default (with a note), but a
    // service asked for walking does not start.
    run_sql(db, "DELETE FROM network_array WHERE profile = 'walk'");
    run_sql(db, "DELETE FROM network WHERE profile = 'walk'");
    const Run walk = run_muster("serve " + quote(db) + " --port 0 --profiles walk");
    CHECK(walk.status != 0);
    CHECK(contains(walk.output, "no walk network stored"));
}

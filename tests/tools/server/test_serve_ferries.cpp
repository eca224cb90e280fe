// Ferries in `muster serve`: a storm takes every ferry out of service while the service runs
// (POST /hazards with "roads": "ferry" and no geometry), routes across the strait stop and say
// why, and lifting the zone brings them back; or the service starts with --no-ferries. On the two
// islands of tests/support/two_islands.hpp, with their hand-worked times.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/two_islands.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;
using nlohmann::json;

namespace {

constexpr double kAcrossS = 2 * kIslandRoadDriveS + kStraitCrossingS;
const char* const kAcross = "/route?from=10,0&to=10.014,0";

Reply remove(int port, const std::string& target) {
    return delete_as_dispatcher(port, target);
}

}  // namespace

TEST_CASE("serve: a storm closes every ferry live, routes say why, and lifting it reopens them") {
    TempDir dir;
    Server server(import_two_islands(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--threads", "2"}));
    const int port = server.port();

    const json open = get_ok(port, kAcross);
    CHECK(open.at("duration_s").get<double>() == Approx(kAcrossS).margin(0.0005));
    CHECK(open.at("ferries").size() == 1);

    const Reply storm =
        post_as_dispatcher(port, "/hazards", R"({"type": "Feature", "geometry": null,
        "properties": {"id": "storm", "effect": "closed", "roads": "ferry",
                       "name": "typhoon signal 8"}})");
    INFO(storm.body.dump());
    REQUIRE(storm.status == 201);
    const json listed = get_ok(port, "/hazards");
    CHECK(listed.at("features")[0].at("properties").at("roads") == "ferry");

    const Reply cut = get(port, kAcross);
    CHECK(cut.status == 422);
    CHECK(cut.body.at("code") == "NoRoute");
    const std::string why = cut.body.at("message").get<std::string>();
    CHECK(contains_text(why, "closes the ferries"));
    CHECK(contains_text(why, "storm (typhoon signal 8)"));
    // Roads on one island stay open.
    CHECK(get_ok(port, "/route?from=10,0&to=10.002,0").at("duration_s").get<double>() ==
          Approx(kIslandRoadDriveS).margin(0.0005));

    REQUIRE(remove(port, "/hazards/storm").status == 200);
    CHECK(get_ok(port, kAcross).at("duration_s").get<double>() == Approx(kAcrossS).margin(0.0005));
}

TEST_CASE("serve --no-ferries starts with the ferries closed, as zone 'ferries' one can lift") {
    TempDir dir;
    Server server(import_two_islands(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-ferries"}));
    const int port = server.port();
    CHECK(get(port, kAcross).status == 422);
    CHECK(contains_text(get_ok(port, "/health").at("hazards").get<std::string>(),
                        "ferries (closed, ferry only)"));
    REQUIRE(remove(port, "/hazards/ferries").status == 200);
    CHECK(get_ok(port, kAcross).at("ferries").size() == 1);
}

TEST_CASE("serve refuses a zone limited to a class other than ferry, naming the member") {
    TempDir dir;
    Server server(import_two_islands(dir), dir.file("serve.log"), with_dispatcher(dir, {}));
    const Reply bad =
        post_as_dispatcher(server.port(), "/hazards", R"({"type": "Feature", "geometry": null,
        "properties": {"effect": "closed", "roads": "motorway"}})");
    CHECK(bad.status == 400);
    CHECK(bad.body.at("code") == "InvalidValue");
    CHECK(contains_text(bad.body.at("message").get<std::string>(),
                        "properties.roads: 'motorway' is not a class"));
    // Without "roads", a zone still needs its polygon.
    const Reply bare = post_as_dispatcher(server.port(), "/hazards",
                                          R"({"type": "Feature", "geometry": null,
                                "properties": {"effect": "closed"}})");
    CHECK(bare.status == 400);
    CHECK(contains_text(bare.body.at("message").get<std::string>(), "geometry"));
    // Nothing was added.
    CHECK(get_ok(server.port(), "/hazards").at("features").empty());
}

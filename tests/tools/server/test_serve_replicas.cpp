// Replicas of `muster serve` on one PostgreSQL database (tests/support/private_postgres.hpp):
// a change made through one is in force on the other, and equals what a service started afresh
// on the database answers; a replica killed and started again has lost nothing acknowledged.

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "tests/support/private_postgres.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace muster::test {
namespace {

constexpr const char* kTeam = "amb-n265043219-2";
constexpr const char* kNearest = "/nearest?at=14.5146,35.8989&kind=ambulance&k=3";

std::string import_malta(const std::string& target) {
    const auto src = [](const std::string& file) { return quote(sample("malta/" + file)); };
    const Run run =
        run_muster("import " + quote(target) + " --roads " + src("malta-latest.osm.pbf") +
                   " --teams " + src("teams.geojson") + " --hazards " + src("hazards.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return target;
}

// GET `target` from `port` until the answer names state version `version` or later (5 s at
// most): the replica has applied the change.
json once_at_version(int port, const std::string& target, std::int64_t version) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        json body = get_ok(port, target);
        if (body.at("state").at("version").get<std::int64_t>() >= version)
            return body;
        REQUIRE(std::chrono::steady_clock::now() < until);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

TEST_CASE("Two replicas on one PostGIS: a change made on one is in force on the other") {
    const TempDir dir;
    const PostgisDatabase pg;
    const std::string db = import_malta(pg.target());
    Server a(db, dir.file("a.log"), with_dispatcher(dir, {}));
    Server b(db, dir.file("b.log"), with_dispatcher(dir, {}));
    httplib::Client to_a("127.0.0.1", a.port());

    // A team's status, changed on A, read on B.
    const Reply changed =
        reply_of(to_a.Patch((std::string("/teams/") + kTeam).c_str(), dispatcher_headers(),
                            R"({"status": "busy"})", "application/json"));
    REQUIRE(changed.status == 200);
    const auto version = changed.body.at("state").at("version").get<std::int64_t>();
    CHECK(version == 1);
    const json team = once_at_version(b.port(), std::string("/teams/") + kTeam, version);
    CHECK(team.at("status") == "busy");

    // A zone closing the roads round the incident, posted on B: A's nearest teams are then a
    // fresh service's on the stored state.
    const Reply zone = post_as_dispatcher(
        b.port(), "/hazards",
        R"({"type": "Feature", "properties": {"id": "z-gzira", "effect": "closed"},
            "geometry": {"type": "Polygon", "coordinates": [[[14.505, 35.895], [14.52, 35.895],
            [14.52, 35.905], [14.505, 35.905], [14.505, 35.895]]]}})");
    REQUIRE(zone.status == 201);
    const auto zone_version = zone.body.at("state").at("version").get<std::int64_t>();
    CHECK(zone_version == 2);
    const json on_a = once_at_version(a.port(), kNearest, zone_version);
    const Server fresh(db, dir.file("fresh.log"), {});
    const json on_fresh = get_ok(fresh.port(), kNearest);
    CHECK(on_fresh.at("state").at("version") == zone_version);
    CHECK(on_a.at("hazards").at("ids") == on_fresh.at("hazards").at("ids"));
    CHECK(on_a.at("results") == on_fresh.at("results"));
    const json before_zone = get_ok(fresh.port(), "/hazards");
    CHECK(before_zone.at("features").size() == 4);  // the sample's three and z-gzira

    // A killed mid-service and started again: it has every change, and B hears A's new ones.
    a.kill_now();
    Server again(db, dir.file("again.log"), with_dispatcher(dir, {}));
    CHECK(get_ok(again.port(), std::string("/teams/") + kTeam).at("status") == "busy");
    httplib::Client to_again("127.0.0.1", again.port());
    const Reply back =
        reply_of(to_again.Patch((std::string("/teams/") + kTeam).c_str(), dispatcher_headers(),
                                R"({"status": "available"})", "application/json"));
    REQUIRE(back.status == 200);
    CHECK(back.body.at("state").at("version") == 3);
    CHECK(once_at_version(b.port(), std::string("/teams/") + kTeam, 3).at("status") == "available");
}

}  // namespace muster::test

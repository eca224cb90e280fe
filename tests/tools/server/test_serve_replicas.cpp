// Replicas of `muster serve` on one PostgreSQL database (tests/support/private_postgres.hpp):
// a change made through one is in force on the others, and every answer equals what a service
// started afresh on the database answers at the version it names; a replica killed and started
// again has lost nothing acknowledged.

#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <thread>

#include "tests/support/private_postgres.hpp"
#include "tests/support/random_seed.hpp"
#include "tests/tools/server/test_serve_replica_support.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace muster::test {
namespace {

constexpr const char* kTeam = "amb-n265043219-2";
constexpr const char* kNearest = "/nearest?at=14.5146,35.8989&kind=ambulance&k=3";

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

namespace {

// The random test's queries: nearest ambulances from two incidents (the teams and the hazards),
// a route across the island (the hazards), and the teams and hospitals as listed.
const std::vector<std::string> kQueries{
    "/nearest?at=14.5146,35.8989&kind=ambulance&k=3",
    "/nearest?at=14.4420,35.9140&kind=ambulance&k=3",
    "/route?from=14.5146,35.8989&to=14.3980,35.9190",
    "/teams",
    "/hospitals",
};

// An answer as another process computes it: without the hazard scenario's own counter, which
// counts the scenarios one process made (a replica following a changed zone makes two).
json comparable(json body) {
    if (body.contains("hazards"))
        body["hazards"].erase("version");
    return body;
}

std::int64_t version_of(const json& body) {
    return body.at("state").at("version").get<std::int64_t>();
}

// One of the random test's changes, made through the service on `port`: a team's status or
// position, a hospital's beds, a hazard zone posted or lifted. Returns the answer.
Reply random_change(int port, std::mt19937_64& random, const std::vector<std::string>& teams,
                    const std::vector<std::string>& hospitals, std::vector<std::string>& zones,
                    int round) {
    const auto pick = [&](const std::vector<std::string>& from) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
    };
    const auto uniform = [&](double lo, double hi) {
        return std::uniform_real_distribution<double>(lo, hi)(random);
    };
    switch (std::uniform_int_distribution<int>(0, 4)(random)) {
        case 0: {
            const std::string status = pick({"available", "busy", "out_of_service"});
            return patch_as_dispatcher(port, "/teams/" + pick(teams),
                                       R"({"status": ")" + status + R"("})");
        }
        case 1: {
            const json location{uniform(14.42, 14.54), uniform(35.84, 35.93)};
            return patch_as_dispatcher(port, "/teams/" + pick(teams),
                                       json{{"location", location}}.dump());
        }
        case 2: {
            const int beds = std::uniform_int_distribution<int>(0, 20)(random);
            return patch_as_dispatcher(port, "/hospitals/" + pick(hospitals),
                                       json{{"beds_red", beds}}.dump());
        }
        case 3:
            if (!zones.empty()) {
                const std::string id = zones.back();
                zones.pop_back();
                return delete_as_dispatcher(port, "/hazards/" + id);
            }
            [[fallthrough]];
        default: {
            // A closed square 600 m to 1.2 km across round a point of the main island.
            const double lon = uniform(14.42, 14.54), lat = uniform(35.84, 35.93);
            const double half = uniform(0.003, 0.006);
            const json ring{{lon - half, lat - half},
                            {lon + half, lat - half},
                            {lon + half, lat + half},
                            {lon - half, lat + half},
                            {lon - half, lat - half}};
            zones.push_back("z-" + std::to_string(round));
            const json zone{
                {"type", "Feature"},
                {"properties", {{"id", zones.back()}, {"effect", "closed"}}},
                {"geometry", {{"type", "Polygon"}, {"coordinates", json::array({ring})}}}};
            return post_as_dispatcher(port, "/hazards", zone.dump());
        }
    }
}

std::vector<std::string> ids_of(const json& list, const char* kind, const char* only_kind) {
    std::vector<std::string> ids;
    for (const json& item : list.at(kind)) {
        if (!only_kind || item.at("kind") == only_kind)
            ids.push_back(item.at("id").get<std::string>());
    }
    return ids;
}

}  // namespace

TEST_CASE("Three replicas under random changes answer as a fresh service on each version") {
    const std::uint64_t seed = seed_from_env(20261205);
    INFO("seed " << seed << " (MUSTER_TEST_SEED repeats it)");
    std::mt19937_64 random(seed);
    const TempDir dir;
    const PostgisDatabase pg;
    const std::string db = import_malta(pg.target());
    std::vector<std::unique_ptr<Server>> replicas;
    for (int r = 0; r < 3; ++r) {
        replicas.push_back(std::make_unique<Server>(
            db, dir.file("replica" + std::to_string(r) + ".log"), with_dispatcher(dir, {})));
    }

    // What a service started afresh on the database answers, per version: the oracle.
    std::map<std::int64_t, std::map<std::string, json>> fresh;
    const auto record_fresh = [&](std::int64_t version) {
        const Server oracle(db, dir.file("fresh.log"), {});
        for (const std::string& query : kQueries) {
            const json body = get_ok(oracle.port(), query);
            REQUIRE(version_of(body) == version);
            fresh[version][query] = comparable(body);
        }
    };
    record_fresh(0);
    const json start = get_ok(replicas[0]->port(), "/teams");
    const std::vector<std::string> teams = ids_of(start, "teams", "ambulance");
    const std::vector<std::string> hospitals =
        ids_of(get_ok(replicas[0]->port(), "/hospitals"), "hospitals", nullptr);
    REQUIRE(teams.size() >= 3);
    REQUIRE(hospitals.size() >= 3);

    // Rounds of a change through one replica, then queries through any, at once: a replica
    // that has not caught up answers on the version before, and names it. One replica is
    // killed with SIGKILL just after it acknowledged a change, and started again.
    constexpr int kRounds = 14;
    const int kill_round = std::uniform_int_distribution<int>(3, kRounds - 3)(random);
    std::vector<std::string> zones;
    struct Asked {
        std::string query;
        json answer;
        std::size_t replica;
        std::int64_t latest;  // the last version acknowledged when it was asked
    };
    std::vector<Asked> asked;
    std::int64_t version = 0;
    for (int round = 1; round <= kRounds; ++round) {
        const std::size_t writer = std::uniform_int_distribution<std::size_t>(0, 2)(random);
        const Reply change =
            random_change(replicas[writer]->port(), random, teams, hospitals, zones, round);
        INFO("round " << round << " through replica " << writer << ": " << change.body.dump());
        REQUIRE(change.status / 100 == 2);
        // Every change is made on the latest state, whichever replica it goes through.
        REQUIRE(version_of(change.body) == ++version);
        if (round == kill_round) {
            replicas[writer]->kill_now();
            replicas[writer] =
                std::make_unique<Server>(db, dir.file("restarted.log"), with_dispatcher(dir, {}));
            CHECK(version_of(get_ok(replicas[writer]->port(), "/teams")) == version);
        }
        for (int q = 0; q < 6; ++q) {
            const std::size_t r = std::uniform_int_distribution<std::size_t>(0, 2)(random);
            const std::string& query = kQueries[std::uniform_int_distribution<std::size_t>(
                0, kQueries.size() - 1)(random)];
            asked.push_back({query, get_ok(replicas[r]->port(), query), r, version});
        }
        record_fresh(version);
    }

    // Every answer equals the fresh one at the version it names, which is no later than the
    // last change acknowledged before it was asked.
    for (const Asked& a : asked) {
        const std::int64_t named = version_of(a.answer);
        INFO(a.query << " on replica " << a.replica << " named version " << named << " of "
                     << a.latest);
        CHECK(named <= a.latest);
        REQUIRE(fresh.count(named) == 1);
        CHECK(comparable(a.answer) == fresh.at(named).at(a.query));
    }
    // In the end every replica answers on the last version, as the fresh service does.
    for (std::size_t r = 0; r < replicas.size(); ++r) {
        for (const std::string& query : kQueries) {
            INFO(query << " on replica " << r);
            CHECK(comparable(once_at_version(replicas[r]->port(), query, version)) ==
                  fresh.at(version).at(query));
        }
    }
    // The log holds each acknowledged change once, in order.
    CHECK(pg.psql("SELECT count(*), min(seq), max(seq) FROM event") ==
          std::to_string(kRounds) + "|1|" + std::to_string(kRounds));
}

}  // namespace muster::test

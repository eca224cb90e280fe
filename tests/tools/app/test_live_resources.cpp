// LiveResources (tools/app/live_resources.hpp), the teams of `muster serve` as they change: each
// change is in the database with its event before it is published, a held state never changes,
// a refused change writes nothing, and a restart resumes at the acknowledged state. The database
// is read back through SQLite's C API (tests/support/sqlite_oracle.hpp), not muster's.

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/app/live_resources.hpp"
#include "tools/app/query_error.hpp"

using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;
using tools::LiveResources;
using tools::TeamChange;

namespace {

std::string teams_db(const TempDir& dir) {
    const std::string path = dir.file("live.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    db.replace_teams(std::vector<Team>{
        {"A1", "Ambulance 1", "ambulance", 2, "available", "MT-04", {14.5031, 35.9004}},
        {"A2", "Ambulance 2", "ambulance", 2, "available", "MT-04", {14.5100, 35.8900}}});
    return path;
}

// What the service writes into the event (the test's own rendering: any text will do).
std::string render(const Team& t) {
    return t.id + " " + t.status + " " + std::to_string(t.location.lon);
}

/// The QueryError `change` throws (a failure if it throws none).
template <class Change>
tools::QueryError query_error(Change&& change) {
    try {
        change();
    } catch (const tools::QueryError& e) {
        return e;
    }
    FAIL("the change was taken");
    throw std::logic_error("unreachable");
}

const Team& team_in(const tools::ResourceState& state, const std::string& id) {
    for (const Team& t : state.resources.teams) {
        if (t.id == id)
            return t;
    }
    FAIL("no team " << id);
    return state.resources.teams.front();
}

}  // namespace

TEST_CASE("a team's dispatch is stored with its event, then published as the next version") {
    TempDir dir;
    const std::string path = teams_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    const auto before = live.current();
    CHECK(before->version == 0);

    TeamChange change;
    change.status = "已出动";  // dispatched, as a Chinese screen says it
    change.location = LonLat{14.52, 35.88};
    change.position_time = "2026-12-04T10:00:00Z";
    const auto [after, event] = live.update_team("A1", change, "dispatcher-anna", render);
    CHECK(after->version == 1);
    CHECK(live.current() == after);
    CHECK(event.seq == 1);
    CHECK(event.before == "A1 available 14.503100");
    CHECK(event.after == "A1 dispatched 14.520000");
    CHECK(team_in(*after, "A1").status == "dispatched");
    CHECK(team_in(*after, "A2").status == "available");
    // The state a query held is as it was.
    CHECK(before->version == 0);
    CHECK(team_in(*before, "A1").status == "available");
    // On disk, as another program reads it.
    CHECK(run_sql(path, "SELECT status || ' ' || position_time FROM team WHERE id = 'A1'") ==
          "dispatched 2026-12-04T10:00:00Z\n");
    CHECK(run_sql(path, "SELECT user || ' ' || kind || ' ' || target FROM event") ==
          "dispatcher-anna team A1\n");
}

TEST_CASE("a refused team change writes nothing and publishes nothing") {
    TempDir dir;
    const std::string path = teams_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    const auto start = live.current();
    TeamChange bad;
    bad.status = "sleeping";
    const auto bad_status = query_error([&] { live.update_team("A1", bad, "anna", render); });
    CHECK(bad_status.code() == tools::ErrorCode::InvalidValue);
    CHECK_THAT(bad_status.what(), Catch::Matchers::Contains("status: 'sleeping'"));
    const auto unknown = query_error([&] { live.update_team("Z9", TeamChange{}, "anna", render); });
    CHECK(unknown.code() == tools::ErrorCode::NotFound);
    CHECK(live.current() == start);
    CHECK(run_sql(path, "SELECT COUNT(*) FROM event") == "0\n");
    CHECK(run_sql(path, "SELECT status FROM team WHERE id = 'A1'") == "available\n");
}

TEST_CASE("a restart resumes at the last acknowledged change, version and team state") {
    TempDir dir;
    const std::string path = teams_db(dir);
    {
        ResourceDb db = ResourceDb::open_existing(path);
        LiveResources live(db);
        TeamChange on_scene;
        on_scene.status = "on_scene";
        live.update_team("A2", on_scene, "anna", render);
        TeamChange moved;
        moved.location = LonLat{14.49, 35.87};
        live.update_team("A2", moved, "anna", render);
    }
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources restarted(db);
    const auto state = restarted.current();
    CHECK(state->version == 2);
    const Team& a2 = team_in(*state, "A2");
    CHECK(a2.status == "on_scene");
    CHECK(a2.location.lon == Approx(14.49));
    CHECK(a2.location.lat == Approx(35.87));
}

TEST_CASE("a change's events reach the feed's listeners once stored, in order, until they leave") {
    TempDir dir;
    const std::string path = teams_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    std::vector<std::string> heard;  // "seq target", and whether the row was on disk by then
    auto subscription = live.feed().subscribe([&](const Event& event) {
        const std::string stored =
            run_sql(path, "SELECT COUNT(*) FROM event WHERE seq = " + std::to_string(event.seq));
        heard.push_back(std::to_string(event.seq) + " " + event.target + " stored " + stored);
    });

    // Two teams in one change: two events, one version.
    const auto both = live.commit([](const tools::ResourceState& now) {
        tools::StateChange change{now.resources, {}, {}};
        for (Team& t : change.resources.teams) {
            t.status = "dispatched";
            change.events.push_back({0, "", "anna", "team", t.id, "update", "", ""});
        }
        change.write = [teams = change.resources.teams](ResourceDb& db) {
            for (const Team& t : teams)
                db.update_team_state(t, std::nullopt);
        };
        return change;
    });
    CHECK(both.state->version == 2);
    CHECK(both.events.size() == 2);
    CHECK(heard == std::vector<std::string>{"1 A1 stored 1\n", "2 A2 stored 1\n"});
    CHECK(run_sql(path, "SELECT group_concat(status) FROM team") == "dispatched,dispatched\n");

    // A change refused by its own computation: nothing heard, nothing stored.
    CHECK_THROWS_AS(live.commit([](const tools::ResourceState&) -> tools::StateChange {
        throw tools::QueryError(tools::ErrorCode::NotFound, "no such thing");
    }),
                    tools::QueryError);
    CHECK(heard.size() == 2);

    subscription = {};  // the listener leaves
    TeamChange back;
    back.status = "available";
    live.update_team("A1", back, "anna", render);
    CHECK(heard.size() == 2);
    CHECK(live.current()->version == 3);
}

TEST_CASE("a change is put in force once durable, before its state is published or heard") {
    TempDir dir;
    const std::string path = teams_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    bool in_force = false;
    std::vector<bool> heard_in_force;
    auto subscription =
        live.feed().subscribe([&](const Event&) { heard_in_force.push_back(in_force); });

    std::string seen_from_hook;  // the stored events and the published version, from the hook
    live.commit([&](const tools::ResourceState& now) {
        tools::StateChange change{now.resources, {}, {}};
        change.events.push_back({0, "", "anna", "hazard", "Z1", "add", "", ""});
        change.in_force = [&](std::uint64_t version) {
            seen_from_hook = run_sql(path, "SELECT COUNT(*) FROM event") + "version " +
                             std::to_string(live.current()->version) + " making " +
                             std::to_string(version) + ", heard " +
                             std::to_string(heard_in_force.size());
            in_force = true;
        };
        return change;
    });
    CHECK(seen_from_hook == "1\nversion 0 making 1, heard 0");
    CHECK(heard_in_force == std::vector<bool>{true});
    CHECK(live.current()->version == 1);
}

// The live state in the resource database (geodata/live_state.cpp): the append-only event log, a
// team's state changed with its event in one transaction, and durable WAL commits. Read back
// through SQLite's C API (tests/support/sqlite_oracle.hpp), not muster's.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;
using muster::test::try_sql;

namespace {

/// A database with two teams.
std::string teams_db(const TempDir& dir) {
    const std::string path = dir.file("live.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    const std::vector<Team> teams{
        {"A1", "Ambulance 1", "ambulance", 2, "available", "MT-04", {14.5031, 35.9004}},
        {"F1", "Fire", "fire", 6, "out_of_service", "", {14.5004, 35.9027}}};
    db.replace_teams(teams);
    return path;
}

Event change(std::string target, std::string before, std::string after) {
    return {0,
            "",
            "dispatcher-anna",
            "team",
            std::move(target),
            "update",
            std::move(before),
            std::move(after)};
}

}  // namespace

TEST_CASE("events are numbered from 1 in order and read back after a given number") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_existing(teams_db(dir));
    CHECK(db.last_event_seq() == 0);
    const Event first =
        db.append_event(change("A1", R"({"status":"available"})", R"({"status":"dispatched"})"));
    const Event second = db.append_event(change("F1", R"({"status":"out_of_service"})", ""));
    CHECK(first.seq == 1);
    CHECK(second.seq == 2);
    CHECK(db.last_event_seq() == 2);
    // "2026-12-04T22:15:03.123Z"
    CHECK(first.time.size() == 24);
    CHECK(first.time[10] == 'T');
    CHECK(first.time.back() == 'Z');

    const auto all = db.events_since(0, 10);
    REQUIRE(all.size() == 2);
    CHECK(all[0].target == "A1");
    CHECK(all[0].user == "dispatcher-anna");
    CHECK(all[0].after == R"({"status":"dispatched"})");
    CHECK(all[1].after.empty());  // stored as NULL: the entity is gone
    CHECK(db.events_since(1, 10).size() == 1);
    CHECK(db.events_since(1, 10)[0].seq == 2);
    CHECK(db.events_since(0, 1).size() == 1);
    CHECK(db.events_since(2, 10).empty());
    // As another program reads them.
    CHECK(run_sql(db.path(), "SELECT target FROM event ORDER BY seq") == "A1\nF1\n");
    CHECK(run_sql(db.path(), "SELECT after FROM event WHERE seq = 2") == "NULL\n");
}

TEST_CASE("the event log refuses every update and delete, whoever writes") {
    TempDir dir;
    const std::string path = teams_db(dir);
    {
        ResourceDb db = ResourceDb::open_existing(path);
        db.append_event(change("A1", "{}", "{}"));
    }
    for (const char* sql : {"UPDATE event SET user = 'mallory'", "DELETE FROM event"}) {
        INFO(sql);
        const auto result = try_sql(path, sql);
        CHECK(result.code != SQLITE_OK);
        CHECK_THAT(result.message, Contains("append-only"));
    }
    CHECK(run_sql(path, "SELECT user FROM event") == "dispatcher-anna\n");
}

TEST_CASE("a team's new state and its event land together, or neither does") {
    TempDir dir;
    const std::string path = teams_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    Team moved = *db.team("A1");
    moved.status = "dispatched";
    moved.location = {14.51, 35.91};

    db.begin();
    db.update_team_state(moved, "2026-12-04T10:00:00Z");
    db.append_event(change("A1", "{}", "{}"));
    db.rollback();
    CHECK(db.team("A1")->status == "available");
    CHECK(db.last_event_seq() == 0);

    db.begin();
    db.update_team_state(moved, "2026-12-04T10:00:00Z");
    db.append_event(change("A1", "{}", "{}"));
    db.commit();
    const Team stored = *db.team("A1");
    CHECK(stored.status == "dispatched");
    CHECK(stored.location.lon == Approx(14.51));
    CHECK(stored.location.lat == Approx(35.91));
    CHECK(run_sql(path, "SELECT status || ' ' || position_time FROM team WHERE id = 'A1'") ==
          "dispatched 2026-12-04T10:00:00Z\n");
    CHECK(run_sql(path, "SELECT COUNT(*) FROM event") == "1\n");
    // The other team is untouched.
    CHECK(db.team("F1")->status == "out_of_service");
}

TEST_CASE("changing a team that does not exist is an error naming it, and nothing is written") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_existing(teams_db(dir));
    Team ghost = *db.team("A1");
    ghost.id = "Z9";
    CHECK_FALSE(db.team("Z9"));
    CHECK_THROWS_WITH(db.update_team_state(ghost, ""), Contains("no team 'Z9'"));
    CHECK(run_sql(db.path(), "SELECT COUNT(*) FROM team WHERE status = 'available'") == "1\n");
}

TEST_CASE("live writes use a WAL journal, full sync, and another process reads meanwhile") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_existing(teams_db(dir));
    db.prepare_live_writes();
    CHECK(run_sql(db.path(), "PRAGMA journal_mode") == "wal\n");
    // A reader in another connection sees the last commit while the writer holds a transaction.
    db.begin();
    Team moved = *db.team("A1");
    moved.status = "on_scene";
    db.update_team_state(moved, "");
    CHECK(run_sql(db.path(), "SELECT status FROM team WHERE id = 'A1'") == "available\n");
    db.commit();
    CHECK(run_sql(db.path(), "SELECT status FROM team WHERE id = 'A1'") == "on_scene\n");
}

TEST_CASE("a team's status alone keeps the time of its last reported position") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_existing(teams_db(dir));
    Team team = *db.team("A1");
    team.location = {14.51, 35.91};
    db.update_team_state(team, "2026-12-04T10:00:00Z");
    team.status = "on_scene";
    db.update_team_state(team, std::nullopt);
    CHECK(run_sql(db.path(), "SELECT status || ' ' || position_time FROM team WHERE id = 'A1'") ==
          "on_scene 2026-12-04T10:00:00Z\n");
    // A position of unknown time clears it.
    db.update_team_state(team, "");
    CHECK(run_sql(db.path(), "SELECT position_time FROM team WHERE id = 'A1'") == "NULL\n");
}

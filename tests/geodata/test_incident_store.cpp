// Incidents in the resource database (geodata/incident_store.cpp): stored and read back field for
// field, dispatches in their order, an update replacing them; the schema's checks seen through
// SQLite's C API (tests/support/sqlite_oracle.hpp), as another program writing the file would.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;
using muster::test::try_sql;

namespace {

Incident collapse() {
    Incident i;
    i.id = "INC-1";
    i.kind = "建筑倒塌";  // a collapse, as a Chinese desk records it
    i.location = {118.7969, 32.0603};
    i.casualties = {2, 4, 11, 1};
    i.note = "two floors\nsouth wing";
    i.created_time = i.updated_time = "2026-12-04T10:00:00.125Z";
    i.dispatches = {
        {"amb-2", 312.5, 2480.25, "2026-12-04T10:01:00.000Z", "2026-12-04T10:06:12.500Z", "anna"},
        {"fire-1", 95.0, 700.0, "2026-12-04T10:01:00.000Z", "2026-12-04T10:02:35.000Z", "anna"}};
    return i;
}

}  // namespace

TEST_CASE("incidents are stored and read back exactly, an update replacing their dispatches") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    CHECK(db.incidents().empty());
    Incident first = collapse();
    Incident second;
    second.id = "crash";
    second.kind = "traffic";
    second.location = {-0.1, -51.5};
    second.created_time = second.updated_time = "2026-12-04T11:00:00.000Z";
    db.insert_incident(first);
    db.insert_incident(second);
    CHECK(db.incidents() == std::vector<Incident>{first, second});
    CHECK(run_sql(path, "SELECT team_id FROM incident_dispatch ORDER BY fid") == "amb-2\nfire-1\n");
    CHECK(run_sql(path, "SELECT closed_time IS NULL FROM incident WHERE id = 'INC-1'") == "1\n");

    first.status = "closed";
    first.closed_time = first.updated_time = "2026-12-04T12:00:00.000Z";
    first.dispatches.pop_back();
    db.update_incident(first);
    CHECK(db.incidents() == std::vector<Incident>{first, second});
    CHECK(run_sql(path, "SELECT count(*) FROM incident_dispatch") == "1\n");

    Incident ghost = second;
    ghost.id = "ghost";
    CHECK_THROWS_AS(db.update_incident(ghost), InputError);
    CHECK_THROWS_AS(db.insert_incident(second), DataError);  // its id is taken
}

TEST_CASE("the incident tables refuse negative counts, unknown statuses and orphan dispatches") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    { ResourceDb::open_or_create(path); }
    const std::string row =
        "INSERT INTO incident (id, kind, lon, lat, red, yellow, green, black, "
        "note, status, created_time, updated_time) VALUES ";
    CHECK(try_sql(path, row + "('a', 'fire', 0, 0, -1, 0, 0, 0, '', 'open', 't', 't')").code ==
          SQLITE_CONSTRAINT);
    CHECK(try_sql(path, row + "('a', 'fire', 0, 0, 0, 0, 0, 0, '', 'pending', 't', 't')").code ==
          SQLITE_CONSTRAINT);
    CHECK(try_sql(path, row + "('a', 'fire', 181, 0, 0, 0, 0, 0, '', 'open', 't', 't')").code ==
          SQLITE_CONSTRAINT);
    run_sql(path,
            "INSERT INTO incident_dispatch (incident_id, team_id, eta_s, distance_m, "
            "dispatched_time, arrival_time, dispatched_by) VALUES ('none', 't', 1, 1, 'a', 'b', "
            "'c')");
    CHECK_THROWS_AS(ResourceDb::open_existing(path).incidents(), DataError);
}

// The resource database on PostgreSQL with PostGIS, in a private server the tests start
// (tests/support/private_postgres.hpp): the same tables and answers as the SpatiaLite file, the
// live state's event log, and bad targets refused by name.

#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/private_postgres.hpp"
#include "tests/support/sqlite_oracle.hpp"

namespace muster {
namespace {

using test::quote;
using test::run_muster;

std::string malta_import(const std::string& database) {
    const auto src = [](const std::string& file) { return quote(test::sample("malta/" + file)); };
    return "import " + quote(database) + " --roads " + src("malta-latest.osm.pbf") +
           " --townships " + src("townships.geojson") + " --shelters " + src("shelters.geojson") +
           " --depots " + src("depots.geojson") + " --inventory " + src("inventory.csv") +
           " --teams " + src("teams.geojson") + " --hospitals " + src("hospitals.geojson") +
           " --hazards " + src("hazards.geojson");
}

// The features of a GeoJSON file, counted by GDAL.
std::int64_t feature_count(const std::string& path) {
    GDALAllRegister();
    const std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(dataset);
    return dataset->GetLayer(0)->GetFeatureCount();
}

std::vector<ImportLogEntry> without_times(std::vector<ImportLogEntry> log) {
    for (ImportLogEntry& entry : log)
        entry.time.clear();
    return log;
}

constexpr const char* kMusterTables[] = {
    "muster_meta",       "township",   "shelter", "depot",   "inventory",     "team",
    "hospital",          "hazard",     "road",    "network", "network_array", "event",
    "incident_dispatch", "import_log", "problem", "incident"};

// A table of a SpatiaLite file as SQLite's own API reads it: every row in rowid order (in key
// order for network_array, whose rows have no number of their own), every value as text, blobs
// (geometry, network arrays) byte for byte.
std::string table_text(const std::string& file, const std::string& table) {
    const std::string order = table == "network_array" ? "profile, name, part" : "rowid";
    std::string text;
    for (const auto& row : test::all_rows(file, "SELECT * FROM " + table + " ORDER BY " + order)) {
        for (const std::string& value : row)
            text += value + " | ";
        text += '\n';
    }
    return text;
}

Team team(const std::string& id, const std::string& status, LonLat at) {
    return {id, "Team " + id, "ambulance", 2, status, "north", at};
}

}  // namespace

TEST_CASE("Malta imported into PostGIS reads back as its SpatiaLite import does, table by table") {
    const test::TempDir dir;
    const test::PostgisDatabase pg;
    const std::string file = dir.file("malta.sqlite");
    for (const std::string& target : {file, pg.target()}) {
        const test::Run run = run_muster(malta_import(target));
        INFO(run.output);
        REQUIRE(run.status == 0);
    }
    const ResourceDb lite = ResourceDb::open_existing(file);
    const ResourceDb post = ResourceDb::open_existing(pg.target());
    CHECK(post.townships() == lite.townships());
    CHECK(post.shelters() == lite.shelters());
    CHECK(post.depots() == lite.depots());
    CHECK(post.teams() == lite.teams());
    CHECK(post.hospitals() == lite.hospitals());
    CHECK(post.hazards() == lite.hazards());
    CHECK(post.road_count() == lite.road_count());
    CHECK(post.ferries() == lite.ferries());
    CHECK(post.problems() == lite.problems());
    CHECK(without_times(post.import_log()) == without_times(lite.import_log()));
    for (Profile profile : {Profile::drive, Profile::walk}) {
        INFO(to_string(profile));
        REQUIRE(post.network(profile));
        CHECK(post.network(profile)->arrays() == lite.network(profile)->arrays());
        CHECK(post.cch_order(profile) == lite.cch_order(profile));
    }
    // Each store's own interpolation along a road: PostGIS's and SpatiaLite's agree to 1e-9°.
    const std::vector<NamedRoad> named = post.named_roads(), named_lite = lite.named_roads();
    REQUIRE(named.size() == named_lite.size());
    for (std::size_t i = 0; i < named.size(); ++i) {
        INFO(named[i].id);
        CHECK(named[i].id == named_lite[i].id);
        CHECK(named[i].drivable == named_lite[i].drivable);
        CHECK(named[i].middle.lon == Approx(named_lite[i].middle.lon).margin(1e-9));
        CHECK(named[i].middle.lat == Approx(named_lite[i].middle.lat).margin(1e-9));
    }

    // As PostgreSQL itself sees them: one row a feature, geometry registered in WGS84.
    CHECK(pg.psql("SELECT count(*) FROM township") ==
          std::to_string(feature_count(test::sample("malta/townships.geojson"))));
    CHECK(pg.psql("SELECT count(*) FROM hospital") ==
          std::to_string(feature_count(test::sample("malta/hospitals.geojson"))));
    CHECK(pg.psql("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'township' AND "
                  "f_geometry_column = 'geom'") == "MULTIPOLYGON|4326");
    CHECK(pg.psql("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'road'") ==
          "LINESTRING|4326");
    // A default style for each layer, where QGIS's PostgreSQL provider looks for it.
    CHECK(pg.psql("SELECT count(*) FROM layer_styles WHERE f_table_catalog = '" + pg.name() +
                  "' AND f_table_schema = 'public' AND f_table_name = 'shelter' AND "
                  "f_geometry_column = 'geom' AND useasdefault") == "1");

    // And the answers: the nearest ambulances, as from the file.
    const std::string nearest = " --at 14.5146,35.8989 --kind ambulance -k 3 --format json";
    const test::Run from_file = run_muster("nearest " + quote(file) + nearest);
    const test::Run from_pg = run_muster("nearest " + quote(pg.target()) + nearest);
    REQUIRE(from_pg.status == 0);
    CHECK(from_pg.output == from_file.output);
}

TEST_CASE("The live state on PostGIS: events numbered in order, a log nobody may change") {
    const test::PostgisDatabase pg;
    ResourceDb db = ResourceDb::open_or_create(pg.target());
    db.begin();
    db.replace_teams(std::vector{team("A1", "available", {14.5, 35.9})});
    db.commit();

    db.begin();
    const Event first =
        db.append_event({0, "", "desk 1", "team", "A1", "update", "{}", "{\"x\":1}"});
    db.update_team_state(team("A1", "busy", {14.51, 35.91}), std::string("2026-12-05T10:00:00Z"));
    db.commit();
    db.begin();
    const Event second = db.append_event({0, "", "desk 2", "hazard", "Z1", "add", "", "{}"});
    db.commit();
    CHECK(first.seq == 1);
    CHECK(second.seq == 2);
    CHECK(db.last_event_seq() == 2);
    const std::vector<Event> since = db.events_since(1, 10);
    REQUIRE(since.size() == 1);
    CHECK(since[0].user == "desk 2");
    CHECK(since[0].before.empty());  // stored as NULL, read as none
    CHECK(db.events_since(0, 10).at(0).after == "{\"x\":1}");
    CHECK(db.team("A1") == team("A1", "busy", {14.51, 35.91}));
    CHECK(pg.psql("SELECT position_time FROM team WHERE id = 'A1'") == "2026-12-05T10:00:00Z");

    // The event log refuses a change and a removal, from any client.
    CHECK_THROWS_WITH(pg.psql("UPDATE event SET kind = 'x'"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(pg.psql("DELETE FROM event"), Catch::Contains("append-only"));
    CHECK(pg.psql("SELECT count(*) FROM event") == "2");

    // A change of a team that does not exist is refused, and the transaction leaves nothing.
    db.begin();
    db.append_event({0, "", "desk 1", "team", "B9", "update", "{}", "{}"});
    CHECK_THROWS_AS(db.update_team_state(team("B9", "busy", {14.5, 35.9}), std::nullopt),
                    InputError);
    db.rollback();
    CHECK(db.last_event_seq() == 2);
    // A second zone of the same id is the store's constraint: a DataError.
    db.begin();
    const HazardZone zone{
        "Z1",
        "flood",
        "flood",
        HazardEffect::closed,
        0,
        MultiPolygon{{Polygon{{{{14.5, 35.9}, {14.6, 35.9}, {14.6, 36.0}, {14.5, 35.9}}}}}},
        ""};
    db.insert_hazard(zone);
    CHECK_THROWS_AS(db.insert_hazard(zone), DataError);
    db.rollback();
    CHECK(db.hazards().empty());
}

TEST_CASE("Other connections hear each commit of the event log, and writers take turns in order") {
    const test::TempDir dir;
    const test::PostgisDatabase pg;
    using namespace std::chrono_literals;
    for (const std::string& target : {dir.file("live.sqlite"), pg.target()}) {
        INFO(target);
        ResourceDb first = ResourceDb::open_or_create(target);
        ResourceDb second = ResourceDb::open_existing(target);
        ResourceDb listener = ResourceDb::open_existing(target);
        listener.listen_for_changes();
        CHECK_FALSE(listener.wait_for_changes(100ms));

        // Heard once committed, not before.
        second.begin();
        second.append_event({0, "", "desk 2", "team", "T1", "update", "{}", "{}"});
        CHECK_FALSE(listener.wait_for_changes(100ms));
        second.commit();
        CHECK(listener.wait_for_changes(5s));
        CHECK(listener.events_since(0, 10).size() == 1);

        // A second writer waits for the first to commit, and numbers its event after it.
        first.begin();
        std::chrono::steady_clock::time_point committed, admitted;
        std::int64_t second_seq = 0;
        std::thread other([&] {
            second.begin();
            admitted = std::chrono::steady_clock::now();
            second_seq =
                second.append_event({0, "", "desk 2", "team", "T1", "update", "{}", "{}"}).seq;
            second.commit();
        });
        std::this_thread::sleep_for(300ms);
        const std::int64_t first_seq =
            first.append_event({0, "", "desk 1", "team", "T1", "update", "{}", "{}"}).seq;
        committed = std::chrono::steady_clock::now();
        first.commit();
        other.join();
        CHECK(admitted >= committed);
        CHECK(first_seq == 2);
        CHECK(second_seq == 3);
        CHECK(listener.wait_for_changes(5s));
        CHECK(listener.events_since(1, 10).size() == 2);
    }
}

TEST_CASE("A PostGIS target out of reach, or without muster's tables, is refused by name") {
    const test::Run unreachable = run_muster(
        "info " + quote("PG:dbname=nowhere host=/nonexistent user=postgres password=s3cret"));
    CHECK(unreachable.status == 1);
    CHECK_THAT(unreachable.output,
               Catch::Contains("PG:dbname=nowhere host=/nonexistent user=postgres: cannot "
                               "connect to the resource database"));
    CHECK_THAT(unreachable.output, !Catch::Contains("s3cret"));

    const test::PostgisDatabase empty;
    const test::Run foreign = run_muster("info " + quote(empty.target()));
    CHECK(foreign.status == 1);
    CHECK_THAT(foreign.output, Catch::Contains("not a muster resource database"));
}

TEST_CASE("An import into PostGIS that fails keeps what was stored before") {
    const test::PostgisDatabase pg;
    const auto src = [](const std::string& file) { return quote(test::geodata_fixture(file)); };
    const test::Run first =
        run_muster("import " + quote(pg.target()) + " --roads " + src("roads.geojson") +
                   " --townships " + src("townships.geojson"));
    INFO(first.output);
    REQUIRE(first.status == 0);
    const std::string townships = pg.psql("SELECT id, population FROM township ORDER BY fid");
    const std::string log = pg.psql("SELECT count(*) FROM import_log");
    // New townships, then a shelter file that is not there: the whole run is refused.
    const test::Run failed = run_muster(
        "import " + quote(pg.target()) + " --roads " + src("roads.geojson") + " --townships " +
        src("townships_points.csv") + " --shelters " + src("no_such_file.geojson"));
    CHECK(failed.status == 1);
    CHECK_THAT(failed.output, Catch::Contains("no_such_file.geojson"));
    CHECK(pg.psql("SELECT id, population FROM township ORDER BY fid") == townships);
    CHECK(pg.psql("SELECT count(*) FROM import_log") == log);
}

TEST_CASE("muster copy takes a database to PostGIS and back with every row of every table") {
    const test::TempDir dir;
    const test::PostgisDatabase pg;
    const std::string file = dir.file("county.sqlite"), back = dir.file("back.sqlite");
    const auto src = [](const std::string& f) { return quote(test::geodata_fixture(f)); };
    const test::Run imported =
        run_muster("import " + quote(file) + " --roads " + src("roads.geojson") + " --townships " +
                   src("townships.geojson") + " --shelters " + src("shelters.geojson") +
                   " --depots " + src("depots.geojson") + " --inventory " + src("inventory.csv") +
                   " --teams " + src("teams.geojson") + " --hospitals " + src("hospitals.geojson") +
                   " --hazards " + src("hazards.geojson"));
    INFO(imported.output);
    REQUIRE(imported.status == 0);
    {  // the live state too: events, an incident with its dispatch
        ResourceDb db = ResourceDb::open_existing(file);
        db.begin();
        db.append_event({0, "", "desk 1", "incident", "I1", "add", "", "{}"});
        db.append_event({0, "", "desk 1", "incident", "I1", "update", "{}", "{}"});
        Incident incident;
        incident.id = "I1";
        incident.kind = "collision";
        incident.location = {14.51, 35.89};
        incident.casualties = {2, 1, 3, 0};
        incident.status = "open";
        incident.created_time = incident.updated_time = "2026-12-05T10:00:00.000Z";
        incident.dispatches.push_back({"T1", 312.5, 4021.25, "2026-12-05T10:01:00.000Z",
                                       "2026-12-05T10:06:12.500Z", "desk 1"});
        db.insert_incident(incident);
        db.commit();
    }

    const test::Run there = run_muster("copy " + quote(file) + " " + quote(pg.target()));
    INFO(there.output);
    REQUIRE(there.status == 0);
    CHECK_THAT(there.output, Catch::Contains("incident_dispatch"));
    CHECK(pg.psql("SELECT count(*) FROM event") == "2");
    CHECK(pg.psql("SELECT count(*) FROM road") ==
          test::all_rows(file, "SELECT count(*) FROM road").at(0).at(0));
    const test::Run home = run_muster("copy " + quote(pg.target()) + " " + quote(back));
    INFO(home.output);
    REQUIRE(home.status == 0);
    for (const char* table : kMusterTables) {
        INFO(table);
        CHECK(table_text(back, table) == table_text(file, table));
    }

    // PostgreSQL numbers on from the copied rows.
    {
        ResourceDb db = ResourceDb::open_existing(pg.target());
        db.begin();
        CHECK(db.append_event({0, "", "desk 2", "team", "T1", "update", "{}", "{}"}).seq == 3);
        db.commit();
    }
    // A destination that holds a database is refused, and left as it was.
    const test::Run onto_pg = run_muster("copy " + quote(back) + " " + quote(pg.target()));
    CHECK(onto_pg.status == 1);
    CHECK_THAT(onto_pg.output, Catch::Contains("holds a muster resource database already"));
    CHECK(pg.psql("SELECT count(*) FROM event") == "3");
    const test::Run onto_file = run_muster("copy " + quote(pg.target()) + " " + quote(file));
    CHECK(onto_file.status == 1);
    CHECK_THAT(onto_file.output, Catch::Contains("exists already"));
    const test::Run missing =
        run_muster("copy " + quote(dir.file("none.sqlite")) + " " + quote(dir.file("x.sqlite")));
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("none.sqlite: no such resource database"));
    CHECK_FALSE(std::filesystem::exists(dir.file("x.sqlite")));
}

}  // namespace muster

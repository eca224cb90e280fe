// An import is one transaction: if anything fails, the database is exactly as it was. The
// snapshots compare the database through SQLite's C API (every table's schema and rows,
// SpatiaLite's metadata included), through muster's own readers, and byte for byte.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::TempDir;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

// Every table's schema and rows, read through SQLite's C API directly (not through muster's
// readers), like the sqlite3 shell's .dump: the schema, then each real table's rows in rowid
// order, blobs in hex. SpatiaLite's virtual tables are skipped (their module is not loaded
// here); their R*Tree shadow tables are ordinary tables and are dumped.
std::string dump(const std::string& database) {
    const auto rows = [&](const std::string& sql) { return test::all_rows(database, sql); };
    std::string text;
    std::vector<std::string> tables;
    for (const auto& row : rows("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
        text += row[0] + ' ' + row[1] + ": " + row[2] + '\n';
        if (row[0] == "table" && row[2].rfind("CREATE VIRTUAL", 0) != 0)
            tables.push_back(row[1]);
    }
    for (const std::string& table : tables) {
        for (const auto& row : rows("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
            text += table;
            for (const auto& value : row)
                text += " | " + value;
            text += '\n';
        }
    }
    return text;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What muster's readers see: every entity, the road count, the networks, the log and the problems.
std::string contents(const std::string& database) {
    const ResourceDb db = ResourceDb::open_existing(database);
    std::ostringstream out;
    out.precision(17);
    for (const auto& t : db.townships())
        out << "township " << t.id << ' ' << t.population.value_or(-1) << '\n';
    for (const auto& s : db.shelters())
        out << "shelter " << s.id << ' ' << s.capacity << ' ' << s.location.lon << '\n';
    for (const auto& d : db.depots()) {
        out << "depot " << d.id << ' ' << to_string(d.tier);
        for (const auto& i : d.inventory)
            out << ' ' << i.item << '=' << i.quantity;
        out << '\n';
    }
    for (const auto& t : db.teams())
        out << "team " << t.id << ' ' << t.kind << '\n';
    for (const auto& h : db.hospitals())
        out << "hospital " << h.id << ' ' << h.beds_red << '\n';
    for (const auto& z : db.hazards())
        out << "hazard " << z.id << ' ' << z.speed_factor << '\n';
    out << "roads " << db.road_count() << '\n';
    for (Profile p : {Profile::drive, Profile::walk}) {
        const auto network = db.network(p);
        out << "network " << to_string(p) << ' ' << (network ? network->node_count() : 0) << ' '
            << (network ? network->edge_count() : 0) << '\n';
    }
    for (const auto& e : db.import_log()) {
        out << "log " << e.run << ' ' << e.time << ' ' << e.kind << ' ' << e.source << ' '
            << e.imported << '\n';
    }
    for (const auto& p : db.problems())
        out << "problem " << p.kind << ' ' << p.feature_id << '\n';
    return out.str();
}

struct Snapshot {
    std::string dump, bytes, contents;
};

Snapshot snapshot(const std::string& database) {
    return {dump(database), file_bytes(database), contents(database)};
}

void require_unchanged(const Snapshot& before, const std::string& database) {
    const Snapshot after = snapshot(database);
    CHECK(after.dump == before.dump);
    CHECK(after.contents == before.contents);
    CHECK(after.bytes == before.bytes);
    CHECK_FALSE(std::filesystem::exists(database + "-journal"));
}

ImportRequest full_request(const std::string& database) {
    ImportRequest request;
    request.database = database;
    for (const char* kind : {"townships", "shelters", "depots", "teams", "hospitals", "hazards"}) {
        for (SourceKind k : kAllSourceKinds) {
            if (to_string(k) == kind)
                request.sources[k] = fx(std::string(kind) + ".geojson");
        }
    }
    request.sources[SourceKind::roads] = fx("roads.geojson");
    request.sources[SourceKind::inventory] = fx("inventory.csv");
    return request;
}

std::string input_error(const ImportRequest& request) {
    return muster::test::input_error([&] { run_import(request); },
                                     "run_import to throw an InputError");
}

}  // namespace

TEST_CASE("A failing import leaves an existing database exactly as it was") {
    TempDir dir;
    const std::string database = dir.file("county.sqlite");
    run_import(full_request(database));
    const Snapshot before = snapshot(database);
    REQUIRE_THAT(before.dump, Contains("Mater Dei"));  // the dump does hold the rows

    // A second run with different, good roads (10 OSM-like ways instead of 3) and a shelters
    // layer whose last feature has a negative capacity. The roads and both networks are replaced
    // inside the transaction before the shelters are read; the failure must undo all of it.
    const std::string bad_shelters = dir.write(
        "shelters.geojson", R"({"type": "FeatureCollection", "name": "shelters", "features": [
 {"type": "Feature", "properties": {"id": "N1", "class": "fixed", "capacity": 100}, "geometry": {"type": "Point", "coordinates": [0.0005, 0.0001]}},
 {"type": "Feature", "properties": {"id": "N2", "class": "fixed", "capacity": 200}, "geometry": {"type": "Point", "coordinates": [0.0015, 0.0001]}},
 {"type": "Feature", "properties": {"id": "N3", "class": "fixed", "capacity": -1}, "geometry": {"type": "Point", "coordinates": [0.0025, 0.0001]}}]})");
    ImportRequest failing;
    failing.database = database;
    failing.sources[SourceKind::roads] = fx("roads_osm.geojson");
    failing.sources[SourceKind::townships] = fx("townships_points.csv");
    failing.sources[SourceKind::shelters] = bad_shelters;
    CHECK_THAT(input_error(failing), Contains("feature N3") && Contains("field 'capacity'"));
    require_unchanged(before, database);

    SECTION("the same run without the bad feature would have changed it") {
        // So the comparison above is not vacuous: the roads alone replace the network.
        ImportRequest good;
        good.database = database;
        good.sources[SourceKind::roads] = fx("roads_osm.geojson");
        run_import(good);
        const Snapshot after = snapshot(database);
        CHECK(after.dump != before.dump);
        CHECK(after.contents != before.contents);
        // And the failed run used no run number: this one is run 2.
        const auto log = ResourceDb::open_existing(database).import_log();
        CHECK(log.back().run == 2);
    }
}

TEST_CASE("An import failing at any stage leaves the database as it was") {
    TempDir dir;
    const std::string database = dir.file("county.sqlite");
    run_import(full_request(database));
    const Snapshot before = snapshot(database);

    ImportRequest failing;
    failing.database = database;
    std::string expected;
    SECTION("inventory naming an unknown depot, after the depots were replaced") {
        failing.sources[SourceKind::depots] = fx("zh_depots.geojson");
        failing.sources[SourceKind::inventory] =
            fx("inventory.csv");  // names D1, D2: not in zh_depots
        expected = "'D1'";
    }
    SECTION("a missing hazards file, after every other kind was replaced") {
        failing = full_request(database);
        failing.sources[SourceKind::roads] = fx("roads_zh.geojson");
        failing.sources[SourceKind::hazards] = dir.file("no-such-hazards.geojson");
        expected = "no-such-hazards.geojson";
    }
    SECTION("a bad field mapping file, before anything is read") {
        failing = full_request(database);
        failing.fields_file = dir.write("fields.json", R"({"shelters": {"capacty": "CAP"}})");
        expected = "capacty";
    }
    SECTION("a later kind without roads: townships with a bad population") {
        failing.sources[SourceKind::townships] =
            dir.write("townships.csv", "id,population,lon,lat\nT1,12,14.5,35.9\nT2,x,14.5,35.9\n");
        expected = "feature T2";
    }
    CHECK_THAT(input_error(failing), Contains(expected));
    require_unchanged(before, database);
}

TEST_CASE("A failing first import into a new path leaves no file behind") {
    TempDir dir;
    const std::string database = dir.file("new.sqlite");
    ImportRequest request;
    request.database = database;
    request.sources[SourceKind::roads] = fx("roads.geojson");
    request.sources[SourceKind::shelters] = dir.write(
        "shelters.geojson", R"({"type": "FeatureCollection", "name": "shelters", "features": [
 {"type": "Feature", "properties": {"id": "S1", "class": "fixed", "capacity": -5}, "geometry": {"type": "Point", "coordinates": [14.5, 35.9]}}]})");
    CHECK_THAT(input_error(request), Contains("feature S1"));
    CHECK_FALSE(std::filesystem::exists(database));
    CHECK_FALSE(std::filesystem::exists(database + "-journal"));

    SECTION("nor does a first import without roads") {
        ImportRequest no_roads;
        no_roads.database = database;
        no_roads.sources[SourceKind::shelters] = fx("shelters.geojson");
        CHECK_THAT(input_error(no_roads), Contains("roads"));
        CHECK_FALSE(std::filesystem::exists(database));
    }
}

TEST_CASE("A failed import does not touch a file that is not a resource database") {
    TempDir dir;
    const std::string path = dir.write("notes.sqlite", "my notes, not a database");
    ImportRequest request;
    request.database = path;
    request.sources[SourceKind::roads] = fx("roads.geojson");
    CHECK_THROWS_AS(run_import(request), InputError);
    REQUIRE(std::filesystem::exists(path));
    CHECK(file_bytes(path) == "my notes, not a database");
}

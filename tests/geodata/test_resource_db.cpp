// The resource database: entities and networks written and read back equal, in a new connection;
// what makes a file a muster resource database; and the schema as SQLite's C API (not muster's
// readers) sees it.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/network_builder.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/routing_loader.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::input_error;
using muster::test::run_sql;
using muster::test::TempDir;

namespace {

Ring rectangle(double lon0, double lat0, double lon1, double lat1) {
    return {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
}

// Two polygons, the first with a hole.
MultiPolygon two_parts() {
    MultiPolygon area;
    area.polygons.push_back(
        {{rectangle(14.50, 35.90, 14.52, 35.92), rectangle(14.505, 35.905, 14.51, 35.91)}});
    area.polygons.push_back({{rectangle(14.53, 35.90, 14.54, 35.91)}});
    return area;
}

void check_equal(const MultiPolygon& a, const MultiPolygon& b) {
    REQUIRE(a.polygons.size() == b.polygons.size());
    for (std::size_t p = 0; p < a.polygons.size(); ++p) {
        REQUIRE(a.polygons[p].rings.size() == b.polygons[p].rings.size());
        for (std::size_t r = 0; r < a.polygons[p].rings.size(); ++r) {
            CHECK(a.polygons[p].rings[r] == b.polygons[p].rings[r]);
        }
    }
}

std::vector<Township> townships() {
    Township a{"T1", "Ħal Qormi", 16500, "MT-37", {14.51, 35.91}, two_parts()};
    Township b{"T2", "玄武门街道", std::nullopt, "320102", {118.7901, 32.0722}, std::nullopt};
    return {a, b};
}

std::vector<Shelter> shelters() {
    Shelter a{"S1",
              "Park",
              ShelterClass::emergency,
              1500.0,
              1000,
              CapacitySource::derived_from_area,
              ShelterStatus::open,
              {14.5012, 35.9008},
              std::nullopt};
    MultiPolygon footprint;
    footprint.polygons.push_back({{rectangle(14.50, 35.90, 14.51, 35.91)}});
    Shelter b{"S2",
              "Stadium",
              ShelterClass::central,
              std::nullopt,
              8000,
              CapacitySource::given,
              ShelterStatus::closed,
              {14.505, 35.905},
              footprint};
    return {a, b};
}

std::vector<Depot> depots() {
    Depot a{"D1", "County depot", "MT-04", DepotTier::county, {14.5021, 35.9003}, {}};
    Depot b{"D2", "Provincial depot", "MT", DepotTier::province, {14.6, 35.95}, {}};
    Depot c{"D3", "Central depot", "", DepotTier::central, {14.7, 36.0}, {}};
    return {a, b, c};
}

std::vector<InventoryRow> inventory() {
    return {{"D1", {"tent", 120, "piece"}},
            {"D2", {"water", 5000.5, "litre"}},
            {"D1", {"blanket", 300, "piece"}}};
}

std::vector<Team> teams() {
    return {{"A1", "Ambulance 1", "ambulance", 2, "available", "MT-04", {14.5031, 35.9004}},
            {"F1", "Fire", "fire", 6, "out_of_service", "", {14.5004, 35.9027}}};
}

std::vector<Hospital> hospitals() {
    return {{"H1", "Mater Dei", 10, 25, 60, 15, "MT-04", {14.4794, 35.9021}}};
}

std::vector<HazardZone> hazards() {
    MultiPolygon square;
    square.polygons.push_back({{rectangle(14.50, 35.89, 14.51, 35.90)}});
    return {{"Z1", "Flood", "flood", HazardEffect::closed, 0, square, ""},
            {"Z2", "Slip", "landslide", HazardEffect::slow, 0.5, two_parts(), ""}};
}

void write_everything(ResourceDb& db) {
    db.begin();
    db.replace_townships(townships());
    db.replace_shelters(shelters());
    db.replace_depots(depots());
    db.replace_inventory(inventory(), "inventory.csv:inventory");
    db.replace_teams(teams());
    db.replace_hospitals(hospitals());
    db.replace_hazards(hazards());
    db.commit();
}

RoadWay road(std::string id, std::vector<LonLat> points, WayAccess drive, std::string road_class) {
    RoadWay way;
    way.id = std::move(id);
    way.road_class = std::move(road_class);
    way.points = std::move(points);
    way.drive = drive;
    way.walk = {true, true, 5.0};
    return way;
}

// A small network with a oneway, a bend (a piece with an inner vertex) and two road classes.
RoadNetwork small_network(Profile profile) {
    const std::vector<RoadWay> ways{
        road("a", {{0, 0}, {0.001, 0}, {0.002, 0}}, {true, true, 50}, "primary"),
        road("b", {{0.001, 0}, {0.001, 0.001}, {0.002, 0.0015}}, {true, false, 25}, "residential"),
        road("c", {{0.002, 0}, {0.002, 0.0015}}, {true, true, 25}, "residential"),
    };
    return build_road_network(ways, profile);
}

// A contraction order for a network, the nodes last to first: any permutation will do for
// storage; not the one the importer computes, so a store that ignored it would show.
std::vector<NodeId> reversed_order(const RoadNetwork& network) {
    std::vector<NodeId> order(network.node_count());
    for (std::size_t u = 0; u < order.size(); ++u)
        order[u] = NodeId(static_cast<std::uint32_t>(order.size() - 1 - u));
    return order;
}

// Runs SQL statements through SQLite's C API with CHECK constraints off: writes what muster's
// schema would refuse, as another program or a hand edit with such a connection could.
void tamper(const std::string& database, const std::string& sql) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open(database.c_str(), &raw);
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
    REQUIRE(opened == SQLITE_OK);
    const std::string all = "PRAGMA ignore_check_constraints = ON; " + sql;
    char* message = nullptr;
    const int rc = sqlite3_exec(db.get(), all.c_str(), nullptr, nullptr, &message);
    INFO(sql << ": " << (message ? message : ""));
    sqlite3_free(message);
    REQUIRE(rc == SQLITE_OK);
    REQUIRE(sqlite3_changes(db.get()) == 1);
}

template <class Action>
std::string data_error(Action&& action) {
    try {
        action();
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("expected a DataError");
    return {};
}

}  // namespace

TEST_CASE("Entities written to the resource database read back equal, in a new connection") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        write_everything(db);
    }
    const ResourceDb db = ResourceDb::open_existing(path);

    SECTION("townships, a MultiPolygon with a hole and a point without population") {
        const auto expected = townships();
        const auto got = db.townships();
        REQUIRE(got.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(got[i].id == expected[i].id);
            CHECK(got[i].name == expected[i].name);
            CHECK(got[i].population == expected[i].population);
            CHECK(got[i].region == expected[i].region);
            CHECK(got[i].location == expected[i].location);
            REQUIRE(got[i].area.has_value() == expected[i].area.has_value());
        }
        check_equal(*got[0].area, two_parts());
    }
    SECTION("shelters, with and without a footprint") {
        const auto expected = shelters();
        const auto got = db.shelters();
        REQUIRE(got.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(got[i].id == expected[i].id);
            CHECK(got[i].name == expected[i].name);
            CHECK(got[i].shelter_class == expected[i].shelter_class);
            CHECK(got[i].area_m2 == expected[i].area_m2);
            CHECK(got[i].capacity == expected[i].capacity);
            CHECK(got[i].capacity_source == expected[i].capacity_source);
            CHECK(got[i].status == expected[i].status);
            CHECK(got[i].location == expected[i].location);
            REQUIRE(got[i].footprint.has_value() == expected[i].footprint.has_value());
        }
        check_equal(*got[1].footprint, *expected[1].footprint);
    }
    SECTION("depots, with their inventory rows attached in order") {
        const auto got = db.depots();
        const auto expected = depots();
        REQUIRE(got.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(got[i].id == expected[i].id);
            CHECK(got[i].name == expected[i].name);
            CHECK(got[i].region == expected[i].region);
            CHECK(got[i].tier == expected[i].tier);
            CHECK(got[i].location == expected[i].location);
        }
        REQUIRE(got[0].inventory.size() == 2);  // D1: tent, blanket
        CHECK(got[0].inventory[0].item == "tent");
        CHECK(got[0].inventory[0].quantity == 120);
        CHECK(got[0].inventory[0].unit == "piece");
        CHECK(got[0].inventory[1].item == "blanket");
        REQUIRE(got[1].inventory.size() == 1);  // D2: water
        CHECK(got[1].inventory[0].quantity == 5000.5);
        CHECK(got[1].inventory[0].unit == "litre");
        CHECK(got[2].inventory.empty());
    }
    SECTION("teams, hospitals and hazard zones") {
        const auto t = db.teams();
        REQUIRE(t.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(t[i].id == teams()[i].id);
            CHECK(t[i].kind == teams()[i].kind);
            CHECK(t[i].capacity == teams()[i].capacity);
            CHECK(t[i].status == teams()[i].status);
            CHECK(t[i].region == teams()[i].region);
            CHECK(t[i].location == teams()[i].location);
        }
        const auto h = db.hospitals();
        REQUIRE(h.size() == 1);
        CHECK(h[0].beds_red == 10);
        CHECK(h[0].beds_yellow == 25);
        CHECK(h[0].beds_green == 60);
        CHECK(h[0].beds_surge == 15);
        CHECK(h[0].location == LonLat{14.4794, 35.9021});
        const auto z = db.hazards();
        REQUIRE(z.size() == 2);
        CHECK(z[0].effect == HazardEffect::closed);
        CHECK(z[0].speed_factor == 0);
        CHECK(z[1].effect == HazardEffect::slow);
        CHECK(z[1].speed_factor == 0.5);
        check_equal(z[1].area, two_parts());
    }
    SECTION("resources() gathers all of them") {
        const Resources r = db.resources();
        CHECK(r.townships.size() == 2);
        CHECK(r.shelters.size() == 2);
        CHECK(r.depots.size() == 3);
        CHECK(r.teams.size() == 2);
        CHECK(r.hospitals.size() == 1);
        CHECK(r.hazards.size() == 2);
    }
}

TEST_CASE("replace_* replaces a kind's rows, and depots take their inventory with them") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_or_create(dir.file("db.sqlite"));
    write_everything(db);
    db.replace_townships(std::vector<Township>{townships()[1]});
    REQUIRE(db.townships().size() == 1);
    CHECK(db.townships()[0].id == "T2");

    db.replace_depots(depots());
    for (const Depot& d : db.depots())
        CHECK(d.inventory.empty());
}

TEST_CASE("Inventory of a depot not stored is an InputError naming the row and the id") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_or_create(dir.file("db.sqlite"));
    db.replace_depots(depots());
    // Rows carry the FID of the source row they came from (here: rows 4 and 9 of a file).
    const std::vector<InventoryRow> rows{{"D1", {"tent", 1, "piece"}, 4},
                                         {"D7", {"tent", 1, "piece"}, 9}};
    CHECK_THAT(input_error([&] { db.replace_inventory(rows, "stock.csv:stock"); }),
               Contains("stock.csv:stock") && Contains("row 9") && Contains("'D7'"));
}

TEST_CASE("A road network stored and loaded back has identical arrays") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    const RoadNetwork drive = small_network(Profile::drive);
    const RoadNetwork walk = small_network(Profile::walk);
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        CHECK_FALSE(db.network(Profile::drive));  // nothing stored yet
        db.replace_network(drive, reversed_order(drive));
        db.replace_network(walk, reversed_order(walk));
    }
    const ResourceDb db = ResourceDb::open_existing(path);
    for (const RoadNetwork* stored : {&drive, &walk}) {
        INFO("profile " << to_string(stored->profile()));
        const auto loaded = db.network(stored->profile());
        REQUIRE(loaded);
        CHECK(loaded->profile() == stored->profile());
        const auto& a = stored->arrays();
        const auto& b = loaded->arrays();
        CHECK(b.first_out == a.first_out);
        CHECK(b.head == a.head);
        CHECK(b.length_mm == a.length_mm);
        CHECK(b.duration_ms == a.duration_ms);
        CHECK(b.road_class == a.road_class);
        CHECK(b.edge_piece == a.edge_piece);
        CHECK(b.node_coordinate == a.node_coordinate);
        CHECK(b.piece_first_point == a.piece_first_point);
        CHECK(b.piece_points == a.piece_points);
        CHECK(b.class_names == a.class_names);
        CHECK(db.cch_order(stored->profile()) == reversed_order(*stored));
    }
    // The drive network is not the walk network (b is oneway for cars): the profiles were not mixed
    // up.
    CHECK(db.network(Profile::drive)->edge_count() == drive.edge_count());
    CHECK(drive.edge_count() != walk.edge_count());
}

TEST_CASE("A network stored in many parts loads back whole, and a missing part is named") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    const RoadNetwork drive = small_network(Profile::drive);
    // Nodes at x = 0, 0.001, 0.002 on the axis and the end of b and c; a and c both ways, b one.
    REQUIRE(drive.node_count() == 4);
    REQUIRE(drive.edge_count() == 7);
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        db.store_network_arrays_in_parts_of(10);
        db.replace_network(drive, reversed_order(drive));
    }
    // Parts of 10 bytes hold two 4-byte ids or ten 1-byte road classes: 5 first_out entries in 3
    // parts, 7 heads in 4, 7 classes in 1.
    CHECK(run_sql(path,
                  "SELECT name || ' ' || count(*) || ' ' || sum(length(data)) FROM network_array "
                  "WHERE profile = 'drive' AND name IN ('first_out', 'head', 'road_class') "
                  "GROUP BY name ORDER BY name") == "first_out 3 20\nhead 4 28\nroad_class 1 7\n");
    {
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(db.network(Profile::drive)->arrays() == drive.arrays());
        CHECK(db.cch_order(Profile::drive) == reversed_order(drive));
    }
    const auto load_error = [&] {
        try {
            ResourceDb::open_existing(path).network(Profile::drive);
        } catch (const DataError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    SECTION("a part missing") {
        run_sql(path, "DELETE FROM network_array WHERE name = 'head' AND part = 1");
        CHECK_THAT(load_error(), Contains(path) && Contains("drive network") &&
                                     Contains("'head'") && Contains("lacks part 1"));
    }
    SECTION("an array missing") {
        run_sql(path, "DELETE FROM network_array WHERE name = 'piece_points'");
        CHECK_THAT(load_error(), Contains(path) && Contains("'piece_points' is missing"));
    }
}

TEST_CASE("Storing a network again replaces the profile's network") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_or_create(dir.file("db.sqlite"));
    const RoadNetwork before = small_network(Profile::drive);
    db.replace_network(before, reversed_order(before));
    const std::vector<RoadWay> one{road("x", {{1, 1}, {1.001, 1}}, {true, true, 30}, "tertiary")};
    db.replace_network(build_road_network(one, Profile::drive),
                       std::vector<NodeId>{NodeId(1), NodeId(0)});
    const auto loaded = db.network(Profile::drive);
    REQUIRE(loaded);
    CHECK(loaded->node_count() == 2);
    CHECK(loaded->edge_count() == 2);
    CHECK(db.cch_order(Profile::drive) == std::vector<NodeId>{NodeId(1), NodeId(0)});
}

TEST_CASE("A network's contraction order must fit it, stored and loaded") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    const RoadNetwork drive = small_network(Profile::drive);
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        std::vector<NodeId> short_order = reversed_order(drive);
        short_order.pop_back();
        CHECK_THROWS_AS(db.replace_network(drive, short_order), muster::ContractError);
        CHECK_FALSE(db.network(Profile::drive));  // nothing half-stored
        db.replace_network(drive, reversed_order(drive));
    }
    // A damaged blob (node 0 twice) is refused on load, naming the database and the profile.
    std::vector<NodeId> damaged = reversed_order(drive);
    damaged.back() = damaged.front();
    std::string hex;
    for (NodeId v : damaged) {
        for (int byte = 0; byte < 4; ++byte) {
            char two[3];
            std::snprintf(two, sizeof two, "%02X", (v.value() >> (8 * byte)) & 0xFF);
            hex += two;
        }
    }
    run_sql(path, "UPDATE network_array SET data = X'" + hex +
                      "' WHERE profile = 'drive' AND name = 'cch_order'");
    const ResourceDb db = ResourceDb::open_existing(path);
    try {
        load_routing_graph(db, Profile::drive);
        FAIL("a damaged order was accepted");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Contains(path) && Contains("drive") && Contains("order"));
    }
}

TEST_CASE("A stored word no enum has is a DataError naming the table, row, column and word") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        ResourceDb db = ResourceDb::open_or_create(path);
        write_everything(db);
    }
    // Each table was empty before write_everything, so the rows' fids are 1, 2, ... in order.
    SECTION("depot tier") {
        tamper(path, "UPDATE depot SET tier = 'bogus' WHERE id = 'D2'");
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(data_error([&] { db.depots(); }) ==
              path +
                  ": depot row 2 (id 'D2'): tier 'bogus' is not one of township, county, city, "
                  "province, central");
        CHECK(data_error([&] { db.resources(); }) == data_error([&] { db.depots(); }));
    }
    SECTION("shelter class") {
        tamper(path, "UPDATE shelter SET class = 'temporary' WHERE id = 'S1'");
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(data_error([&] { db.shelters(); }) ==
              path +
                  ": shelter row 1 (id 'S1'): class 'temporary' is not one of emergency, fixed, "
                  "central");
    }
    SECTION("shelter capacity source") {
        tamper(path, "UPDATE shelter SET capacity_source = 'guessed' WHERE id = 'S2'");
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(data_error([&] { db.shelters(); }) ==
              path +
                  ": shelter row 2 (id 'S2'): capacity_source 'guessed' is not one of given, "
                  "derived_from_area");
    }
    SECTION("shelter status") {
        tamper(path, "UPDATE shelter SET status = 'maybe' WHERE id = 'S2'");
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(data_error([&] { db.shelters(); }) ==
              path + ": shelter row 2 (id 'S2'): status 'maybe' is not one of open, closed");
    }
    SECTION("hazard effect") {
        tamper(path, "UPDATE hazard SET effect = '' WHERE id = 'Z1'");
        const ResourceDb db = ResourceDb::open_existing(path);
        CHECK(data_error([&] { db.hazards(); }) ==
              path + ": hazard row 1 (id 'Z1'): effect '' is not one of closed, slow");
    }
}

TEST_CASE("The import log and the problem table read back as written") {
    TempDir dir;
    ResourceDb db = ResourceDb::open_or_create(dir.file("db.sqlite"));
    CHECK(db.next_import_run() == 1);
    ImportLogEntry entry;
    entry.run = 1;
    entry.time = "2024-05-01T08:00:00Z";
    entry.kind = "shelters";
    entry.source = "county.gpkg:shelters";
    entry.filter = "capacity > 0";
    entry.features = 12;
    entry.imported = 11;
    entry.problems = 1;
    entry.warnings = "first\nsecond";
    db.log_import(entry);
    CHECK(db.next_import_run() == 2);
    const auto log = db.import_log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].time == entry.time);
    CHECK(log[0].source == entry.source);
    CHECK(log[0].filter == entry.filter);
    CHECK(log[0].features == 12);
    CHECK(log[0].imported == 11);
    CHECK(log[0].warnings == "first\nsecond");

    const std::vector<Problem> problems{
        {"townships", "t.geojson:t", "T2", "population", "population unknown", LonLat{14.5, 35.9}},
        {"townships", "t.geojson:t", "T3", "", "no geometry", std::nullopt}};
    db.replace_problems("townships", 1, problems);
    db.replace_problems(
        "roads", 1, std::vector<Problem>{{"roads", "r:r", "R1", "", "no geometry", std::nullopt}});
    db.replace_problems("townships", 2,
                        std::vector<Problem>{problems[0]});  // replaces the townships' only
    const auto stored = db.problems();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].kind == "roads");
    CHECK(stored[1].feature_id == "T2");
    CHECK(stored[1].field == "population");
    REQUIRE(stored[1].location);
    CHECK(*stored[1].location == LonLat{14.5, 35.9});
}

TEST_CASE("Every entity table has a spatially indexed WGS84 geometry column") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    { ResourceDb::open_or_create(path); }
    // SpatiaLite's own metadata table, read with plain SQLite.
    const std::string indexed =
        run_sql(path,
                "SELECT f_table_name FROM geometry_columns WHERE f_geometry_column = 'geom' "
                "AND srid = 4326 AND spatial_index_enabled = 1 ORDER BY f_table_name");
    CHECK(indexed == "depot\nhazard\nhospital\nproblem\nroad\nshelter\nteam\ntownship\n");
}

TEST_CASE("open_existing refuses what is not a muster resource database") {
    TempDir dir;
    SECTION("a missing file") {
        const std::string path = dir.file("missing.sqlite");
        CHECK_THAT(input_error([&] { ResourceDb::open_existing(path); }), Contains(path));
        CHECK_FALSE(std::filesystem::exists(path));  // and does not create it
    }
    SECTION("another SQLite database") {
        const std::string path = dir.file("other.sqlite");
        run_sql(path, "CREATE TABLE parcels (id INTEGER PRIMARY KEY, owner TEXT)");
        CHECK_THAT(input_error([&] { ResourceDb::open_existing(path); }),
                   Contains(path) && Contains("not a muster resource database"));
        CHECK_THAT(input_error([&] { ResourceDb::open_or_create(path); }), Contains(path));
    }
    SECTION("a file that is not SQLite at all") {
        const std::string path =
            dir.write("text.sqlite", "just some text, long enough to have a header? no.");
        CHECK_THAT(input_error([&] { ResourceDb::open_existing(path); }), Contains(path));
    }
    SECTION("a resource database of another format version") {
        const std::string path = dir.file("future.sqlite");
        { ResourceDb::open_or_create(path); }
        run_sql(path, "UPDATE muster_meta SET value = '99' WHERE key = 'format_version'");
        CHECK_THAT(input_error([&] { ResourceDb::open_existing(path); }),
                   Contains(path) && Contains("version"));
    }
}

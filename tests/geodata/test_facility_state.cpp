// The facilities and hazard zones the service changes in the resource database
// (geodata/facility_state.cpp, ResourceDb::insert_hazard): a shelter's status and occupancy, a
// hospital's beds, a depot's inventory, a zone added and removed, each read back through SQLite's
// C API (tests/support/sqlite_oracle.hpp) and through muster's readers.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "geodata/resource_db.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"

using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;

namespace {

std::string facilities_db(const TempDir& dir) {
    const std::string path = dir.file("facilities.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    Shelter school;
    school.id = "S1";
    school.name = "School";
    school.capacity = 300;
    school.location = {14.50, 35.90};
    db.replace_shelters(std::vector<Shelter>{school});
    db.replace_hospitals(
        std::vector<Hospital>{{"H1", "Mater Dei", 4, 10, 30, 5, "MT-04", {14.48, 35.90}}});
    db.replace_depots(
        std::vector<Depot>{{"D1", "Depot", "MT-04", DepotTier::county, {14.5, 35.9}, {}}});
    db.replace_inventory(std::vector<InventoryRow>{{"D1", {"water", 100, "L"}, 1},
                                                   {"D1", {"blanket", 20, "piece"}, 2},
                                                   {"D1", {"water", 50, "L"}, 3}},
                         "inventory.csv");
    return path;
}

}  // namespace

TEST_CASE("a shelter's status and occupancy are stored, and a new one has none in it") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    CHECK(run_sql(path, "SELECT status || ' ' || occupancy FROM shelter") == "open 0\n");
    ResourceDb db = ResourceDb::open_existing(path);
    Shelter s = db.shelters().at(0);
    s.status = ShelterStatus::closed;
    s.occupancy = 420;  // above its capacity of 300: stored as it is
    db.update_shelter_state(s);
    CHECK(run_sql(path, "SELECT status || ' ' || occupancy || ' ' || capacity FROM shelter") ==
          "closed 420 300\n");
    CHECK(db.shelters().at(0).occupancy == 420);
    s.id = "S9";
    CHECK_THROWS_AS(db.update_shelter_state(s), InputError);
}

TEST_CASE("a hospital's beds are stored, and an unknown hospital is refused") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    Hospital h = db.hospitals().at(0);
    h.beds_red = 0;
    h.beds_surge = 12;
    db.update_hospital_beds(h);
    CHECK(run_sql(path,
                  "SELECT beds_red || ' ' || beds_yellow || ' ' || beds_green || ' ' || "
                  "beds_surge FROM hospital") == "0 10 30 12\n");
    h.id = "H9";
    CHECK_THROWS_AS(db.update_hospital_beds(h), InputError);
}

TEST_CASE("a depot's inventory is replaced by its rows, other depots' kept") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    Depot d = db.depots().at(0);
    REQUIRE(d.inventory.size() == 3);
    d.inventory = {{"water", 1200, "L"}, {"tent", 4, ""}};
    db.replace_depot_inventory(d);
    CHECK(run_sql(path,
                  "SELECT item || ' ' || quantity || ' ' || unit FROM inventory ORDER BY "
                  "item") == "tent 4.0 \nwater 1200.0 L\n");
    d.id = "D9";
    CHECK_THROWS_AS(db.replace_depot_inventory(d), InputError);
    CHECK(run_sql(path, "SELECT COUNT(*) FROM inventory") == "2\n");
}

TEST_CASE("a zone is stored with its road class, one over the world without geometry") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    HazardZone flood;
    flood.id = "flood";
    flood.effect = HazardEffect::slow;
    flood.speed_factor = 0.5;
    flood.area.polygons.push_back({{{{14.4, 35.8}, {14.6, 35.8}, {14.6, 36.0}, {14.4, 35.8}}}});
    db.insert_hazard(flood);
    db.insert_hazard(all_ferries_closed());
    CHECK(run_sql(path,
                  "SELECT id || ' ' || effect || ' ' || COALESCE(speed_factor, '-') || ' ' "
                  "|| COALESCE(road_class, '-') || ' ' || (geom IS NOT NULL) FROM hazard "
                  "ORDER BY fid") == "flood slow 0.5 - 1\nferries closed - ferry 0\n");
    const std::vector<HazardZone> zones = db.hazards();
    REQUIRE(zones.size() == 2);
    CHECK(zones[0].road_class.empty());
    CHECK(zones[0].area.polygons.at(0).rings == flood.area.polygons[0].rings);
    CHECK(zones[1].road_class == "ferry");
    CHECK(zones[1].area.polygons.at(0).rings == all_ferries_closed().area.polygons[0].rings);
    // A ferry zone with an area of its own keeps it.
    HazardZone strait = all_ferries_closed();
    strait.id = "strait";
    strait.area = flood.area;
    db.insert_hazard(strait);
    CHECK(run_sql(path, "SELECT (geom IS NOT NULL) FROM hazard WHERE id = 'strait'") == "1\n");

    CHECK_THROWS_AS(db.insert_hazard(flood), Error);  // its id is stored
    CHECK(db.delete_hazard("flood"));
    CHECK_FALSE(db.delete_hazard("flood"));
    CHECK(run_sql(path, "SELECT id FROM hazard ORDER BY fid") == "ferries\nstrait\n");
}

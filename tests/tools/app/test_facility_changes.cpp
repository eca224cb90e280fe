// The facility changes of `muster serve` (tools/app/facility_changes.hpp): each is in the
// database with its event before the next state is published, a state a query holds never
// changes, and a refused change writes and publishes nothing. The database is read back through
// SQLite's C API (tests/support/sqlite_oracle.hpp), not muster's.

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/app/facility_changes.hpp"
#include "tools/app/query_error.hpp"

using namespace muster;
using muster::test::run_sql;
using muster::test::TempDir;
using tools::LiveResources;

namespace {

std::string facilities_db(const TempDir& dir) {
    const std::string path = dir.file("live.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    Shelter hall;
    hall.id = "S1";
    hall.capacity = 100;
    db.replace_shelters(std::vector<Shelter>{hall});
    db.replace_hospitals(
        std::vector<Hospital>{{"H1", "Mater Dei", 4, 10, 30, 5, "", {14.5, 35.9}}});
    db.replace_depots(std::vector<Depot>{{"D1", "Depot", "", DepotTier::county, {14.5, 35.9}, {}}});
    db.replace_inventory(std::vector<InventoryRow>{{"D1", {"water", 100, "L"}, 1},
                                                   {"D1", {"blanket", 20, "piece"}, 2},
                                                   {"D1", {"water", 50, "L"}, 3}},
                         "inventory.csv");
    return path;
}

std::string shelter_text(const Shelter& s) {
    return std::string(to_string(s.status)) + " " + std::to_string(s.occupancy);
}
std::string hospital_text(const Hospital& h) {
    return std::to_string(h.beds_red) + " " + std::to_string(h.beds_surge);
}
std::string depot_text(const Depot& d) {
    std::string out;
    for (const InventoryItem& i : d.inventory)
        out += i.item + "=" + std::to_string(static_cast<int>(i.quantity)) + i.unit + " ";
    return out;
}

/// The code of the QueryError `change` throws (a failure if it throws none).
template <class Change>
tools::ErrorCode refusal(Change&& change) {
    try {
        change();
    } catch (const tools::QueryError& e) {
        return e.code();
    }
    FAIL("the change was taken");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a shelter closed in Chinese is stored with its event, a held state stays open") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    const auto held = live.current();
    const tools::Committed done =
        tools::update_shelter(live, "S1", {"停用", 130}, "planner-li", shelter_text);
    CHECK(done.state->version == 1);
    CHECK(done.state->resources.shelters[0].status == ShelterStatus::closed);
    CHECK(done.state->resources.shelters[0].occupancy == 130);
    CHECK(held->resources.shelters[0].status == ShelterStatus::open);
    CHECK(live.current() == done.state);
    CHECK(run_sql(path, "SELECT status || ' ' || occupancy FROM shelter") == "closed 130\n");
    CHECK(run_sql(path,
                  "SELECT user || '|' || kind || '|' || target || '|' || action || '|' || "
                  "before || '|' || after FROM event") ==
          "planner-li|shelter|S1|update|open 0|closed 130\n");
    // A status alone keeps the occupancy.
    tools::update_shelter(live, "S1", {"open", std::nullopt}, "planner-li", shelter_text);
    CHECK(run_sql(path, "SELECT status || ' ' || occupancy FROM shelter") == "open 130\n");
}

TEST_CASE("a hospital's beds and a depot's stock are set, the other counts and items kept") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    tools::update_hospital(live, "H1", {0, std::nullopt, std::nullopt, 8}, "dispatch-1",
                           hospital_text);
    CHECK(run_sql(path,
                  "SELECT beds_red || ' ' || beds_yellow || ' ' || beds_green || ' ' || "
                  "beds_surge FROM hospital") == "0 10 30 8\n");
    // water's two rows (100 + 50 L) become one of 400 L; tents are new; blankets are kept.
    const tools::Committed done = tools::update_depot_stock(
        live, "D1", {{{"water", 400, std::nullopt}, {"tent", 6, "piece"}}}, "dispatch-1",
        depot_text);
    CHECK(done.state->version == 2);
    CHECK(depot_text(done.state->resources.depots[0]) == "water=400L blanket=20piece tent=6piece ");
    CHECK(run_sql(path,
                  "SELECT item || ' ' || quantity || ' ' || unit FROM inventory ORDER BY "
                  "item") == "blanket 20.0 piece\ntent 6.0 piece\nwater 400.0 L\n");
    CHECK(run_sql(path, "SELECT before FROM event WHERE seq = 2") ==
          "water=100L blanket=20piece water=50L \n");
}

TEST_CASE("a refused facility change writes and publishes nothing") {
    TempDir dir;
    const std::string path = facilities_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live(db);
    const auto before = live.current();
    using tools::ErrorCode;
    CHECK(refusal([&] {
              tools::update_shelter(live, "S9", {"open", {}}, "u", shelter_text);
          }) == ErrorCode::NotFound);
    CHECK(refusal([&] {
              tools::update_shelter(live, "S1", {"flooded", {}}, "u", shelter_text);
          }) == ErrorCode::InvalidValue);
    CHECK(refusal([&] {
              tools::update_shelter(live, "S1", {{}, -1}, "u", shelter_text);
          }) == ErrorCode::InvalidValue);
    CHECK(refusal([&] {
              tools::update_hospital(live, "H1", {1, -1, {}, {}}, "u", hospital_text);
          }) == ErrorCode::InvalidValue);
    CHECK(refusal([&] {
              tools::update_depot_stock(live, "D1", {{{"water", -5, {}}}}, "u", depot_text);
          }) == ErrorCode::InvalidValue);
    CHECK(refusal([&] {
              tools::update_depot_stock(live, "D1", {{{"water", 1, {}}, {"water", 2, {}}}}, "u",
                                        depot_text);
          }) == ErrorCode::InvalidValue);
    CHECK(live.current() == before);
    CHECK(run_sql(path, "SELECT COUNT(*) FROM event") == "0\n");
    CHECK(run_sql(path, "SELECT status || ' ' || occupancy FROM shelter") == "open 0\n");
    CHECK(run_sql(path, "SELECT beds_red || ' ' || beds_yellow FROM hospital") == "4 10\n");
    CHECK(run_sql(path, "SELECT COUNT(*) FROM inventory") == "3\n");
}

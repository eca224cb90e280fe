// The bundled samples end to end: `muster import` exactly as `make demo` runs it, then
// `muster info --format json`, every figure checked against GDAL's ogrinfo (SQLite dialect, with
// SpatiaLite's geodesic ST_Length) run on the same source files. Nothing expected here comes from
// muster itself.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/ogr_oracle.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::test::as_int;
using muster::test::as_real;
using muster::test::by_key;
using muster::test::ogr_sql;
using muster::test::OgrRow;
using muster::test::quote;
using muster::test::run_command;
using muster::test::sample;
using muster::test::TempDir;
using muster::test::value;
using nlohmann::json;

// ---- muster --------------------------------------------------------------------------------

struct Imported {
    TempDir dir;
    std::string db;
    std::string import_output;
    json info;
};

/// `muster import` of every layer of a sample, as the Makefile's demo target runs it for Malta,
/// then `muster info --format json`.
void import_sample(Imported& out, const std::string& name, const std::string& roads_file) {
    out.db = out.dir.file(name + ".sqlite");
    const auto src = [&](const std::string& file) { return quote(sample(name + "/" + file)); };
    const std::string command =
        quote(MUSTER_BINARY) + " import " + quote(out.db) + " --roads " + src(roads_file) +
        ":lines" + " --townships " + src("townships.geojson") + " --shelters " +
        src("shelters.geojson") + " --depots " + src("depots.geojson") + " --inventory " +
        src("inventory.csv") + " --teams " + src("teams.geojson") + " --hospitals " +
        src("hospitals.geojson") + " --hazards " + src("hazards.geojson");
    const int status = run_command(command, &out.import_output);
    INFO(command << "\n" << out.import_output);
    REQUIRE(status == 0);
    std::string text;
    REQUIRE(run_command(quote(MUSTER_BINARY) + " info " + quote(out.db) + " --format json",
                        &text) == 0);
    out.info = json::parse(text);
}

const Imported& malta() {
    static Imported imported;
    static bool done = false;
    if (!done) {
        import_sample(imported, "malta", "malta-latest.osm.pbf");
        done = true;
    }
    return imported;
}

const Imported& liechtenstein() {
    static Imported imported;
    static bool done = false;
    if (!done) {
        import_sample(imported, "liechtenstein", "liechtenstein-latest.osm.pbf");
        done = true;
    }
    return imported;
}

const json& log_entry(const json& info, const std::string& kind) {
    for (const json& entry : info.at("import_log")) {
        if (entry.at("kind") == kind)
            return entry;
    }
    FAIL("no import log entry of kind " << kind);
    throw std::logic_error("unreachable");
}

// ---- entity checks, shared by both samples ---------------------------------------------------

void check_entities(const std::string& name, const json& info) {
    const auto file = [&](const std::string& f) { return sample(name + "/" + f); };

    SECTION("townships: count and the sum of the known populations") {
        const OgrRow t = ogr_sql(file("townships.geojson"),
                                 "SELECT COUNT(*) AS n, SUM(population) AS population, "
                                 "COUNT(*) - COUNT(population) AS unknown FROM townships")[0];
        CHECK(info.at("townships").at("count").get<std::int64_t>() == as_int(t, "n"));
        CHECK(info.at("townships").at("population").get<std::int64_t>() == as_int(t, "population"));
        CHECK(info.at("townships").at("without_population").get<std::int64_t>() ==
              as_int(t, "unknown"));
        // Each township without a population is reported as a problem, not silently counted.
        CHECK(info.at("problems_by_kind").value("townships", std::int64_t{0}) ==
              as_int(t, "unknown"));
        CHECK(log_entry(info, "townships").at("imported").get<std::int64_t>() == as_int(t, "n"));
    }

    SECTION("shelters: count and capacity, given or floor(area_m2 / 1.5), per class") {
        // CAST(x AS INTEGER) truncates, which is floor for the non-negative areas.
        const auto rows = by_key(
            ogr_sql(file("shelters.geojson"),
                    "SELECT class, COUNT(*) AS n, SUM(CASE WHEN capacity IS NOT NULL "
                    "THEN CAST(capacity AS INTEGER) ELSE CAST(area_m2 / 1.5 AS INTEGER) END) "
                    "AS capacity FROM shelters GROUP BY class"),
            "class");
        std::int64_t count = 0, capacity = 0;
        const json& by_class = info.at("shelters").at("by_class");
        CHECK(by_class.size() == rows.size());
        for (const auto& [shelter_class, row] : rows) {
            INFO("class " << shelter_class);
            REQUIRE(by_class.contains(shelter_class));
            CHECK(by_class.at(shelter_class).at("count").get<std::int64_t>() == as_int(row, "n"));
            CHECK(by_class.at(shelter_class).at("capacity").get<std::int64_t>() ==
                  as_int(row, "capacity"));
            count += as_int(row, "n");
            capacity += as_int(row, "capacity");
        }
        CHECK(info.at("shelters").at("count").get<std::int64_t>() == count);
        CHECK(info.at("shelters").at("capacity").get<std::int64_t>() == capacity);
    }

    SECTION("depots: count per tier, and the inventory totals per item and unit") {
        const auto tiers = by_key(
            ogr_sql(file("depots.geojson"), "SELECT tier, COUNT(*) AS n FROM depots GROUP BY tier"),
            "tier");
        std::int64_t count = 0;
        const json& by_tier = info.at("depots").at("by_tier");
        CHECK(by_tier.size() == tiers.size());
        for (const auto& [tier, row] : tiers) {
            INFO("tier " << tier);
            CHECK(by_tier.value(tier, std::int64_t{-1}) == as_int(row, "n"));
            count += as_int(row, "n");
        }
        CHECK(info.at("depots").at("count").get<std::int64_t>() == count);

        const auto stock = ogr_sql(file("inventory.csv"),
                                   "SELECT item, unit, SUM(CAST(quantity AS REAL)) AS quantity "
                                   "FROM inventory GROUP BY item, unit");
        const json& stored = info.at("depots").at("stock");
        std::size_t stored_totals = 0;
        for (const auto& [item, by_unit] : stored.items())
            stored_totals += by_unit.size();
        CHECK(stored_totals == stock.size());
        for (const OgrRow& row : stock) {
            const std::string& item = value(row, "item");
            const std::string& unit = value(row, "unit");
            INFO("item " << item << " in " << unit);
            REQUIRE(stored.contains(item));
            REQUIRE(stored.at(item).contains(unit));
            CHECK(stored.at(item).at(unit).get<double>() == Approx(as_real(row, "quantity")));
        }
    }

    SECTION("teams: count per kind, and how many are available") {
        const auto kinds =
            by_key(ogr_sql(file("teams.geojson"),
                           "SELECT kind, COUNT(*) AS n, SUM(CASE WHEN status = 'available' "
                           "THEN 1 ELSE 0 END) AS available FROM teams GROUP BY kind"),
                   "kind");
        std::int64_t count = 0;
        const json& by_kind = info.at("teams").at("by_kind");
        CHECK(by_kind.size() == kinds.size());
        for (const auto& [kind, row] : kinds) {
            INFO("kind " << kind);
            REQUIRE(by_kind.contains(kind));
            CHECK(by_kind.at(kind).at("count").get<std::int64_t>() == as_int(row, "n"));
            CHECK(by_kind.at(kind).at("available").get<std::int64_t>() == as_int(row, "available"));
            count += as_int(row, "n");
        }
        CHECK(info.at("teams").at("count").get<std::int64_t>() == count);
    }

    SECTION("hospitals: count and beds per triage category") {
        const OgrRow h =
            ogr_sql(file("hospitals.geojson"),
                    "SELECT COUNT(*) AS n, SUM(beds_red) AS red, SUM(beds_yellow) AS yellow, "
                    "SUM(beds_green) AS green, SUM(beds_surge) AS surge FROM hospitals")[0];
        const json& hospitals = info.at("hospitals");
        CHECK(hospitals.at("count").get<std::int64_t>() == as_int(h, "n"));
        for (const char* category : {"red", "yellow", "green", "surge"}) {
            INFO("beds " << category);
            CHECK(hospitals.at("beds").at(category).get<std::int64_t>() == as_int(h, category));
        }
    }

    SECTION("hazards: count, and how many close their roads") {
        // docs/fields.md: effect closed or slow; without one, closed unless a speed factor is
        // given.
        const OgrRow z =
            ogr_sql(file("hazards.geojson"),
                    "SELECT COUNT(*) AS n, SUM(CASE WHEN effect = 'closed' OR (effect IS NULL AND "
                    "speed_factor IS NULL) THEN 1 ELSE 0 END) AS closed FROM hazards")[0];
        CHECK(info.at("hazards").at("count").get<std::int64_t>() == as_int(z, "n"));
        CHECK(info.at("hazards").at("closed").get<std::int64_t>() == as_int(z, "closed"));
    }
}

// ---- road checks ---------------------------------------------------------------------------

// The OSM rules of engine/road_profile.hpp written out in SQL over GDAL's OSM `lines` layer (its
// `highway` column and the `other_tags` hstore), as a second implementation to compare with:
//   drive: a class of OSRM's car profile; the most specific of motorcar, motor_vehicle, vehicle,
//          access that grants or denies decides; oneway=reversible/alternating ways are left out;
//   walk:  every drivable class but motorway(_link), plus the footway family; left out by a
//          denying foot tag, or by a denying access tag unless foot grants;
//   ferry: a line with route=ferry, whatever its highway, of class "ferry": cars and people as
//          above, without the class and oneway conditions.
// Lengths are SpatiaLite's geodesic lengths on the WGS84 ellipsoid (ST_Length(geom, 1)).
const std::string kDeny = "('no','private','agricultural','forestry','military')";
const std::string kGrant = "('yes','designated','permissive','destination','customers','delivery')";
const std::string kDriveClasses =
    "('motorway','motorway_link','trunk','trunk_link','primary','primary_link','secondary',"
    "'secondary_link','tertiary','tertiary_link','unclassified','residential','living_street',"
    "'service','road')";
const std::string kWalkClasses =
    "('trunk','trunk_link','primary','primary_link','secondary','secondary_link','tertiary',"
    "'tertiary_link','unclassified','residential','living_street','service','road','footway',"
    "'path','pedestrian','steps','track','cycleway','bridleway','corridor','platform','elevator',"
    "'crossing','sidewalk')";

std::string tag(const std::string& key) {
    return "hstore_get_value(other_tags, '" + key + "')";
}

std::string road_oracle_sql() {
    const std::string ferry = "(COALESCE(" + tag("route") + ", '') = 'ferry')";
    std::string car_allowed = "CASE";
    for (const char* key : {"motorcar", "motor_vehicle", "vehicle"}) {
        car_allowed += " WHEN " + tag(key) + " IN " + kDeny + " THEN 0 WHEN " + tag(key) + " IN " +
                       kGrant + " THEN 1";
    }
    car_allowed += " WHEN " + tag("access") + " IN " + kDeny + " THEN 0 ELSE 1 END";
    const std::string drive_ok =
        "((" + ferry + " OR (highway IN " + kDriveClasses + " AND COALESCE(" + tag("oneway") +
        ", '') NOT IN ('reversible','alternating'))) AND " + car_allowed + " = 1)";
    const std::string walk_ok = "((" + ferry + " OR highway IN " + kWalkClasses +
                                ") AND COALESCE(" + tag("foot") + ", '') NOT IN " + kDeny +
                                " AND (COALESCE(" + tag("foot") + ", '') IN " + kGrant +
                                " OR COALESCE(" + tag("access") + ", '') NOT IN " + kDeny + "))";
    std::string sql =
        "SELECT CASE WHEN " + ferry + " THEN 'ferry' ELSE highway END AS class, " + "COUNT(*) AS n";
    const auto column = [&sql](const char* aggregate, const std::string& condition,
                               const char* expression, const char* alias) {
        sql += std::string(", ") + aggregate + "(CASE WHEN " + condition + " THEN " + expression +
               " END) AS " + alias;
    };
    column("COUNT", drive_ok + " OR " + walk_ok, "1", "routable");
    column("COUNT", drive_ok, "1", "drive_ways");
    column("SUM", drive_ok, "ST_Length(GEOMETRY, 1)", "drive_m");
    column("SUM", walk_ok, "ST_Length(GEOMETRY, 1)", "walk_m");
    column("SUM", drive_ok, "ST_NPoints(GEOMETRY)", "drive_points");
    column("MIN", drive_ok, "ST_MinX(GEOMETRY)", "min_x");
    column("MIN", drive_ok, "ST_MinY(GEOMETRY)", "min_y");
    column("MAX", drive_ok, "ST_MaxX(GEOMETRY)", "max_x");
    column("MAX", drive_ok, "ST_MaxY(GEOMETRY)", "max_y");
    return sql + " FROM lines GROUP BY class";
}

struct RoadOracle {
    std::int64_t lines = 0;     // every feature of the lines layer
    std::int64_t highways = 0;  // lines with a highway class muster's profiles know, or ferries
    std::int64_t routable = 0;  // usable by car or on foot
    std::int64_t drive_ways = 0;
    std::int64_t drive_points = 0;  // vertices of the drivable ways
    double drive_m = 0, walk_m = 0;
    std::map<std::string, double> drive_m_by_class, walk_m_by_class;
    double min_x = 1e9, min_y = 1e9, max_x = -1e9, max_y = -1e9;  // extent of the drivable ways
};

RoadOracle road_oracle(const std::string& pbf) {
    RoadOracle o;
    for (const OgrRow& row : ogr_sql(pbf, road_oracle_sql())) {
        const std::string& highway = value(row, "class");
        o.lines += as_int(row, "n");
        const std::string listed = "'" + highway + "'";
        if (kDriveClasses.find(listed) != std::string::npos ||
            kWalkClasses.find(listed) != std::string::npos || highway == "ferry") {
            o.highways += as_int(row, "n");
        }
        o.routable += as_int(row, "routable");
        o.drive_ways += as_int(row, "drive_ways");
        o.drive_points += as_int(row, "drive_points");
        o.drive_m += as_real(row, "drive_m");
        o.walk_m += as_real(row, "walk_m");
        if (as_real(row, "drive_m") > 0)
            o.drive_m_by_class[highway] = as_real(row, "drive_m");
        if (as_real(row, "walk_m") > 0)
            o.walk_m_by_class[highway] = as_real(row, "walk_m");
        if (value(row, "min_x") != "(null)") {
            o.min_x = std::min(o.min_x, as_real(row, "min_x"));
            o.min_y = std::min(o.min_y, as_real(row, "min_y"));
            o.max_x = std::max(o.max_x, as_real(row, "max_x"));
            o.max_y = std::max(o.max_y, as_real(row, "max_y"));
        }
    }
    return o;
}

/// Stored lengths are whole millimetres per piece of road: allow 0.5 mm per directed edge (more
/// than one per piece), 0.05 m for the JSON's rounding to 0.1 m, and 1e-7 for the two geodesic
/// implementations.
Approx road_length(double oracle_m, const json& network) {
    return Approx(oracle_m).epsilon(1e-7).margin(0.0005 * network.at("edges").get<double>() + 0.05);
}

void check_lengths(const json& network, double total_m,
                   const std::map<std::string, double>& by_class) {
    CHECK(network.at("length_m").get<double>() == road_length(total_m, network));
    const json& stored = network.at("length_m_by_class");
    CHECK(stored.size() == by_class.size());
    for (const auto& [road_class, metres] : by_class) {
        INFO("class " << road_class);
        REQUIRE(stored.contains(road_class));
        CHECK(stored.at(road_class).get<double>() == road_length(metres, network));
    }
}

struct Box {
    double min_lon, min_lat, max_lon, max_lat;
};

void check_inside(const json& bounds, Box box) {
    INFO("bounds " << bounds.dump());
    REQUIRE(bounds.is_array());
    REQUIRE(bounds.size() == 4);
    CHECK(bounds[0].get<double>() >= box.min_lon);
    CHECK(bounds[1].get<double>() >= box.min_lat);
    CHECK(bounds[2].get<double>() <= box.max_lon);
    CHECK(bounds[3].get<double>() <= box.max_lat);
    CHECK(bounds[0].get<double>() < bounds[2].get<double>());
    CHECK(bounds[1].get<double>() < bounds[3].get<double>());
}

std::int64_t db_count(const std::string& db, const std::string& table) {
    return as_int(ogr_sql(db, "SELECT COUNT(*) AS n FROM " + table)[0], "n");
}

void check_roads(const Imported& imported, const RoadOracle& o) {
    const json& info = imported.info;
    const json& roads = log_entry(info, "roads");
    // Every line of the layer is read; every routable one is kept, and no other.
    CHECK(roads.at("features").get<std::int64_t>() == o.lines);
    CHECK(roads.at("imported").get<std::int64_t>() == o.routable);
    CHECK(roads.at("imported").get<std::int64_t>() <= o.highways);
    CHECK(roads.at("problems").get<std::int64_t>() == 0);
    // Read back from the database file by GDAL, not by muster.
    CHECK(db_count(imported.db, "road") == o.routable);

    const json& drive = info.at("network");
    const json& walk = info.at("walk_network");
    check_lengths(drive, o.drive_m, o.drive_m_by_class);
    check_lengths(walk, o.walk_m, o.walk_m_by_class);

    // Nodes are vertices of the drivable ways (ends and shared ones), so no more than all of them;
    // every drivable way gives at least one piece and every piece at most two directed edges over
    // at least one of the way's segments.
    const auto nodes = drive.at("nodes").get<std::int64_t>();
    const auto edges = drive.at("edges").get<std::int64_t>();
    CHECK(nodes > 0);
    CHECK(nodes <= o.drive_points);
    CHECK(edges >= o.drive_ways);
    CHECK(edges <= 2 * (o.drive_points - o.drive_ways));
    // Walking uses nearly every drivable way and footways, paths and tracks besides.
    CHECK(nodes < walk.at("nodes").get<std::int64_t>());
    CHECK(edges < walk.at("edges").get<std::int64_t>());
    // The largest component is never small, so fewer components are small than there are.
    CHECK(drive.at("largest_component_nodes").get<std::int64_t>() <= nodes);
    CHECK(drive.at("small_components").get<std::int64_t>() <
          drive.at("components").get<std::int64_t>());

    // Network nodes lie on the drivable ways (a little slack for the 1e-7° fixed point).
    check_inside(drive.at("bounds"),
                 {o.min_x - 1e-7, o.min_y - 1e-7, o.max_x + 1e-7, o.max_y + 1e-7});
}

}  // namespace

TEST_CASE("Malta sample: muster info agrees with ogrinfo on every source") {
    const Imported& m = malta();
    const std::string pbf = sample("malta/malta-latest.osm.pbf");
    // Malta and Gozo, from a map: 14.18–14.58 E, 35.78–36.09 N. The drive network reaches
    // Pozzallo in Sicily (14.83 E, 36.72 N), where the Virtu ferry from Valletta lands.
    const Box malta_box{14.18, 35.78, 14.58, 36.09};
    const Box network_box{14.18, 35.78, 14.84, 36.72};

    check_entities("malta", m.info);

    SECTION("roads and networks agree with the OSM lines layer") {
        const RoadOracle o = road_oracle(pbf);
        check_roads(m, o);
        check_inside(m.info.at("network").at("bounds"), network_box);
        check_inside(m.info.at("bounds").at("resources"), malta_box);

        const json& drive = m.info.at("network");
        // The CIA World Factbook gives Malta 3,096 km of roads (2008; 2,254 km in 2003). OSM's
        // drivable ways, service roads included, should be of that order.
        CHECK(drive.at("length_m").get<double>() > 1'500'000);
        CHECK(drive.at("length_m").get<double>() < 4'000'000);
        // Malta and Gozo are two islands joined by the Gozo Channel ferry: one component of real
        // size, every other one small. Gozo has about a fifth of the land (67 of 316 km²), so
        // without the ferry the largest component (Malta) would hold well under 95 % of the
        // nodes; with it, nearly all.
        const auto nodes = drive.at("nodes").get<double>();
        CHECK(drive.at("components").get<std::int64_t>() >= 1);
        CHECK(drive.at("small_components").get<std::int64_t>() ==
              drive.at("components").get<std::int64_t>() - 1);
        CHECK(drive.at("largest_component_nodes").get<double>() > 0.95 * nodes);
    }
}

TEST_CASE("Liechtenstein sample: muster info agrees with ogrinfo on every source") {
    const Imported& li = liechtenstein();
    const std::string pbf = sample("liechtenstein/liechtenstein-latest.osm.pbf");

    check_entities("liechtenstein", li.info);

    SECTION("roads and networks agree with the OSM lines layer") {
        const RoadOracle o = road_oracle(pbf);
        check_roads(li, o);
        // Every facility is inside a municipality: Liechtenstein spans 9.47–9.64 E, 47.04–47.28 N.
        check_inside(li.info.at("bounds").at("resources"), {9.47, 47.04, 9.64, 47.28});
        // One country with one road network: a single component of real size.
        const json& drive = li.info.at("network");
        CHECK(drive.at("small_components").get<std::int64_t>() ==
              drive.at("components").get<std::int64_t>() - 1);
        // 160 km² of mostly mountains; a few hundred km of drivable road is plausible, not
        // thousands.
        CHECK(drive.at("length_m").get<double>() > 150'000);
        CHECK(drive.at("length_m").get<double>() < 1'500'000);
    }
}

// Every GIS layer the command line writes, on the tiny maps of tests/fixtures, read back by GDAL:
// the conventions of docs/outputs.md (names, units, titles, short names) hold for every layer
// and field, and values worked out by hand stand where they should (a township's covered_pct, a
// closed shelter with its reason, a shelter fully supplied with fill rate 100, a name beside an
// id).
//
// The service-area layers (`muster isochrone`) are not walked here: their fields are being
// reworked on their own (tools/present/service_area_layers.hpp).

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/relief_map.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/present/messages.hpp"

namespace {

using namespace muster::test;
using muster::tools::field_description;
using muster::tools::field_short_name;
using muster::tools::field_title;
using muster::tools::Language;

// SQL reserved words (SQL:2016, SQLite, PostgreSQL) an analyst's query would trip over, and
// the words docs/outputs.md names.
const std::set<std::string> kReserved = {
    "all",      "and",       "any",     "as",     "asc",        "between", "by",      "case",
    "cast",     "check",     "class",   "column", "create",     "cross",   "current", "date",
    "day",      "default",   "delete",  "desc",   "distinct",   "drop",    "else",    "end",
    "except",   "exists",    "foreign", "from",   "full",       "group",   "having",  "hour",
    "in",       "index",     "inner",   "insert", "interval",   "is",      "join",    "key",
    "left",     "level",     "like",    "limit",  "minute",     "month",   "natural", "not",
    "null",     "offset",    "on",      "or",     "order",      "outer",   "over",    "partition",
    "position", "primary",   "range",   "rank",   "references", "right",   "route",   "row",
    "rows",     "second",    "section", "select", "set",        "some",    "table",   "then",
    "time",     "timestamp", "to",      "union",  "unique",     "update",  "user",    "using",
    "value",    "values",    "when",    "where",  "window",     "with",    "year",    "zone"};

struct GdalCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, GdalCloser>;

Dataset open_vector(const std::string& path) {
    GDALAllRegister();
    Dataset dataset(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    INFO(path);
    REQUIRE(dataset);
    return dataset;
}

/// The columns of `layer` that gpkg_data_columns gives a title.
std::set<std::string> titled_columns(GDALDataset& dataset, const std::string& layer) {
    std::set<std::string> out;
    const std::string sql =
        "SELECT column_name FROM gpkg_data_columns WHERE title IS NOT NULL AND title <> '' AND "
        "table_name = '" +
        layer + "'";
    OGRLayer* rows = dataset.ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    REQUIRE(rows);
    for (auto& feature : *rows)
        out.insert(feature->GetFieldAsString(0));
    dataset.ReleaseResultSet(rows);
    return out;
}

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

/// Checks every layer and field of the GeoPackage `path` against docs/outputs.md's conventions;
/// returns the layer names.
std::vector<std::string> check_conventions(const std::string& path) {
    static const std::regex snake_case("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    Dataset dataset = open_vector(path);
    std::vector<std::string> names;
    for (OGRLayer* layer : dataset->GetLayers()) {
        const std::string name = layer->GetName();
        // QGIS's table of the layers' styles keeps QGIS's own column names.
        if (name == "layer_styles")
            continue;
        names.push_back(name);
        INFO("layer " << name << " of " << path);
        CHECK(std::regex_match(name, snake_case));
        CHECK(kReserved.count(name) == 0);
        const std::set<std::string> titled = titled_columns(*dataset, name);
        OGRFeatureDefn* definition = layer->GetLayerDefn();
        std::set<std::string> dbase_names, titles_en, titles_zh;
        for (int i = 0; i < definition->GetFieldCount(); ++i) {
            const std::string field = definition->GetFieldDefn(i)->GetNameRef();
            INFO("field " << field);
            CHECK(std::regex_match(field, snake_case));
            CHECK(kReserved.count(field) == 0);
            // In the catalogue, both languages; written with its title.
            CHECK_FALSE(field_title(field, Language::en).empty());
            CHECK_FALSE(field_title(field, Language::zh).empty());
            CHECK_FALSE(field_description(field, Language::en).empty());
            CHECK_FALSE(field_description(field, Language::zh).empty());
            CHECK(titled.count(field) == 1);
            // Titles unique in the table (gpkg_data_columns requires it), in both languages.
            CHECK(titles_en.insert(field_title(field, Language::en)).second);
            CHECK(titles_zh.insert(field_title(field, Language::zh)).second);
            // A Shapefile's name: the short name of a long name, unique in the table.
            const std::string short_name = field_short_name(field);
            if (field.size() > 10) {
                CHECK_FALSE(short_name.empty());
                CHECK(short_name.size() <= 10);
            } else {
                CHECK(short_name.empty());
            }
            CHECK(dbase_names.insert(short_name.empty() ? field : short_name).second);
        }
        // Values in range: times and distances not negative, shares within 0..100, times and
        // shares to their 0.01 and 0.1.
        layer->ResetReading();
        for (auto& feature : *layer) {
            for (int i = 0; i < definition->GetFieldCount(); ++i) {
                const std::string field = definition->GetFieldDefn(i)->GetNameRef();
                if (!feature->IsFieldSetAndNotNull(i))
                    continue;
                const double v = feature->GetFieldAsDouble(i);
                INFO("field " << field << " = " << v);
                if (ends_with(field, "_min")) {
                    CHECK(v >= 0);
                    CHECK(std::fabs(v * 100 - std::round(v * 100)) < 1e-6);
                } else if (ends_with(field, "_m")) {
                    CHECK(v >= 0);
                } else if (ends_with(field, "_pct")) {
                    CHECK(v >= 0);
                    CHECK(v <= 100);
                    CHECK(std::fabs(v * 10 - std::round(v * 10)) < 1e-6);
                }
            }
        }
    }
    return names;
}

/// The rows of `sql` (GDAL's SQLite dialect) on `path`: field name -> value as text ("" for NULL).
std::vector<std::map<std::string, std::string>> rows_of(const std::string& path,
                                                        const std::string& sql) {
    Dataset dataset = open_vector(path);
    OGRLayer* result = dataset->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    INFO(sql);
    REQUIRE(result);
    std::vector<std::map<std::string, std::string>> rows;
    for (auto& feature : *result) {
        auto& row = rows.emplace_back();
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            row[feature->GetFieldDefnRef(i)->GetNameRef()] =
                feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "";
        }
    }
    dataset->ReleaseResultSet(result);
    return rows;
}

void run_ok(const std::string& args) {
    const Run run = run_muster(args);
    INFO(args << "\n" << run.output);
    REQUIRE(run.status == 0);
}

std::string coverage_source(const std::string& name) {
    return quote(fixture("coverage/" + name));
}

// The street of tests/tools/cli/test_coverage_cli.cpp: t-west (120 people) reaches the Town Hall
// (emergency, 100) and the East School (fixed, 50); t-east (80) the school; t-hills (10, a
// polygon 3 km off) nothing. The Old Church is closed by its status.
std::string import_street(const TempDir& dir) {
    const std::string db = dir.file("street.sqlite");
    run_ok("import " + quote(db) + " --roads " + coverage_source("roads.geojson") +
           " --townships " + coverage_source("townships.geojson") + " --shelters " +
           coverage_source("shelters.geojson"));
    return db;
}

}  // namespace

TEST_CASE("every layer the command line writes follows docs/outputs.md's conventions") {
    TempDir dir;
    const std::string street = import_street(dir), relief = import_relief_map(dir),
                      routing = import_routing_map(dir);
    std::set<std::string> layers;
    const auto walk = [&](const std::string& args, const std::string& file) {
        run_ok(args + " --out " + quote(dir.file(file)));
        for (const std::string& name : check_conventions(dir.file(file)))
            layers.insert(name);
    };
    walk("coverage " + quote(street), "coverage.gpkg");
    walk("site " + quote(street) + " --candidates " +
             quote(fixture("siting-db/candidates.geojson")) +
             " --model cpmedian -p 2 --existing ignore",
         "site.gpkg");
    walk("site " + quote(street) + " --candidates " +
             quote(fixture("siting-db/candidates.geojson")) +
             " --model mclp -p 1 --radius 500 --existing ignore",
         "site_mclp.gpkg");
    walk("allocate " + quote(relief) + " --demand " + relief_source("demand.csv"), "allocate.gpkg");
    walk("allocate " + quote(relief) + " --to townships", "allocate_townships.gpkg");
    walk("mci " + quote(relief) + " --incidents " + relief_source("incidents.geojson") +
             " --yellow-limit-min 1",
         "mci.gpkg");
    walk("mci " + quote(relief) + " --incidents " + relief_source("incidents.geojson") +
             " --red-limit-min 0.3",
         "mci_overflow.gpkg");
    walk("nearest " + quote(routing) + " --at 0.019,0 --kind ambulance -k 4", "nearest.gpkg");
    walk("route " + quote(routing) + " --from 0,0 --to 0.02,0", "route.gpkg");
    walk("matrix " + quote(routing) + " --sources teams --targets " +
             quote(fixture("routing/points.csv")),
         "matrix.gpkg");
    walk("response " + quote(relief), "response.gpkg");
    walk("stations " + quote(relief) + " --existing move", "stations.gpkg");
    walk("criticality " + quote(relief), "criticality.gpkg");
    walk("compare " + quote(relief) + " --scenario " + relief_source("scenario.json") +
             " --incidents " + relief_source("incidents.geojson"),
         "compare.gpkg");
    walk("network " + quote(routing), "network.gpkg");
    walk("network " + quote(routing) + " --profile walk", "network_walk.gpkg");
    // Every layer was there to be checked.
    for (const char* name : {"demand_points",
                             "demand_points_shelter_assignment",
                             "demand_points_shelters",
                             "demand_points_uncovered_cells",
                             "demand_points_townships",
                             "chosen_sites",
                             "chosen_sites_site_assignment",
                             "chosen_sites_demand_points",
                             "shipments",
                             "shipments_shelter_supply",
                             "shipments_township_supply",
                             "casualties",
                             "casualties_unplaced_casualties",
                             "casualties_ambulance_trips",
                             "casualties_surge_beds",
                             "nearest_facilities",
                             "fastest_route",
                             "travel_matrix",
                             "network_drive",
                             "network_walk",
                             "response_cells",
                             "response_cells_response_townships",
                             "response_cells_response_units",
                             "station_sites",
                             "road_criticality",
                             "scenario_townships"}) {
        CAPTURE(name);
        CHECK(layers.count(name) == 1);
    }
}

TEST_CASE("coverage's townships carry area and covered_pct, shelters the closed, cells the walk") {
    TempDir dir;
    const std::string db = import_street(dir);
    const std::string out = dir.file("coverage.gpkg");
    run_ok("coverage " + quote(db) + " --out " + quote(out));
    // t-west: 120 of 120 covered (100 %), 100 placed in the hall and 20 not; t-hills: 10, none
    // covered (0 %), its polygon kept; the point townships have no area (NULL geometry).
    const auto towns =
        rows_of(out,
                "SELECT township_id, township_name, population, people_covered, covered_pct, "
                "people_assigned, people_unassigned, ST_GeometryType(geom) AS shape FROM "
                "demand_points_townships ORDER BY township_id");
    REQUIRE(towns.size() == 3);
    CHECK(towns[0].at("township_id") == "t-east");
    CHECK(towns[0].at("covered_pct") == "100");
    CHECK(towns[0].at("people_assigned") == "50");
    CHECK(towns[1].at("township_id") == "t-hills");
    CHECK(towns[1].at("township_name") == "Hills");
    CHECK(towns[1].at("population") == "10");
    CHECK(towns[1].at("people_covered") == "0");
    CHECK(towns[1].at("covered_pct") == "0");
    CHECK(towns[1].at("shape") == "MULTIPOLYGON");
    CHECK(towns[2].at("township_id") == "t-west");
    CHECK(towns[2].at("covered_pct") == "100");
    CHECK(towns[2].at("people_assigned") == "100");
    CHECK(towns[2].at("people_unassigned") == "20");
    CHECK(towns[2].at("shape").empty());

    // Every shelter, the closed church with its reason; the hall full (100 of 100), 120 people
    // nearest to it, 20 over.
    const auto shelters =
        rows_of(out,
                "SELECT shelter_id, shelter_name, status, closed_reason, people_assigned, "
                "utilisation_pct, people_nearest_policy, people_over_capacity FROM "
                "demand_points_shelters ORDER BY shelter_id");
    REQUIRE(shelters.size() == 3);
    CHECK(shelters[0].at("shelter_id") == "s-church");
    CHECK(shelters[0].at("shelter_name") == "Old Church");
    CHECK(shelters[0].at("status") == "closed");
    CHECK(shelters[0].at("closed_reason") == "status closed");
    CHECK(shelters[0].at("people_assigned") == "0");
    CHECK(shelters[0].at("utilisation_pct").empty());
    CHECK(shelters[1].at("shelter_id") == "s-hall");
    CHECK(shelters[1].at("status") == "open");
    CHECK(shelters[1].at("closed_reason").empty());
    CHECK(shelters[1].at("utilisation_pct") == "100");
    CHECK(shelters[1].at("people_nearest_policy") == "120");
    CHECK(shelters[1].at("people_over_capacity") == "20");

    // Names beside ids: t-west's 100 people walk 333.958 m (0.003°) to the Town Hall.
    const auto lines =
        rows_of(out,
                "SELECT township_name, shelter_id, shelter_name, people_assigned, walk_distance_m "
                "FROM demand_points_shelter_assignment WHERE township_id = 't-west'");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("township_name") == "West");
    CHECK(lines[0].at("shelter_id") == "s-hall");
    CHECK(lines[0].at("shelter_name") == "Town Hall");
    CHECK(lines[0].at("people_assigned") == "100");
    CHECK(std::stod(lines[0].at("walk_distance_m")) == Approx(334.0));

    // Under the closure of the street east of t-east: t-east reaches no shelter, 0 %.
    const std::string closed = dir.file("closed.gpkg");
    run_ok("coverage " + quote(db) + " --hazards " + coverage_source("closure.geojson") +
           " --out " + quote(closed));
    const auto east =
        rows_of(closed,
                "SELECT covered_pct, people_uncovered FROM demand_points_townships WHERE "
                "township_id = 't-east'");
    REQUIRE(east.size() == 1);
    CHECK(east[0].at("covered_pct") == "0");
    CHECK(east[0].at("people_uncovered") == "80");
    // Its cell says how far the nearest open shelter is all the same: the Town Hall, 0.015° =
    // 1,669.79 m west (beyond its 500 m); t-hills snaps to no path, so reaches none (NULL).
    const auto cells = rows_of(closed,
                               "SELECT township_id, MIN(walk_to_nearest_shelter_m) AS "
                               "nearest, MAX(walk_to_nearest_shelter_m) AS farthest FROM "
                               "demand_points_uncovered_cells GROUP BY township_id ORDER "
                               "BY township_id");
    REQUIRE(cells.size() == 2);
    CHECK(cells[0].at("township_id") == "t-east");
    CHECK(std::stod(cells[0].at("nearest")) == Approx(1669.8));
    CHECK(std::stod(cells[0].at("farthest")) == Approx(1669.8));
    CHECK(cells[1].at("township_id") == "t-hills");
    CHECK(cells[1].at("farthest").empty());
}

TEST_CASE("allocate's supply layer lists every shelter and item, served in full or not") {
    // s1 gets its 1,000 L of water from dA (61.654 s = 1.03 min): fill 100 %; s2 its 1,000 L
    // from dC and dA; the island's s3 none of its 100 L, unreachable.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string out = dir.file("allocate.gpkg");
    run_ok("allocate " + quote(db) + " --demand " + relief_source("demand.csv") + " --out " +
           quote(out));
    const auto supply =
        rows_of(out,
                "SELECT shelter_id, shelter_name, item, item_unit, quantity_demanded, "
                "quantity_delivered, quantity_short, fill_rate_pct, reachable FROM "
                "shipments_shelter_supply ORDER BY shelter_id");
    REQUIRE(supply.size() == 3);
    CHECK(supply[0].at("shelter_id") == "s1");
    CHECK(supply[0].at("shelter_name") == "West School");
    CHECK(supply[0].at("item") == "water");
    CHECK(supply[0].at("item_unit") == "L");
    CHECK(supply[0].at("quantity_demanded") == "1000");
    CHECK(supply[0].at("quantity_short") == "0");
    CHECK(supply[0].at("fill_rate_pct") == "100");
    CHECK(supply[0].at("reachable") == "1");
    CHECK(supply[1].at("fill_rate_pct") == "100");
    CHECK(supply[2].at("shelter_id") == "s3");
    CHECK(supply[2].at("quantity_short") == "100");
    CHECK(supply[2].at("fill_rate_pct") == "0");
    CHECK(supply[2].at("reachable") == "0");

    const auto shipments =
        rows_of(out,
                "SELECT depot_name, shelter_name, travel_time_min, eta_target_min FROM "
                "shipments WHERE depot_id = 'dA' AND shelter_id = 's1'");
    REQUIRE(shipments.size() == 1);
    CHECK(shipments[0].at("depot_name") == "West Depot");
    CHECK(shipments[0].at("shelter_name") == "West School");
    CHECK(std::stod(shipments[0].at("travel_time_min")) == Approx(1.03));

    // Under the closure of r2a, s2 gets dC's 500 of its 1,000 L: 50 %.
    const std::string closed = dir.file("closed.gpkg");
    run_ok("allocate " + quote(db) + " --demand " + relief_source("demand.csv") + " --hazards " +
           relief_source("closure.geojson") + " --out " + quote(closed));
    const auto s2 = rows_of(closed,
                            "SELECT fill_rate_pct, quantity_short FROM "
                            "shipments_shelter_supply WHERE shelter_id = 's2'");
    REQUIRE(s2.size() == 1);
    CHECK(s2[0].at("fill_rate_pct") == "50");
    CHECK(s2[0].at("quantity_short") == "500");
}

TEST_CASE("mci's casualty lines carry the triage category and the hospital's name") {
    // The bus crash's red casualties: one to the Middle Hospital (30.827 s = 0.51 min), one to
    // the East Hospital (92.481 s = 1.54 min): test_relief_cli.cpp works them out.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string out = dir.file("mci.gpkg");
    run_ok("mci " + quote(db) + " --incidents " + relief_source("incidents.geojson") + " --out " +
           quote(out));
    const auto red = rows_of(out,
                             "SELECT incident_name, hospital_id, hospital_name, patients, "
                             "travel_time_min FROM casualties WHERE triage_category = 'red' "
                             "ORDER BY hospital_id");
    REQUIRE(red.size() == 2);
    CHECK(red[0].at("incident_name") == "Bus crash");
    CHECK(red[0].at("hospital_id") == "hB");
    CHECK(red[0].at("hospital_name") == "Middle Hospital");
    CHECK(red[0].at("patients") == "1");
    CHECK(std::stod(red[0].at("travel_time_min")) == Approx(0.51));
    CHECK(red[1].at("hospital_name") == "East Hospital");
    CHECK(std::stod(red[1].at("travel_time_min")) == Approx(1.54));
}

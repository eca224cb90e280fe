// `muster isochrone` around several facilities: one area per facility with its id and name, bands
// as disks or rings, the layers' columns, the people per band on the Malta sample against
// GDAL's own count of the township population, and the errors naming the option.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/ogr_oracle.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::test::as_int;
using muster::test::import_routing_map;
using muster::test::ogr_sql;
using muster::test::quote;
using muster::test::Run;
using muster::test::run_muster;
using muster::test::sample;
using muster::test::TempDir;
using nlohmann::json;

json query_json(const std::string& db, const std::string& args) {
    const Run run = run_muster("isochrone " + quote(db) + " " + args + " --format json");
    INFO(args + "\n" + run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

void fails(const std::string& args, const std::string& message) {
    const Run run = run_muster(args);
    INFO(args + "\n" + run.output);
    CHECK(run.status == 1);
    CHECK(muster::test::contains_text(run.output, message));
}

}  // namespace

TEST_CASE("isochrone around every hospital of the tiny map: one named area each") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    // The fixture's two hospitals, h-south (South Hospital) and h-north (North Hospital).
    const json j = query_json(db, "--at hospitals --minutes 1,2 --no-db-hazards");
    REQUIRE(j.at("areas").size() == 2);
    CHECK_FALSE(j.contains("bands"));  // several places: only "areas"
    CHECK(j.at("band_shape") == "disks");
    const json& south = j.at("areas")[0];
    CHECK(south.at("facility_id") == "h-south");
    CHECK(south.at("facility_name") == "South Hospital");
    CHECK(south.at("facility_kind") == "hospital");
    CHECK(j.at("areas")[1].at("facility_name") == "North Hospital");
    for (const json& area : j.at("areas")) {
        REQUIRE(area.at("bands").size() == 2);
        CHECK(area.at("bands")[0].at("from_min") == 0.0);
        CHECK(area.at("bands")[1].at("from_min") == 0.0);
        CHECK(area.at("bands")[1].at("to_min") == 2.0);
        CHECK(area.at("bands")[0].at("population").is_null());  // no townships: no figure
        // Every road's times: its start before its end (from the hospital), within the band.
        for (const json& t : area.at("bands")[1].at("road_minutes")) {
            CHECK(t[0].get<double>() <= t[1].get<double>());
            CHECK(t[1].get<double>() <= 2.0);
        }
    }
    // Rings: from the previous limit; areas add up to the disk's.
    const json rings = query_json(db, "--at hospitals --minutes 1,2 --bands rings --no-db-hazards");
    CHECK(rings.at("band_shape") == "rings");
    for (std::size_t a = 0; a < 2; ++a) {
        const json& ring = rings.at("areas")[a].at("bands");
        const json& disk = j.at("areas")[a].at("bands");
        CHECK(ring[1].at("from_min") == 1.0);
        CHECK(ring[0].at("area_m2").get<double>() + ring[1].at("area_m2").get<double>() ==
              Approx(disk[1].at("area_m2").get<double>()).margin(2));
    }

    // The layers: the largest bands first, ids and names beside them, NULL where unknown.
    const Run geojson =
        run_muster("isochrone " + quote(db) +
                   " --at hospitals --minutes 1,2 --no-db-hazards --format geojson");
    REQUIRE(geojson.status == 0);
    const json features = json::parse(geojson.output).at("features");
    const json& first = features[0].at("properties");
    CHECK(first.at("layer") == "service_area");
    CHECK(first.at("to_min") == 2.0);
    CHECK(first.at("from_min") == 0.0);
    CHECK(first.at("facility_id") == "h-south");
    CHECK(first.at("facility_name") == "South Hospital");
    CHECK(first.at("facility_kind") == "hospital");
    CHECK(first.at("population").is_null());
    CHECK(first.at("travel_mode") == "drive");
    for (const char* key : {"area_km2", "node_count", "direction", "metric"})
        CHECK(first.contains(key));
    CHECK(features[1].at("properties").at("facility_id") == "h-north");
    CHECK(features[2].at("properties").at("to_min") == 1.0);
    std::size_t lines = 0;
    for (const json& f : features) {
        const json& p = f.at("properties");
        if (p.at("layer") != "service_area_lines")
            continue;
        ++lines;
        for (const char* key : {"facility_id", "facility_name", "band_to_min", "edge_id",
                                "from_fraction", "to_fraction", "start_min", "end_min", "length_m"})
            CHECK(p.contains(key));
        CHECK(p.at("start_min").get<double>() <= p.at("end_min").get<double>());
        CHECK(p.at("end_min").get<double>() <= p.at("band_to_min").get<double>());
    }
    CHECK(lines > 0);
    CHECK(features.size() == 4 + lines);
}

TEST_CASE("isochrone refuses an unknown set, too many places and a band shape it does not know") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    const std::string d = quote(db);
    fails("isochrone " + d + " --at hydrants --minutes 5", "--at: 'hydrants' is neither LON,LAT");
    fails("isochrone " + d + " --at 0.005,0 --minutes 5 --bands squares",
          "--bands: 'squares' is not a band shape");
    fails("isochrone " + d + " --at depots --minutes 5", "--at: the database holds no depots");
    // 101 places in a point layer: one more than an isochrone query draws.
    const std::string many = dir.file("many.csv");
    {
        std::ofstream out(many);
        out << "id,lon,lat\n";
        for (int i = 0; i < 101; ++i)
            out << i << "," << 0.0001 * i << ",0\n";
    }
    fails("isochrone " + d + " --at " + quote(many) + " --minutes 5",
          "--at: 101 facilities; an isochrone query draws at most 100");
}

TEST_CASE("isochrone around Malta's hospitals: people per band from the townships' population") {
    TempDir dir;
    const std::string db = dir.file("malta.sqlite");
    const auto src = [](const std::string& file) { return quote(sample("malta/" + file)); };
    const Run import = run_muster(
        "import " + quote(db) + " --roads " + src("malta-latest.osm.pbf") + ":lines --townships " +
        src("townships.geojson") + " --hospitals " + src("hospitals.geojson"));
    INFO(import.output);
    REQUIRE(import.status == 0);
    // GDAL's count of the hospitals and sum of the townships' population.
    const auto hospitals =
        ogr_sql(sample("malta/hospitals.geojson"), "SELECT count(*) AS n FROM hospitals");
    const auto people =
        ogr_sql(sample("malta/townships.geojson"), "SELECT sum(population) AS p FROM townships");
    const std::int64_t everyone = as_int(people[0], "p");
    REQUIRE(everyone > 0);

    const json disks = query_json(db, "--at hospitals --minutes 5,10,15");
    const json rings = query_json(db, "--at hospitals --minutes 5,10,15 --bands rings");
    REQUIRE(static_cast<std::int64_t>(disks.at("areas").size()) == as_int(hospitals[0], "n"));
    std::set<std::string> ids;
    for (std::size_t a = 0; a < disks.at("areas").size(); ++a) {
        const json& disk = disks.at("areas")[a];
        const json& ring = rings.at("areas")[a];
        INFO(disk.at("facility_id"));
        ids.insert(disk.at("facility_id").get<std::string>());
        CHECK(disk.at("facility_name").is_string());
        const json& band = disk.at("bands");
        // Nested: the people of a larger disk include the smaller one's; none beyond everyone.
        CHECK(band[0].at("population").get<std::int64_t>() <=
              band[1].at("population").get<std::int64_t>());
        CHECK(band[1].at("population").get<std::int64_t>() <=
              band[2].at("population").get<std::int64_t>());
        CHECK(band[2].at("population").get<std::int64_t>() <= everyone);
        // Rings hold each disk's people minus the smaller one's, and their areas add up.
        std::int64_t ring_people = 0;
        double ring_area = 0;
        for (const json& b : ring.at("bands")) {
            ring_people += b.at("population").get<std::int64_t>();
            ring_area += b.at("area_m2").get<double>();
        }
        CHECK(ring_people == band[2].at("population").get<std::int64_t>());
        CHECK(ring_area == Approx(band[2].at("area_m2").get<double>()).epsilon(1e-4));
    }
    CHECK(ids.size() == disks.at("areas").size());  // one area per hospital
}

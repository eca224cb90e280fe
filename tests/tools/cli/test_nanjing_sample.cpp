// The Chinese county sample end to end: `muster import` exactly as `make demo-nanjing` runs it,
// on files as an office keeps them (GBK Shapefiles without a .cpg in EPSG:4549, an Excel shelter
// list, a GB18030 inventory, teams in GCJ-02), then the database read back with GDAL's ogrinfo.
// The expected values come from the source files read by ogrinfo with the encoding named
// (-oo ENCODING=GB18030), from iconv, from the OpenStreetMap extract the sample was derived from,
// and from the standards' figures worked by hand — never from muster.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>

#include "tests/support/ogr_oracle.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

const std::string kGbk = "-oo ENCODING=GB18030";

std::string src(const std::string& file) {
    return quote(sample("nanjing/" + file));
}

struct Imported {
    TempDir dir;
    std::string db;
    std::string output;
};

const Imported& nanjing() {
    static Imported imported;
    static bool done = false;
    if (!done) {
        imported.db = imported.dir.file("nanjing.sqlite");
        const auto run = run_muster(
            "import " + quote(imported.db) + " --roads " + src("roads.shp") + " --townships " +
            src("townships.shp") + " --shelters " + src("shelters.xlsx") + " --depots " +
            src("depots.shp") + " --inventory " + src("inventory.csv") + " --teams " +
            src("teams.csv") + " --coordinates teams=gcj02 --hospitals " + src("hospitals.shp") +
            " --hazards " + src("hazards.shp"));
        INFO(run.output);
        REQUIRE(run.status == 0);
        imported.output = run.output;
        done = true;
    }
    return imported;
}

// Metres between two WGS84 points (equirectangular: exact enough over a metre).
double metres(double lon1, double lat1, double lon2, double lat2) {
    const double rad = 3.14159265358979323846 / 180.0;
    const double x = (lon2 - lon1) * rad * std::cos((lat1 + lat2) / 2 * rad);
    const double y = (lat2 - lat1) * rad;
    return 6371008.8 * std::hypot(x, y);
}

}  // namespace

TEST_CASE("Nanjing sample: GBK Shapefiles without a .cpg import with their Chinese names",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    // The import says how it read the files that name no encoding.
    CHECK(db.output.find("GB18030") != std::string::npos);

    const auto source = by_key(
        ogr_sql(sample("nanjing/townships.shp"),
                "SELECT \"编号\" AS id, \"名称\" AS name, \"常住人口\" AS pop, \"行政区划代\" AS "
                "region FROM townships",
                kGbk),
        "id");
    const auto stored =
        by_key(ogr_sql(db.db, "SELECT id, name, population, region FROM township"), "id");
    REQUIRE(stored.size() == source.size());
    REQUIRE(source.size() == 20);
    for (const auto& [id, row] : source) {
        INFO("township " << id);
        REQUIRE(stored.count(id));
        const OgrRow& mine = stored.at(id);
        CHECK(value(mine, "name") == value(row, "name"));
        CHECK(as_int(mine, "population") == as_int(row, "pop"));
        // 行政区划代码, cut by the .dbf to 行政区划代, is still the township's region.
        CHECK(value(mine, "region") == value(row, "region"));
        CHECK(value(mine, "name").rfind("新街口网格", 0) == 0);
    }
}

TEST_CASE("Nanjing sample: road classes of CJJ 37-2012 with 限速 0 take the standard's speed",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    const auto source = by_key(
        ogr_sql(sample("nanjing/roads.shp"),
                "SELECT \"编号\" AS id, \"道路名称\" AS name, \"道路等级\" AS class, \"限速\" AS "
                "speed, \"单行\" AS oneway, \"结构\" AS structure FROM roads",
                kGbk),
        "id");
    const auto stored = by_key(ogr_sql(db.db,
                                       "SELECT id, name, drive_forward, drive_backward, "
                                       "drive_speed_kmh, structure FROM road"),
                               "id");
    REQUIRE(stored.size() == source.size());
    // Design speeds of CJJ 37-2012 (快速路 100/80/60, 主干路 60/50/40, 次干路 50/40/30, 支路
    // 40/30/20 km/h), at muster's documented point of each range: halfway between its two lowest.
    const std::map<std::string, double> design{
        {"城市快速路", 70.0}, {"城市主干道", 45.0}, {"次干道", 35.0}, {"支路", 25.0}};
    std::size_t unknown_speed = 0, one_way = 0;
    for (const auto& [id, row] : source) {
        INFO("road " << id << " " << value(row, "class"));
        const OgrRow& mine = stored.at(id);
        // A road without a name is stored with an empty one.
        CHECK(value(mine, "name") == (value(row, "name") == "(null)" ? "" : value(row, "name")));
        // 桥梁 and 高架桥 are bridges, 隧道 and 地道 tunnels, an empty 结构 ordinary road.
        const std::map<std::string, std::string> structure{{"桥梁", "bridge"},
                                                           {"高架桥", "bridge"},
                                                           {"隧道", "tunnel"},
                                                           {"地道", "tunnel"},
                                                           {"(null)", "(null)"}};
        REQUIRE(structure.count(value(row, "structure")) == 1);
        CHECK(value(mine, "structure") == structure.at(value(row, "structure")));
        const std::string& cls = value(row, "class");
        const bool drivable = design.count(cls) > 0;
        CHECK(as_int(mine, "drive_forward") == (drivable ? 1 : 0));
        if (!drivable)
            continue;
        if (as_int(row, "speed") == 0) {
            ++unknown_speed;
            CHECK(as_real(mine, "drive_speed_kmh") == Approx(design.at(cls)));
        } else {
            CHECK(as_real(mine, "drive_speed_kmh") == Approx(as_real(row, "speed")));
        }
        // 单向 and 是 are one-way, 双向 and 否 two-way.
        const std::string& flag = value(row, "oneway");
        const bool one = flag == "单向" || flag == "是";
        CHECK((one || flag == "双向" || flag == "否"));
        one_way += one;
        CHECK(as_int(mine, "drive_backward") == (one ? 0 : 1));
    }
    CHECK(unknown_speed > 100);
    CHECK(one_way > 0);
}

TEST_CASE("Nanjing sample: the Excel shelter list gives points, classes and statuses",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    const auto source =
        by_key(ogr_sql(sample("nanjing/shelters.xlsx"),
                       "SELECT \"编号\" AS id, \"类别\" AS class, \"状态\" AS "
                       "status, \"经度\" AS lon, \"纬度\" AS lat FROM \"应急避难场所\""),
               "id");
    const auto stored =
        by_key(ogr_sql(db.db,
                       "SELECT id, class, status, ST_X(location) AS lon, ST_Y(location) AS lat "
                       "FROM shelter"),
               "id");
    REQUIRE(source.size() == 20);
    REQUIRE(stored.size() == source.size());
    // GB 51143-2015's words, and GB 21734-2008's 二类 (a lodging shelter: fixed).
    const std::map<std::string, std::string> classes{{"紧急", "emergency"},
                                                     {"紧急避难场所", "emergency"},
                                                     {"固定避难场所", "fixed"},
                                                     {"二类", "fixed"}};
    std::size_t closed = 0;
    for (const auto& [id, row] : source) {
        INFO("shelter " << id);
        const OgrRow& mine = stored.at(id);
        CHECK(value(mine, "class") == classes.at(value(row, "class")));
        const bool open = value(row, "status") == "已启用";
        CHECK((open || value(row, "status") == "未启用"));
        closed += !open;
        CHECK(value(mine, "status") == (open ? "open" : "closed"));
        CHECK(metres(as_real(mine, "lon"), as_real(mine, "lat"), as_real(row, "lon"),
                     as_real(row, "lat")) < 0.05);
    }
    CHECK(closed == 1);
}

TEST_CASE("Nanjing sample: teams given in GCJ-02 are stored where OpenStreetMap has their bases",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    // The teams' bases, from the extract the sample was derived from (WGS84).
    const std::string osm = sample("nanjing/nanjing-xinjiekou.osm");
    const auto bases =
        by_key(ogr_sql(osm,
                       "SELECT osm_id, ST_X(geometry) AS lon, ST_Y(geometry) AS lat FROM points "
                       "WHERE hstore_get_value(other_tags, 'amenity') IN ('hospital', 'police', "
                       "'townhall', 'clinic')"),
               "osm_id");
    const auto source = by_key(
        ogr_sql(sample("nanjing/teams.csv"),
                "SELECT \"编号\" AS id, \"队伍类型\" AS kind, \"状态\" AS status FROM teams"),
        "id");
    const auto stored =
        by_key(ogr_sql(db.db,
                       "SELECT id, kind, status, ST_X(geom) AS lon, ST_Y(geom) AS lat "
                       "FROM team"),
               "id");
    REQUIRE(source.size() == 15);
    REQUIRE(stored.size() == source.size());
    const std::map<std::string, std::string> kinds{{"救护车", "ambulance"},
                                                   {"消防救援队", "fire"},
                                                   {"救援队伍", "rescue"},
                                                   {"医疗队", "medical"}};
    const std::map<std::string, std::string> statuses{
        {"可用", "available"}, {"待命", "available"}, {"执行任务中", "busy"}};
    std::size_t placed = 0;
    for (const auto& [id, row] : source) {
        INFO("team " << id);
        const OgrRow& mine = stored.at(id);
        CHECK(value(mine, "kind") == kinds.at(value(row, "kind")));
        CHECK(value(mine, "status") == statuses.at(value(row, "status")));
        // Team ids are the base's node id ("n772575588-1"); a base mapped as a node is a point.
        const std::string node = id.substr(1, id.find('-') - 1);
        if (id[0] == 'n' && bases.count(node)) {
            const OgrRow& base = bases.at(node);
            CHECK(metres(as_real(mine, "lon"), as_real(mine, "lat"), as_real(base, "lon"),
                         as_real(base, "lat")) < 0.5);
            ++placed;
        }
    }
    CHECK(placed >= 10);
}

TEST_CASE("Nanjing sample: hospitals with one 床位数 get beds per triage category",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    const auto source =
        by_key(ogr_sql(sample("nanjing/hospitals.shp"),
                       "SELECT \"编号\" AS id, \"床位数\" AS beds FROM hospitals", kGbk),
               "id");
    const auto stored =
        by_key(ogr_sql(db.db, "SELECT id, beds_red, beds_yellow, beds_green FROM hospital"), "id");
    REQUIRE(stored.size() == source.size());
    // docs/vocabularies.md: 18 % of the beds take casualties (Bayram et al. 2011), 20/30/50 % of
    // them red/yellow/green. 八一医院's 2,000 beds: 360 → 72 red, 108 yellow, 180 green.
    const auto hospital = ogr_sql(db.db,
                                  "SELECT beds_red, beds_yellow, beds_green FROM hospital "
                                  "WHERE name = '八一医院'");
    REQUIRE(hospital.size() == 1);
    CHECK(as_int(hospital[0], "beds_red") == 72);
    CHECK(as_int(hospital[0], "beds_yellow") == 108);
    CHECK(as_int(hospital[0], "beds_green") == 180);
    for (const auto& [id, row] : source) {
        const std::int64_t casualty = as_int(row, "beds") * 18 / 100;
        const OgrRow& mine = stored.at(id);
        CHECK(as_int(mine, "beds_red") + as_int(mine, "beds_yellow") + as_int(mine, "beds_green") ==
              casualty);
    }
}

TEST_CASE("Nanjing sample: the GB18030 inventory and the tiers of the depots", "[cli][nanjing]") {
    const Imported& db = nanjing();
    // iconv, not GDAL, decodes the CSV: the oracle shares nothing with muster's reading.
    TempDir dir;
    const std::string utf8 = dir.file("inventory.csv");
    REQUIRE(run_command("iconv -f GB18030 -t UTF-8 " + src("inventory.csv") + " > " +
                        quote(utf8)) == 0);
    const auto source =
        ogr_sql(utf8,
                "SELECT \"物资名称\" AS item, SUM(CAST(\"数量\" AS REAL)) AS total FROM "
                "inventory GROUP BY 1");
    const auto stored = by_key(
        ogr_sql(db.db, "SELECT item, SUM(quantity) AS total FROM inventory GROUP BY item"), "item");
    REQUIRE(source.size() == 5);
    REQUIRE(stored.size() == source.size());
    for (const OgrRow& row : source) {
        INFO(value(row, "item"));
        CHECK(as_real(stored.at(value(row, "item")), "total") == Approx(as_real(row, "total")));
    }
    // 市级 → city, 区级 → county, 街道 → township.
    const std::map<std::string, std::string> tiers{
        {"市级", "city"}, {"区级", "county"}, {"街道", "township"}};
    const auto depots = by_key(ogr_sql(sample("nanjing/depots.shp"),
                                       "SELECT \"编号\" AS id, \"级别\" AS tier FROM depots", kGbk),
                               "id");
    const auto stored_depots = by_key(ogr_sql(db.db, "SELECT id, tier FROM depot"), "id");
    REQUIRE(stored_depots.size() == depots.size());
    for (const auto& [id, row] : depots)
        CHECK(value(stored_depots.at(id), "tier") == tiers.at(value(row, "tier")));
}

TEST_CASE("Nanjing sample: a dispatcher asks in Chinese and in GCJ-02", "[cli][nanjing]") {
    const Imported& db = nanjing();
    // The incident E1 (118.7842, 32.0418 WGS84) as AMap shows it: the published forward formula.
    const auto run = run_muster("nearest " + quote(db.db) +
                                " --at 118.789401,32.039746 --coordinates gcj02 --kind 救护车 -k 3 "
                                "--status 可用 --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    // Three ambulances, none of them busy (执行任务中 in the list).
    const auto ambulances = ogr_sql(
        db.db, "SELECT id FROM team WHERE kind = 'ambulance' AND status = 'available' ORDER BY id");
    REQUIRE(ambulances.size() >= 3);
    std::size_t found = 0;
    for (const OgrRow& row : ambulances)
        found += run.output.find("\"" + value(row, "id") + "\"") != std::string::npos;
    CHECK(found == 3);
    CHECK(run.output.find("\"coordinates\": \"gcj02\"") != std::string::npos);
}

TEST_CASE("Nanjing sample: relief planned with Chinese item names ships stock", "[cli][nanjing]") {
    const Imported& db = nanjing();
    TempDir dir;
    const std::string coverage = dir.file("coverage.gpkg");
    const auto covered = run_muster("coverage " + quote(db.db) + " --out " + quote(coverage));
    INFO(covered.output);
    REQUIRE(covered.status == 0);
    const auto run = run_muster("allocate " + quote(db.db) + " --persons " +
                                quote(coverage + ":demand_points_shelters") + " --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json answer = json::parse(run.output);
    // The ration table knows each item by its Chinese name (docs/relief.md: per person 15 L of
    // water and 1 food ration a day, 1 blanket, 0.2 tent, 0.02 first-aid kit), for 3 days.
    const std::map<std::string, double> per_person{{"饮用水", 15.0 * 3},
                                                   {"方便食品", 1.0 * 3},
                                                   {"棉被", 1.0},
                                                   {"帐篷", 0.2},
                                                   {"急救包", 0.02}};
    std::int64_t persons = 0;
    for (const json& destination : answer.at("destinations"))
        persons += destination.at("persons").get<std::int64_t>();
    REQUIRE(persons > 100000);
    // The stock of each item, from the GB18030 inventory decoded by iconv.
    const std::string utf8 = dir.file("inventory.csv");
    REQUIRE(run_command("iconv -f GB18030 -t UTF-8 " + src("inventory.csv") + " > " +
                        quote(utf8)) == 0);
    const auto stock = by_key(ogr_sql(utf8,
                                      "SELECT \"物资名称\" AS item, SUM(CAST(\"数量\" AS "
                                      "REAL)) AS total FROM inventory GROUP BY 1"),
                              "item");
    REQUIRE(answer.at("items").size() == per_person.size());
    for (const json& item : answer.at("items")) {
        const std::string name = item.at("item").get<std::string>();
        INFO(name);
        REQUIRE(per_person.count(name));
        const double demand = item.at("demand").get<double>();
        // Rounded up per shelter: at most one unit more per shelter than the whole need.
        CHECK(demand >= persons * per_person.at(name) - 1e-6);
        CHECK(demand <= persons * per_person.at(name) + answer.at("destinations").size());
        const double held = as_real(stock.at(name), "total");
        CHECK(item.at("stock").get<double>() == Approx(held));
        // The network joins every depot to every shelter: all stock that is needed moves.
        CHECK(item.at("delivered").get<double>() == Approx(std::min(held, demand)));
    }
}

TEST_CASE("Nanjing sample: ambulance response in Chinese, every available ambulance counted",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    TempDir dir;
    const std::string out = dir.file("response.gpkg");
    const auto run = run_muster("response " + quote(db.db) + " --kind 救护车 --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json answer = json::parse(run.output);
    // The units: the database's available ambulances (可用 and 待命 both mean available).
    const auto ambulances =
        ogr_sql(db.db, "SELECT id FROM team WHERE kind = 'ambulance' AND status = 'available'");
    CHECK(answer.at("units").size() == ambulances.size());
    // Every person of the townships is counted once.
    const auto people = ogr_sql(db.db, "SELECT SUM(population) AS p FROM township");
    CHECK(answer.at("population").get<std::int64_t>() == as_int(people.at(0), "p"));
    CHECK(answer.at("covered").get<std::int64_t>() <= answer.at("population").get<std::int64_t>());
    // The layers carry their Chinese titles.
    const auto written = run_muster("response " + quote(db.db) + " --lang zh --out " + quote(out));
    INFO(written.output);
    REQUIRE(written.status == 0);
    const auto titles =
        ogr_sql(out, "SELECT identifier FROM gpkg_contents WHERE table_name = 'response_cells'");
    REQUIRE(titles.size() == 1);
    CHECK(value(titles[0], "identifier") == "各需求网格急救反应时间");
}

TEST_CASE("Nanjing sample: station siting places the whole fleet, criticality ranks its roads",
          "[cli][nanjing]") {
    const Imported& db = nanjing();
    const auto sited = run_muster("stations " + quote(db.db) + " --format json");
    INFO(sited.output);
    REQUIRE(sited.status == 0);
    const json stations = json::parse(sited.output);
    // The fleet: every ambulance of the database, whatever its status (执行任务中 included).
    const auto fleet = ogr_sql(db.db, "SELECT id FROM team WHERE kind = 'ambulance'");
    CHECK(stations.at("fleet").get<std::size_t>() == fleet.size());
    std::size_t placed = 0;
    for (const json& s : stations.at("stations"))
        placed += s.at("units_planned").get<std::size_t>();
    CHECK(placed == fleet.size());
    CHECK(stations.at("optimal") == true);

    const auto ranked = run_muster("criticality " + quote(db.db) + " --format json --top 10");
    INFO(ranked.output);
    REQUIRE(ranked.status == 0);
    const json critical = json::parse(ranked.output);
    REQUIRE(critical.at("ranked").size() == 10);
    // Most people losing coverage first, then most cut off.
    for (std::size_t k = 1; k < 10; ++k) {
        const json& a = critical.at("ranked")[k - 1];
        const json& b = critical.at("ranked")[k];
        CHECK(std::pair(a.at("losing_coverage").get<std::int64_t>(),
                        a.at("cut_off").get<std::int64_t>()) >=
              std::pair(b.at("losing_coverage").get<std::int64_t>(),
                        b.at("cut_off").get<std::int64_t>()));
    }

    // The main roads on bridges and in tunnels, as the register's 结构 gives them: each is
    // named on a stretch listed, of its structure.
    const auto structures =
        run_muster("criticality " + quote(db.db) + " --structures-only --top 100 --format json");
    INFO(structures.output);
    REQUIRE(structures.status == 0);
    const json over = json::parse(structures.output);
    const json& listed = over.at("ranked");
    CHECK(listed.size() == over.at("stretches_over_structures").get<std::size_t>());
    const auto register_rows = ogr_sql(
        sample("nanjing/roads.shp"),
        "SELECT \"道路名称\" AS name, \"结构\" AS structure FROM roads WHERE \"结构\" IS NOT "
        "NULL AND \"道路等级\" IN ('城市快速路', '城市主干道', '次干道')",
        kGbk);
    REQUIRE(register_rows.size() == 4);  // two 次干道 bridges, two 城市快速路 underpasses
    for (const OgrRow& row : register_rows) {
        INFO(value(row, "name") << " " << value(row, "structure"));
        const std::string kind =
            value(row, "structure") == "桥梁" || value(row, "structure") == "高架桥" ? "bridge"
                                                                                     : "tunnel";
        CHECK(std::any_of(listed.begin(), listed.end(), [&](const json& c) {
            return c.at("road_name").is_string() &&
                   c.at("road_name").get<std::string>().find(value(row, "name")) !=
                       std::string::npos &&
                   c.at("structure").get<std::string>().find(kind) != std::string::npos;
        }));
    }
    for (std::size_t k = 1; k < listed.size(); ++k)
        CHECK(listed[k - 1].at("rank") < listed[k].at("rank"));
}

TEST_CASE("Nanjing sample: a scenario that sends every available ambulance out", "[cli][nanjing]") {
    const Imported& db = nanjing();
    const auto run = run_muster("compare " + quote(db.db) + " --scenario " + src("scenario.json") +
                                " --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json answer = json::parse(run.output);
    const json& totals = answer.at("totals");
    // samples/nanjing/scenario.json lists the five available ambulances: nobody is reached.
    const auto ambulances =
        ogr_sql(db.db, "SELECT id FROM team WHERE kind = 'ambulance' AND status = 'available'");
    CHECK(ambulances.size() == 5);
    CHECK(totals.at("response_covered").at("scenario") == 0);
    CHECK(totals.at("response_unreached").at("scenario") == totals.at("population"));
    // One shelter closed: nobody more is placed than before.
    CHECK(totals.at("assigned").at("change").get<double>() <= 0);
}

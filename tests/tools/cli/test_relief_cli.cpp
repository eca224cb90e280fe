// `muster allocate` and `muster mci` on a map small enough to work out by hand,
// tests/fixtures/relief, on the equator:
//
//   A (0,0) --r1 primary-- B (0.01,0) --r2a-- (0.015,0) --r2b-- C (0.02,0)      island: r3
//   dA (R1), amb1          s1 (R1), hB                          dC (R2), s2, hC  (0.05..0.06, 0),
//   s3
//          x crash (0.005, 0)            [closure: over r2a]
//
// A degree of longitude on the equator is 111,319.49 m, so r1 is 1,113.195 m and r2a, r2b half
// that; primary roads run at 65 km/h: r1 takes 61.654 s, r2a and r2b 30.827 s each (as the
// network stores them, to the ms). A → C is 123.308 s; the crash, mid-r1, is 30.827 s from B and
// 30.827 + 61.654 = 92.481 s from C. Townships: West (R1) up to lon 0.015, East (R2) beyond.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/support/allocation_oracle.hpp"
#include "tests/support/casualty_oracle.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/relief_map.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::test::fixture;
using muster::test::import_relief_map;
using muster::test::muster_json;
using muster::test::quote;
using muster::test::relief_source;
using muster::test::Run;
using muster::test::run_muster;
using muster::test::TempDir;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

double shipped(const json& answer, const std::string& depot, const std::string& destination,
               const std::string& item = "water") {
    double sum = 0;
    for (const json& s : answer["shipments"]) {
        if (s["depot"] == depot && s["destination"] == destination && s["item"] == item)
            sum += s["quantity"].get<double>();
    }
    return sum;
}

const json& destination(const json& answer, const std::string& id) {
    for (const json& d : answer["destinations"]) {
        if (d["id"] == id)
            return d;
    }
    FAIL("no destination " << id);
    return answer;
}

// The Malta sample imported with the built `muster` into DIR/malta.sqlite; returns its path.
std::string import_malta_sample(const TempDir& dir) {
    const std::string db = dir.file("malta.sqlite");
    const std::string s = std::string(MUSTER_SAMPLES) + "/malta/";
    const Run run =
        run_muster("import " + quote(db) + " --roads " + quote(s + "malta-latest.osm.pbf:lines") +
                   " --townships " + quote(s + "townships.geojson") + " --shelters " +
                   quote(s + "shelters.geojson") + " --depots " + quote(s + "depots.geojson") +
                   " --inventory " + quote(s + "inventory.csv") + " --teams " +
                   quote(s + "teams.geojson") + " --hospitals " + quote(s + "hospitals.geojson") +
                   " --hazards " + quote(s + "hazards.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

}  // namespace

TEST_CASE("allocate with a demand table: local stock, then aid, the island unreachable") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const json a = muster_json("allocate", db, "--demand " + relief_source("demand.csv"));
    // s2 (R2) takes dC's 500 L (0 s away) and 500 L of aid from dA (123.308 s); s1 takes 1,000 L
    // from dA (61.654 s). s3 on the island is unreachable.
    CHECK(shipped(a, "dA", "s1") == Approx(1000));
    CHECK(shipped(a, "dC", "s2") == Approx(500));
    CHECK(shipped(a, "dA", "s2") == Approx(500));
    REQUIRE(a["unreachable"] == json::array({"s3"}));
    CHECK(destination(a, "s3")["reachable"] == false);
    REQUIRE(a["items"].size() == 1);
    const json& water = a["items"][0];
    CHECK(water["cross_region"].get<double>() == Approx(500));
    // 1,000 × 61.654 + 500 × 123.308 + 500 × 0
    CHECK(water["weighted_travel_s"].get<double>() == Approx(123308).margin(2));
    CHECK(water["min_fill_rate"].get<double>() == Approx(1));
    for (const json& s : a["shipments"]) {
        if (s["depot"] == "dA" && s["destination"] == "s2") {
            CHECK(s["duration_s"].get<double>() == Approx(123.308).margin(0.002));
            CHECK(s["cross_region"] == true);
            CHECK(s["late"] == false);
        }
    }
}

TEST_CASE("allocate under a road closure: the cut-off shelter lives on local stock alone") {
    // r2a closed: dA reaches s1 only, dC reaches s2 only. s2 gets dC's 500 of 1,000: fill 0.5.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const json a = muster_json("allocate", db,
                               "--demand " + relief_source("demand.csv") + " --hazards " +
                                   relief_source("closure.geojson"));
    CHECK(shipped(a, "dA", "s1") == Approx(1000));
    CHECK(shipped(a, "dC", "s2") == Approx(500));
    CHECK(shipped(a, "dA", "s2") == 0);
    CHECK(a["metric"] == "hazards:cut");
    CHECK(destination(a, "s2")["fill"]["water"]["fill_rate"].get<double>() == Approx(0.5));
    CHECK(a["items"][0]["min_fill_rate"].get<double>() == Approx(0.5));
}

TEST_CASE("allocate from a ration table: persons x rations x days, shortage shared fairly") {
    // --share 0.5: s1 50 persons, s2 100, s3 20. Water 10 L a day for 2 days: 1,000, 2,000, 400 L
    // (3,000 reachable, 3,500 held: full). Blankets once: 50 + 100 reachable, dA holds 100: both
    // get 2/3.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const json a = muster_json("allocate", db,
                               "--ration " + relief_source("ration.csv") + " --days 2 --share 0.5");
    const json& s1 = destination(a, "s1");
    CHECK(s1["persons"] == 50);
    CHECK(s1["fill"]["water"]["demand"].get<double>() == Approx(1000));
    CHECK(s1["fill"]["water"]["fill_rate"].get<double>() == Approx(1));
    CHECK(s1["fill"]["blanket"]["delivered"].get<double>() == Approx(100.0 / 3).margin(1e-3));
    CHECK(destination(a, "s2")["fill"]["blanket"]["fill_rate"].get<double>() ==
          Approx(2.0 / 3).margin(1e-6));
    CHECK(destination(a, "s3")["fill"]["water"]["demand"].get<double>() == Approx(400));
}

TEST_CASE("allocate --persons: rations for the persons listed, none where none is listed") {
    // The table as `coverage --out` writes its shelters layer: capacity before assigned, and
    // assigned is what counts. s1 60 persons, s2 90, s3 not listed. Water 10 L a day for 2 days:
    // 1,200 and 1,800 L (3,000 of 3,500 held: full). Blankets once, 60 + 90 against dA's 100:
    // both get 2/3, s1 40 and s2 60. s3 needs nothing, so the island is no shortage.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string table = dir.write("coverage_shelters.csv",
                                        "id,name,class,capacity,assigned\n"
                                        "s1,West School,fixed,100,60\n"
                                        "s2,East School,fixed,200,90\n");
    const json a = muster_json(
        "allocate", db,
        "--ration " + relief_source("ration.csv") + " --days 2 --persons " + quote(table));
    CHECK(destination(a, "s1")["persons"] == 60);
    CHECK(destination(a, "s2")["persons"] == 90);
    CHECK(destination(a, "s3")["persons"] == 0);
    CHECK(destination(a, "s1")["fill"]["water"]["demand"].get<double>() == Approx(1200));
    CHECK(destination(a, "s2")["fill"]["water"]["demand"].get<double>() == Approx(1800));
    CHECK(destination(a, "s2")["fill"]["water"]["fill_rate"].get<double>() == Approx(1));
    CHECK(destination(a, "s1")["fill"]["blanket"]["delivered"].get<double>() ==
          Approx(40).margin(1e-3));
    CHECK(destination(a, "s2")["fill"]["blanket"]["delivered"].get<double>() ==
          Approx(60).margin(1e-3));
    for (const json& item : a["items"]) {
        if (item["item"] == "water")
            CHECK(item["min_fill_rate"].get<double>() == Approx(1));
    }

    // --share scales the persons listed: 30 and 45, 75 blankets of 100: everyone in full.
    const json half = muster_json(
        "allocate", db,
        "--ration " + relief_source("ration.csv") + " --persons " + quote(table) + " --share 0.5");
    CHECK(destination(half, "s2")["persons"] == 45);
    CHECK(destination(half, "s1")["fill"]["blanket"]["fill_rate"].get<double>() == Approx(1));

    // The table's header line names the persons planned for.
    const Run run = run_muster("allocate " + quote(db) + " --ration " +
                               relief_source("ration.csv") + " --persons " + quote(table));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "3 shelters, 150 persons, 3.0 days"));
    CHECK(contains(run.output, "persons from the table: 150 at 2 of 3 shelters"));
}

TEST_CASE("allocate --persons refuses a bad table, naming the file and the row") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    auto fails = [&](const std::string& args, const std::string& message, int status = 1) {
        const Run run = run_muster("allocate " + quote(db) + " " + args);
        INFO(args << "\n" << run.output);
        CHECK(run.status == status);
        CHECK(contains(run.output, message));
    };
    auto table = [&](const std::string& name, const std::string& text) {
        return quote(dir.write(name, text));
    };
    fails("--persons " + table("unknown.csv", "id,persons\ns1,5\ns9,3\n"),
          "unknown.csv:unknown: feature 2: no open shelter with id 's9'");
    fails("--persons " + table("twice.csv", "id,persons\ns1,5\ns1,3\n"),
          "twice.csv:twice: feature 2: shelter 's1' is listed twice (first at ");
    fails("--persons " + table("negative.csv", "id,persons\ns1,-5\n"),
          "negative.csv:negative: feature 1: field persons: persons must be a whole number >= 0");
    fails("--persons " + table("half.csv", "id,persons\ns1,2.5\n"),
          "persons must be a whole number >= 0");
    fails("--persons " + table("nofield.csv", "id,capacity\ns1,5\n"),
          "no field for 'persons' (tried persons, assigned, people");
    fails("--persons " + quote(dir.file("missing.csv")), "missing.csv");
    fails("--persons " + table("ok.csv", "id,persons\ns1,5\n") + " --demand " +
              relief_source("demand.csv"),
          "--persons excludes --demand", 2);
}

TEST_CASE("allocate flags late shipments against the target of each depot's tier") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    // County target 0.03 h = 108 s: dA (county) → s1 at 61.654 s is on time, dA → s2 at
    // 123.308 s late; dC (township, default 6 h) → s2 at 0 s on time.
    const json a = muster_json(
        "allocate", db, "--demand " + relief_source("demand.csv") + " --eta-target-h county=0.03");
    CHECK(a["eta_targets_s"]["county"].get<double>() == Approx(108));
    CHECK(a["eta_targets_s"]["township"].get<double>() == Approx(6 * 3600));
    CHECK(a["eta_targets_s"]["city"].get<double>() == Approx(8 * 3600));
    CHECK(a["eta_targets_s"]["province"].get<double>() == Approx(10 * 3600));
    CHECK(a["eta_targets_s"]["central"].get<double>() == Approx(12 * 3600));
    int seen = 0;
    for (const json& s : a["shipments"]) {
        INFO(s.dump());
        if (s["depot"] == "dA") {
            CHECK(s["depot_tier"] == "county");
            CHECK(s["eta_target_s"].get<double>() == Approx(108));
            CHECK(s["late"] == (s["destination"] == "s2"));
        } else {
            CHECK(s["depot_tier"] == "township");
            CHECK(s["eta_target_s"].get<double>() == Approx(6 * 3600));
            CHECK(s["late"] == false);
        }
        ++seen;
    }
    CHECK(seen == 3);
    // Tiers county (dA) and township (dC) for water: one tier stage (county), and the
    // cross-region one (dA → s2 crosses, dA → s1 and dC → s2 do not).
    CHECK(a["items"][0]["preference_stages"] == 2);
    CHECK(a["items"][0]["from_tier"]["county"].get<double>() == Approx(1500));
    CHECK(a["items"][0]["from_tier"]["township"].get<double>() == Approx(500));
    // One value for every tier: 0.01 h = 36 s; only dC → s2 (0 s) is on time.
    const json b = muster_json("allocate", db,
                               "--demand " + relief_source("demand.csv") + " --eta-target-h 0.01");
    for (const json& s : b["shipments"])
        CHECK(s["late"] == (s["depot"] == "dA"));
    // The table and the CSV carry the tier and its target.
    const std::string csv = dir.file("late.csv");
    const Run run =
        run_muster("allocate " + quote(db) + " --demand " + relief_source("demand.csv") +
                   " --eta-target-h county=0.03 --csv " + quote(csv));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "ETA targets: township 6.0 h, county 0.0 h, city 8.0 h"));
    CHECK(contains(run.output, "1 later than the ETA target"));
    std::ifstream in(csv);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(contains(text.str(), "depot_tier,travel_time_min,eta_target_min,late"));
    // 0.0343 h and 0.03 h in minutes.
    CHECK(contains(text.str(), "dA,West Depot,s2,East School,water,500,L,county,2.06,1.8,1"));
}

TEST_CASE("allocate writes shipment lines, supply points and a CSV of shipments") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string gpkg = dir.file("relief.gpkg");
    const std::string csv = dir.file("shipments.csv");
    const Run run =
        run_muster("allocate " + quote(db) + " --demand " + relief_source("demand.csv") +
                   " --out " + quote(gpkg) + " --csv " + quote(csv));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "Unreachable (no depot reaches them by road): s3"));
    std::string info;
    REQUIRE(muster::test::run_command(
                "ogrinfo -ro -q " + quote(gpkg) + " -sql \"SELECT COUNT(*) AS n FROM shipments\"",
                &info) == 0);
    CHECK(contains(info, "n (Integer) = 3"));
    REQUIRE(
        muster::test::run_command("ogrinfo -ro -q " + quote(gpkg) +
                                      " -sql \"SELECT shelter_id, fill_rate_pct, reachable FROM "
                                      "shipments_shelter_supply WHERE fill_rate_pct < 100\"",
                                  &info) == 0);
    CHECK(contains(info, "shelter_id (String) = s3"));
    CHECK(contains(info, "reachable (Integer(Boolean)) = 0"));
    std::ifstream in(csv);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(contains(text.str(), "depot_id,depot_name,shelter_id,shelter_name,item,quantity"));
    CHECK(contains(text.str(), "dA,West Depot,s1,West School,water,1000"));
}

TEST_CASE("allocate refuses bad input files with a message naming them") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    auto fails = [&](const std::string& args, const std::string& message) {
        const Run run = run_muster("allocate " + quote(db) + " " + args);
        INFO(args << "\n" << run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, message));
    };
    fails("--demand " + quote(dir.file("missing.csv")), "missing.csv");
    fails("--demand " + relief_source("demand_unknown_item.csv"), "unknown item 'whisky'");
    fails("--demand " + relief_source("demand_wrong_column.csv"), "no field for 'item'");
    fails("--demand " + relief_source("demand_negative.csv"), "quantity must be a number >= 0");
    fails("--ration " + relief_source("ration_unknown_item.csv"), "unknown item 'soap'");
    fails("--days -1", "--days");
    fails("--eta-target-h county=x", "--eta-target-h: 'county=x': 'x' is not a number of hours");
    fails("--eta-target-h town=3", "'town' is not a depot tier");
    fails("--eta-target-h 0", "--eta-target-h: '0': '0' is not a number of hours > 0");
    fails("--eta-target-h county=6,,city=8", "--eta-target-h: an empty entry");
}

// The relief map with `inventory` (CSV text) as the depots' stock, imported into DIR/NAME.
std::string import_relief_map_with(const TempDir& dir, const std::string& name,
                                   const std::string& inventory) {
    const std::string db = dir.file(name);
    const Run run = run_muster(
        "import " + quote(db) + " --roads " + relief_source("roads.geojson") + " --townships " +
        relief_source("townships.geojson") + " --shelters " + relief_source("shelters.geojson") +
        " --depots " + relief_source("depots.geojson") + " --inventory " +
        quote(dir.write(name + ".inventory.csv", inventory)));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

TEST_CASE("allocate with Chinese item names ships what the English names ship") {
    // The default ration table, --share 0.5 --days 1: s1 50 persons, s2 100, s3 20 (unreachable).
    // Water 15 L a day: s1 750 L, s2 1,500 L; 3,500 L held, so both in full: s2 takes dC's 500 L
    // (its own region) and 1,000 L of aid from dA, s1 750 L from dA. Blankets 1 each: 50 + 100
    // wanted, dA holds 100, so each gets 2/3: 33.333 and 66.667. Tents, food and first-aid kits
    // are held by no depot. In Chinese dA holds 瓶装水 and dC 矿泉水: both water, one stock.
    TempDir dir;
    const std::string en = import_relief_map_with(
        dir, "en.sqlite",
        "depot_id,item,quantity,unit\ndA,water,3000,L\ndA,blanket,100,piece\n"
        "dC,water,500,L\n");
    const std::string zh =
        import_relief_map_with(dir, "zh.sqlite",
                               "depot_id,item,quantity,unit\ndA,瓶装水,3000,升\ndA,棉被,100,床\n"
                               "dC,矿泉水,500,升\n");
    const json a = muster_json("allocate", en, "--share 0.5 --days 1");
    const json b = muster_json("allocate", zh, "--share 0.5 --days 1");
    INFO(b.dump(1));
    CHECK(shipped(b, "dA", "s1", "瓶装水") == Approx(750));
    CHECK(shipped(b, "dC", "s2", "瓶装水") == Approx(500));
    CHECK(shipped(b, "dA", "s2", "瓶装水") == Approx(1000));
    CHECK(shipped(b, "dA", "s1", "棉被") == Approx(100.0 / 3).margin(1e-3));
    CHECK(shipped(b, "dA", "s2", "棉被") == Approx(200.0 / 3).margin(1e-3));
    CHECK(b["shipments"].size() == 5);
    CHECK(destination(b, "s1")["fill"]["棉被"]["fill_rate"].get<double>() ==
          Approx(2.0 / 3).margin(1e-6));
    // The same shipments as with the English names.
    const std::map<std::string, std::string> chinese{{"water", "瓶装水"}, {"blanket", "棉被"}};
    REQUIRE(a["shipments"].size() == b["shipments"].size());
    for (const json& s : a["shipments"]) {
        const std::string item = s["item"];
        CHECK(shipped(b, s["depot"], s["destination"], chinese.at(item)) ==
              Approx(s["quantity"].get<double>()).margin(1e-6));
    }
    bool pooled = false;
    for (const json& note : b["notes"])
        pooled = pooled || contains(note, "瓶装水, 矿泉水 are one item (water)");
    CHECK(pooled);
    CHECK(b["warnings"].empty());  // 升 is L, 床 a piece
}

TEST_CASE("allocate refuses an inventory whose items the ration table does not know") {
    TempDir dir;
    const std::string db = import_relief_map_with(dir, "unknown.sqlite",
                                                  "depot_id,item,quantity,unit\ndA,饼干,100,箱\n");
    const Run run = run_muster("allocate " + quote(db));
    INFO(run.output);
    CHECK(run.status == 1);
    CHECK(contains(run.output, "饼干"));
    CHECK(contains(run.output, "water (瓶装水"));
    CHECK(contains(run.output, "blanket (棉被"));
    CHECK(!contains(run.output, "100.0 %"));
    // An item in another unit than the ration's is planned with a warning; one under a name
    // the table does not know is noted as not planned.
    const std::string bottles = import_relief_map_with(
        dir, "bottles.sqlite", "depot_id,item,quantity,unit\ndA,矿泉水,3000,瓶\ndA,饼干,100,箱\n");
    const json a = muster_json("allocate", bottles, "--share 0.5 --days 1");
    REQUIRE(a["warnings"].size() == 1);
    CHECK(contains(a["warnings"][0],
                   "矿泉水: the ration counts L per person but the inventory counts 瓶"));
    bool noted = false;
    for (const json& note : a["notes"])
        noted = noted || note == "inventory items no ration row names are not planned: 饼干";
    CHECK(noted);
}

TEST_CASE("allocate --lang zh: Chinese headers, error frame and GeoPackage column titles") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string gpkg = dir.file("zh.gpkg");
    // --lang after the subcommand as before it.
    Run run = run_muster("allocate " + quote(db) + " --demand " + relief_source("demand.csv") +
                         " --lang zh --out " + quote(gpkg));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "救灾物资调拨："));
    CHECK(contains(run.output, "物资"));
    CHECK(contains(run.output, "储备库"));
    CHECK(contains(run.output, "县级"));  // dA's tier
    std::string info;
    REQUIRE(muster::test::run_command(
                "ogrinfo -ro -q " + quote(gpkg) +
                    " -sql \"SELECT title FROM gpkg_data_columns WHERE table_name = 'shipments' "
                    "AND column_name = 'shelter_id'\"",
                &info) == 0);
    CHECK(contains(info, "title (String) = 避难场所编号"));

    run = run_muster("--lang zh allocate " + quote(db) + " --days -1");
    CHECK(run.status == 1);
    CHECK(contains(run.output, "muster: 错误：--days"));
    run = run_muster("--lang en allocate " + quote(db) + " --days -1");
    CHECK(contains(run.output, "muster: error: --days"));
    // The default comes from the locale: LANG=zh_CN.UTF-8 without LC_ALL or LC_MESSAGES.
    std::string output;
    CHECK(muster::test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " +
                                        quote(MUSTER_BINARY) + " allocate " + quote(db) +
                                        " --days -1",
                                    &output) == 1);
    CHECK(contains(output, "muster: 错误：--days"));
}

TEST_CASE("mci: red to a farther free red bed before a surge bed, then ambulance trips") {
    // Red 2, yellow 1 at the crash. hB (30.827 s) has 1 red bed and 1 surge, hC (92.481 s) 2 red
    // beds: the second red goes to hC, not into hB's surge bed. The yellow takes a yellow bed at
    // hB. Weighted time 4·30.827 + 4·92.481 + 2·30.827 = 554.886 s; no surge bed opens.
    // amb1 (amb2 is busy) from A: trip 1 the red and the yellow bound for hB, at the scene 30.827,
    // at hB 30.827 + 600 + 30.827 = 661.654, free 1,261.654; trip 2 back at the scene 1,292.481,
    // at hC 1,292.481 + 600 + 92.481 = 1,984.962, free 2,584.962, at base + 123.308 = 2,708.27.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const json m = muster_json("mci", db, "--incidents " + relief_source("incidents.geojson"));
    CHECK(m["placed"] == json({{"red", 2}, {"yellow", 1}, {"green", 0}}));
    CHECK(m["weighted_time_s"].get<double>() == Approx(554.886).margin(0.02));
    CHECK(m["surge_used"] == 0);
    REQUIRE(m["hospitals"].size() == 2);
    CHECK(m["hospitals"][0]["id"] == "hB");
    CHECK(m["hospitals"][0]["red"] == 1);
    CHECK(m["hospitals"][0]["surge_used"] == 0);
    CHECK(m["hospitals"][0]["surge_beds"] == 1);
    CHECK(m["hospitals"][1]["id"] == "hC");
    CHECK(m["hospitals"][1]["red"] == 1);
    CHECK(m["yellow_limit_s"].is_null());
    REQUIRE(m["trips"].size() == 2);
    CHECK(m["trips"][0]["unit"] == "amb1");
    CHECK(m["trips"][0]["hospital"] == "hB");
    CHECK(m["trips"][0]["patients"] == json({{"red", 1}, {"yellow", 1}, {"green", 0}}));
    CHECK(m["trips"][0]["at_hospital_s"].get<double>() == Approx(661.654).margin(0.003));
    CHECK(m["trips"][1]["hospital"] == "hC");
    CHECK(m["trips"][1]["patients"]["red"] == 1);
    CHECK(m["trips"][1]["at_scene_s"].get<double>() == Approx(1292.481).margin(0.003));
    CHECK(m["trips"][1]["at_hospital_s"].get<double>() == Approx(1984.962).margin(0.003));
    REQUIRE(m["units"].size() == 1);
    CHECK(m["units"][0]["back_at_base_s"].get<double>() == Approx(2708.27).margin(0.004));
    CHECK(m["overflow"].empty());
}

TEST_CASE("mci: with hC beyond the yellow limit, hB opens its surge bed and reports it") {
    // 3 yellow at the crash (hB 30.827 s: 2 yellow beds and 1 surge; hC 92.481 s: 2 yellow).
    // With --yellow-limit-min 1 (60 s) hC is out of reach: hB's 2 beds and its surge bed.
    // Without a limit the third goes to hC and no surge bed opens.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string incidents =
        dir.write("yellow.geojson",
                  R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
        {"id": "crash", "red": 0, "yellow": 3, "green": 0}, "geometry": {"type": "Point",
        "coordinates": [0.005, 0.0]}}]})");
    json m = muster_json("mci", db, "--incidents " + quote(incidents));
    CHECK(m["surge_used"] == 0);
    CHECK(m["weighted_time_s"].get<double>() == Approx(2 * (2 * 30.827 + 92.481)).margin(0.02));

    const std::string gpkg = dir.file("surge.gpkg");
    const std::string csv = dir.file("plan.csv");
    Run run = run_muster("mci " + quote(db) + " --incidents " + quote(incidents) +
                         " --yellow-limit-min 1 --out " + quote(gpkg) + " --csv " + quote(csv));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "Surge beds to open (1 in all"));
    CHECK(contains(run.output, "yellow 1 min"));
    m = muster_json("mci", db, "--incidents " + quote(incidents) + " --yellow-limit-min 1");
    CHECK(m["yellow_limit_s"] == 60);
    CHECK(m["surge_used"] == 1);
    REQUIRE(m["hospitals"].size() == 1);
    CHECK(m["hospitals"][0]["surge"] == json({{"red", 0}, {"yellow", 1}, {"green", 0}}));
    CHECK(m["weighted_time_s"].get<double>() == Approx(2 * 3 * 30.827).margin(0.02));
    std::string info;
    REQUIRE(muster::test::run_command("ogrinfo -ro -q " + quote(gpkg) +
                                          " -sql \"SELECT hospital_id, surge_beds_used, "
                                          "surge_beds_yellow, surge_beds_total "
                                          "FROM casualties_surge_beds\"",
                                      &info) == 0);
    CHECK(contains(info, "hospital_id (String) = hB"));
    CHECK(contains(info, "surge_beds_used (Integer64) = 1"));
    CHECK(contains(info, "surge_beds_yellow (Integer64) = 1"));
    CHECK(contains(info, "surge_beds_total (Integer64) = 1"));
    std::ifstream in(dir.file("plan_surge_beds.csv"));
    std::stringstream text;
    text << in.rdbuf();
    CHECK(contains(text.str(), "hB,Middle Hospital,1,0,1,0,1"));
}

TEST_CASE("mci: a red limit shorter than any transport leaves red casualties over capacity") {
    // 0.3 min = 18 s: hB is 30.8 s away, so no hospital may take red.
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const json m = muster_json(
        "mci", db, "--incidents " + relief_source("incidents.geojson") + " --red-limit-min 0.3");
    CHECK(m["placed"]["red"] == 0);
    REQUIRE(m["overflow"].size() == 1);
    CHECK(m["overflow"][0]["patients"] == 2);
    CHECK(m["overflow"][0]["reason"] == "no hospital with red beds within the red limit");
}

TEST_CASE("mci writes casualty lines, trips and a CSV plan, and refuses bad incident files") {
    TempDir dir;
    const std::string db = import_relief_map(dir);
    const std::string gpkg = dir.file("mci.gpkg");
    const std::string csv = dir.file("plan.csv");
    Run run = run_muster("mci " + quote(db) + " --incidents " + relief_source("incidents.geojson") +
                         " --out " + quote(gpkg) + " --csv " + quote(csv));
    INFO(run.output);
    REQUIRE(run.status == 0);
    std::string info;
    REQUIRE(muster::test::run_command("ogrinfo -ro -q " + quote(gpkg) +
                                          " -sql \"SELECT SUM(patients) AS n FROM casualties\"",
                                      &info) == 0);
    CHECK(contains(info, "n (Integer) = 3"));
    REQUIRE(muster::test::run_command(
                "ogrinfo -ro -q " + quote(gpkg) +
                    " -sql \"SELECT COUNT(*) AS n FROM casualties_ambulance_trips\"",
                &info) == 0);
    CHECK(contains(info, "n (Integer) = 2"));
    std::ifstream in(csv);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(contains(text.str(), "crash,Bus crash,hB,Middle Hospital,red,1"));
    CHECK(contains(text.str(), "crash,Bus crash,hC,East Hospital,red,1"));

    run = run_muster("mci " + quote(db) + " --incidents " +
                     relief_source("incidents_negative.geojson"));
    CHECK(run.status == 1);
    CHECK(contains(run.output, "casualties must be a whole number >= 0"));
    run = run_muster("mci " + quote(db) + " --incidents " +
                     relief_source("incidents_no_counts.geojson"));
    CHECK(run.status == 1);
    CHECK(contains(run.output, "no casualty counts"));
    run = run_muster("mci " + quote(db) + " --incidents " + quote(dir.file("none.geojson")));
    CHECK(run.status == 1);
    CHECK(contains(run.output, "none.geojson"));
}

TEST_CASE("allocate and mci run on the Malta sample") {
    TempDir dir;
    const std::string db = import_malta_sample(dir);
    const std::string s = std::string(MUSTER_SAMPLES) + "/malta/";
    // The water of every depot, summed from inventory.csv as read here (depot_id,item,quantity,
    // unit; no quoting in the sample): no depot is inside a closed zone.
    double water = 0;
    {
        std::ifstream in(s + "inventory.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::istringstream row(line);
            std::string depot, item, quantity;
            std::getline(row, depot, ',');
            std::getline(row, item, ',');
            std::getline(row, quantity, ',');
            if (item == "water")
                water += std::stod(quantity);
        }
    }
    REQUIRE(water > 0);
    // Everyone for three days: the depots hold a day's water for the people planned for
    // (samples/README.md), so water is short, and Gozo, a network of its own, at its own level.
    const json a = muster_json("allocate", db, "--to townships --share 1 --days 3");
    bool saw_water = false;
    for (const json& item : a["items"]) {
        if (item["item"] == "water") {
            saw_water = true;
            CHECK(item["stock"].get<double>() == Approx(water));
            CHECK(item["delivered"].get<double>() <= water + 1e-6);
        }
    }
    CHECK(saw_water);

    // The demo's scenario: relief for the people the coverage plan places in shelters. Each
    // shelter's persons are coverage's `assigned`; water is 15 L × 3 days of them, blankets 1.
    const std::string coverage = dir.file("coverage.gpkg");
    // coverage lists its problems (townships without a population) before the JSON
    const Run cov = run_muster("coverage " + quote(db) + " --format json --out " + quote(coverage));
    REQUIRE(cov.status == 0);
    const json c = json::parse(cov.output.substr(
        cov.output.find("\n{") + 1, cov.output.rfind("\n}") - cov.output.find("\n{") + 1));
    const json d =
        muster_json("allocate", db, "--persons " + quote(coverage + ":demand_points_shelters"));
    std::int64_t persons = 0;
    for (const json& dest : d["destinations"])
        persons += dest["persons"].get<std::int64_t>();
    CHECK(persons == c["assigned"].get<std::int64_t>());
    for (const json& item : d["items"]) {
        if (item["item"] == "water")
            CHECK(item["demand"].get<double>() == Approx(45.0 * static_cast<double>(persons)));
        if (item["item"] == "blanket")
            CHECK(item["demand"].get<double>() == Approx(static_cast<double>(persons)));
    }
    const json m = muster_json("mci", db, "--incidents " + quote(s + "incidents.geojson"));
    const std::int64_t placed = m["placed"]["red"].get<std::int64_t>() +
                                m["placed"]["yellow"].get<std::int64_t>() +
                                m["placed"]["green"].get<std::int64_t>();
    CHECK(placed > 0);
    CHECK(!m["trips"].empty());
}

namespace {

namespace test = muster::test;

// The units of each item each depot holds, from an inventory CSV (depot_id,item,quantity,...).
std::map<std::pair<std::string, std::string>, double> read_inventory(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    REQUIRE(line.rfind("depot_id,item,quantity", 0) == 0);
    std::map<std::pair<std::string, std::string>, double> out;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::stringstream row(line);
        std::string depot, item, quantity;
        std::getline(row, depot, ',');
        std::getline(row, item, ',');
        std::getline(row, quantity, ',');
        out[{depot, item}] += std::stod(quantity);
    }
    return out;
}

// One item of an `allocate` answer as glpsol's oracle sees it, taken from the inputs and not from
// the plan: each depot's tier, region and stock from the sample's files (none for a depot the
// answer lists unavailable), each destination's region and demand as the answer states them, the
// travel times from `muster matrix` (the same snapped points under the same hazards). `plan`
// gets the answer's shipments of the item.
test::AllocationInstance allocate_instance(const json& answer, const json& matrix,
                                           const std::string& sample, const std::string& item,
                                           std::vector<test::Flow>& plan) {
    std::ifstream depots_file(sample + "depots.geojson");
    const json depots = json::parse(depots_file);
    const auto inventory = read_inventory(sample + "inventory.csv");
    std::set<std::string> unavailable;
    for (const json& d : answer["unavailable_depots"])
        unavailable.insert(d["id"].get<std::string>());
    test::AllocationInstance out;
    std::map<std::string, std::size_t> depot_index, dest_index;
    for (const json& f : depots["features"]) {
        const json& p = f["properties"];
        const std::string id = p["id"].get<std::string>();
        const auto held = inventory.find({id, item});
        const double stock = unavailable.count(id) || held == inventory.end() ? 0.0 : held->second;
        depot_index[id] = out.depots.size();
        out.depots.push_back(
            {id, p["region"].get<std::string>(), p["tier"].get<std::string>(), stock});
    }
    for (const json& d : answer["destinations"]) {
        if (!d["fill"].contains(item))
            continue;
        dest_index[d["id"].get<std::string>()] = out.destinations.size();
        out.destinations.push_back({d["id"].get<std::string>(), d["region"].get<std::string>(),
                                    d["fill"][item]["demand"].get<double>()});
    }
    out.duration_s.assign(out.depots.size() * out.destinations.size(), std::nullopt);
    std::vector<bool> row_seen(out.depots.size(), false), column_seen(out.destinations.size());
    for (std::size_t s = 0; s < matrix["sources"].size(); ++s) {
        const std::size_t i = depot_index.at(matrix["sources"][s]["id"].get<std::string>());
        row_seen[i] = true;
        for (std::size_t t = 0; t < matrix["targets"].size(); ++t) {
            const auto j = dest_index.find(matrix["targets"][t]["id"].get<std::string>());
            if (j == dest_index.end())
                continue;  // a township without the item's demand
            column_seen[j->second] = true;
            const json& seconds = matrix["durations_s"][s][t];
            if (!seconds.is_null())
                out.duration_s[i * out.destinations.size() + j->second] = seconds.get<double>();
        }
    }
    REQUIRE(std::count(row_seen.begin(), row_seen.end(), false) == 0);
    REQUIRE(std::count(column_seen.begin(), column_seen.end(), false) == 0);
    for (const json& s : answer["shipments"]) {
        if (s["item"] != item)
            continue;
        const std::size_t i = depot_index.at(s["depot"].get<std::string>());
        const std::size_t j = dest_index.at(s["destination"].get<std::string>());
        // The same travel time as the matrix's, to its millisecond.
        REQUIRE(out.duration(i, j).has_value());
        CHECK(s["duration_s"].get<double>() == Approx(*out.duration(i, j)).margin(1e-3));
        plan.push_back({i, j, s["quantity"].get<double>()});
    }
    return out;
}

}  // namespace

TEST_CASE("allocate on the Malta sample equals glpsol's lexicographic optimum for water") {
    TempDir dir;
    const std::string db = import_malta_sample(dir);
    const std::string sample = std::string(MUSTER_SAMPLES) + "/malta/";
    // Everyone for three days: the depots hold a day's water for the people planned for
    // (samples/README.md), so water is short, and Gozo, a network of its own, at its own level.
    const json a = muster_json("allocate", db, "--to townships --share 1 --days 3");
    const json m = muster_json("matrix", db, "--sources depots --targets townships");
    std::vector<test::Flow> plan;
    const test::AllocationInstance water = allocate_instance(a, m, sample, "water", plan);
    REQUIRE(!plan.empty());
    const json* summary = nullptr;
    for (const json& item : a["items"]) {
        if (item["item"] == "water")
            summary = &item;
    }
    REQUIRE(summary);
    // Quantities are printed to 10⁻³ units (a destination gets a few shipments), travel times to
    // the millisecond.
    test::check_feasible(water, plan, 0.01);

    test::AllocationOracle oracle(dir, water, "malta", true);  // glpsol --exact: millions of L
    INFO("glpsol: " << oracle.lps_solved() << " LPs for the fair levels");
    const std::vector<double> fill = test::fill_rates(water, plan);
    double least = 1;
    for (std::size_t j = 0; j < fill.size(); ++j) {
        INFO("destination " << water.destinations[j].id);
        CHECK(fill[j] == Approx(oracle.fill()[j]).margin(1e-5));
        CHECK(
            destination(a, water.destinations[j].id)["fill"]["water"]["fill_rate"].get<double>() ==
            Approx(oracle.fill()[j]).margin(1e-5));
        if (destination(a, water.destinations[j].id)["reachable"] == true)
            least = std::min(least, oracle.fill()[j]);
    }
    // Short, as above: the least fill rate is below 1.
    CHECK(least < 1);
    CHECK((*summary)["min_fill_rate"].get<double>() == Approx(least).margin(1e-5));

    const std::map<test::Stage, std::string> figure = {{test::Stage::from_central, "central"},
                                                       {test::Stage::from_province, "province"},
                                                       {test::Stage::from_city, "city"},
                                                       {test::Stage::from_county, "county"}};
    std::vector<test::Stage> stages(test::kLadder.begin(), test::kLadder.end());
    stages.push_back(test::Stage::travel);
    for (const test::Stage stage : stages) {
        INFO("stage " << to_string(stage));
        const double best = oracle.minimise(stage);
        const double stated = stage == test::Stage::cross_region
                                  ? (*summary)["cross_region"].get<double>()
                              : stage == test::Stage::travel
                                  ? (*summary)["weighted_travel_s"].get<double>()
                                  : (*summary)["from_tier"][figure.at(stage)].get<double>();
        CHECK(test::evaluate(water, stage, plan) == Approx(best).epsilon(1e-5).margin(0.1));
        CHECK(stated == Approx(best).epsilon(1e-5).margin(0.1));
    }
}

TEST_CASE("mci on the Malta sample equals glpsol's lexicographic optimum, surge beds last") {
    // The instance from its own sources: casualties from samples/malta/incidents.geojson, beds
    // from hospitals.geojson, travel times from `muster matrix` (incidents × hospitals, under the
    // database's hazards as mci). glpsol solves the model of docs/relief.md stage by stage
    // (tests/support/casualty_oracle.hpp); muster's plan must reach every stage's optimum.
    TempDir dir;
    const std::string db = import_malta_sample(dir);
    const std::string s = std::string(MUSTER_SAMPLES) + "/malta/";
    const auto read_json = [](const std::string& path) {
        std::ifstream in(path);
        return json::parse(in);
    };
    const json incidents = read_json(s + "incidents.geojson");
    const json hospitals = read_json(s + "hospitals.geojson");
    const json matrix = muster_json(
        "matrix", db, "--sources " + quote(s + "incidents.geojson") + " --targets hospitals");
    const json m = muster_json("mci", db, "--incidents " + quote(s + "incidents.geojson"));

    muster::test::CasualtyInstance in;
    in.limit_s = {3600, 1e9, 1e9};  // docs/relief.md: red 60 min, yellow and green none
    const char* const categories[] = {"red", "yellow", "green"};
    std::map<std::string, std::size_t> incident_index, hospital_index;
    for (const json& f : incidents["features"]) {
        muster::test::OracleIncident i{f["properties"]["id"], {}};
        for (int c = 0; c < 3; ++c)
            i.casualties[c] = f["properties"].value(categories[c], 0);
        incident_index[i.id] = in.incidents.size();
        in.incidents.push_back(i);
    }
    for (const json& f : hospitals["features"]) {
        const json& p = f["properties"];
        hospital_index[p["id"]] = in.hospitals.size();
        in.hospitals.push_back(
            {p["id"],
             {p["beds_red"].get<std::int64_t>(), p["beds_yellow"].get<std::int64_t>(),
              p["beds_green"].get<std::int64_t>()},
             p["beds_surge"].get<std::int64_t>()});
    }
    // No hospital of the sample lies in a closed zone of its hazards: mci may use them all.
    for (const json& u : m["unavailable"])
        CHECK(hospital_index.count(u["id"]) == 0);
    REQUIRE(matrix["sources"].size() == in.incidents.size());
    REQUIRE(matrix["targets"].size() == in.hospitals.size());
    for (std::size_t r = 0; r < matrix["sources"].size(); ++r) {
        const std::size_t k = incident_index.at(matrix["sources"][r]["id"]);
        for (std::size_t t = 0; t < matrix["targets"].size(); ++t) {
            const json& d = matrix["durations_s"][r][t];
            if (!d.is_null())
                in.duration_s[{k, hospital_index.at(matrix["targets"][t]["id"])}] = d.get<double>();
        }
    }
    const muster::test::CasualtyOptimum best = muster::test::casualty_optimum_by_glpsol(dir, in);

    for (int c = 0; c < 3; ++c) {
        INFO(categories[c]);
        CHECK(m["placed"][categories[c]] == best.placed[c]);
    }
    CHECK(m["surge_used"] == best.surge_used);
    // Durations rounded to the ms in both JSON answers: at most 0.0005 s × weight 4 × 100
    // patients apart.
    CHECK(m["weighted_time_s"].get<double>() == Approx(best.weighted_time_s).margin(0.2));
    // The plan's own flows use matrix's durations and sum to its weighted time.
    double weighted = 0;
    std::int64_t surge = 0;
    for (const json& f : m["flows"]) {
        const std::size_t k = incident_index.at(f["incident"]);
        const std::size_t h = hospital_index.at(f["hospital"]);
        REQUIRE(in.duration_s.count({k, h}) == 1);
        CHECK(f["duration_s"].get<double>() == Approx(in.duration_s.at({k, h})).margin(1e-3));
        const std::string c = f["category"];
        const double w = c == "red" ? 4 : c == "yellow" ? 2 : 1;
        weighted += w * f["duration_s"].get<double>() * f["patients"].get<double>();
    }
    for (const json& h : m["hospitals"])
        surge += h["surge_used"].get<std::int64_t>();
    CHECK(weighted == Approx(m["weighted_time_s"].get<double>()).margin(0.01));
    CHECK(surge == m["surge_used"].get<std::int64_t>());
    // The case the issue found: Mgarr's second red patient went to a surge bed at Victoria Health
    // Centre (n324401172) while VGH Gozo General Hospital (n3919240489) had 8 free red beds.
    for (const json& f : m["flows"]) {
        if (f["incident"] == "inc-mgarr-ferry" && f["category"] == "red" &&
            f["hospital"] == "n324401172")
            CHECK(f["patients"] == 1);  // its one red bed
    }
}

// The `muster` command: exit codes (0 success, 1 bad input, 2 bad usage), messages that name what
// is wrong, and what an import does to an existing database. The fixture world in
// tests/fixtures/tools is small enough to count by hand:
//
//        (14.502,35.902) ---r4 (oneway)---.
//              |                          |        r4 bends at (14.504,35.902): not a node
//              r3                         |
//              |                          v
//   (14.500,35.900) --r1-- (14.502,35.900) --r2-- (14.504,35.900)
//
// 4 nodes; drive edges r1, r2, r3 both ways + r4 one way = 7, walk edges 8; one strongly
// connected component (r4 leads back into the two-way part).

#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

std::string source(const std::string& name) {
    return quote(fixture("tools/" + name));
}

/// Every kind of the fixture world into `db`.
void import_world(const std::string& db) {
    const Run run = run_muster(
        "import " + quote(db) + " --roads " + source("roads.geojson") + " --townships " +
        source("townships.geojson") + " --shelters " + source("shelters.geojson") + " --depots " +
        source("depots.geojson") + " --inventory " + source("inventory.csv") + " --teams " +
        source("teams.geojson") + " --hospitals " + source("hospitals.geojson") + " --hazards " +
        source("hazards.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
}

json info_json(const std::string& db) {
    const Run run = run_muster("info " + quote(db) + " --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr auto contains = muster::test::contains_text;

/// Rows of a table of the database, counted by GDAL's ogrinfo rather than by muster.
long table_rows(const std::string& db, const std::string& table) {
    std::string output;
    const std::string command =
        "ogrinfo -ro -q -sql " + quote("SELECT COUNT(*) AS n FROM " + table) + " " + quote(db);
    INFO(command);
    REQUIRE(run_command(command, &output) == 0);
    INFO(output);
    const auto at = output.find("n (Integer) = ");
    REQUIRE(at != std::string::npos);
    return std::stol(output.substr(at + 14));
}

// Marks a SQLite database read-only in a way SQLite honours for every user, root included: a
// file format write version above 2, byte 18 of the header (sqlite.org/fileformat2.html §1.3.3).
void set_sqlite_write_version(const std::string& path, char version) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(file);
    file.seekp(18);
    file.put(version);
    REQUIRE(file);
}

// What an import into a database it cannot write must do: exit 5 naming the file, change no
// byte of it, and leave it readable.
void check_import_refused_as_read_only(const std::string& db) {
    const std::string bytes_before = file_bytes(db);
    const Run run =
        run_muster("import " + quote(db) + " --teams " + source("teams_replacement.geojson"));
    INFO(run.output);
    CHECK(run.status == 5);
    CHECK(contains(run.output, db));
    CHECK(contains(run.output, "cannot write the resource database"));
    CHECK(contains(run.output, "read-only"));
    const bool same_bytes = file_bytes(db) == bytes_before;  // (not printed: a binary file)
    CHECK(same_bytes);
    CHECK(info_json(db).at("teams").at("count") == 3);  // the fixture world's amb-1, amb-2, fire-1
}

}  // namespace

TEST_CASE("muster --help documents every exit code") {
    const Run run = run_muster("--help");
    INFO(run.output);
    CHECK(run.status == 0);
    for (const char* code : {"0  success", "1  bad input", "2  bad usage", "3  corrupt database",
                             "4  internal error: a bug", "5  cannot write"}) {
        CHECK(contains(run.output, code));
    }
}

TEST_CASE("an import into a read-only database exits 5 saying the file cannot be written") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    SECTION("marked read-only in its header, which binds root as well") {
        set_sqlite_write_version(db, 3);
        check_import_refused_as_read_only(db);
    }
    SECTION(
        "a file and folder without write permission (root writes them anyway: not run as root)") {
        if (geteuid() == 0) {
            WARN("running as root, which file permissions do not stop: the header case stands in");
        } else {
            namespace fs = std::filesystem;
            fs::permissions(db,
                            fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
            fs::permissions(
                dir.path(),
                fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                fs::perm_options::remove);
            check_import_refused_as_read_only(db);
            fs::permissions(dir.path(), fs::perms::owner_all);
        }
    }
}

TEST_CASE("text that is not UTF-8 in a database of an older muster is answered with U+FFFD") {
    // Older versions stored what a source held. Hôpital in Latin-1 (48 F4 70 69 74 61 6C): F4
    // starts a four-byte sequence and 70 ('p') cannot continue it, so F4 alone is the invalid
    // sequence and becomes U+FFFD (EF BF BD); the rest is ASCII.
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    std::string output;
    const int status = run_command(
        "ogrinfo -q -sql " +
            quote("UPDATE hospital SET name = CAST(X'48F4706974616C' AS TEXT) WHERE id = 'h1'") +
            " " + quote(db),
        &output);
    INFO(output);
    REQUIRE(status == 0);
    const Run run =
        run_muster("nearest " + quote(db) +
                   " --at 14.5039,35.9008 --to hospitals --no-db-hazards --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json answer = json::parse(run.output);
    REQUIRE(answer.at("results").size() == 1);
    CHECK(answer.at("results")[0].at("name") == "H\xEF\xBF\xBDpital");
}

TEST_CASE("a shelter status muster does not write exits 3 naming the row and the word") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    std::string output;
    const int status = run_command(
        "ogrinfo -q -sql " + quote("UPDATE shelter SET status = 'maybe' WHERE id = 's2'") + " " +
            quote(db),
        &output);
    INFO(output);
    REQUIRE(status == 0);
    const Run run = run_muster("info " + quote(db));
    INFO(run.output);
    CHECK(run.status == 3);
    CHECK(contains(run.output, db + ": shelter row 2 (id 's2'): status 'maybe' is not one of "
                                    "open, closed"));
}

TEST_CASE("muster info names the bounds of the resources and of the road networks") {
    // Resources (townships, shelters, depots, teams, hospitals of tests/fixtures/tools): west
    // t1 at 14.501, east h1 at 14.5039, south s1 at 35.9002, north t2 at 35.9015. Networks: the
    // four nodes drawn at the top of this file, 14.500–14.504 E and 35.900–35.902 N.
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    const json bounds = info_json(db).at("bounds");
    const std::vector<double> resources{14.501, 35.9002, 14.5039, 35.9015};
    const std::vector<double> network{14.500, 35.900, 14.504, 35.902};
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("coordinate " << i);
        CHECK(bounds.at("resources").at(i).get<double>() == Approx(resources[i]).margin(1e-9));
        // Nodes are stored in 1e-7 degrees.
        CHECK(bounds.at("network").at(i).get<double>() == Approx(network[i]).margin(1e-7));
        CHECK(bounds.at("walk_network").at(i).get<double>() == Approx(network[i]).margin(1e-7));
    }
    const Run table = run_muster("info " + quote(db));
    INFO(table.output);
    CHECK(contains(table.output,
                   "bounds of the resources: 14.50100, 35.90020 to 14.50390, 35.90150"));
    CHECK(contains(table.output,
                   "bounds of the drive network: 14.50000, 35.90000 to 14.50400, 35.90200"));
}

TEST_CASE("muster import tells each step on stderr, a line each when not on a terminal") {
    // The fixture world drawn above: 4 roads, 4 nodes in each network; and its 3 teams.
    TempDir dir;
    const std::string db = dir.file("steps.sqlite");
    const Run run = run_muster("import " + quote(db) + " --roads " + source("roads.geojson") +
                               " --teams " + source("teams.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    const std::vector<std::string> steps{
        "read " + fixture("tools/roads.geojson") + ":roads: 4 features in ",
        "store the roads: 4 roads in ",
        "build and order the drive and walk networks (nested dissection): 8 nodes in ",
        "store the drive network: 4 nodes in ",
        "store the walk network: 4 nodes in ",
        "read " + fixture("tools/teams.geojson") + ":teams: 3 features in ",
        "imported into "};
    // Each step a line of its own, in this order.
    std::istringstream lines(run.output);
    auto step = steps.begin();
    for (std::string line; step != steps.end() && std::getline(lines, line);) {
        if (line.starts_with(*step))
            ++step;
    }
    CHECK(step == steps.end());
    if (step != steps.end())
        FAIL_CHECK("no line, or not in order: " << *step);
    CHECK(!contains(run.output, "\r"));  // no bar redrawn in place: stderr is not a terminal
}

TEST_CASE("muster import of an OSM file without a layer reads its lines layer and says so") {
    // tests/fixtures/geodata/roads.osm: ways 101 and 102 drivable, meeting at (1.001, 0): 3 nodes
    // and 3 drive edges (101 both ways, 102 one way).
    TempDir dir;
    const std::string db = dir.file("osm.sqlite");
    const std::string osm = fixture("geodata/roads.osm");
    const Run run = run_muster("import " + quote(db) + " --roads " + quote(osm));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "note (roads): read the OSM file's 'lines' layer"));
    const json info = info_json(db);
    CHECK(info.at("import_log").at(0).at("source") == osm + ":lines");
    CHECK(info.at("network").at("nodes") == 3);
    CHECK(info.at("network").at("edges") == 3);
}

TEST_CASE("muster without a subcommand is a usage error") {
    const Run run = run_muster("");
    CHECK(run.status == 2);
    CHECK(contains(run.output, "subcommand"));

    const Run help = run_muster("--help");
    CHECK(help.status == 0);
    CHECK(contains(help.output, "import"));
    CHECK(contains(help.output, "info"));
}

TEST_CASE("muster with an unknown option is a usage error naming the option") {
    TempDir dir;
    const Run info = run_muster("info " + quote(dir.file("any.sqlite")) + " --frobnicate");
    CHECK(info.status == 2);
    CHECK(contains(info.output, "--frobnicate"));

    const Run import = run_muster("import " + quote(dir.file("any.sqlite")) + " --roads " +
                                  source("roads.geojson") + " --bridges x.geojson");
    CHECK(import.status == 2);
    CHECK(contains(import.output, "--bridges"));
    CHECK_FALSE(std::filesystem::exists(dir.file("any.sqlite")));
}

TEST_CASE("muster info on a missing file fails naming the file") {
    TempDir dir;
    const std::string missing = dir.file("missing.sqlite");
    const Run run = run_muster("info " + quote(missing));
    CHECK(run.status == 1);
    CHECK(contains(run.output, missing));
    CHECK_FALSE(std::filesystem::exists(missing));
}

TEST_CASE("muster import with a missing roads file fails naming it and creates no database") {
    TempDir dir;
    const std::string db = dir.file("new.sqlite");
    const std::string roads = dir.file("no-such-roads.geojson");
    const Run run = run_muster("import " + quote(db) + " --roads " + quote(roads));
    CHECK(run.status == 1);
    CHECK(contains(run.output, roads));
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("muster import without any source fails and creates no database") {
    TempDir dir;
    const std::string db = dir.file("new.sqlite");
    const Run run = run_muster("import " + quote(db));
    CHECK(run.status == 1);
    CHECK(contains(run.output, "nothing to import"));
    CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("muster info with an unknown --format is a usage error") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    const Run run = run_muster("info " + quote(db) + " --format xml");
    CHECK(run.status == 2);
    CHECK(contains(run.output, "--format"));
    CHECK(contains(run.output, "xml"));
}

TEST_CASE("muster info of the fixture world: figures counted by hand") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    const json info = info_json(db);

    CHECK(info.at("townships").at("count") == 2);
    CHECK(info.at("townships").at("population") == 1000 + 2500);
    // s1: 300 given; s2: no capacity, 150 m² / 1.5 m² per person = 100.
    CHECK(info.at("shelters").at("count") == 2);
    CHECK(info.at("shelters").at("capacity") == 400);
    CHECK(info.at("shelters").at("by_class").at("fixed").at("capacity") == 300);
    CHECK(info.at("shelters").at("by_class").at("emergency").at("capacity") == 100);
    CHECK(info.at("depots").at("count") == 1);
    CHECK(info.at("depots").at("stock").at("water").at("L") == 1000.0);
    CHECK(info.at("depots").at("stock").at("blanket").at("piece") == 50.0);
    CHECK(info.at("teams").at("count") == 3);
    CHECK(info.at("teams").at("by_kind").at("ambulance").at("count") == 2);
    CHECK(info.at("teams").at("by_kind").at("ambulance").at("available") == 1);
    CHECK(info.at("teams").at("by_kind").at("fire").at("count") == 1);
    CHECK(info.at("hospitals").at("count") == 1);
    CHECK(info.at("hospitals").at("beds").at("red") == 2);
    CHECK(info.at("hospitals").at("beds").at("surge") == 3);
    CHECK(info.at("hazards").at("count") == 1);
    CHECK(info.at("hazards").at("closed") == 1);
    CHECK(info.at("problems") == 0);

    // The network drawn at the top of this file. Lengths: a degree of longitude at 35.9° N is
    // (π/180) a cos φ / √(1 − e² sin² φ) = 90,277.38 m and of latitude at 35.901° N
    // (π/180) a (1 − e²) / (1 − e² sin² φ)^1.5 = 110,957.17 m (WGS84 a = 6,378,137 m,
    // e² = 0.00669438). r1 = r2 = 0.002 × 90,277.38 = 180.555 m, r3 = 0.002 × 110,957.17 =
    // 221.914 m, r4 = 180.555 + 221.914 = 402.469 m: residential 763.579 m, tertiary 221.914 m.
    const json& drive = info.at("network");
    CHECK(drive.at("nodes") == 4);
    CHECK(drive.at("edges") == 7);
    CHECK(drive.at("components") == 1);
    CHECK(drive.at("length_m_by_class").at("residential").get<double>() ==
          Approx(763.579).margin(0.01));
    CHECK(drive.at("length_m_by_class").at("tertiary").get<double>() ==
          Approx(221.914).margin(0.01));
    CHECK(drive.at("length_m").get<double>() == Approx(985.49).margin(0.06));
    const json& walk = info.at("walk_network");
    CHECK(walk.at("nodes") == 4);
    CHECK(walk.at("edges") == 8);
    CHECK(walk.at("length_m").get<double>() == Approx(985.49).margin(0.06));
}

TEST_CASE("a failing import leaves an existing database exactly as it was") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    const json before = info_json(db);
    const std::string bytes_before = file_bytes(db);

    SECTION("a bad feature in the first source read after the roads") {
        // The other roads are read and stored before the shelters fail (s9 has capacity -10).
        const Run run =
            run_muster("import " + quote(db) + " --roads " + source("roads_other.geojson") +
                       " --shelters " + source("shelters_negative_capacity.geojson"));
        INFO(run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, "shelters_negative_capacity.geojson"));
        CHECK(contains(run.output, "s9"));
        CHECK(contains(run.output, "capacity"));
    }
    SECTION("a bad feature in the last source read") {
        // Hazards are read last: the other roads and the replacement teams are stored before z2, a
        // slow zone without a speed factor, fails.
        const Run run =
            run_muster("import " + quote(db) + " --roads " + source("roads_other.geojson") +
                       " --teams " + source("teams_replacement.geojson") + " --hazards " +
                       source("hazards_slow_without_factor.geojson"));
        INFO(run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, "hazards_slow_without_factor.geojson"));
        CHECK(contains(run.output, "z2"));
        CHECK(contains(run.output, "speed_factor"));
    }
    CHECK(info_json(db) == before);
    const bool same_bytes = file_bytes(db) == bytes_before;  // (not printed: a binary file)
    CHECK(same_bytes);
}

TEST_CASE("muster info refuses a file that is not a muster resource database") {
    TempDir dir;
    SECTION("a GeoPackage (an SQLite database of another schema)") {
        const std::string gpkg = dir.file("roads.gpkg");
        std::string output;
        REQUIRE(run_command("ogr2ogr -f GPKG " + quote(gpkg) + " " + source("roads.geojson"),
                            &output) == 0);
        const Run run = run_muster("info " + quote(gpkg));
        CHECK(run.status == 1);
        CHECK(contains(run.output, gpkg));
        CHECK(contains(run.output, "not a muster resource database"));
    }
    SECTION("a text file") {
        const std::string text = dir.write("notes.sqlite", "shelters: ask the mayor\n");
        const Run run = run_muster("info " + quote(text));
        CHECK(run.status == 1);
        CHECK(contains(run.output, "not a muster resource database"));
        CHECK(file_bytes(text) == "shelters: ask the mayor\n");
    }
}

TEST_CASE("muster import --snap-limit must be a positive number of metres") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    const std::string roads = " --roads " + source("roads.geojson");
    for (const char* bad : {"-5", "0", "nan", "inf", "abc"}) {
        INFO("--snap-limit " << bad);
        const Run run = run_muster("import " + quote(db) + roads + " --snap-limit " + bad);
        CHECK(run.status == 2);
        CHECK(contains(run.output, "--snap-limit"));
        CHECK_FALSE(std::filesystem::exists(db));
    }
    const Run good = run_muster("import " + quote(db) + roads + " --snap-limit 250.5");
    INFO(good.output);
    CHECK(good.status == 0);
}

TEST_CASE("a second import of only --teams replaces the teams and keeps everything else") {
    TempDir dir;
    const std::string db = dir.file("world.sqlite");
    import_world(db);
    const json before = info_json(db);
    REQUIRE(before.at("teams").at("count") == 3);

    const Run run =
        run_muster("import " + quote(db) + " --teams " + source("teams_replacement.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json after = info_json(db);

    // The 3 teams are gone; the 2 of teams_replacement.geojson (one rescue available, one medical
    // busy) are there.
    CHECK(after.at("teams").at("count") == 2);
    CHECK(after.at("teams").at("by_kind") == json{{"medical", {{"count", 1}, {"available", 0}}},
                                                  {"rescue", {{"count", 1}, {"available", 1}}}});
    // Roads, networks and every other kind are untouched: the 4 roads of roads.geojson are
    // still stored.
    CHECK(table_rows(db, "road") == 4);
    CHECK(table_rows(db, "team") == 2);
    for (const char* key :
         {"townships", "shelters", "depots", "hospitals", "hazards", "network", "walk_network"}) {
        INFO(key);
        CHECK(after.at(key) == before.at(key));
    }
    // The log keeps run 1 and adds run 2, which read the teams only.
    const json& log = after.at("import_log");
    REQUIRE(log.size() == before.at("import_log").size() + 1);
    CHECK(log.back().at("run") == 2);
    CHECK(log.back().at("kind") == "teams");
    CHECK(log.back().at("imported") == 2);
}

TEST_CASE("importing shelters into a new database without roads fails: no road network") {
    TempDir dir;
    const std::string db = dir.file("new.sqlite");
    const Run run = run_muster("import " + quote(db) + " --shelters " + source("shelters.geojson"));
    CHECK(run.status == 1);
    CHECK(contains(run.output, "no road network"));
    CHECK(contains(run.output, "--roads"));
    CHECK_FALSE(std::filesystem::exists(db));
}

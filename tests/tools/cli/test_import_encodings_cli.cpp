// `muster import --encoding [KIND=]NAME --coordinates [KIND=]SYSTEM`, and what the import says of
// how it read a source; `muster info --format json` on text an older muster stored as it came.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

std::string roads() {
    return " --roads " + quote(fixture("tools/roads.geojson"));
}

// One shelter, its name 中山路 in GBK (D6 D0 C9 BD C2 B7), at lon/lat given as text.
std::string gbk_shelters(const TempDir& dir, const std::string& lon_lat) {
    return dir.write("shelters.csv",
                     "id,name,class,capacity,lon,lat\n"
                     "S1,\xD6\xD0\xC9\xBD\xC2\xB7,fixed,300," +
                         lon_lat + "\n");
}

}  // namespace

TEST_CASE("import --encoding KIND=NAME reads that kind in that encoding and says so") {
    TempDir dir;
    const std::string db = dir.file("county.sqlite");
    const Run run =
        run_muster("import " + quote(db) + roads() + " --shelters " +
                   quote(gbk_shelters(dir, "14.5012,35.9002")) + " --encoding shelters=GBK");
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "note (shelters): read as GBK (--encoding)"));
}

TEST_CASE("import without --encoding reads a GBK CSV file as GB18030 and says so") {
    TempDir dir;
    const Run run = run_muster("import " + quote(dir.file("county.sqlite")) + roads() +
                               " --shelters " + quote(gbk_shelters(dir, "14.5012,35.9002")));
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "note (shelters): read as GB18030"));
}

TEST_CASE("import --encoding NAME without a kind applies to every source") {
    // The roads are UTF-8 GeoJSON, which GDAL reads as UTF-8: forced as UTF-8 too, they read
    // alike; the GBK shelters forced as UTF-8 are refused, naming the file and the option.
    TempDir dir;
    const std::string shelters = gbk_shelters(dir, "14.5012,35.9002");
    const Run run = run_muster("import " + quote(dir.file("county.sqlite")) + roads() +
                               " --shelters " + quote(shelters) + " --encoding UTF-8");
    INFO(run.output);
    CHECK(run.status == 1);
    CHECK(contains(run.output, shelters));
    CHECK(contains(run.output, "--encoding"));
}

TEST_CASE("import --coordinates gcj02 shifts the points to WGS84") {
    // eviltransform's published pair: WGS84 (116.404, 39.915) is GCJ-02 (116.41024449916938,
    // 39.91640428150164). The shelter is far from the fixture roads: a snapping problem only.
    TempDir dir;
    const std::string db = dir.file("county.sqlite");
    const std::string shelters = dir.write("shelters.csv",
                                           "id,name,class,capacity,lon,lat\n"
                                           "S1,Square,central,100000,116.41024449916938,"
                                           "39.91640428150164\n");
    const Run run = run_muster("import " + quote(db) + roads() + " --shelters " + quote(shelters) +
                               " --coordinates shelters=gcj02");
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(contains(run.output, "note (shelters): coordinates converted from GCJ-02 to WGS84"));
    std::string output;
    REQUIRE(run_command("ogrinfo -ro -q -sql " +
                            quote("SELECT ST_X(location) AS x, ST_Y(location) AS y FROM shelter") +
                            " " + quote(db),
                        &output) == 0);
    INFO(output);
    // 0.5 m is about 6e-6 degrees of longitude at 40°N and 4.5e-6 of latitude.
    const auto x = std::stod(output.substr(output.find("x (Real) = ") + 11));
    const auto y = std::stod(output.substr(output.find("y (Real) = ") + 11));
    CHECK(x == Approx(116.404).margin(5e-6));
    CHECK(y == Approx(39.915).margin(4e-6));
}

TEST_CASE("import --encoding and --coordinates refuse an unknown kind or system as usage") {
    TempDir dir;
    const std::string base = "import " + quote(dir.file("county.sqlite")) + roads();
    const Run kind = run_muster(base + " --encoding parks=GBK");
    INFO(kind.output);
    CHECK(kind.status == 2);
    CHECK(contains(kind.output, "'parks' is not a kind of source"));
    const Run system = run_muster(base + " --coordinates shelters=mercator");
    INFO(system.output);
    CHECK(system.status == 2);
    CHECK(contains(system.output, "'mercator' is not a coordinate system"));
}

TEST_CASE("info --format json answers text an older muster stored in GBK with U+FFFD") {
    // Older versions stored a GBK source's bytes as they came: 中山 in GBK is D6 D0 C9 BD. In
    // UTF-8, D6 and D0 each start a two-byte sequence that the next byte does not continue, so
    // each becomes U+FFFD; C9 BD is a whole sequence (U+027D). The JSON must parse.
    TempDir dir;
    const std::string db = dir.file("county.sqlite");
    const Run imported = run_muster("import " + quote(db) + roads() + " --shelters " +
                                    quote(fixture("tools/shelters.geojson")) + " --teams " +
                                    quote(fixture("tools/teams.geojson")));
    INFO(imported.output);
    REQUIRE(imported.status == 0);
    for (const std::string& sql :
         {std::string("UPDATE shelter SET name = CAST(X'D6D0C9BD' AS TEXT)"),
          std::string("UPDATE team SET kind = CAST(X'D6D0C9BD' AS TEXT)"),
          std::string("UPDATE import_log SET warnings = CAST(X'D6D0C9BD' AS TEXT), source = "
                      "CAST(X'D6D0C9BD2E736870' AS TEXT)")}) {
        std::string output;
        INFO(sql);
        REQUIRE(run_command("ogrinfo -q -sql " + quote(sql) + " " + quote(db), &output) == 0);
    }
    const Run run = run_muster("info " + quote(db) + " --format json");
    INFO(run.output);
    REQUIRE(run.status == 0);
    const json info = json::parse(run.output);
    const std::string read_back = "\xEF\xBF\xBD\xEF\xBF\xBD\xC9\xBD";  // U+FFFD U+FFFD U+027D
    REQUIRE_FALSE(info.at("import_log").empty());
    CHECK(info.at("import_log")[0].at("warnings") == read_back);
    CHECK(info.at("import_log")[0].at("source") == read_back + ".shp");
    CHECK(info.at("teams").at("by_kind").contains(read_back));
}

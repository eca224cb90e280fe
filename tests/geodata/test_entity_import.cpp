// Importing every entity kind, from every kind of source muster promises: GeoJSON (the hand-written
// fixtures in tests/fixtures/geodata), and the same data converted by GDAL's own ogr2ogr into a
// GeoPackage, Shapefiles and CSV files (a WKT column, or lon/lat columns for point layers). Every
// expected value below is read off the fixture files, or worked out by hand where muster derives
// it.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/field_map.hpp"
#include "geodata/importer.hpp"
#include "geodata/resource_db.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::TempDir;

namespace {

constexpr auto fx = muster::test::geodata_fixture;

constexpr double kExact = 1e-9;  // degrees: coordinates pass through unchanged

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs GDAL's ogr2ogr (an independent tool) and requires it to succeed.
void ogr2ogr(const std::string& arguments) {
    std::string output;
    const int status = muster::test::run_command("ogr2ogr " + arguments, &output);
    INFO("ogr2ogr " << arguments << "\n" << output);
    REQUIRE(status == 0);
}

enum class Format { geojson, geopackage, shapefile, csv_wkt, csv_xy };

const char* format_name(Format f) {
    switch (f) {
        case Format::geojson:
            return "GeoJSON";
        case Format::geopackage:
            return "GeoPackage";
        case Format::shapefile:
            return "Shapefile";
        case Format::csv_wkt:
            return "CSV with a WKT column";
        case Format::csv_xy:
            return "CSV with lon/lat columns";
    }
    return "?";
}

bool is_point_kind(const std::string& kind) {
    return kind == "shelters" || kind == "depots" || kind == "teams" || kind == "hospitals";
}

// The fixture of `kind` in `format`, as a source spec. The GeoPackage holds every kind as a layer
// of one file (county.gpkg:townships, ...). Lines and polygons have no lon/lat form: WKT in csv_xy.
std::string source_in(const TempDir& dir, const std::string& kind, Format format) {
    const bool table = kind == "inventory";
    const std::string from = table ? fx("inventory.csv") : fx(kind + ".geojson");
    // Read the CSV's numbers as numbers, so the GeoPackage and DBF get numeric columns.
    const std::string open = table ? " -oo AUTODETECT_TYPE=YES" : "";
    switch (format) {
        case Format::geojson: {
            if (!table)
                return from;
            const std::string to = dir.file("inventory.geojson");
            ogr2ogr("-f GeoJSON" + open + " '" + to + "' '" + from + "'");
            return to;
        }
        case Format::geopackage: {
            const std::string to = dir.file("county.gpkg");
            const std::string update = std::filesystem::exists(to) ? " -update" : "";
            ogr2ogr("-f GPKG" + update + open + " -nln " + kind + " '" + to + "' '" + from + "'");
            return to + ":" + kind;
        }
        case Format::shapefile: {
            // UTF-8 DBF (GDAL writes ISO-8859-1 by default and would lose 救护车 and Ġ). A table
            // without geometry becomes a lone .dbf.
            const std::string to = dir.file(kind + (table ? ".dbf" : ".shp"));
            ogr2ogr("-f 'ESRI Shapefile' -lco ENCODING=UTF-8" + open + " '" + to + "' '" + from +
                    "'");
            return to;
        }
        case Format::csv_wkt:
        case Format::csv_xy: {
            if (table)
                return from;
            const bool xy = format == Format::csv_xy && is_point_kind(kind);
            const std::string to = dir.file(kind + ".csv");
            ogr2ogr("-f CSV -lco GEOMETRY=" + std::string(xy ? "AS_XY" : "AS_WKT") + " '" + to +
                    "' '" + from + "'");
            if (xy) {
                // ogr2ogr names the columns X and Y; county tables call them lon and lat.
                std::string text = read_text(to);
                REQUIRE(text.rfind("X,Y,", 0) == 0);
                dir.write(kind + ".csv", "lon,lat," + text.substr(4));
            }
            return to;
        }
    }
    return from;
}

struct Box {
    double min_lon, min_lat, max_lon, max_lat;
    friend bool operator==(const Box&, const Box&) = default;
};

Box box_of(const Ring& ring) {
    Box b{1e9, 1e9, -1e9, -1e9};
    for (LonLat p : ring) {
        b.min_lon = std::min(b.min_lon, p.lon);
        b.min_lat = std::min(b.min_lat, p.lat);
        b.max_lon = std::max(b.max_lon, p.lon);
        b.max_lat = std::max(b.max_lat, p.lat);
    }
    return b;
}

// Each polygon as (number of rings, box of its outer ring), sorted: independent of the ring
// orientation and polygon order a format imposes (a Shapefile stores outer rings clockwise).
std::vector<std::tuple<std::size_t, double, double, double, double>> shape_of(
    const MultiPolygon& area) {
    std::vector<std::tuple<std::size_t, double, double, double, double>> out;
    for (const Polygon& p : area.polygons) {
        const Box b = box_of(p.rings.front());
        out.emplace_back(p.rings.size(), b.min_lon, b.min_lat, b.max_lon, b.max_lat);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool inside(LonLat p, const Box& b) {
    return p.lon > b.min_lon && p.lon < b.max_lon && p.lat > b.min_lat && p.lat < b.max_lat;
}

void check_location(LonLat actual, double lon, double lat) {
    CHECK(actual.lon == Approx(lon).margin(kExact));
    CHECK(actual.lat == Approx(lat).margin(kExact));
}

// --- What the fixtures hold (tests/fixtures/geodata/*.geojson, inventory.csv) ---

void check_townships(const std::vector<Township>& t) {
    REQUIRE(t.size() == 2);
    CHECK(t[0].id == "T1");
    CHECK(t[0].name == "Birkirkara");
    CHECK(t[0].population == 12000);
    CHECK(t[0].region == "MT-04");
    REQUIRE(t[0].area);
    CHECK(shape_of(*t[0].area) ==
          decltype(shape_of(*t[0].area)){{1, 14.500, 35.900, 14.504, 35.903}});
    // GEOS's interior point of a rectangle: the middle of the horizontal bisector, i.e. its
    // centre ((14.500 + 14.504)/2, (35.900 + 35.903)/2).
    check_location(t[0].location, 14.502, 35.9015);

    CHECK(t[1].id == "T2");
    CHECK(t[1].name == "Mosta");
    CHECK(t[1].population == 20500);
    CHECK(t[1].region == "MT-32");
    REQUIRE(t[1].area);
    // A MultiPolygon: a rectangle with a hole, and a second rectangle.
    CHECK(shape_of(*t[1].area) ==
          decltype(shape_of(*t[1].area)){{1, 14.509, 35.903, 14.510, 35.904},
                                         {2, 14.505, 35.900, 14.508, 35.902}});
    // Its location is on its surface: in one of the rectangles, not in the hole.
    const LonLat p = t[1].location;
    const bool in_first = inside(p, {14.505, 35.900, 14.508, 35.902}) &&
                          !inside(p, {14.506, 35.9005, 14.507, 35.9015});
    CHECK((in_first || inside(p, {14.509, 35.903, 14.510, 35.904})));
}

void check_shelters(const std::vector<Shelter>& s) {
    REQUIRE(s.size() == 3);
    CHECK(s[0].id == "S1");
    CHECK(s[0].name == "Ġnien il-Kbir");
    CHECK(s[0].shelter_class == ShelterClass::emergency);
    REQUIRE(s[0].area_m2);
    CHECK(*s[0].area_m2 == 1500.0);
    CHECK(s[0].capacity == 1000);  // no capacity given: 1500 m² ÷ 1.5 m² per person = 1000
    CHECK(s[0].capacity_source == CapacitySource::derived_from_area);
    CHECK(s[0].status == ShelterStatus::open);
    CHECK_FALSE(s[0].footprint);
    check_location(s[0].location, 14.5012, 35.9008);

    CHECK(s[1].id == "S2");
    CHECK(s[1].shelter_class == ShelterClass::fixed);
    CHECK(s[1].capacity == 8000);  // given; the area (25000 m² ÷ 1.5 = 16666) is not used
    CHECK(s[1].capacity_source == CapacitySource::given);
    CHECK(s[1].status == ShelterStatus::open);  // null status: open
    check_location(s[1].location, 14.5061, 35.9031);

    CHECK(s[2].id == "S3");
    CHECK(s[2].shelter_class == ShelterClass::central);
    CHECK(s[2].capacity ==
          666);  // 1000 ÷ 1.5 = 666.67, floored: a 667th person would have < 1.5 m²
    CHECK(s[2].capacity_source == CapacitySource::derived_from_area);
    CHECK(s[2].status == ShelterStatus::closed);
    check_location(s[2].location, 14.5088, 35.8992);
}

void check_depots(const std::vector<Depot>& d) {
    REQUIRE(d.size() == 3);
    CHECK(d[0].id == "D1");
    CHECK(d[0].name == "County depot");
    CHECK(d[0].region == "MT-04");
    CHECK(d[0].tier == DepotTier::county);
    check_location(d[0].location, 14.5021, 35.9003);
    REQUIRE(d[0].inventory.size() == 2);
    CHECK(d[0].inventory[0].item == "tent");
    CHECK(d[0].inventory[0].quantity == 120.0);
    CHECK(d[0].inventory[0].unit == "piece");
    CHECK(d[0].inventory[1].item == "water");
    CHECK(d[0].inventory[1].quantity == 5000.5);
    CHECK(d[0].inventory[1].unit == "litre");

    CHECK(d[1].id == "D2");
    CHECK(d[1].tier == DepotTier::township);
    REQUIRE(d[1].inventory.size() == 1);
    CHECK(d[1].inventory[0].item == "blanket");
    CHECK(d[1].inventory[0].quantity == 300.0);

    CHECK(d[2].id == "D3");
    CHECK(d[2].tier == DepotTier::city);
    CHECK(d[2].inventory.empty());
}

void check_teams(const std::vector<Team>& t) {
    REQUIRE(t.size() == 4);
    CHECK(t[0].id == "A1");
    CHECK(t[0].kind == "ambulance");    // "Ambulance", lower-cased
    CHECK(t[0].status == "available");  // "Available"
    CHECK(t[0].capacity == 2);
    CHECK(t[0].region == "MT-04");
    check_location(t[0].location, 14.5031, 35.9004);

    CHECK(t[1].id == "A2");
    CHECK(t[1].name == "救护车二队");
    CHECK(t[1].kind == "ambulance");  // 救护车
    CHECK(t[1].status == "busy");     // 出勤, out on a call

    CHECK(t[2].id == "M1");
    CHECK(t[2].kind == "medical");      // 医疗队
    CHECK(t[2].status == "available");  // null status: available
    CHECK(t[2].capacity == 10);

    CHECK(t[3].id == "F1");
    CHECK(t[3].kind == "fire");
    CHECK(t[3].status == "busy");
    CHECK(t[3].capacity == 1);  // null capacity: 1 assumed (and reported)
}

void check_hospitals(const std::vector<Hospital>& h) {
    REQUIRE(h.size() == 2);
    CHECK(h[0].id == "H1");
    CHECK(h[0].name == "Mater Dei");
    CHECK(h[0].beds_red == 10);
    CHECK(h[0].beds_yellow == 25);
    CHECK(h[0].beds_green == 60);
    CHECK(h[0].beds_surge == 15);
    CHECK(h[0].region == "MT-04");
    check_location(h[0].location, 14.5027, 35.9006);

    CHECK(h[1].id == "H2");
    CHECK(h[1].beds_red == 4);
    CHECK(h[1].beds_yellow == 8);
    CHECK(h[1].beds_green == 20);
    CHECK(h[1].beds_surge == 0);  // null: 0 assumed (and reported)
}

void check_hazards(const std::vector<HazardZone>& z) {
    REQUIRE(z.size() == 3);
    CHECK(z[0].id == "Z1");
    CHECK(z[0].kind == "flood");  // "Flood", lower-cased
    CHECK(z[0].effect == HazardEffect::closed);
    CHECK(z[0].speed_factor == 0);
    CHECK(shape_of(z[0].area) ==
          decltype(shape_of(z[0].area)){{1, 14.504, 35.896, 14.506, 35.897}});

    CHECK(z[1].id == "Z2");
    CHECK(z[1].kind == "landslide");
    CHECK(z[1].effect == HazardEffect::slow);
    CHECK(z[1].speed_factor == 0.5);

    CHECK(z[2].id == "Z3");
    CHECK(z[2].effect == HazardEffect::slow);  // no effect given, but a factor: slow
    CHECK(z[2].speed_factor == 0.25);
}

const std::vector<std::string> kKinds{"roads",     "townships", "shelters",  "depots",
                                      "inventory", "teams",     "hospitals", "hazards"};

SourceKind kind_of(const std::string& name) {
    for (SourceKind k : kAllSourceKinds) {
        if (to_string(k) == name)
            return k;
    }
    FAIL("no source kind " << name);
    return SourceKind::roads;
}

}  // namespace

TEST_CASE("Every entity kind imports its values from GeoJSON, GeoPackage, Shapefile, CSV") {
    const Format format = GENERATE(Format::geojson, Format::geopackage, Format::shapefile,
                                   Format::csv_wkt, Format::csv_xy);
    INFO("format: " << format_name(format));
    TempDir dir;
    ImportRequest request;
    request.database = dir.file("county.sqlite");
    for (const std::string& kind : kKinds)
        request.sources[kind_of(kind)] = source_in(dir, kind, format);

    const ImportSummary summary = run_import(request);
    const ResourceDb db = ResourceDb::open_existing(request.database);
    check_townships(db.townships());
    check_shelters(db.shelters());
    check_depots(db.depots());
    check_teams(db.teams());
    check_hospitals(db.hospitals());
    check_hazards(db.hazards());
    CHECK(db.road_count() == 3);

    // Roads R1 (14.500→14.510 at 35.900), R2 (35.895→35.905 at 14.505) and R3 (35.900→35.905 at
    // 14.500) cross at (14.505, 35.900) and meet at (14.500, 35.900): 6 nodes (4 loose ends, the
    // crossing, the corner), 5 pieces (R1 and R2 cut at the crossing), every one two-way: 10 edges.
    REQUIRE(summary.drive);
    CHECK(summary.drive->nodes == 6);
    CHECK(summary.drive->edges == 10);
    CHECK(summary.drive->components == 1);
    REQUIRE(summary.walk);
    CHECK(summary.walk->nodes == 6);
    CHECK(summary.walk->edges == 10);

    // One log entry per source, counting every feature of the fixture.
    const std::vector<std::pair<std::string, std::int64_t>> counts{
        {"roads", 3},     {"townships", 2}, {"shelters", 3},  {"depots", 3},
        {"inventory", 3}, {"teams", 4},     {"hospitals", 2}, {"hazards", 3}};
    const auto log = db.import_log();
    REQUIRE(log.size() == counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        INFO("log entry " << i);
        CHECK(log[i].run == 1);
        CHECK(log[i].kind == counts[i].first);
        CHECK(log[i].features == counts[i].second);
        CHECK(log[i].imported == counts[i].second);
    }

    // Two per-feature problems: team F1 without capacity, hospital H2 without surge beds. Every
    // facility lies within 250 m of the one connected network: no snapping problems.
    REQUIRE(summary.problems.size() == 2);
    CHECK(summary.problems[0].kind == "teams");
    CHECK(summary.problems[0].feature_id == "F1");
    CHECK(summary.problems[0].field == "capacity");
    CHECK(summary.problems[1].kind == "hospitals");
    CHECK(summary.problems[1].feature_id == "H2");
    CHECK(summary.problems[1].field == "beds_surge");
    CHECK(db.problems().size() == 2);
}

TEST_CASE("Chinese field names and values map through the default field names") {
    const FieldMap map = FieldMap::defaults();

    SECTION("townships: 编号, 名称, 人口, 行政区划代码") {
        VectorLayer layer(parse_source_spec(fx("zh_townships.geojson")));
        const auto read = read_townships(layer, map);
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].id == "320102001");
        CHECK(read.items[0].name == "玄武门街道");
        CHECK(read.items[0].population == 41000);
        CHECK(read.items[0].region == "320102");
        CHECK_FALSE(read.items[0].area);  // a point township
        check_location(read.items[0].location, 118.7901, 32.0722);
        CHECK(read.items[1].population == 67500);
        CHECK(read.problems.empty());
    }
    SECTION("shelters: 类别 固定 / 紧急避难场所, 面积, 容量, 状态 开放 / 关闭") {
        VectorLayer layer(parse_source_spec(fx("zh_shelters.geojson")));
        const auto read = read_shelters(layer, map);
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].id == "BN01");
        CHECK(read.items[0].name == "玄武湖公园");
        CHECK(read.items[0].shelter_class == ShelterClass::fixed);
        CHECK(read.items[0].capacity == 20000);  // 容量 null: 面积 30000 m² ÷ 1.5 = 20000
        CHECK(read.items[0].capacity_source == CapacitySource::derived_from_area);
        CHECK(read.items[0].status == ShelterStatus::open);
        CHECK(read.items[1].shelter_class == ShelterClass::emergency);
        CHECK(read.items[1].capacity == 500);  // 容量 given (面积 2400 would give 1600)
        CHECK(read.items[1].status == ShelterStatus::closed);
    }
    SECTION("depots: 级别 县 / 省, 所属区域; inventory: 储备库编号, 物资名称, 数量, 单位") {
        VectorLayer layer(parse_source_spec(fx("zh_depots.geojson")));
        const auto read = read_depots(layer, map);
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].id == "CK01");
        CHECK(read.items[0].name == "玄武区救灾物资储备库");
        CHECK(read.items[0].tier == DepotTier::county);
        CHECK(read.items[0].region == "玄武区");
        CHECK(read.items[1].tier == DepotTier::province);

        VectorLayer table(parse_source_spec(fx("zh_inventory.csv")));
        const auto rows = read_inventory(table, map);
        REQUIRE(rows.items.size() == 2);
        CHECK(rows.items[0].depot_id == "CK01");
        CHECK(rows.items[0].item.item == "帐篷");
        CHECK(rows.items[0].item.quantity == 200.0);
        CHECK(rows.items[0].item.unit == "顶");
        CHECK(rows.items[1].depot_id == "CK02");
        CHECK(rows.items[1].item.quantity == 12000.0);
    }
    SECTION("teams: 类型 救护车 / 消防, 人数, 状态 可用 / 停用") {
        VectorLayer layer(parse_source_spec(fx("zh_teams.geojson")));
        const auto read = read_teams(layer, map);
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].kind == "ambulance");
        CHECK(read.items[0].capacity == 3);
        CHECK(read.items[0].status == "available");
        CHECK(read.items[1].kind == "fire");
        CHECK(read.items[1].capacity == 12);
        CHECK(read.items[1].status == "out_of_service");
        CHECK(read.warnings.empty());  // 人数 was found as the capacity field
    }
    SECTION("hospitals from a CSV with 经度 / 纬度 columns and 红区床位 ... 应急床位") {
        VectorLayer layer(parse_source_spec(fx("zh_hospitals.csv")));
        const auto read = read_hospitals(layer, map);
        REQUIRE(read.items.size() == 1);
        CHECK(read.items[0].id == "YY01");
        CHECK(read.items[0].name == "鼓楼医院");
        check_location(read.items[0].location, 118.7790, 32.0580);
        CHECK(read.items[0].beds_red == 12);
        CHECK(read.items[0].beds_yellow == 30);
        CHECK(read.items[0].beds_green == 80);
        CHECK(read.items[0].beds_surge == 20);
        CHECK(read.warnings.empty());
    }
    SECTION("hazards: 灾害类型, 措施 减速 / 封路, 速度系数") {
        VectorLayer layer(parse_source_spec(fx("zh_hazards.geojson")));
        const auto read = read_hazards(layer, map);
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].kind == "内涝");
        CHECK(read.items[0].effect == HazardEffect::slow);
        CHECK(read.items[0].speed_factor == 0.3);
        CHECK(read.items[1].effect == HazardEffect::closed);
    }
}

TEST_CASE("Point townships import from a CSV with lon/lat columns") {
    VectorLayer layer(parse_source_spec(fx("townships_points.csv")));
    const auto read = read_townships(layer, FieldMap::defaults());
    REQUIRE(read.items.size() == 2);
    CHECK(read.items[0].id == "P1");
    CHECK(read.items[0].population == 16500);
    CHECK_FALSE(read.items[0].area);
    check_location(read.items[0].location, 14.5021, 35.9011);
    CHECK(read.items[1].name == "Żebbuġ");
    CHECK(read.items[1].population == 11800);
    check_location(read.items[1].location, 14.5072, 35.9013);
}

TEST_CASE("Shelter capacity is derived with the per-capita area given to the reader") {
    // Sphere's 3.5 m² of covered space per person instead of GB 21734's 1.5 m²:
    // S1 1500 ÷ 3.5 = 428.57 → 428; S3 1000 ÷ 3.5 = 285.71 → 285; S2's given 8000 is kept.
    VectorLayer layer(parse_source_spec(fx("shelters.geojson")));
    const auto read = read_shelters(layer, FieldMap::defaults(), 3.5);
    REQUIRE(read.items.size() == 3);
    CHECK(read.items[0].capacity == 428);
    CHECK(read.items[1].capacity == 8000);
    CHECK(read.items[2].capacity == 285);
}

TEST_CASE("A polygon shelter keeps its footprint and is located on its surface") {
    TempDir dir;
    const std::string path =
        dir.write("shelters.geojson", R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id": "P1", "class": "fixed", "capacity": 3000},
  "geometry": {"type": "Polygon", "coordinates": [[[14.50, 35.90], [14.51, 35.90], [14.51, 35.92], [14.50, 35.92], [14.50, 35.90]]]}}]})");
    VectorLayer layer(parse_source_spec(path));
    const auto read = read_shelters(layer, FieldMap::defaults());
    REQUIRE(read.items.size() == 1);
    REQUIRE(read.items[0].footprint);
    CHECK(shape_of(*read.items[0].footprint) ==
          decltype(shape_of(*read.items[0].footprint)){{1, 14.50, 35.90, 14.51, 35.92}});
    check_location(read.items[0].location, 14.505, 35.91);  // the rectangle's centre
    CHECK(read.items[0].capacity == 3000);
    CHECK_FALSE(
        read.items[0].area_m2);  // no area field: the footprint is not taken as effective area
}

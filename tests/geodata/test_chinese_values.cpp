// Coded values in the words of Chinese county files: every reader translates them through
// engine/vocabulary.hpp, an office's own words come from the --fields file's "values", and an
// unknown word is refused with the accepted words in both languages. Names and places are taken
// from the Nanjing extract (/work/shared/data/nanjing-xinjiekou-2021); expected values are read off
// the standards (docs/vocabularies.md) or worked out by hand.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "engine/errors.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/field_map.hpp"
#include "geodata/importer.hpp"
#include "geodata/road_reader.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/geojson_builders.hpp"
#include "tests/support/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using namespace muster;
using muster::test::input_error;
using muster::test::TempDir;
using muster::test::geojson::layer;
using muster::test::geojson::line;

namespace {

// One point feature in central Nanjing (新街口).
std::string point(const std::string& properties, double lon = 118.778, double lat = 32.041) {
    return muster::test::geojson::point(properties, lon, lat);
}

template <class Read>
auto read_file(const std::string& path, Read read, const FieldMap& map = FieldMap::defaults()) {
    VectorLayer source(parse_source_spec(path));
    return read(source, map);
}

const RoadWay& way(const RoadReadResult& roads, const std::string& id) {
    auto it = std::find_if(roads.items.begin(), roads.items.end(),
                           [&](const RoadWay& w) { return w.id == id; });
    REQUIRE(it != roads.items.end());
    return *it;
}

}  // namespace

TEST_CASE("depots, shelters and teams with the Chinese words of county files") {
    TempDir dir;
    SECTION("depot tiers 国家级 / 省级 / 地市级 / 区级 / 乡镇级") {
        const std::string path = layer(
            dir, "depots",
            point(R"("编号": "CK1", "名称": "国家救灾物资南京储备库", "级别": "国家级")") + "," +
                point(R"("编号": "CK2", "名称": "江苏省储备库", "级别": "省级")") + "," +
                point(R"("编号": "CK3", "名称": "南京市储备库", "级别": "地市级")") + "," +
                point(R"("编号": "CK4", "名称": "玄武区储备库", "级别": "区级")") + "," +
                point(R"("编号": "CK5", "名称": "新街口街道储备点", "级别": "乡镇级")"));
        const auto read = read_file(path, read_depots);
        REQUIRE(read.items.size() == 5);
        CHECK(read.items[0].tier == DepotTier::central);
        CHECK(read.items[1].tier == DepotTier::province);
        CHECK(read.items[2].tier == DepotTier::city);
        CHECK(read.items[3].tier == DepotTier::county);
        CHECK(read.items[4].tier == DepotTier::township);
    }
    SECTION("shelter classes 一类 / 二类 / Ⅲ类 / 紧急避难场所, statuses 已启用 / 未启用") {
        // GB 21734-2008: Ⅰ类 (over 30 days, command facilities) → central; Ⅱ类 and Ⅲ类 → fixed.
        const std::string path = layer(
            dir, "shelters",
            point(
                R"("编号": "BN1", "名称": "玄武湖公园", "类别": "一类", "容量": 20000, "状态": "已启用")") +
                "," +
                point(
                    R"("编号": "BN2", "名称": "鼓楼广场", "类别": "二类", "容量": 3000, "状态": "未启用")") +
                "," +
                point(R"("编号": "BN3", "名称": "五台山体育中心", "类别": "Ⅲ类", "容量": 8000)") +
                "," +
                point(
                    R"("编号": "BN4", "名称": "新街口广场", "类别": "紧急避难场所", "容量": 500, "状态": "正常")"));
        const auto read =
            read_file(path, [](VectorLayer& l, const FieldMap& m) { return read_shelters(l, m); });
        REQUIRE(read.items.size() == 4);
        CHECK(read.items[0].shelter_class == ShelterClass::central);
        CHECK(read.items[0].status == ShelterStatus::open);
        CHECK(read.items[1].shelter_class == ShelterClass::fixed);
        CHECK(read.items[1].status == ShelterStatus::closed);
        CHECK(read.items[2].shelter_class == ShelterClass::fixed);
        CHECK(read.items[2].status == ShelterStatus::open);  // no status: open
        CHECK(read.items[3].shelter_class == ShelterClass::emergency);
        CHECK(read.items[3].status == ShelterStatus::open);
    }
    SECTION(
        "team kinds 消防救援队 / 救援队伍 / 120 / 卫生应急队伍, statuses 执行任务中 / 待命 / "
        "维修") {
        const std::string path = layer(
            dir, "teams",
            point(
                R"("编号": "XF1", "名称": "新街口消防救援站", "类型": "消防救援队", "状态": "待命")") +
                "," +
                point(
                    R"("编号": "JY1", "名称": "玄武区应急救援队", "类型": "救援队伍", "状态": "维修")") +
                "," +
                point(
                    R"("编号": "JH1", "名称": "鼓楼医院急救站", "类型": "120", "状态": "执行任务中")") +
                "," + point(R"("编号": "YL1", "名称": "八一医院医疗队", "类型": "卫生应急队伍")"));
        const auto read = read_file(path, read_teams);
        REQUIRE(read.items.size() == 4);
        CHECK(read.items[0].kind == "fire");
        CHECK(read.items[0].status == "available");
        CHECK(read.items[1].kind == "rescue");
        CHECK(read.items[1].status == "out_of_service");
        CHECK(read.items[2].kind == "ambulance");
        CHECK(read.items[2].status == "busy");
        CHECK(read.items[3].kind == "medical");
        CHECK(read.items[3].status == "available");  // no status: available
        // Only the layer-wide note that no capacity field exists; every kind was known.
        REQUIRE(read.warnings.size() == 1);
        CHECK_THAT(read.warnings[0], Contains("capacity"));
    }
}

TEST_CASE("an unknown coded value is refused, naming feature and field, listing the words") {
    TempDir dir;
    SECTION("shelter class 四类") {
        const std::string path =
            layer(dir, "shelters", point(R"("编号": "BN9", "类别": "四类", "容量": 10)"));
        CHECK_THAT(input_error([&] {
                       read_file(path, [](VectorLayer& l, const FieldMap& m) {
                           return read_shelters(l, m);
                       });
                   }),
                   Contains("feature BN9") && Contains("field '类别'") && Contains("'四类'") &&
                       Contains("emergency") && Contains("紧急") && Contains("central") &&
                       Contains("Ⅰ类"));
    }
    SECTION("shelter status 待定") {
        const std::string path = layer(
            dir, "shelters", point(R"("编号": "BN9", "类别": "固定", "容量": 10, "状态": "待定")"));
        CHECK_THAT(input_error([&] {
                       read_file(path, [](VectorLayer& l, const FieldMap& m) {
                           return read_shelters(l, m);
                       });
                   }),
                   Contains("field '状态'") && Contains("'待定'") && Contains("open") &&
                       Contains("已启用") && Contains("closed") && Contains("未启用"));
    }
    SECTION("depot tier 村级") {
        const std::string path = layer(dir, "depots", point(R"("编号": "CK9", "级别": "村级")"));
        CHECK_THAT(input_error([&] { read_file(path, read_depots); }),
                   Contains("feature CK9") && Contains("field '级别'") && Contains("'村级'") &&
                       Contains("township") && Contains("乡镇级") && Contains("province") &&
                       Contains("省级"));
    }
    SECTION("team status 休假") {
        const std::string path =
            layer(dir, "teams", point(R"("编号": "JH9", "类型": "救护车", "状态": "休假")"));
        CHECK_THAT(input_error([&] { read_file(path, read_teams); }),
                   Contains("feature JH9") && Contains("field '状态'") && Contains("'休假'") &&
                       Contains("available") && Contains("可用") && Contains("busy") &&
                       Contains("执行任务中"));
    }
    SECTION("hazard effect 管制") {
        const std::string path = layer(
            dir, "hazards",
            R"({"type": "Feature", "properties": {"编号": "Z9", "措施": "管制"}, "geometry": {"type": "Polygon", "coordinates": [[[118.77, 32.04], [118.78, 32.04], [118.78, 32.05], [118.77, 32.04]]]}})");
        CHECK_THAT(input_error([&] { read_file(path, read_hazards); }),
                   Contains("feature Z9") && Contains("field '措施'") && Contains("'管制'") &&
                       Contains("closed") && Contains("封路") && Contains("slow") &&
                       Contains("减速"));
    }
    SECTION("oneway 单双") {
        const std::string path =
            layer(dir, "roads",
                  line(R"("编号": "L9", "道路等级": "支路", "单行": "单双")", 118.77, 32.04));
        CHECK_THAT(input_error([&] { read_file(path, read_roads); }),
                   Contains("feature L9") && Contains("field '单行'") && Contains("'单双'") &&
                       Contains("yes") && Contains("单向") && Contains("no") && Contains("双向"));
    }
    SECTION("structure 涵洞") {
        // A culvert carries water under the road: not a structure a road closure is about.
        const std::string path =
            layer(dir, "roads",
                  line(R"("编号": "L8", "道路等级": "支路", "结构": "涵洞")", 118.77, 32.04));
        CHECK_THAT(input_error([&] { read_file(path, read_roads); }),
                   Contains("feature L8") && Contains("field '结构'") && Contains("'涵洞'") &&
                       Contains("bridge") && Contains("桥梁") && Contains("tunnel") &&
                       Contains("隧道"));
    }
}

TEST_CASE("a team kind muster has no word for is kept, with a warning naming it") {
    TempDir dir;
    const std::string path = layer(
        dir, "teams",
        point(R"("编号": "WH1", "名称": "危化品救援队", "类型": "危化品救援队", "人数": 8)") + "," +
            point(R"("编号": "WH2", "名称": "化工园区救援队", "类型": "危化品救援队", "人数": 6)"));
    const auto read = read_file(path, read_teams);
    REQUIRE(read.items.size() == 2);
    CHECK(read.items[0].kind == "危化品救援队");
    REQUIRE(read.warnings.size() == 1);
    CHECK_THAT(read.warnings[0], Contains("'危化品救援队' on 2 teams") && Contains("ambulance") &&
                                     Contains("救护车") && Contains("values"));
}

TEST_CASE("plain roads: Chinese urban classes and grades, 限速 0, 单向 / 双向") {
    TempDir dir;
    // 中山路 城市主干道 no 限速: CJJ 37-2012 主干路 60/50/40 → 45. 华侨路 次干道 限速 0: unknown,
    // 次干路 50/40/30 → 35, with a warning. 上海路 一级公路: JTG B01-2014 100/80/60 → 70. 丰富路
    // 支路 限速 30 单行 单向: forward only at 30. 中山东路 主干道 单行 双向: both ways.
    const std::string path = layer(
        dir, "roads",
        line(R"("编号": "ZS", "道路名称": "中山路", "道路等级": "城市主干道", "限速": null)",
             118.77, 32.040) +
            "," +
            line(R"("编号": "HQ", "道路名称": "华侨路", "道路等级": "次干道", "限速": 0)", 118.77,
                 32.042) +
            "," +
            line(R"("编号": "SH", "道路名称": "上海路", "道路等级": "一级公路")", 118.77, 32.044) +
            "," +
            line(
                R"("编号": "FF", "道路名称": "丰富路", "道路等级": "支路", "限速": 30, "单行": "单向")",
                118.77, 32.046) +
            "," +
            line(R"("编号": "ZD", "道路名称": "中山东路", "道路等级": "主干道", "单行": "双向")",
                 118.77, 32.048));
    const auto roads = read_file(path, read_roads);
    REQUIRE(roads.items.size() == 5);
    CHECK(way(roads, "ZS").drive.speed_kmh == 45.0);
    CHECK(way(roads, "ZS").drive.forward);
    CHECK(way(roads, "ZS").drive.backward);
    CHECK(way(roads, "HQ").drive.speed_kmh == 35.0);
    CHECK(way(roads, "SH").drive.speed_kmh == 70.0);
    CHECK(way(roads, "FF").drive.speed_kmh == 30.0);
    CHECK(way(roads, "FF").drive.forward);
    CHECK_FALSE(way(roads, "FF").drive.backward);
    CHECK(way(roads, "ZD").drive.forward);
    CHECK(way(roads, "ZD").drive.backward);
    // One warning: the zero speed. No class is unknown.
    REQUIRE(roads.warnings.size() == 1);
    CHECK_THAT(roads.warnings[0], Contains("speed 0") && Contains("'限速'") && Contains("1 roads"));
}

TEST_CASE("hospitals with only a total of beds: triage categories by planning assumption") {
    TempDir dir;
    // 八一医院 2,500 beds: 18 % = 450; red 90, yellow 135, green 225. 眼科医院 120 beds: 21.6 →
    // 21; red 4.2 → 4, yellow 6.3 → 6, green 11. A null total: 0 beds, a problem.
    const std::string path = dir.write("hospitals.csv",
                                       "编号,名称,经度,纬度,床位数,应急床位\n"
                                       "YY1,八一医院,118.7790,32.0580,2500,40\n"
                                       "YY2,南京医科大学眼科医院,118.7700,32.0400,120,\n"
                                       "YY3,新街口社区卫生服务中心,118.7800,32.0420,,\n");
    const auto read = read_file(path, read_hospitals);
    REQUIRE(read.items.size() == 3);
    CHECK(read.items[0].beds_red == 90);
    CHECK(read.items[0].beds_yellow == 135);
    CHECK(read.items[0].beds_green == 225);
    CHECK(read.items[0].beds_surge == 40);  // given
    CHECK(read.items[1].beds_red == 4);
    CHECK(read.items[1].beds_yellow == 6);
    CHECK(read.items[1].beds_green == 11);
    CHECK(read.items[2].beds_red + read.items[2].beds_yellow + read.items[2].beds_green == 0);
    REQUIRE(read.warnings.size() == 1);
    CHECK_THAT(read.warnings[0], Contains("'床位数'") && Contains("18 %") && Contains("red 20 %"));
    // YY2's and YY3's 应急床位 are empty, YY3's 床位数 too.
    REQUIRE(read.problems.size() == 3);
    CHECK(read.problems[2].feature_id == "YY3");
    CHECK_THAT(read.problems[2].message, Contains("beds_total unknown"));
}

TEST_CASE("the import log says how beds were split") {
    TempDir dir;
    ImportRequest request;
    request.database = dir.file("county.sqlite");
    request.sources[SourceKind::roads] = muster::test::fixture("geodata/roads_zh.geojson");
    request.sources[SourceKind::hospitals] = dir.write(
        "hospitals.csv", "编号,名称,经度,纬度,实际开放床位\nYY1,八一医院,118.705,32.005,2500\n");
    const ImportSummary summary = run_import(request);
    auto entry = std::find_if(summary.entries.begin(), summary.entries.end(),
                              [](const ImportLogEntry& e) { return e.kind == "hospitals"; });
    REQUIRE(entry != summary.entries.end());
    CHECK_THAT(entry->warnings, Contains("'实际开放床位'") && Contains("planning assumptions"));
}

TEST_CASE("an office's own words from the --fields file come before muster's") {
    TempDir dir;
    const std::string mapping = dir.write("fields.json", R"({
        "shelters": {"class": ["场所级别"], "values": {"class": {"A类": "central", "b类": "fixed"}}},
        "teams": {"values": {"status": {"正常": "busy", "在勤": "busy"},
                             "kind": {"危化品救援队": "hazmat", "特勤": "fire"}}},
        "depots": {"values": {"tier": {"片区": "county"}}},
        "roads": {"values": {"class": {"机耕路": "track", "园区路": "service"},
                             "oneway": {"正向": "yes", "逆向": "-1"}}}
    })");
    const FieldMap map = FieldMap::from_file(mapping);

    SECTION("shelters: 场所级别 A类 / B类 (letter case ignored)") {
        const std::string path =
            layer(dir, "shelters",
                  point(R"("编号": "BN1", "场所级别": "A类", "容量": 100)") + "," +
                      point(R"("编号": "BN2", "场所级别": "B类", "容量": 100)") + "," +
                      point(R"("编号": "BN3", "场所级别": "紧急", "容量": 100)"));
        const auto read = read_file(
            path, [](VectorLayer& l, const FieldMap& m) { return read_shelters(l, m); }, map);
        REQUIRE(read.items.size() == 3);
        CHECK(read.items[0].shelter_class == ShelterClass::central);
        CHECK(read.items[1].shelter_class == ShelterClass::fixed);
        CHECK(read.items[2].shelter_class == ShelterClass::emergency);  // muster's word still
    }
    SECTION("teams: the office's 正常 means busy, before muster's available; own kinds") {
        const std::string path =
            layer(dir, "teams",
                  point(R"("编号": "T1", "类型": "救护车", "状态": "正常")") + "," +
                      point(R"("编号": "T2", "类型": "危化品救援队", "状态": "在勤")") + "," +
                      point(R"("编号": "T3", "类型": "特勤", "状态": "待命")"));
        const auto read = read_file(path, read_teams, map);
        REQUIRE(read.items.size() == 3);
        CHECK(read.items[0].status == "busy");
        CHECK(read.items[1].kind == "hazmat");
        CHECK(read.items[1].status == "busy");
        CHECK(read.items[2].kind == "fire");
        CHECK(read.items[2].status == "available");
        REQUIRE(read.warnings.size() == 1);  // no capacity field; hazmat is the office's kind
        CHECK_THAT(read.warnings[0], Contains("capacity"));
    }
    SECTION("depots: 片区 → county") {
        const std::string path = layer(dir, "depots", point(R"("编号": "CK1", "级别": "片区")"));
        const auto read = read_file(path, read_depots, map);
        REQUIRE(read.items.size() == 1);
        CHECK(read.items[0].tier == DepotTier::county);
    }
    SECTION("roads: 机耕路 → track (walking only), 园区路 → service, 正向 / 逆向") {
        const std::string path = layer(
            dir, "roads",
            line(R"("编号": "J1", "道路等级": "机耕路")", 118.77, 32.040) + "," +
                line(R"("编号": "Y1", "道路等级": "园区路", "单行": "逆向")", 118.77, 32.042) +
                "," + line(R"("编号": "Y2", "道路等级": "乡道", "单行": "正向")", 118.77, 32.044));
        const auto roads = read_file(path, read_roads, map);
        REQUIRE(roads.items.size() == 3);
        CHECK_FALSE(way(roads, "J1").drive.usable());
        CHECK(way(roads, "J1").walk.usable());
        CHECK(way(roads, "J1").road_class == "机耕路");   // the source's word is kept
        CHECK(way(roads, "Y1").drive.speed_kmh == 15.0);  // OSM service
        CHECK_FALSE(way(roads, "Y1").drive.forward);
        CHECK(way(roads, "Y1").drive.backward);
        CHECK(way(roads, "Y2").drive.forward);
        CHECK_FALSE(way(roads, "Y2").drive.backward);
        CHECK(roads.warnings.empty());  // 机耕路 is no longer unknown
    }
}

TEST_CASE("a bad values section of the --fields file is refused, naming what is wrong") {
    TempDir dir;
    auto refused = [&](const std::string& json) {
        const std::string path = dir.write("fields.json", json);
        return input_error([&] { FieldMap::from_file(path); });
    };
    CHECK_THAT(refused(R"({"shelters": {"values": {"class": {"A类": "centre"}}}})"),
               Contains("shelters.values.class") && Contains("'A类'") && Contains("'centre'") &&
                   Contains("emergency, fixed, central"));
    CHECK_THAT(refused(R"({"shelters": {"values": {"name": {"x": "y"}}}})"),
               Contains("'name' is not a coded attribute"));
    CHECK_THAT(refused(R"({"roads": {"values": {"class": {"机耕路": "farm_road"}}}})"),
               Contains("'farm_road'") && Contains("OSM highway class"));
    CHECK_THAT(refused(R"({"teams": {"values": {"status": {"在勤": 1}}}})"),
               Contains("teams.values.status") && Contains("'在勤'"));
    CHECK_THAT(refused(R"({"depots": {"values": ["county"]}})"), Contains("depots.values"));
}

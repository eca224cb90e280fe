// The words of coded attributes (engine/vocabulary.hpp): each expected value is read off the
// standard or the work-plan term it comes from (docs/vocabularies.md), not off muster's tables.

#include <catch2/catch.hpp>

#include <string>

#include "engine/entities.hpp"
#include "engine/errors.hpp"
#include "engine/hospital_beds.hpp"
#include "engine/road_profile.hpp"
#include "engine/vocabulary.hpp"

using Catch::Matchers::Contains;
using namespace muster;

TEST_CASE("shelter classes of GB 51143-2015 and GB 21734-2008") {
    // GB 51143-2015 §3.1.4: emergency, fixed (short-, medium-, long-term), central.
    CHECK(parse_shelter_class("紧急避难场所") == ShelterClass::emergency);
    CHECK(parse_shelter_class("中期固定避难场所") == ShelterClass::fixed);
    CHECK(parse_shelter_class("中心") == ShelterClass::central);
    // GB 21734-2008: Ⅰ类 over 30 days with command facilities → central; Ⅱ类 10-30 days and
    // Ⅲ类 up to 10 days, both lodging people → fixed. Every spelling of the numeral.
    for (const char* word : {"Ⅰ类", "一类", "I类", "Ⅰ", "I", "i"})
        CHECK(parse_shelter_class(word) == ShelterClass::central);
    for (const char* word : {"Ⅱ类", "二类", "II类", "Ⅱ", "II", "Ⅲ类", "三类", "III类", "Ⅲ", "iii"})
        CHECK(parse_shelter_class(word) == ShelterClass::fixed);
    CHECK_FALSE(parse_shelter_class("四类"));
    CHECK_FALSE(parse_shelter_class("IV"));
}

TEST_CASE("depot tiers in the words of county work plans") {
    CHECK(parse_depot_tier("乡镇级") == DepotTier::township);
    CHECK(parse_depot_tier("街道") == DepotTier::township);
    CHECK(parse_depot_tier("区级") == DepotTier::county);
    CHECK(parse_depot_tier("县") == DepotTier::county);
    CHECK(parse_depot_tier("地市级") == DepotTier::city);
    CHECK(parse_depot_tier("省级") == DepotTier::province);
    CHECK(parse_depot_tier("国家级") == DepotTier::central);
    CHECK(parse_depot_tier(" County ") == DepotTier::county);  // spaces and case ignored
    CHECK_FALSE(parse_depot_tier("村级"));
}

TEST_CASE("shelter and team statuses in Chinese") {
    CHECK(parse_shelter_status("已启用") == ShelterStatus::open);
    CHECK(parse_shelter_status("正常") == ShelterStatus::open);
    CHECK(parse_shelter_status("未启用") == ShelterStatus::closed);
    CHECK(parse_shelter_status("停用") == ShelterStatus::closed);

    for (const char* word : {"可用", "待命", "空闲", "正常", "在岗", "available", "Available"})
        CHECK(means_available(word));
    for (const char* word : {"执行任务中", "出车", "出勤", "忙", "任务中"}) {
        CHECK_FALSE(means_available(word));
        CHECK(team_status_words().canonical(word) == "busy");
    }
    for (const char* word : {"维修", "停用", "故障"})
        CHECK(team_status_words().canonical(word) == "out_of_service");
    CHECK_FALSE(team_status_words().canonical("休假"));
}

TEST_CASE("team kinds in Chinese and as emergency numbers") {
    const Vocabulary& kinds = team_kind_words();
    for (const char* word : {"救护车", "急救", "120", "急救车"})
        CHECK(kinds.canonical(word) == "ambulance");
    for (const char* word : {"消防", "消防救援队", "消防队", "119"})
        CHECK(kinds.canonical(word) == "fire");
    for (const char* word : {"救援队", "救援队伍", "应急救援", "应急救援队"})
        CHECK(kinds.canonical(word) == "rescue");
    for (const char* word : {"医疗队", "卫生应急队伍", "医疗"})
        CHECK(kinds.canonical(word) == "medical");
    CHECK_FALSE(kinds.canonical("危化品救援队"));
}

TEST_CASE("hazard effects and oneway values in Chinese") {
    CHECK(parse_hazard_effect("封路") == HazardEffect::closed);
    CHECK(parse_hazard_effect("减速") == HazardEffect::slow);
    for (const char* word : {"是", "单向", "单行", "1", "Y", "yes", "TRUE"})
        CHECK(parse_oneway(word) == 1);
    for (const char* word : {"否", "双向", "双行", "0", "N", "no", "false"})
        CHECK(parse_oneway(word) == 0);
    CHECK(parse_oneway("-1") == -1);
    CHECK_FALSE(parse_oneway("单双"));
}

TEST_CASE("a vocabulary's message lists every word in both languages") {
    const std::string words = team_status_words().accepted_words();
    CHECK_THAT(words, Contains("available") && Contains("可用") && Contains("busy") &&
                          Contains("执行任务中") && Contains("out_of_service") && Contains("维修"));
    CHECK(depot_tier_words().canonical_list() == "township, county, city, province, central");
}

TEST_CASE("a vocabulary refuses a word that stands for two values") {
    REQUIRE_THROWS_AS(Vocabulary("test", {{"a", {"x"}, {}}, {"b", {"X"}, {}}}), ContractError);
}

TEST_CASE("Chinese road classes without a speed get their standard's design speed") {
    // Halfway between the two lowest design speeds. JTG B01-2014: 一级 100/80/60 → 70,
    // 二级 80/60 → 70, 三级 40/30 → 35, 四级 30/20 → 25. CJJ 37-2012: 快速路 100/80/60 → 70,
    // 主干路 60/50/40 → 45, 次干路 50/40/30 → 35.
    auto speed = [](const char* road_class) {
        return plain_drive_access(road_class, std::nullopt, std::nullopt).speed_kmh;
    };
    CHECK(speed("一级公路") == 70.0);
    CHECK(speed("二级公路") == 70.0);
    CHECK(speed("三级公路") == 35.0);
    CHECK(speed("四级公路") == 25.0);
    CHECK(speed("城市快速路") == 70.0);
    CHECK(speed("主干路") == 45.0);
    CHECK(speed("城市主干道") == 45.0);
    CHECK(speed("主干道") == 45.0);
    CHECK(speed("次干道") == 35.0);
    CHECK(speed("城市次干道") == 35.0);
    CHECK(speed("支道") == 25.0);
    // An administrative class has no design speed: its OSM class's (tertiary, 40).
    CHECK(speed("乡道") == 40.0);
    // A 城市主干道 is no longer slower than a 乡道 (it was 30, the unknown-class speed).
    CHECK(speed("城市主干道") > speed("乡道"));
    // 限速 0 is no speed: the class's.
    CHECK(plain_drive_access("城市次干道", 0.0, std::nullopt).speed_kmh == 35.0);
    CHECK(canonical_road_class("城市主干道") == "primary");
    CHECK(canonical_road_class("次干道") == "secondary");
    CHECK(canonical_road_class("一级公路") == "trunk");
    CHECK(canonical_road_class("步行街") == "pedestrian");
    CHECK_FALSE(plain_drive_access("步行街", std::nullopt, std::nullopt).usable());
}

TEST_CASE("a hospital's total beds split into triage categories") {
    // 2,500 beds: 18 % = 450 take casualties; red 20 % = 90, yellow 30 % = 135, green 225.
    const TriageBeds big = split_total_beds(2500);
    CHECK(big.red == 90);
    CHECK(big.yellow == 135);
    CHECK(big.green == 225);
    // 10 beds: 1.8 → 1 casualty bed; red 0.2 → 0, yellow 0.3 → 0, green 1.
    const TriageBeds small = split_total_beds(10);
    CHECK(small.red == 0);
    CHECK(small.yellow == 0);
    CHECK(small.green == 1);
}

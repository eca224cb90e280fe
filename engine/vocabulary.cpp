#include "engine/vocabulary.hpp"

#include <algorithm>
#include <utility>

#include "engine/errors.hpp"
#include "engine/text.hpp"

namespace muster {
namespace {

std::string_view without_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

Vocabulary::Vocabulary(std::string_view attribute, std::vector<VocabularyEntry> entries)
    : m_attribute(attribute), m_entries(std::move(entries)) {
    // A word that stood for two values would make the tables' order decide: refuse it.
    std::vector<std::string> seen;
    for (const auto& entry : m_entries) {
        std::vector<std::string_view> words{entry.canonical};
        words.insert(words.end(), entry.english.begin(), entry.english.end());
        words.insert(words.end(), entry.chinese.begin(), entry.chinese.end());
        for (std::string_view word : words) {
            std::string key = ascii_lower(word);
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                throw ContractError(m_attribute + ": word '" + key + "' listed twice");
            seen.push_back(std::move(key));
        }
    }
}

std::optional<std::string_view> Vocabulary::canonical(std::string_view word) const {
    const std::string key = ascii_lower(without_spaces(word));
    auto matches = [&](std::string_view candidate) { return ascii_lower(candidate) == key; };
    for (const auto& entry : m_entries) {
        if (matches(entry.canonical) ||
            std::any_of(entry.english.begin(), entry.english.end(), matches) ||
            std::any_of(entry.chinese.begin(), entry.chinese.end(), matches))
            return entry.canonical;
    }
    return std::nullopt;
}

bool Vocabulary::is_canonical(std::string_view value) const {
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const VocabularyEntry& e) { return e.canonical == value; });
}

std::string Vocabulary::canonical_list() const {
    std::string out;
    for (const auto& entry : m_entries)
        out += (out.empty() ? "" : ", ") + std::string(entry.canonical);
    return out;
}

std::string Vocabulary::accepted_words() const {
    std::string out;
    for (const auto& entry : m_entries) {
        std::string words;
        for (const auto* list : {&entry.english, &entry.chinese}) {
            for (std::string_view word : *list)
                words += (words.empty() ? "" : ", ") + std::string(word);
        }
        out += (out.empty() ? "" : "; ") + std::string(entry.canonical);
        if (!words.empty())
            out += " (" + words + ")";
    }
    return out;
}

// Sources and the reasons behind each mapping: docs/vocabularies.md.

const Vocabulary& shelter_class_words() {
    // GB 51143-2015 §3.1: 紧急 (gather and wait, no lodging), 固定 (lodging; short-, medium- and
    // long-term), 中心 (the largest fixed shelters, with command and medical centres).
    // GB 21734-2008 (its three classes): Ⅲ类 houses people up to 10 days, Ⅱ类 10-30 days, Ⅰ类 over
    // 30 days with the full facilities (command, helipad). Every GB 21734 class lodges people, so Ⅱ
    // and Ⅲ are fixed shelters; Ⅰ, long-stay with command functions, is a central one.
    static const Vocabulary words(
        "shelter class",
        {{"emergency", {}, {"紧急", "紧急避难场所"}},
         {"fixed",
          {"ii", "iii"},
          {"固定", "固定避难场所", "短期固定避难场所", "中期固定避难场所", "长期固定避难场所",
           "Ⅱ类", "Ⅲ类", "二类", "三类", "II类", "III类", "Ⅱ", "Ⅲ"}},
         {"central", {"i"}, {"中心", "中心避难场所", "Ⅰ类", "一类", "I类", "Ⅰ"}}});
    return words;
}

const Vocabulary& shelter_status_words() {
    static const Vocabulary words(
        "shelter status",
        {{"open", {}, {"开放", "已开放", "启用", "已启用", "正常", "可用"}},
         {"closed", {}, {"关闭", "已关闭", "未开放", "未启用", "停用", "已停用"}}});
    return words;
}

const Vocabulary& depot_tier_words() {
    static const Vocabulary words(
        "depot tier", {{"township", {}, {"乡镇", "乡镇级", "乡级", "镇级", "街道", "街道级"}},
                       {"county", {}, {"县", "县级", "区", "区级", "县区级"}},
                       {"city", {}, {"市", "市级", "地市级", "地级", "地市"}},
                       {"province", {}, {"省", "省级"}},
                       {"central", {}, {"中央", "中央级", "国家", "国家级"}}});
    return words;
}

const Vocabulary& team_kind_words() {
    static const Vocabulary words(
        "team kind", {{"ambulance", {"120"}, {"救护车", "急救", "急救车", "急救站"}},
                      {"fire", {"119"}, {"消防", "消防队", "消防站", "消防救援队", "消防救援站"}},
                      {"rescue", {}, {"救援", "救援队", "救援队伍", "应急救援", "应急救援队"}},
                      {"medical", {}, {"医疗", "医疗队", "医疗救护队", "卫生应急队伍"}}});
    return words;
}

const Vocabulary& team_status_words() {
    static const Vocabulary words(
        "team status",
        {{"available", {}, {"可用", "待命", "空闲", "正常", "在岗"}},
         {"busy", {}, {"执行任务中", "任务中", "出车", "出勤", "忙", "忙碌"}},
         // The stages of a dispatch, as a dispatcher's screen sets them while it runs.
         {"dispatched", {}, {"已派遣", "已出动", "出动"}},
         {"on_scene", {"on scene"}, {"到达现场", "在现场", "现场处置"}},
         {"transporting", {}, {"转运中", "转运", "送医途中"}},
         {"at_hospital", {"at hospital"}, {"到达医院", "在医院"}},
         {"out_of_service", {}, {"维修", "维修中", "停用", "故障"}}});
    return words;
}

const Vocabulary& hazard_effect_words() {
    static const Vocabulary words("hazard effect",
                                  {{"closed", {"close", "closure"}, {"关闭", "封闭", "封路"}},
                                   {"slow", {"slowdown"}, {"减速"}}});
    return words;
}

const Vocabulary& oneway_words() {
    static const Vocabulary words("oneway", {{"yes", {"true", "1", "y"}, {"是", "单向", "单行"}},
                                             {"-1", {"reverse"}, {}},
                                             {"no", {"false", "0", "n"}, {"否", "双向", "双行"}}});
    return words;
}

const Vocabulary& road_structure_words() {
    // 桥梁 and 隧道 are the register's words (JTG B01-2014 counts 特大桥 to 小桥 and 特长隧道 to
    // 短隧道 by length); 高架 and 立交 are the city's bridges, 地道 and 下穿 its underpasses.
    static const Vocabulary words(
        "road structure",
        {{"bridge",
          {"viaduct", "overpass", "flyover"},
          {"桥", "桥梁", "大桥", "特大桥", "中桥", "小桥", "高架", "高架桥", "高架路", "立交",
           "立交桥", "天桥"}},
         {"tunnel",
          {"underpass"},
          {"隧道", "特长隧道", "长隧道", "中隧道", "短隧道", "地道", "下穿", "下穿通道"}},
         {"none", {"no", "road"}, {"无", "否", "路基", "路段", "一般路段"}}});
    return words;
}

const std::vector<ChineseRoadClass>& chinese_road_classes() {
    // Speeds: halfway between the two lowest design speeds of the class (a planning assumption:
    // county roads are seldom built to their grade's top speed, and traffic runs below it).
    // JTG B01-2014 (公路工程技术标准) and CJJ 37-2012 (城市道路工程设计规范) give design speeds
    // per grade and urban class; each range is in the comment beside its class. Administrative
    // classes have no design speed: the OSM class's default applies.
    constexpr std::string_view jtg = "JTG B01-2014";
    constexpr std::string_view cjj = "CJJ 37-2012";
    static const std::vector<ChineseRoadClass> classes{
        {"高速公路", "motorway", 90.0, jtg},  // 120/100/80
        {"高速", "motorway", 90.0, jtg},
        {"一级公路", "trunk", 70.0, jtg},         // 100/80/60
        {"二级公路", "primary", 70.0, jtg},       // 80/60
        {"三级公路", "secondary", 35.0, jtg},     // 40/30
        {"四级公路", "tertiary", 25.0, jtg},      // 30/20
        {"等外公路", "unclassified", 20.0, jtg},  // below 四级: its lowest, 20
        {"国道", "trunk", std::nullopt, ""},
        {"省道", "primary", std::nullopt, ""},
        {"县道", "secondary", std::nullopt, ""},
        {"乡道", "tertiary", std::nullopt, ""},
        {"村道", "unclassified", std::nullopt, ""},
        {"专用公路", "service", std::nullopt, ""},
        {"城市快速路", "trunk", 70.0, cjj},  // 100/80/60
        {"快速路", "trunk", 70.0, cjj},
        {"主干路", "primary", 45.0, cjj},  // 60/50/40
        {"主干道", "primary", 45.0, cjj},
        {"城市主干路", "primary", 45.0, cjj},
        {"城市主干道", "primary", 45.0, cjj},
        {"次干路", "secondary", 35.0, cjj},  // 50/40/30
        {"次干道", "secondary", 35.0, cjj},
        {"城市次干路", "secondary", 35.0, cjj},
        {"城市次干道", "secondary", 35.0, cjj},
        {"支路", "residential", 25.0, cjj},  // 40/30/20
        {"支道", "residential", 25.0, cjj},
        {"城市支路", "residential", 25.0, cjj},
        {"人行道", "footway", std::nullopt, ""},
        {"步行道", "footway", std::nullopt, ""},
        {"步道", "footway", std::nullopt, ""},
        {"步行街", "pedestrian", std::nullopt, ""},
        {"小路", "path", std::nullopt, ""},
        {"小径", "path", std::nullopt, ""},
        {"台阶", "steps", std::nullopt, ""},
        {"非机动车道", "cycleway", std::nullopt, ""},
        {"轮渡", "ferry", std::nullopt, ""},  // crossings: timed as ferries (road_profile.hpp)
        {"渡口", "ferry", std::nullopt, ""},
        {"渡船", "ferry", std::nullopt, ""},
        {"汽渡", "ferry", std::nullopt, ""},
        {"车渡", "ferry", std::nullopt, ""},
    };
    return classes;
}

const ChineseRoadClass* find_chinese_road_class(std::string_view word) {
    word = without_spaces(word);
    for (const auto& c : chinese_road_classes()) {
        if (c.word == word)
            return &c;
    }
    return nullptr;
}

std::string chinese_road_class_words() {
    std::string out;
    for (const auto& c : chinese_road_classes())
        out += (out.empty() ? "" : ", ") + std::string(c.word);
    return out;
}

}  // namespace muster

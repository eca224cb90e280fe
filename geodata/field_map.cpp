#include "geodata/field_map.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "engine/errors.hpp"
#include "engine/road_profile.hpp"
#include "engine/text.hpp"
#include "engine/vocabulary.hpp"

namespace muster {
namespace {

using Names = std::vector<std::string>;

const Names kId{"id", "source_id", "osm_id", "code", "编号", "代码", "标识码"};
const Names kName{"name", "名称", "名字", "单位名称"};
// A Shapefile's DBF holds field names of at most 10 characters, and GDAL truncates longer ones
// when it writes one ("beds_yellow" becomes "beds_yello"): each default name longer than that is
// followed by its truncated form, so a Shapefile written by GDAL (ogr2ogr) reads back.
const Names kRegion{"region",   "region_code", "region_cod", "行政区划代码",
                    "区划代码", "所属区域",    "所属地区",   "区域"};
const Names kStatus{"status", "状态"};

std::string word_key(std::string_view word) {
    while (!word.empty() && (word.front() == ' ' || word.front() == '\t'))
        word.remove_prefix(1);
    while (!word.empty() && (word.back() == ' ' || word.back() == '\t'))
        word.remove_suffix(1);
    return ascii_lower(word);
}

// The built-in words of a coded attribute; roads' class is coded too but has no Vocabulary (its
// values are OSM classes), and team kinds are open (any value may be given).
const Vocabulary* coded_vocabulary(SourceKind kind, std::string_view attribute) {
    using K = SourceKind;
    if (kind == K::roads && attribute == "oneway")
        return &oneway_words();
    if (kind == K::roads && attribute == "structure")
        return &road_structure_words();
    if (kind == K::shelters && attribute == "class")
        return &shelter_class_words();
    if (kind == K::shelters && attribute == "status")
        return &shelter_status_words();
    if (kind == K::depots && attribute == "tier")
        return &depot_tier_words();
    if (kind == K::teams && attribute == "kind")
        return &team_kind_words();
    if (kind == K::teams && attribute == "status")
        return &team_status_words();
    if (kind == K::hazards && attribute == "effect")
        return &hazard_effect_words();
    return nullptr;
}

// The canonical value an office's word may be mapped to, or nothing with `why` set.
std::optional<std::string> mapped_value(SourceKind kind, const std::string& attribute,
                                        const std::string& target, std::string& why) {
    const std::string value = word_key(target);
    if (kind == SourceKind::roads && attribute == "class") {
        if (!value.empty() && canonical_road_class(value) == value)
            return value;
        why =
            "is not an OSM highway class muster knows (motorway, trunk, primary, secondary, "
            "tertiary, unclassified, residential, service, footway, path, ...)";
        return std::nullopt;
    }
    if (kind == SourceKind::teams && attribute == "kind") {
        if (!value.empty())
            return value;  // kinds are open: the office may name its own
        why = "is empty";
        return std::nullopt;
    }
    const Vocabulary* words = coded_vocabulary(kind, attribute);
    if (words->is_canonical(value))
        return value;
    why = "is not a " + std::string(words->attribute()) + " (" + words->canonical_list() + ")";
    return std::nullopt;
}

// One kind's "values" object of a mapping file: attribute -> lower-cased word -> value.
std::map<std::string, std::map<std::string, std::string>, std::less<>> read_values(
    const std::string& path, SourceKind kind, const nlohmann::json& values) {
    std::map<std::string, std::map<std::string, std::string>, std::less<>> out;
    const std::string where = path + ": " + std::string(to_string(kind)) + ".values";
    if (!values.is_object())
        throw InputError(where + " must be an object of attributes");
    for (auto& [attribute, words] : values.items()) {
        const bool coded = (kind == SourceKind::roads && attribute == "class") ||
                           coded_vocabulary(kind, attribute);
        if (!coded) {
            throw InputError(where + ": '" + attribute + "' is not a coded attribute of " +
                             std::string(to_string(kind)) +
                             " (coded: roads class, oneway; shelters class, status; depots tier; "
                             "teams kind, status; hazards effect)");
        }
        if (!words.is_object())
            throw InputError(where + "." + attribute + " must be an object of word: value");
        auto& own = out[attribute];
        for (auto& [word, target] : words.items()) {
            if (!target.is_string())
                throw InputError(where + "." + attribute + ": '" + word + "' must map to a text");
            std::string why;
            auto value = mapped_value(kind, attribute, target.get<std::string>(), why);
            if (!value) {
                throw InputError(where + "." + attribute + ": '" + word + "' maps to '" +
                                 target.get<std::string>() + "', which " + why);
            }
            own[word_key(word)] = *value;
        }
    }
    return out;
}

}  // namespace

std::string_view to_string(SourceKind kind) {
    switch (kind) {
        case SourceKind::roads:
            return "roads";
        case SourceKind::townships:
            return "townships";
        case SourceKind::shelters:
            return "shelters";
        case SourceKind::depots:
            return "depots";
        case SourceKind::inventory:
            return "inventory";
        case SourceKind::teams:
            return "teams";
        case SourceKind::hospitals:
            return "hospitals";
        case SourceKind::hazards:
            return "hazards";
    }
    return "?";
}

FieldMap FieldMap::defaults() {
    FieldMap map;
    auto& n = map.m_names;
    n[SourceKind::roads] = {
        {"id", kId},
        {"name", {"name", "道路名称", "名称"}},
        {"class", {"highway", "class", "road_class", "fclass", "type", "道路等级", "等级"}},
        {"speed_kmh", {"speed_kmh", "speed", "maxspeed", "速度", "限速", "设计速度"}},
        {"oneway", {"oneway", "单行", "单向"}},
        {"structure", {"structure", "bridge_tunnel", "结构", "道路结构", "构造物", "桥隧"}},
    };
    n[SourceKind::townships] = {
        {"id", kId},
        {"name", kName},
        {"population", {"population", "pop", "人口", "人口数", "常住人口", "户籍人口"}},
        {"region", kRegion},
    };
    n[SourceKind::shelters] = {
        {"id", kId},
        {"name", kName},
        {"class",
         {"class", "shelter_class", "shelter_cl", "level", "类别", "等级", "类型", "场所类型"}},
        {"area_m2",
         {"area_m2", "effective_area", "effective_", "area", "有效面积", "有效避难面积", "面积"}},
        {"capacity", {"capacity", "容量", "容纳人数", "可容纳人数", "避难人数"}},
        {"status", kStatus},
    };
    n[SourceKind::depots] = {
        {"id", kId},
        {"name", kName},
        {"region", kRegion},
        {"tier", {"tier", "level", "级别", "层级", "储备库级别"}},
    };
    n[SourceKind::inventory] = {
        {"depot_id", {"depot_id", "depot", "储备库编号", "仓库编号"}},
        {"item", {"item", "物资", "物资名称"}},
        {"quantity", {"quantity", "qty", "数量"}},
        {"unit", {"unit", "单位"}},
    };
    n[SourceKind::teams] = {
        {"id", kId},
        {"name", kName},
        {"kind", {"kind", "type", "类型", "队伍类型"}},
        {"capacity", {"capacity", "容量", "人数", "载客量"}},
        {"status", kStatus},
        {"region", kRegion},
    };
    n[SourceKind::hospitals] = {
        {"id", kId},
        {"name", kName},
        {"beds_red", {"beds_red", "red", "红区床位", "危重床位"}},
        {"beds_yellow", {"beds_yellow", "beds_yello", "yellow", "黄区床位"}},
        {"beds_green", {"beds_green", "green", "绿区床位"}},
        {"beds_surge", {"beds_surge", "surge", "应急床位", "机动床位"}},
        // A hospital's size; split into triage categories when they are not given.
        {"beds_total",
         {"beds_total", "beds", "实际开放床位", "开放床位", "床位数", "编制床位", "总床位"}},
        {"region", kRegion},
    };
    n[SourceKind::hazards] = {
        {"id", kId},
        {"name", kName},
        {"kind", {"kind", "type", "hazard", "类型", "灾害类型"}},
        {"effect", {"effect", "影响", "措施"}},
        {"speed_factor", {"speed_factor", "speed_fact", "factor", "速度系数"}},
    };
    return map;
}

FieldMap FieldMap::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open the field mapping file");
    nlohmann::json json;
    try {
        in >> json;
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(path + ": not valid JSON: " + e.what());
    }
    if (!json.is_object())
        throw InputError(path + ": expected a JSON object of source kinds");

    FieldMap map = defaults();
    for (auto& [kind_name, attributes] : json.items()) {
        const SourceKind* kind = nullptr;
        for (const SourceKind& k : kAllSourceKinds) {
            if (to_string(k) == kind_name)
                kind = &k;
        }
        if (!kind)
            throw InputError(path + ": unknown source kind '" + kind_name + "'");
        if (!attributes.is_object())
            throw InputError(path + ": '" + kind_name + "' must be an object");
        auto& known = map.m_names[*kind];
        for (auto& [attribute, names] : attributes.items()) {
            if (attribute == "values") {
                map.m_values[*kind] = read_values(path, *kind, names);
                continue;
            }
            auto it = known.find(attribute);
            if (it == known.end()) {
                throw InputError(path + ": " + kind_name + " has no attribute '" + attribute + "'");
            }
            Names given;
            if (names.is_string()) {
                given.push_back(names.get<std::string>());
            } else if (names.is_array() &&
                       std::all_of(names.begin(), names.end(),
                                   [](const auto& v) { return v.is_string(); })) {
                given = names.get<Names>();
            } else {
                throw InputError(path + ": " + kind_name + "." + attribute +
                                 " must be a field name or a list of field names");
            }
            given.insert(given.end(), it->second.begin(), it->second.end());
            it->second = std::move(given);
        }
    }
    return map;
}

const std::vector<std::string>& FieldMap::candidates(SourceKind kind,
                                                     std::string_view attribute) const {
    const auto& attributes = m_names.at(kind);
    auto it = attributes.find(attribute);
    if (it == attributes.end())
        throw ContractError("no attribute " + std::string(attribute));
    return it->second;
}

std::optional<std::string> FieldMap::own_value(SourceKind kind, std::string_view attribute,
                                               std::string_view word) const {
    auto by_kind = m_values.find(kind);
    if (by_kind == m_values.end())
        return std::nullopt;
    auto by_attribute = by_kind->second.find(attribute);
    if (by_attribute == by_kind->second.end())
        return std::nullopt;
    auto it = by_attribute->second.find(word_key(word));
    if (it == by_attribute->second.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> FieldMap::attributes(SourceKind kind) const {
    std::vector<std::string> names;
    for (const auto& [name, candidates] : m_names.at(kind))
        names.push_back(name);
    return names;
}

}  // namespace muster

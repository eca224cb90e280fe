#include "geodata/field_map.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

#include "engine/errors.hpp"

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

std::vector<std::string> FieldMap::attributes(SourceKind kind) const {
    std::vector<std::string> names;
    for (const auto& [name, candidates] : m_names.at(kind))
        names.push_back(name);
    return names;
}

}  // namespace muster

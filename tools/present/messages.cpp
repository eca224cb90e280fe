#include "tools/present/messages.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "engine/errors.hpp"

namespace muster::tools {
namespace {

struct Entry {
    std::string_view en;
    std::string_view zh;
};

// Labels by their English text. Chinese terms as Chinese emergency management uses them
// (应急避难场所, 储备库, 救援队伍, 伤员分类 红/黄/绿, 行程时间, 距离).
constexpr auto kLabels = std::to_array<Entry>({
    // Column headers of the terminal's tables.
    {"ETA min", "预计到达（分钟）"},
    {"R/Y/G", "红/黄/绿"},
    {"arrive", "到达"},
    {"assigned", "已安置"},
    {"capacity", "容量"},
    {"category", "伤情分类"},
    {"class", "道路等级"},
    {"count", "数量"},
    {"covered", "已覆盖"},
    {"cross", "跨区"},
    {"cross-region", "跨区调拨"},
    {"delivered", "已调拨"},
    {"demand", "需求量"},
    {"depot", "储备库"},
    {"destination", "目的地"},
    {"distance_m", "距离（米）"},
    {"duration_s", "行程时间（秒）"},
    {"features", "要素数"},
    {"figures", "概况"},
    {"hospital", "医院"},
    {"id", "编号"},
    {"imported", "已导入"},
    {"incident", "事故点"},
    {"item", "物资"},
    {"kind", "类别"},
    {"km", "公里"},
    {"late", "超时"},
    {"lowest fill", "最低满足率"},
    {"min fill", "最低满足率"},
    {"minutes", "分钟"},
    {"name", "名称"},
    {"of", "总数"},
    {"patients", "伤员数"},
    {"population", "人口"},
    {"problems", "问题数"},
    {"quantity", "数量"},
    {"qty x hours", "数量×小时"},
    {"rank", "排名"},
    {"reason", "原因"},
    {"region", "区域"},
    {"run", "批次"},
    {"shelter", "应急避难场所"},
    {"source", "数据源"},
    {"stock", "库存"},
    {"surge beds", "应急扩充床位"},
    {"target h", "时限（小时）"},
    {"tier", "层级"},
    {"time", "时间"},
    {"township", "乡镇"},
    {"unassigned", "未安置"},
    {"unit", "单位"},
    {"unit|ambulance", "救护车"},
    {"trip", "趟次"},
    {"at scene", "到达现场"},
    {"at hospital", "到达医院"},
    {"free", "空闲"},
    // Values in cells: depot tiers, triage categories, flags.
    {"LATE", "超时"},
    {"central", "中央"},
    {"city", "市级"},
    {"county", "县级"},
    {"green", "绿"},
    {"province", "省级"},
    {"red", "红"},
    {"yellow", "黄"},
    {"yes", "是"},
    // Kinds of resources (info, import).
    {"depots", "储备库"},
    {"hazards", "危险区域"},
    {"hospitals", "医院"},
    {"inventory", "物资库存"},
    {"roads", "道路"},
    {"shelters", "应急避难场所"},
    {"teams", "救援队伍"},
    {"townships", "乡镇"},
    // The coverage summary (shelter classes as GB 21734 names them: 紧急, 固定, 中心避难场所).
    {"by central", "中心避难场所覆盖"},
    {"by emergency", "紧急避难场所覆盖"},
    {"by fixed", "固定避难场所覆盖"},
    {"shelter coverage by walking network", "应急避难场所步行覆盖"},
    {"within capacity, mean walk", "人在容量之内，平均步行"},
    {"note", "注"},
    // Lines and the error frame; punctuation, which Chinese writes fullwidth.
    {", ", "，"},
    {":", "："},
    {"Ambulance trips", "救护车行程"},
    {"Beyond capacity:", "超出收治能力："},
    {"Lowest fill rates (all in --format json):", "满足率最低的目的地（全部见 --format json）："},
    {"Mass-casualty distribution", "批量伤员分流"},
    {"Note", "注"},
    {"Relief allocation", "救灾物资调拨"},
    {"Unreachable (no depot reaches them by road)", "不可达（无储备库可经道路到达）"},
    {"Warning", "警告"},
    {"cannot write", "无法写入"},
    {"data error", "数据错误"},
    {"error", "错误"},
    {"import log:", "导入记录："},
    {"resource database", "资源数据库"},
    {"stock:", "库存："},
    {"run muster --help", "运行 muster --help 查看用法"},
    {"shipments", "批调运"},
    {"later than the ETA target", "批超过到达时限"},
    {"unavailable", "不可用"},
    {"wrote", "已写入"},
    // The printed report (muster report): titles, legends, table headers, notes; relief items.
    {"Shelter coverage by township", "各乡镇应急避难场所覆盖"},
    {"Hospital service areas", "医院服务范围"},
    {"Relief flows and fill rates", "救灾物资调拨流向与满足率"},
    {"Mass-casualty plan", "批量伤员分流方案"},
    {"Emergency shelter and relief planning report", "应急避难与救灾物资规划报告"},
    {"Townships by uncovered population", "各乡镇未覆盖人口"},
    {"Hospitals: beds and people within driving time", "医院床位与驾车时间内可达人口"},
    {"Relief items", "救灾物资"},
    {"Casualties per hospital by triage category", "各医院收治伤员（按伤情分类）"},
    {"Covered: a shelter of the right class within walking distance along the roads (GB "
     "51143-2015); same figures as muster coverage.",
     "已覆盖：沿道路步行距离内有相应类别的应急避难场所（GB 51143-2015）；数字与 muster coverage "
     "相同。"},
    {"Beds: red, yellow and green beds (no surge beds). People: the demand points of the coverage "
     "grid inside each area; areas of hospitals overlap, so the rows do not add up.",
     "床位：红、黄、绿床位（不含应急扩充床位）。人口：覆盖分析需求网格点落在服务范围内的人口；各医"
     "院服务范围相互重叠，各行不可相加。"},
    {"Fill rate: delivered ÷ demand; lowest fill: the least any shelter gets (fairness first, as "
     "muster allocate plans it).",
     "满足率：已调拨 ÷ 需求量；最低满足率：各避难场所中最低者（公平优先，与 muster allocate "
     "相同）。"},
    {"Roads and basemap", "道路与底图"},
    {"Sources", "数据来源"},
    {"N|north", "北"},
    {"(as coverage places them)", "（按覆盖分析安置）"},
    {"ambulance trips", "救护车行程"},
    {"beds", "床位"},
    {"casualties red / yellow / green", "伤员 红/黄/绿"},
    {"closed shelter", "关闭的应急避难场所"},
    {"covered %", "覆盖率"},
    {"days", "天"},
    {"depots, inventory, shelters", "储备库、物资库存、应急避难场所"},
    {"drive network under the stored hazards, service areas as muster isochrone draws them",
     "驾车路网（已计入库存危险区域），服务范围与 muster isochrone 相同"},
    {"drive network under the stored hazards; allocation as muster allocate --persons plans it",
     "驾车路网（已计入库存危险区域）；调拨方案与 muster allocate --persons 相同"},
    {"drive network under the stored hazards; plan as muster mci makes it",
     "驾车路网（已计入库存危险区域）；分流方案与 muster mci 相同"},
    {"driving", "驾车"},
    {"ferry", "轮渡"},
    {"fill rate", "满足率"},
    {"hospitals, ambulances, incidents", "医院、救护车、事故点"},
    {"hospitals, townships, roads", "医院、乡镇、道路"},
    {"incidents", "事故点"},
    {"item shown", "图示物资"},
    {"last patient at hospital after", "最后一名伤员到院用时"},
    {"m (emergency / fixed / central shelters)", "米（紧急/固定/中心避难场所）"},
    {"m", "米"},
    {"min", "分钟"},
    {"motorway, trunk", "高速公路、干线公路"},
    {"open shelter", "开放的应急避难场所"},
    {"other roads", "其他道路"},
    {"others", "其他"},
    {"pages", "页"},
    {"persons in", "人，安置于"},
    {"primary, secondary", "主干道、次干道"},
    {"shelter, lowest fill", "避难场所最低满足率"},
    {"tertiary", "三级道路"},
    {"too far from any road", "距道路过远"},
    {"total", "合计"},
    {"township boundary", "乡镇边界"},
    {"townships, shelters, roads", "乡镇、应急避难场所、道路"},
    {"uncovered", "未覆盖"},
    {"uncovered demand cell", "未覆盖需求网格"},
    {"unmet", "缺口"},
    {"walking distance", "步行距离"},
    {"walking network, demand grid", "步行路网，需求网格"},
    {"water", "饮用水"},
    {"food_ration", "方便食品"},
    {"blanket", "棉被"},
    {"tent", "帐篷"},
    {"first_aid_kit", "急救包"},
});

// Titles of the GIS layers' columns by column name: English, Chinese.
struct Title {
    std::string_view field;
    std::string_view en;
    std::string_view zh;
};

constexpr auto kTitles = std::to_array<Title>({
    {"assigned", "persons assigned", "安置人数"},
    {"capacity", "capacity (persons)", "容量（人）"},
    {"category", "triage category", "伤情分类"},
    {"cross", "cross-region", "跨区调拨"},
    {"delivered", "delivered", "已调拨量"},
    {"demand", "demand", "需求量"},
    {"dep_region", "depot region", "储备库区域"},
    {"dep_tier", "depot tier", "储备库层级"},
    {"depot", "depot", "储备库"},
    {"dest", "destination", "目的地"},
    {"distance_m", "distance (m)", "距离（米）"},
    {"dst_region", "destination region", "目的地区域"},
    {"duration_s", "travel time (s)", "行程时间（秒）"},
    {"eta_h", "ETA (hours)", "预计到达（小时）"},
    {"fill_rate", "fill rate", "满足率"},
    {"hospital", "hospital", "医院"},
    {"id", "id", "编号"},
    {"incident", "incident", "事故点"},
    {"item", "item", "物资"},
    {"late", "later than the target", "超时"},
    {"name", "name", "名称"},
    {"patients", "patients", "伤员数"},
    {"population", "population", "人口"},
    {"quantity", "quantity", "数量"},
    {"reachable", "reachable by road", "道路可达"},
    {"region", "region", "区域"},
    {"shelter", "shelter", "应急避难场所"},
    {"target_h", "ETA target (hours)", "到达时限（小时）"},
    {"unit", "unit", "单位"},
});

Language g_language = Language::en;

const Entry* find_label(std::string_view english) {
    for (const Entry& e : kLabels) {
        if (e.en == english)
            return &e;
    }
    return nullptr;
}

}  // namespace

Language language_of_locale(std::string_view locale) {
    return locale.starts_with("zh") ? Language::zh : Language::en;
}

Language language_from_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value)
            return language_of_locale(value);
    }
    return Language::en;
}

Language parse_language(std::string_view text, std::string_view option) {
    if (text == "zh")
        return Language::zh;
    if (text == "en")
        return Language::en;
    throw InputError(std::string(option) + ": '" + std::string(text) + "' is not zh or en");
}

void set_output_language(Language language) {
    g_language = language;
}

Language output_language() {
    return g_language;
}

std::string tr(std::string_view english, Language language) {
    // "unit|ambulance": the English text is "unit", the key tells it from a unit of measure.
    if (language == Language::en)
        return std::string(english.substr(0, english.find('|')));
    // Leading spaces indent a header ("  class"): kept, the rest looked up.
    const std::size_t indent = std::min(english.find_first_not_of(' '), english.size());
    const Entry* entry = find_label(english.substr(indent));
    return entry ? std::string(indent, ' ') + std::string(entry->zh)
                 : std::string(english.substr(0, english.find('|')));
}

std::string tr(std::string_view english) {
    return tr(english, g_language);
}

std::string_view colon(Language language) {
    return language == Language::zh ? "：" : ": ";
}

std::string field_title(std::string_view field, Language language) {
    for (const Title& t : kTitles) {
        if (t.field == field)
            return std::string(language == Language::zh ? t.zh : t.en);
    }
    return "";
}

FeatureTable with_titles(FeatureTable table) {
    for (FieldDef& field : table.fields) {
        if (field.title.empty())
            field.title = field_title(field.name, g_language);
    }
    return table;
}

std::vector<FeatureTable> with_titles(std::vector<FeatureTable> tables) {
    for (FeatureTable& table : tables)
        table = with_titles(std::move(table));
    return tables;
}

}  // namespace muster::tools

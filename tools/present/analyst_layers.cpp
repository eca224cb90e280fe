#include "tools/present/analyst_layers.hpp"

#include <array>
#include <string_view>

#include "tools/present/layer_styles.hpp"
#include "tools/present/messages.hpp"

namespace muster::tools {
namespace {

struct Title {
    std::string_view layer;
    std::string_view en;
    std::string_view zh;
};

constexpr auto kTitles = std::to_array<Title>({
    {"demand_points", "Demand points", "需求点"},
    {"shelter_assignment", "People assigned to shelters", "避难场所安置分配"},
    {"shelters", "Shelters by utilisation", "避难场所利用率"},
    {"uncovered_cells", "Population beyond walking distance of a shelter",
     "避难场所服务范围外人口"},
    {"townships", "Shelter coverage by township", "各乡镇避难场所覆盖"},
    {"response_cells", "Ambulance response time by demand cell", "各需求网格急救反应时间"},
    {"response_townships", "Ambulance response coverage by township", "各乡镇急救反应覆盖"},
    {"response_units", "Ambulances by the people they respond to first", "急救单位首选响应人数"},
    {"scenario_townships", "Scenario against the database as it is, by township",
     "情景与现状对比（按乡镇）"},
    {"road_criticality", "Road stretches the ambulance response cannot afford to lose",
     "急救反应关键路段"},
    {"station_sites", "Ambulance stations, now and planned", "急救站点现状与规划"},
    {"chosen_sites", "Chosen shelter sites", "避难场所选址结果"},
    {"site_assignment", "People assigned to chosen sites", "选址安置分配"},
    {"shipments", "Relief shipments", "救灾物资调拨"},
    {"shelter_supply", "Relief fill rates by shelter and item", "各避难场所物资满足率"},
    {"township_supply", "Relief fill rates by township and item", "各乡镇物资满足率"},
    {"casualties", "Casualties to hospitals by triage category", "伤员分类送医"},
    {"unplaced_casualties", "Casualties without a hospital bed", "未安置伤员"},
    {"ambulance_trips", "Ambulance trips", "救护车转运行程"},
    {"surge_beds", "Hospitals opening surge beds", "启用应急床位的医院"},
    {"nearest_facilities", "Nearest facilities by travel time", "按行程时间最近的设施"},
    {"fastest_route", "Fastest route", "最快路线"},
    {"travel_matrix", "Travel times", "行程时间矩阵"},
    {"network_drive", "Road network for driving", "车行路网"},
    {"network_walk", "Road network for walking", "步行路网"},
    {"service_area", "Service areas", "服务区"},
    {"service_area_lines", "Roads reached in service areas", "服务区可达道路"},
});

}  // namespace

std::string layer_title(const std::string& name) {
    for (const Title& t : kTitles) {
        if (t.layer == name)
            return std::string(output_language() == Language::zh ? t.zh : t.en);
    }
    return name;
}

std::string run_description(const RunRecord& run) {
    std::string text = "muster " MUSTER_VERSION ", " + run.time + ": " + run.command_line;
    if (!run.conditions.empty())
        text += ". " + run.conditions;
    return text;
}

std::vector<FeatureTable> analyst_layers(std::vector<FeatureTable> tables, const RunRecord& run) {
    for (FeatureTable& table : tables) {
        table = with_style(with_titles(std::move(table)));
        table.title = layer_title(table.name);
        table.description = run_description(run);
    }
    return tables;
}

}  // namespace muster::tools

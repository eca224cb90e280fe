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
    {"road", "道路"},
    {"rows", "行数"},
    {"run", "批次"},
    {"shelter", "应急避难场所"},
    {"source", "数据源"},
    {"stock", "库存"},
    {"surge beds", "应急扩充床位"},
    {"target h", "时限（小时）"},
    {"table", "数据表"},
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
    // The ambulance response summary.
    {"ambulance response by driving network", "急救反应覆盖（车行路网）"},
    {"within target", "目标时间内"},
    {"with a backup", "有后备单位"},
    {"within radius", "服务半径内"},
    {"unreached", "无法到达"},
    {"mean response", "平均反应时间"},
    {"longest response", "最长反应时间"},
    {"with backup", "有后备"},
    {"mean min", "平均（分钟）"},
    {"longest min", "最长（分钟）"},
    // Road criticality and station siting.
    {"road criticality for the ambulance response, driving network",
     "急救反应关键路段（车行路网）"},
    {"losing coverage", "失去覆盖"},
    {"cut off", "被隔断"},
    {"added person-h", "增加（人·小时）"},
    {"losing shelter", "失去避难可达"},
    {"structure", "桥隧"},
    {"bridge", "桥梁"},
    {"tunnel", "隧道"},
    {"bridge, tunnel", "桥梁、隧道"},
    {"from", "起点"},
    {"to", "终点"},
    {"site", "站点"},
    {"units now", "现有车辆"},
    {"existing", "现有站点"},
    {"units planned", "规划车辆"},
    {"now", "现状"},
    {"plan", "规划"},
    {"covered within the target", "目标时间内覆盖"},
    {"covered twice", "双重覆盖"},
    {"expected covered", "期望覆盖"},
    {"within the long target", "长时限内覆盖"},
    // The scenario comparison.
    {"against the database as it is", "与现状对比"},
    {"scenario", "情景"},
    {"baseline", "基准"},
    {"change", "变化"},
    {"within the response target", "反应时间达标"},
    {"no ambulance reaches", "无救护车可达"},
    {"within walking of a shelter", "步行可达避难场所"},
    {"placed in a shelter", "已安置"},
    {"casualties placed", "伤员已收治"},
    {"response", "急救达标"},
    {"fill %", "满足率（%）"},
    {"relief not compared", "未对比物资调拨"},
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
    {"drive network, service areas as muster isochrone draws them",
     "驾车路网，服务范围与 muster isochrone 相同"},
    {"drive network; allocation as muster allocate --persons plans it",
     "驾车路网；调拨方案与 muster allocate --persons 相同"},
    {"drive network; plan as muster mci makes it", "驾车路网；分流方案与 muster mci 相同"},
    {"driving", "驾车"},
    {"ferry", "轮渡"},
    {"fill rate", "满足率"},
    {"hazards in force", "生效的危险区域"},
    {"none", "无"},
    {"slow", "减速"},
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
    // The legends of the GIS layers' default styles (tools/present/layer_styles.cpp).
    {"closed", "已关闭"},
    {"no population", "无人口数据"},
    {"unreachable", "不可达"},
    {"no unit", "无车辆"},
    {"no change", "无变化"},
    {"local stock", "本地储备"},
    {"cross-region aid", "跨区支援"},
    {"existing shelter", "现有避难场所"},
    {"new site", "新选址"},
});

// The GIS layers' columns by name (docs/outputs.md): a title and a description in English and
// Chinese, and the name in a Shapefile for a name longer than its 10 characters. Short names are
// unique across the catalogue and differ from every column name, so they are unique in any table;
// titles are unique in each language too, as a GeoPackage's gpkg_data_columns wants them per table.
struct FieldText {
    std::string_view field;
    std::string_view en, zh;                          ///< titles
    std::string_view description_en, description_zh;  ///< what the column holds
    std::string_view short_name;                      ///< empty where the name fits
};

constexpr auto kFields = std::to_array<FieldText>({
    {"township_id", "township id", "乡镇编号", "the township's id in the resource database",
     "乡镇在资源库中的编号", "town_id"},
    {"township_name", "township", "乡镇名称", "the township's name", "乡镇名称", "town_name"},
    {"township_region", "township region", "乡镇所属区域", "the region the township belongs to",
     "乡镇所属的行政区域", "town_reg"},
    {"shelter_id", "shelter id", "避难场所编号", "the shelter's id in the resource database",
     "应急避难场所在资源库中的编号", ""},
    {"shelter_name", "shelter", "避难场所名称", "the shelter's name", "应急避难场所名称",
     "shltr_name"},
    {"shelter_class", "shelter class", "避难场所类别", "emergency, fixed or central (GB 21734)",
     "紧急、固定或中心避难场所（GB 21734）", "shltr_cls"},
    {"shelter_region", "shelter region", "避难场所所属区域", "the region the shelter belongs to",
     "应急避难场所所属的行政区域", "shltr_reg"},
    {"nearest_shelter_id", "nearest shelter id", "最近避难场所编号",
     "the nearest open shelter within its service distance by walking road; NULL for none",
     "步行服务半径内最近的开放避难场所编号；无则为空", "near_id"},
    {"nearest_shelter_name", "nearest shelter", "最近避难场所名称",
     "the name of the nearest open shelter within its service distance; NULL for none",
     "步行服务半径内最近的开放避难场所名称；无则为空", "near_name"},
    {"depot_id", "depot id", "储备库编号", "the depot's id in the resource database",
     "储备库在资源库中的编号", ""},
    {"depot_name", "depot", "储备库名称", "the depot's name", "储备库名称", ""},
    {"depot_tier", "depot tier", "储备库层级", "township, county, city, province or central",
     "乡镇、县级、市级、省级或中央储备库", ""},
    {"depot_region", "depot region", "储备库所属区域", "the region the depot belongs to",
     "储备库所属的行政区域", "depot_reg"},
    {"hospital_id", "hospital id", "医院编号", "the hospital's id in the resource database",
     "医院在资源库中的编号", "hosp_id"},
    {"hospital_name", "hospital", "医院名称", "the hospital's name", "医院名称", "hosp_name"},
    {"incident_id", "incident id", "事故点编号", "the incident's id as the incidents file gives it",
     "事故点编号（事故点文件中的编号）", "inc_id"},
    {"incident_name", "incident", "事故点名称",
     "the incident's name; NULL where the file gives none", "事故点名称；文件未给出则为空",
     "inc_name"},
    {"team_id", "team id", "队伍编号", "the ambulance team's id in the resource database",
     "救护车队伍在资源库中的编号", ""},
    {"team_name", "team", "队伍名称", "the ambulance team's name", "救护车队伍名称", ""},
    {"site_id", "site id", "场址编号",
     "the chosen site's id (an existing shelter's or a candidate's)",
     "选址点编号（现有避难场所或候选场址）", ""},
    {"site_name", "site", "场址名称", "the chosen site's name", "选址点名称", ""},
    {"demand_id", "demand point id", "需求点编号", "the demand point's id: township and grid cell",
     "需求点编号：乡镇与网格单元", ""},
    {"facility_id", "facility id", "设施编号", "the facility's id in the resource database",
     "设施在资源库中的编号", "fac_id"},
    {"facility_name", "facility", "设施名称", "the facility's name", "设施名称", "fac_name"},
    {"facility_kind", "facility kind", "设施类别",
     "the team's kind, the shelter's class, or hospital", "队伍类型、避难场所类别或医院",
     "fac_kind"},
    {"origin", "origin (as given)", "起点",
     "where the route starts, as given (coordinates or kind:id)", "路线起点（坐标或 类别:编号）",
     ""},
    {"origin_id", "origin id", "起点编号", "the origin's id as the sources file gives it",
     "起点编号（起点文件中的编号）", ""},
    {"origin_name", "origin", "起点名称", "the origin's name; NULL where it has none",
     "起点名称；无则为空", "orig_name"},
    {"origin_lon", "origin longitude", "起点经度", "the origin's longitude, degrees",
     "起点经度（度）", ""},
    {"origin_lat", "origin latitude", "起点纬度", "the origin's latitude, degrees",
     "起点纬度（度）", ""},
    {"destination", "destination (as given)", "终点",
     "where the route ends, as given (coordinates or kind:id)", "路线终点（坐标或 类别:编号）",
     "dest"},
    {"destination_id", "destination id", "终点编号",
     "the destination's id as the targets file gives it", "终点编号（终点文件中的编号）",
     "dest_id"},
    {"destination_name", "destination", "终点名称",
     "the destination's name; NULL where it has none", "终点名称；无则为空", "dest_name"},
    {"destination_lon", "destination longitude", "终点经度", "the destination's longitude, degrees",
     "终点经度（度）", "dest_lon"},
    {"destination_lat", "destination latitude", "终点纬度", "the destination's latitude, degrees",
     "终点纬度（度）", "dest_lat"},
    {"population", "population", "人口",
     "people living there; NULL where the source gives no population",
     "常住人口；数据源未给出则为空", ""},
    {"covered", "covered", "已覆盖",
     "1 where an open shelter is within its service distance by walking road, else 0",
     "步行服务半径内有开放避难场所为 1，否则为 0", ""},
    {"people_assigned", "people assigned", "安置人数",
     "people placed in a shelter or site within its capacity", "在容量之内安置的人数", "ppl_asgn"},
    {"people_unassigned", "people unassigned", "未安置人数",
     "people for whom no shelter or site within reach has room", "服务范围内无容量安置的人数",
     "ppl_unasgn"},
    {"people_covered", "people covered", "覆盖人数",
     "people within the service distance of an open shelter or chosen site",
     "在开放避难场所或选址点服务半径内的人数", "ppl_cov"},
    {"people_uncovered", "people uncovered", "未覆盖人数",
     "people beyond the service distance of every open shelter or chosen site",
     "不在任何开放避难场所或选址点服务半径内的人数", "ppl_uncov"},
    {"people_covered_emergency", "people covered by emergency shelters", "紧急避难场所覆盖人数",
     "people within the service distance of an open emergency shelter",
     "在开放紧急避难场所服务半径内的人数", "cov_emerg"},
    {"people_covered_fixed", "people covered by fixed shelters", "固定避难场所覆盖人数",
     "people within the service distance of an open fixed shelter",
     "在开放固定避难场所服务半径内的人数", "cov_fixed"},
    {"people_covered_central", "people covered by central shelters", "中心避难场所覆盖人数",
     "people within the service distance of an open central shelter",
     "在开放中心避难场所服务半径内的人数", "cov_centr"},
    {"people_nearest_policy", "people if all go to the nearest", "就近安置人数",
     "people whose nearest shelter this is, capacity aside (everyone goes to the nearest)",
     "不计容量、全部就近安置时到此的人数", "ppl_near"},
    {"people_over_capacity", "people over capacity", "超出容量人数",
     "people_nearest_policy beyond the capacity; 0 when they fit",
     "就近安置时超出容量的人数；未超出为 0", "ppl_over"},
    {"capacity_persons", "capacity (persons)", "容量（人）",
     "how many people the shelter or site holds; NULL where not given", "可容纳人数；未给出则为空",
     "capacity"},
    {"covered_pct", "covered (%)", "覆盖率（%）",
     "people_covered as a percentage of the population; NULL without a population",
     "覆盖人数占人口的百分比；无人口数据则为空", "cov_pct"},
    {"utilisation_pct", "utilisation (%)", "使用率（%）",
     "people_assigned as a percentage of the capacity; NULL for a closed shelter or no capacity",
     "安置人数占容量的百分比；关闭或无容量则为空", "util_pct"},
    {"status", "status", "状态",
     "open, or closed (by its status, a closed hazard zone, or no path near it)",
     "开放，或关闭（状态、危险区域封闭或附近无道路）", ""},
    {"closed_reason", "reason closed", "关闭原因",
     "why the shelter takes nobody; NULL for an open shelter",
     "避难场所不接收人员的原因；开放则为空", "closed_rsn"},
    {"walk_distance_m", "walking distance (m)", "步行距离（米）",
     "the walking distance by road, metres; NULL where there is none",
     "沿道路的步行距离（米）；无则为空", "walk_m"},
    {"walk_to_nearest_shelter_m", "walk to the nearest shelter (m)", "至最近避难场所步行距离（米）",
     "the walking distance by road to the nearest open shelter, beyond the service distances, "
     "metres; NULL where none is reachable",
     "沿道路至最近开放避难场所的步行距离（超出服务半径，米）；不可达则为空", "near_walk"},
    {"mean_walk_distance_m", "mean walking distance (m)", "平均步行距离（米）",
     "the mean walking distance of the people assigned, metres", "已安置人员的平均步行距离（米）",
     "mean_walk"},
    {"residential_road_m", "residential road (m)", "居住道路长度（米）",
     "length of the roads in the demand cell that spread its population, metres",
     "需求网格内用于分配人口的道路长度（米）", "resid_rd_m"},
    {"demand_point_count", "demand points", "需求点数", "how many demand points the site serves",
     "选址点服务的需求点数", "points"},
    {"existing", "existing shelter", "现有避难场所",
     "1 for an existing shelter, 0 for a new candidate site", "现有避难场所为 1，新候选场址为 0",
     ""},
    {"reason", "reason", "原因", "why nobody or not everyone is placed; NULL where all are",
     "未能安置或未全部安置的原因；全部安置则为空", ""},
    {"item", "item", "物资", "the relief item", "救灾物资名称", ""},
    {"item_unit", "unit", "计量单位", "the unit the item is counted in", "物资的计量单位", ""},
    {"quantity", "quantity", "数量", "how much of the item is shipped, in its unit",
     "调运数量（按物资计量单位）", ""},
    {"quantity_demanded", "quantity needed", "需求量",
     "how much of the item the destination needs, in its unit", "目的地的需求量（按物资计量单位）",
     "qty_demand"},
    {"quantity_delivered", "quantity delivered", "已调拨量",
     "how much of the item the destination receives, in its unit",
     "目的地收到的数量（按物资计量单位）", "qty_deliv"},
    {"quantity_short", "quantity short", "缺口量",
     "how much of the need is not delivered, in the item's unit",
     "未满足的需求量（按物资计量单位）", "qty_short"},
    {"fill_rate_pct", "fill rate (%)", "满足率（%）",
     "quantity_delivered as a percentage of quantity_demanded", "已调拨量占需求量的百分比",
     "fill_pct"},
    {"reachable", "reachable by road", "道路可达",
     "1 where a route by road exists (under the hazards in force), else 0",
     "在现行危险区域下可经道路到达为 1，否则为 0", ""},
    {"late", "later than the target", "超时",
     "1 where the travel time exceeds the depot tier's ETA target, else 0",
     "行程时间超过该层级储备库到达时限为 1，否则为 0", ""},
    {"cross_region", "cross-region", "跨区调拨",
     "1 where depot and destination lie in different regions, else 0",
     "储备库与目的地不在同一区域为 1，否则为 0", "cross_reg"},
    {"response_time_min", "response time (min)", "急救反应时间（分钟）",
     "the turnout plus the quickest unit's drive by road under the hazards in force, minutes; "
     "NULL where no unit reaches",
     "出车准备时间加最快单位在现行危险区域下的道路行驶时间（分钟）；无单位可达则为空", "resp_min"},
    {"drive_time_min", "drive time (min)", "行驶时间（分钟）",
     "the quickest unit's drive by road under the hazards in force, minutes; NULL where none "
     "reaches",
     "最快单位在现行危险区域下的道路行驶时间（分钟）；无单位可达则为空", "drive_min"},
    {"drive_distance_m", "drive distance (m)", "行驶距离（米）",
     "the length of the quickest unit's route, metres; NULL where none reaches",
     "最快单位行驶路线的长度（米）；无单位可达则为空", "drive_m"},
    {"response_covered", "within the response target", "反应时间达标",
     "1 where the quickest unit responds within the target, else 0",
     "最快单位在目标反应时间内到达为 1，否则为 0", "resp_cov"},
    {"backup_team_id", "backup team id", "后备队伍编号",
     "the second quickest unit's id: the backup when the first is out; NULL where none",
     "第二快单位的编号（首选单位出勤时的后备）；无则为空", "bkp_id"},
    {"backup_team_name", "backup team", "后备队伍名称", "the second quickest unit's name",
     "第二快单位的名称", "bkp_name"},
    {"backup_response_time_min", "backup response time (min)", "后备反应时间（分钟）",
     "the turnout plus the second quickest unit's drive, minutes; NULL where none reaches",
     "出车准备时间加第二快单位的行驶时间（分钟）；无则为空", "bkp_min"},
    {"backup_covered", "backup within the target", "后备达标",
     "1 where a second unit also responds within the target (double coverage), else 0",
     "第二个单位也在目标反应时间内到达（双重覆盖）为 1，否则为 0", "bkp_cov"},
    {"people_response_covered", "people within the response target", "反应时间达标人数",
     "people whom the quickest unit reaches within the response target",
     "最快单位在目标反应时间内可到达的人数", "ppl_resp"},
    {"response_covered_pct", "within the response target (%)", "反应时间达标率（%）",
     "people_response_covered as a percentage of the population; NULL without a population",
     "反应时间达标人数占人口的百分比；无人口数据则为空", "resp_pct"},
    {"people_backup_covered", "people with a backup within the target", "双重覆盖人数",
     "people whom a second unit also reaches within the response target",
     "第二个单位也能在目标反应时间内到达的人数", "ppl_bkp"},
    {"backup_covered_pct", "with a backup within the target (%)", "双重覆盖率（%）",
     "people_backup_covered as a percentage of the population; NULL without a population",
     "双重覆盖人数占人口的百分比；无人口数据则为空", "bkp_pct"},
    {"people_within_radius", "people within the service radius", "服务半径内人数",
     "people whom the quickest unit's route reaches within the service radius",
     "最快单位行驶路线长度在服务半径内的人数", "ppl_radius"},
    {"people_unreached", "people no unit reaches", "无法到达人数",
     "people whom no unit can reach by road under the hazards in force",
     "现行危险区域下任何单位都无法经道路到达的人数", "ppl_unrch"},
    {"mean_response_time_min", "mean response time (min)", "平均反应时间（分钟）",
     "the population-weighted mean response time of the people reached, minutes",
     "可到达人员按人口加权的平均反应时间（分钟）", "mean_min"},
    {"longest_response_time_min", "longest response time (min)", "最长反应时间（分钟）",
     "the response time to the worst-placed people reached, minutes",
     "可到达人员中最长的反应时间（分钟）", "max_min"},
    {"response_covered_baseline", "within the response target, baseline", "基准反应达标人数",
     "people whom the quickest ambulance reaches within the target in the database as it is",
     "现状下最快救护车在目标时间内可到达的人数", "resp_base"},
    {"response_covered_scenario", "within the response target, scenario", "情景反应达标人数",
     "people whom the quickest ambulance reaches within the target in the scenario",
     "情景下最快救护车在目标时间内可到达的人数", "resp_scen"},
    {"response_covered_change", "change within the response target", "反应达标人数变化",
     "response_covered_scenario less response_covered_baseline: negative where the scenario loses "
     "coverage",
     "情景与基准反应达标人数之差；为负表示情景下失去覆盖", "resp_chg"},
    {"shelter_covered_baseline", "within walking of a shelter, baseline", "基准避难覆盖人数",
     "people within the walking service distance of an open shelter in the database as it is",
     "现状下在开放避难场所步行服务半径内的人数", "shel_base"},
    {"shelter_covered_scenario", "within walking of a shelter, scenario", "情景避难覆盖人数",
     "people within the walking service distance of an open shelter in the scenario",
     "情景下在开放避难场所步行服务半径内的人数", "shel_scen"},
    {"shelter_covered_change", "change within walking of a shelter", "避难覆盖人数变化",
     "shelter_covered_scenario less shelter_covered_baseline", "情景与基准避难覆盖人数之差",
     "shel_chg"},
    {"fill_rate_pct_baseline", "relief fill rate (%), baseline", "基准物资满足率（%）",
     "the township's least filled relief item, delivered as a percentage of demand, in the "
     "database as it is; NULL without relief",
     "现状下该乡镇满足率最低物资的满足率（%）；无物资调拨则为空", "fill_base"},
    {"fill_rate_pct_scenario", "relief fill rate (%), scenario", "情景物资满足率（%）",
     "the township's least filled relief item, delivered as a percentage of demand, in the "
     "scenario; NULL without relief",
     "情景下该乡镇满足率最低物资的满足率（%）；无物资调拨则为空", "fill_scen"},
    {"criticality_rank", "criticality rank", "关键度排名",
     "1 for the stretch whose closure costs most, by the ranking asked for (ambulance coverage "
     "by default), among all the stretches tried",
     "在所有试算路段中，封闭后损失最大的路段为 1（按所选排序，默认按急救覆盖）", "crit_rank"},
    {"people_losing_shelter_access", "people losing shelter access", "失去避难场所可达人数",
     "people who can walk to an open shelter within its service distance with the stretch open, "
     "and to none with it closed",
     "该路段开放时可在服务半径内步行到达开放避难场所、封闭后不能到达任何避难场所的人数",
     "ppl_shelt"},
    {"road_name", "road name", "道路名称",
     "the names of the roads the stretch runs along, longest first; NULL where none is named",
     "路段所经道路的名称，按长度由长到短；无名称则为空", ""},
    {"road_structure", "bridge or tunnel", "桥梁或隧道",
     "bridge, tunnel or both where the stretch crosses one; NULL where it crosses neither",
     "路段经过桥梁、隧道或两者；均不经过则为空", "structure"},
    {"structure_length_m", "length on bridges and tunnels (m)", "桥隧长度（米）",
     "the length of the stretch over bridges and through tunnels, metres",
     "路段位于桥梁和隧道上的长度（米）", "struct_m"},
    {"stretch_length_m", "stretch length (m)", "路段长度（米）",
     "the length of the road stretch between its junctions, metres",
     "路段在两交叉口之间的长度（米）", "length_m"},
    {"people_losing_coverage", "people losing coverage", "失去覆盖人数",
     "people whom the quickest unit reaches within the target with the stretch open, not with "
     "it closed",
     "该路段开放时最快单位可在目标时间内到达、封闭后不能到达的人数", "ppl_lose"},
    {"people_cut_off", "people cut off", "被隔断人数",
     "people whom some unit reaches with the stretch open and none with it closed",
     "该路段开放时有单位可到达、封闭后无任何单位可到达的人数", "ppl_cut"},
    {"added_response_person_h", "added response (person-h)", "增加的反应时间（人·小时）",
     "the people reached either way times the time the closure adds to their quickest response, "
     "person-hours",
     "封闭前后均可到达的人数乘以其最快反应时间的增加量（人·小时）", "added_p_h"},
    {"units_now", "units now", "现有车辆数", "units of the fleet based at the site now",
     "目前驻扎在该站点的车辆数", ""},
    {"units_planned", "units planned", "规划车辆数", "units the plan bases at the site",
     "规划方案在该站点驻扎的车辆数", "units_plan"},
    {"team_status", "team status", "队伍状态", "available, busy or out of service",
     "可用、执行任务中或停用", "status"},
    {"unavailable_reason", "reason unavailable", "不可用原因",
     "why the unit cannot respond; NULL for a unit that can", "单位无法出动的原因；可出动则为空",
     "unavail"},
    {"people_first_responder", "people it responds to first", "首选响应人数",
     "people for whom this unit is the quickest", "该单位为最快到达单位的人数", "ppl_first"},
    {"people_backup_responder", "people it backs up", "后备响应人数",
     "people for whom this unit is the second quickest", "该单位为第二快到达单位的人数",
     "ppl_backup"},
    {"travel_time_min", "travel time (min)", "行程时间（分钟）",
     "the travel time by road under the hazards in force, minutes; NULL where unreachable",
     "现行危险区域下沿道路的行程时间（分钟）；不可达则为空", "time_min"},
    {"eta_target_min", "ETA target (min)", "到达时限（分钟）",
     "the depot tier's target for the travel time, minutes", "该层级储备库的到达时限（分钟）",
     "target_min"},
    {"triage_category", "triage category", "伤情分类", "red, yellow or green", "红、黄或绿",
     "triage"},
    {"patients", "patients", "伤员数", "how many casualties", "伤员人数", ""},
    {"trip_number", "trip number", "趟次", "the team's trip, counted from 1",
     "该队伍的第几趟，从 1 起", "trip_no"},
    {"patients_red", "red patients", "红色伤员数", "red (immediate) casualties carried",
     "运送的红色（危重）伤员数", "pat_red"},
    {"patients_yellow", "yellow patients", "黄色伤员数", "yellow (delayed) casualties carried",
     "运送的黄色（重症）伤员数", "pat_yellow"},
    {"patients_green", "green patients", "绿色伤员数", "green (minor) casualties carried",
     "运送的绿色（轻症）伤员数", "pat_green"},
    {"departure_min", "departure (min)", "出发时刻（分钟）",
     "when the team sets off, minutes after the plan starts", "队伍出发时刻（计划开始后的分钟数）",
     "depart_min"},
    {"scene_arrival_min", "arrival at the scene (min)", "到达现场时刻（分钟）",
     "when the team reaches the incident, minutes after the plan starts",
     "到达事故现场时刻（计划开始后的分钟数）", "scene_min"},
    {"hospital_arrival_min", "arrival at the hospital (min)", "到达医院时刻（分钟）",
     "when the team reaches the hospital, minutes after the plan starts",
     "到达医院时刻（计划开始后的分钟数）", "hosp_min"},
    {"free_again_min", "free again (min)", "恢复空闲时刻（分钟）",
     "when the team has handed over and is free, minutes after the plan starts",
     "交接完毕恢复空闲的时刻（计划开始后的分钟数）", "free_min"},
    {"surge_beds_used", "surge beds to open", "需启用扩充床位",
     "surge beds the plan opens at the hospital", "该医院需启用的应急扩充床位数", "surge_used"},
    {"surge_beds_red", "surge beds for red", "红色扩充床位", "surge beds opened for red casualties",
     "为红色伤员启用的扩充床位数", "surge_red"},
    {"surge_beds_yellow", "surge beds for yellow", "黄色扩充床位",
     "surge beds opened for yellow casualties", "为黄色伤员启用的扩充床位数", "surge_yel"},
    {"surge_beds_green", "surge beds for green", "绿色扩充床位",
     "surge beds opened for green casualties", "为绿色伤员启用的扩充床位数", "surge_grn"},
    {"surge_beds_total", "surge beds (all)", "扩充床位总数", "surge beds the hospital has",
     "医院拥有的应急扩充床位总数", "surge_all"},
    {"proximity_rank", "rank by travel time", "行程时间排序",
     "1 for the nearest facility by travel time, then 2, ...", "按行程时间排序，最近为 1",
     "prox_rank"},
    {"distance_m", "distance (m)", "距离（米）",
     "the length of the route, metres; NULL where unreachable", "路线长度（米）；不可达则为空", ""},
    {"snap_distance_m", "distance to the road (m)", "至道路距离（米）",
     "from the place to the road it starts on, metres", "从该地点到其接入道路的距离（米）",
     "snap_m"},
    {"ferry_crossings", "ferry crossings", "轮渡次数", "how many ferry crossings the route takes",
     "路线经过的轮渡次数", "ferries"},
    {"ferry_time_min", "ferry time (min)", "轮渡时间（分钟）",
     "the time of the ferry crossings, boarding included, minutes", "轮渡时间（含登船），分钟",
     "ferry_min"},
    {"metric", "hazards in force", "路况条件", "base, or the hazards the answer was computed under",
     "基础路网，或计算时生效的危险区域", ""},
    {"coord_sys", "coordinate system", "坐标系",
     "the coordinate system of the positions: gcj02 or bd09", "位置所用坐标系：gcj02 或 bd09", ""},
    {"edge", "edge", "路段编号", "the directed edge's number in the routable network",
     "可通行路网中有向路段的编号", ""},
    {"source", "from node", "起始节点", "the node the edge leaves, as the network numbers it",
     "路段起始节点编号", ""},
    {"target", "to node", "终止节点", "the node the edge enters, as the network numbers it",
     "路段终止节点编号", ""},
    {"length_m", "length (m)", "长度（米）", "the edge's length, metres (to the millimetre)",
     "路段长度（米，精确到毫米）", ""},
    {"duration_s", "travel time (s)", "行程时间（秒）",
     "the edge's travel time, seconds (to the millisecond), pgRouting's cost",
     "路段行程时间（秒，精确到毫秒），即 pgRouting 的 cost", ""},
    {"road_class", "road class", "道路等级",
     "the road's class (OpenStreetMap highway or the source's class)",
     "道路等级（OpenStreetMap highway 或数据源的等级）", ""},
});

const FieldText* find_field(std::string_view field) {
    for (const FieldText& f : kFields) {
        if (f.field == field)
            return &f;
    }
    return nullptr;
}

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
    const FieldText* f = find_field(field);
    return f ? std::string(language == Language::zh ? f->zh : f->en) : "";
}

std::string field_description(std::string_view field, Language language) {
    const FieldText* f = find_field(field);
    return f ? std::string(language == Language::zh ? f->description_zh : f->description_en) : "";
}

std::string field_short_name(std::string_view field) {
    const FieldText* f = find_field(field);
    return f ? std::string(f->short_name) : "";
}

FeatureTable with_titles(FeatureTable table) {
    for (FieldDef& field : table.fields) {
        if (field.title.empty())
            field.title = field_title(field.name, g_language);
        if (field.description.empty())
            field.description = field_description(field.name, g_language);
        if (field.short_name.empty())
            field.short_name = field_short_name(field.name);
    }
    return table;
}

std::vector<FeatureTable> with_titles(std::vector<FeatureTable> tables) {
    for (FeatureTable& table : tables)
        table = with_titles(std::move(table));
    return tables;
}

}  // namespace muster::tools

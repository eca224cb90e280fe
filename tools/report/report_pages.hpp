#pragma once
// The pages of the report, one builder each: what the map draws, its legend and its table, all
// labels in the output language (tools/present/messages).

#include <string>

#include "tools/report/basemap.hpp"
#include "tools/report/page_layout.hpp"
#include "tools/report/report_data.hpp"

namespace muster::tools {

/// How many rows a table lists before the rest are summed as "others".
inline constexpr std::size_t kTableTopRows = 15;

/// Shelter coverage by township: a choropleth of the covered share, the uncovered demand cells,
/// the open shelters; the townships with the most uncovered people.
ReportPage coverage_page(const ReportData& data, const Basemap& basemap);

/// Hospital service areas: the 10/20/30-minute driving areas of every hospital, merged per
/// time; beds and the people within each time per hospital.
ReportPage service_area_page(const ReportData& data, const Basemap& basemap);

/// Relief flows: depot → shelter lines for the item with the lowest fill rate (water where all
/// are filled), their width by quantity, shelters by their lowest fill rate; totals per item.
ReportPage relief_page(const ReportData& data, const Basemap& basemap);

/// The mass-casualty plan (data.mci must hold one): incidents, hospitals, ambulance trips;
/// casualties per hospital by triage category.
ReportPage mci_page(const ReportData& data, const Basemap& basemap);

/// "Sources: resource database NAME (WHAT); WHAT ELSE; hazards in force: ZONE (closed), ..." in
/// the output language: the database by its file name, `entities` and `method` already
/// translated, then the zones the answers were computed under (hazards_in_force).
std::string sources_line(const ReportData& data, const std::string& entities,
                         const std::string& method);
/// "hazards in force: ZONE (closed), ZONE (slow ×0.50)" (the first six, then how many more), or
/// "hazards in force: none".
std::string hazards_in_force(const ReportData& data);

/// part / whole as "12.3 %", "-" for no whole.
std::string percent_text(double part, double whole);

}  // namespace muster::tools

#include <algorithm>
#include <array>

#include "tools/app/number_text.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/area_path.hpp"
#include "tools/report/report_pages.hpp"

namespace muster::tools {
namespace {

// The nearer the time, the darker the blue (ColorBrewer Blues, light enough for the roads).
constexpr std::array<Rgb, kServiceAreaMinutes.size()> kBandColours{{
    {0.45, 0.66, 0.83},
    {0.67, 0.80, 0.90},
    {0.86, 0.91, 0.96},
}};
constexpr Rgb kHospital{0.80, 0.10, 0.12};

std::string minutes_label(double minutes) {
    return tr("driving") + " ≤ " + fixed(minutes, 0) + " " + tr("min");
}

}  // namespace

ReportPage service_area_page(const ReportData& data, const Basemap& basemap) {
    const Resources& resources = data.drive->context().resources;
    ReportPage page;
    page.title = tr("Hospital service areas");
    page.file_stem = "2-hospital-service-areas";
    page.extent = basemap.extent();

    // Each time's areas merged over the hospitals, so that overlaps draw once.
    auto merged = std::make_shared<std::vector<MultiPolygon>>(kServiceAreaMinutes.size());
    for (const HospitalServiceArea& area : data.service_areas) {
        for (std::size_t b = 0; b < area.answer.areas.front().bands.size() && b < merged->size();
             ++b) {
            const MultiPolygon& band = area.answer.areas.front().bands[b].area;
            if (band.empty())
                continue;
            (*merged)[b] = (*merged)[b].empty() ? band : union_of((*merged)[b], band);
        }
    }
    page.under_roads = [merged](cairo_t* cr, const MapFrame& frame) {
        // The largest first: each nearer band lies on the farther ones.
        for (std::size_t b = merged->size(); b-- > 0;) {
            cairo_new_path(cr);
            append_area(cr, frame, (*merged)[b]);
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
            set_colour(cr, kBandColours[b]);
            cairo_fill(cr);
        }
    };
    page.over_roads = [&resources](cairo_t* cr, const MapFrame& frame) {
        for (const Hospital& h : resources.hospitals) {
            const PagePoint p = frame.to_page(h.location);
            draw_marker(cr, {MarkerShape::cross, kHospital, 9}, p.x, p.y);
        }
    };
    for (std::size_t b = 0; b < kServiceAreaMinutes.size(); ++b) {
        LegendEntry e;
        e.label = minutes_label(kServiceAreaMinutes[b]);
        e.colour = kBandColours[b];
        page.legend.push_back(e);
    }
    LegendEntry hospital;
    hospital.kind = LegendEntry::Kind::marker;
    hospital.label = tr("hospital");
    hospital.marker = {MarkerShape::cross, kHospital, 9};
    page.legend.push_back(hospital);

    ReportTable& table = page.table;
    table.title = tr("Hospitals: beds and people within driving time");
    table.columns = {{tr("hospital"), 2.4, Align::left}, {tr("beds"), 0.8}};
    for (const double minutes : kServiceAreaMinutes)
        table.columns.push_back({"≤ " + fixed(minutes, 0) + " " + tr("min"), 1.1});
    std::vector<const HospitalServiceArea*> areas;
    for (const HospitalServiceArea& area : data.service_areas)
        areas.push_back(&area);
    // The hospitals that reach the most people within the first time first.
    std::stable_sort(areas.begin(), areas.end(), [](const auto* a, const auto* b) {
        return a->population[0] > b->population[0];
    });
    for (const HospitalServiceArea* area : areas) {
        const Hospital& h = resources.hospitals[area->hospital];
        std::vector<std::string> row{h.name.empty() ? h.id : h.name,
                                     with_commas(h.beds_red + h.beds_yellow + h.beds_green)};
        for (const std::int64_t people : area->population)
            row.push_back(with_commas(people));
        table.rows.push_back(std::move(row));
        if (table.rows.size() == 2 * kTableTopRows)
            break;
    }
    const std::int64_t population = data.coverage.coverage.population;
    std::string summary = tr("hospitals") + " " + with_commas(resources.hospitals.size()) +
                          tr(", ") + tr("population") + " " + with_commas(population);
    // Everyone within some hospital's time: a demand point in any hospital's band.
    for (std::size_t b = 0; b < kServiceAreaMinutes.size(); ++b) {
        std::int64_t within = 0;
        if (!(*merged)[b].empty()) {
            const PreparedArea prepared((*merged)[b]);
            for (const DemandPoint& p : data.coverage.demand.points) {
                const LonLat point[] = {p.location};
                if (prepared.intersects(point))
                    within += p.population;
            }
        }
        summary += tr(", ") + minutes_label(kServiceAreaMinutes[b]) + " " + with_commas(within) +
                   " (" +
                   percent_text(static_cast<double>(within), static_cast<double>(population)) + ")";
    }
    page.summary = summary;
    table.notes.push_back(
        tr("Beds: red, yellow and green beds (no surge beds). People: the demand "
           "points of the coverage grid inside each area; areas of hospitals "
           "overlap, so the rows do not add up."));
    for (const std::string& name : data.hospitals_off_road)
        table.notes.push_back(name + std::string(colon(output_language())) +
                              tr("too far from any road"));
    page.sources = sources_line(data, tr("hospitals, townships, roads"),
                                tr("drive network, service areas as muster isochrone draws them"));
    return page;
}

}  // namespace muster::tools

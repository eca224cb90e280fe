#include "tools/report/report_pages.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <numeric>

#include "tools/app/number_text.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/area_path.hpp"
#include "tools/report/map_labels.hpp"

namespace muster::tools {
namespace {

/// Classes of the covered share, from none to all, on a red-to-green ramp (ColorBrewer RdYlGn):
/// the townships that need shelters stand out.
struct ShareClass {
    double below;  ///< the class holds shares < below (the last: <= 1)
    const char* label;
    Rgb colour;
};

constexpr std::array<ShareClass, 5> kShareClasses{{
    {0.50, "0–50 %", {0.84, 0.19, 0.15}},
    {0.75, "50–75 %", {0.99, 0.55, 0.24}},
    {0.90, "75–90 %", {1.00, 0.88, 0.55}},
    {1.00, "90–99.9 %", {0.65, 0.85, 0.42}},
    {2.00, "100 %", {0.10, 0.60, 0.31}},
}};
constexpr Rgb kNoPopulation{0.85, 0.85, 0.85};
constexpr Rgb kUncovered{0.30, 0.16, 0.45};
constexpr Rgb kShelter{0.10, 0.35, 0.75};
constexpr Rgb kClosedShelter{0.55, 0.55, 0.55};

const ShareClass& class_of(double share) {
    for (const ShareClass& c : kShareClasses) {
        if (share < c.below)
            return c;
    }
    return kShareClasses.back();
}

}  // namespace

std::string percent_text(double part, double whole) {
    return whole > 0 ? fixed(100.0 * part / whole, 1) + " %" : "-";
}

std::string hazards_in_force(const ReportData& data) {
    // A footer line: the first few zones by id, then how many more.
    constexpr std::size_t kListed = 6;
    const std::vector<HazardZone>& zones = data.drive->hazards();
    const bool zh = output_language() == Language::zh;
    std::string text = tr("hazards in force") + std::string(colon(output_language()));
    if (zones.empty())
        return text + tr("none");
    for (std::size_t i = 0; i < zones.size() && i < kListed; ++i) {
        const HazardZone& z = zones[i];
        text += (i ? tr(", ") : "") + z.id + (zh ? "（" : " (") +
                (z.effect == HazardEffect::closed ? tr("closed")
                                                  : tr("slow") + " ×" + fixed(z.speed_factor, 2)) +
                (zh ? "）" : ")");
    }
    if (zones.size() > kListed)
        text += tr(", ") + "+" + std::to_string(zones.size() - kListed);
    return text;
}

std::string sources_line(const ReportData& data, const std::string& entities,
                         const std::string& method) {
    const std::string name = std::filesystem::path(data.database).filename().string();
    const bool zh = output_language() == Language::zh;
    return tr("Sources") + std::string(colon(output_language())) + tr("resource database") + " " +
           name + (zh ? "（" : " (") + entities + (zh ? "）；" : "); ") + method +
           (zh ? "；" : "; ") + hazards_in_force(data);
}

ReportPage coverage_page(const ReportData& data, const Basemap& basemap) {
    const Resources& resources = data.walk->context().resources;
    const Coverage& c = data.coverage.coverage;
    const CoverageQuery& q = data.coverage_query;
    ReportPage page;
    page.title = tr("Shelter coverage by township");
    page.file_stem = "1-shelter-coverage";
    page.extent = basemap.extent();
    const std::string sep = tr(", ");
    page.summary = tr("population") + " " + with_commas(c.population) + sep + tr("covered") + " " +
                   with_commas(c.covered) + " (" +
                   percent_text(static_cast<double>(c.covered), static_cast<double>(c.population)) +
                   ")" + sep + tr("uncovered") + " " + with_commas(c.population - c.covered) + sep +
                   tr("walking distance") + " " + metres_text(q.radius_m[0]) + " / " +
                   metres_text(q.radius_m[1]) + " / " + metres_text(q.radius_m[2]) + " " +
                   tr("m (emergency / fixed / central shelters)");

    const CoverageAnswer* answer = &data.coverage;
    page.under_roads = [&resources, answer](cairo_t* cr, const MapFrame& frame) {
        for (std::size_t t = 0; t < resources.townships.size(); ++t) {
            const Township& township = resources.townships[t];
            if (!township.area)
                continue;
            const TownshipCoverage& tc = answer->coverage.townships[t];
            cairo_new_path(cr);
            append_area(cr, frame, *township.area);
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
            set_colour(cr,
                       tc.population > 0 ? class_of(static_cast<double>(tc.covered) /
                                                    static_cast<double>(tc.population))
                                               .colour
                                         : kNoPopulation,
                       0.8);
            cairo_fill(cr);
        }
    };
    const double cell_m = q.grid.cell_m;
    page.over_roads = [&resources, answer, cell_m](cairo_t* cr, const MapFrame& frame) {
        // Uncovered demand cells: no open shelter within its class's walking distance.
        const double side = std::max(cell_m / frame.metres_per_point(), 1.0);
        cairo_new_path(cr);
        for (std::size_t d = 0; d < answer->demand.points.size(); ++d) {
            if (answer->coverage.points[d].nearest_shelter)
                continue;
            const PagePoint p = frame.to_page(answer->demand.points[d].location);
            cairo_rectangle(cr, p.x - side / 2, p.y - side / 2, side, side);
        }
        set_colour(cr, kUncovered, 0.6);
        cairo_fill(cr);
        for (const ClosedShelter& s : answer->closed) {
            const PagePoint p = frame.to_page(resources.shelters[s.shelter].location);
            draw_marker(cr, {MarkerShape::triangle, kClosedShelter, 6}, p.x, p.y);
        }
        for (const std::size_t s : answer->shelters) {
            const Shelter& shelter = resources.shelters[s];
            const PagePoint p = frame.to_page(shelter.location);
            draw_marker(cr,
                        {MarkerShape::triangle, kShelter,
                         shelter.shelter_class == ShelterClass::emergency ? 5.5 : 7.5},
                        p.x, p.y);
        }
    };

    for (const ShareClass& k : kShareClasses) {
        LegendEntry e;
        e.label = tr("covered") + " " + k.label;
        e.colour = k.colour;
        e.alpha = 0.8;
        page.legend.push_back(e);
    }
    LegendEntry cells;
    cells.label = tr("uncovered demand cell") + " (" + metres_text(cell_m) + " " + tr("m") + ")";
    cells.colour = kUncovered;
    cells.alpha = 0.6;
    page.legend.push_back(cells);
    LegendEntry shelter;
    shelter.kind = LegendEntry::Kind::marker;
    shelter.label = tr("open shelter");
    shelter.marker = {MarkerShape::triangle, kShelter, 7};
    page.legend.push_back(shelter);
    if (!data.coverage.closed.empty()) {
        LegendEntry closed = shelter;
        closed.label = tr("closed shelter");
        closed.marker.fill = kClosedShelter;
        page.legend.push_back(closed);
    }

    // The townships with the most people uncovered first.
    std::vector<std::size_t> order(resources.townships.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto uncovered = [&](std::size_t t) {
        return c.townships[t].population - c.townships[t].covered;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return uncovered(a) > uncovered(b); });
    ReportTable& table = page.table;
    table.title = tr("Townships by uncovered population");
    table.columns = {{tr("township"), 2.2, Align::left},
                     {tr("population"), 1.2},
                     {tr("covered"), 1.2},
                     {tr("uncovered"), 1.2},
                     {tr("covered %"), 1.0}};
    const auto row = [](const std::string& name, std::int64_t population, std::int64_t covered) {
        return std::vector<std::string>{
            name, with_commas(population), with_commas(covered), with_commas(population - covered),
            percent_text(static_cast<double>(covered), static_cast<double>(population))};
    };
    std::int64_t other_population = 0, other_covered = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const TownshipCoverage& tc = c.townships[order[k]];
        if (k < kTableTopRows) {
            table.rows.push_back(
                row(resources.townships[order[k]].name, tc.population, tc.covered));
        } else {
            other_population += tc.population;
            other_covered += tc.covered;
        }
    }
    if (order.size() > kTableTopRows) {
        table.rows.push_back(
            row(tr("others") + " (" + with_commas(order.size() - kTableTopRows) + ")",
                other_population, other_covered));
    }
    table.rows.push_back(row(tr("total"), c.population, c.covered));

    // The townships of the table named on the map, the most uncovered first.
    auto labels = std::make_shared<std::vector<MapLabel>>();
    for (std::size_t k = 0; k < order.size() && k < kTableTopRows; ++k) {
        const Township& township = resources.townships[order[k]];
        labels->push_back(
            {township.area ? point_on_surface(*township.area) : township.location, township.name});
    }
    page.over_roads = [draw = page.over_roads, labels](cairo_t* cr, const MapFrame& frame) {
        draw(cr, frame);
        draw_map_labels(cr, frame, *labels);
    };
    table.total_rows = 1;
    table.notes.push_back(
        tr("Covered: a shelter of the right class within walking distance "
           "along the roads (GB 51143-2015); same figures as muster coverage."));
    page.sources = sources_line(
        data, tr("townships, shelters, roads"),
        tr("walking network, demand grid") + " " + metres_text(cell_m) + " " + tr("m"));
    return page;
}

}  // namespace muster::tools

#include <algorithm>
#include <array>
#include <map>

#include "tools/app/number_text.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/flow_line.hpp"
#include "tools/report/report_pages.hpp"

namespace muster::tools {
namespace {

struct FillClass {
    double below;
    const char* label;
    Rgb colour;
};

constexpr std::array<FillClass, 4> kFillClasses{{
    {0.50, "< 50 %", {0.84, 0.19, 0.15}},
    {0.80, "50–80 %", {0.99, 0.55, 0.24}},
    {0.9995, "80–99.9 %", {1.00, 0.85, 0.30}},
    {2.00, "100 %", {0.10, 0.60, 0.31}},
}};
constexpr Rgb kFlow{0.15, 0.30, 0.60};
constexpr Rgb kDepot{0.12, 0.12, 0.12};
constexpr double kMaxFlowWidthPt = 5;

const FillClass& class_of(double rate) {
    for (const FillClass& c : kFillClasses) {
        if (rate < c.below)
            return c;
    }
    return kFillClasses.back();
}

double shipment_width(double quantity, double largest) {
    return flow_width(quantity, largest, 0.6, kMaxFlowWidthPt);
}

/// The item of the lowest fill rate; among equals (all filled, say) water if it is one of them.
std::size_t item_shown(const relief::AllocationResult& result) {
    std::size_t shown = 0;
    for (std::size_t k = 0; k < result.items.size(); ++k) {
        const double rate = result.items[k].min_fill_rate;
        const double best = result.items[shown].min_fill_rate;
        if (rate < best - 1e-9 || (rate <= best + 1e-9 && result.items[k].item == "water" &&
                                   result.items[shown].item != "water"))
            shown = k;
    }
    return shown;
}

}  // namespace

ReportPage relief_page(const ReportData& data, const Basemap& basemap) {
    const AllocateAnswer& a = data.relief;
    ReportPage page;
    page.title = tr("Relief flows and fill rates");
    page.file_stem = "3-relief-flows";
    page.extent = basemap.extent();
    const std::size_t shown = a.result.items.empty() ? 0 : item_shown(a.result);
    const std::string item = a.result.items.empty() ? "" : a.result.items[shown].item;
    const std::string unit = a.units.empty() ? "" : a.units[shown];

    // The item's flows summed per depot and destination.
    auto flows = std::make_shared<std::map<std::pair<std::size_t, std::size_t>, double>>();
    double largest = 0;
    for (const relief::Shipment& s : a.result.shipments) {
        if (s.item == item)
            largest = std::max(largest, (*flows)[{s.depot, s.destination}] += s.quantity);
    }
    auto lowest = std::make_shared<std::vector<double>>(a.destinations.size(), 1.0);
    for (const relief::Fill& f : a.result.fills)
        (*lowest)[f.destination] = std::min((*lowest)[f.destination], f.fill_rate);

    page.over_roads = [&a, flows, lowest, largest](cairo_t* cr, const MapFrame& frame) {
        for (const auto& [pair, quantity] : *flows) {
            draw_flow_line(cr, frame.to_page(a.depots[pair.first].location),
                           frame.to_page(a.destinations[pair.second].location), kFlow, 0.65,
                           shipment_width(quantity, largest));
        }
        for (std::size_t j = 0; j < a.destinations.size(); ++j) {
            const PagePoint p = frame.to_page(a.destinations[j].location);
            draw_marker(cr, {MarkerShape::circle, class_of((*lowest)[j]).colour, 6}, p.x, p.y);
        }
        for (const ReliefPlace& d : a.depots) {
            const PagePoint p = frame.to_page(d.location);
            draw_marker(cr, {MarkerShape::square, kDepot, 8}, p.x, p.y);
        }
    };

    LegendEntry depot;
    depot.kind = LegendEntry::Kind::marker;
    depot.label = tr("depot");
    depot.marker = {MarkerShape::square, kDepot, 8};
    page.legend.push_back(depot);
    for (const double share : {1.0, 0.5}) {
        LegendEntry flow;
        flow.kind = LegendEntry::Kind::line;
        flow.label = tr(item) + " " + fixed(largest * share, 0) + " " + unit;
        flow.colour = kFlow;
        flow.alpha = 0.65;
        flow.line_width = shipment_width(largest * share, largest);
        page.legend.push_back(flow);
    }
    for (const FillClass& c : kFillClasses) {
        LegendEntry e;
        e.kind = LegendEntry::Kind::marker;
        e.label = tr("shelter, lowest fill") + " " + c.label;
        e.marker = {MarkerShape::circle, c.colour, 7};
        page.legend.push_back(e);
    }

    ReportTable& table = page.table;
    table.title = tr("Relief items") + " (" + fixed(a.days, 0) + " " + tr("days") + ")";
    table.columns = {{tr("item"), 2.0, Align::left}, {tr("demand"), 1.2},
                     {tr("delivered"), 1.2},         {tr("unmet"), 1.1},
                     {tr("fill rate"), 0.9},         {tr("lowest fill"), 0.9}};
    for (std::size_t k = 0; k < a.result.items.size(); ++k) {
        const relief::ItemSummary& s = a.result.items[k];
        table.rows.push_back(
            {tr(s.item) + " (" + a.units[k] + ")", fixed(s.demand, 0), fixed(s.delivered, 0),
             fixed(std::max(0.0, s.demand - s.delivered), 0), percent_text(s.delivered, s.demand),
             fixed(s.min_fill_rate * 100, 1) + " %"});
    }
    table.notes.push_back(
        tr("Fill rate: delivered ÷ demand; lowest fill: the least any shelter "
           "gets (fairness first, as muster allocate plans it)."));
    for (const auto& [id, reason] : a.unavailable)
        table.notes.push_back(tr("depot") + " " + id + std::string(colon(output_language())) +
                              reason);
    for (const std::string& warning : a.warnings)
        table.notes.push_back(tr("Warning") + std::string(colon(output_language())) + warning);

    const std::string sep = tr(", ");
    page.summary = with_commas(data.relief_persons) + " " + tr("persons in") + " " +
                   with_commas(a.destinations.size()) + " " + tr("shelters") + " " +
                   tr("(as coverage places them)") + sep + with_commas(a.depots.size()) + " " +
                   tr("depots") + sep + tr("item shown") + std::string(colon(output_language())) +
                   tr(item);
    page.sources = sources_line(data, tr("depots, inventory, shelters"),
                                tr("drive network; allocation as muster allocate "
                                   "--persons plans it"));
    return page;
}

}  // namespace muster::tools

#include <algorithm>
#include <map>

#include "tools/app/number_text.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/flow_line.hpp"
#include "tools/report/report_pages.hpp"

namespace muster::tools {
namespace {

constexpr Rgb kIncident{0.85, 0.10, 0.10};
constexpr Rgb kHospital{0.10, 0.35, 0.75};
constexpr Rgb kTrip{0.55, 0.10, 0.45};
constexpr double kMaxTripWidthPt = 5;

double trip_width(std::int64_t patients, std::int64_t largest) {
    return flow_width(static_cast<double>(patients), static_cast<double>(largest), 0.8,
                      kMaxTripWidthPt);
}

}  // namespace

ReportPage mci_page(const ReportData& data, const Basemap& basemap) {
    const MciAnswer& a = *data.mci;
    ReportPage page;
    page.title = tr("Mass-casualty plan");
    page.file_stem = "4-mass-casualty";
    page.extent = basemap.extent();

    // Patients carried per incident and hospital, over every trip.
    auto carried = std::make_shared<std::map<std::pair<std::size_t, std::size_t>, std::int64_t>>();
    std::int64_t largest = 0;
    for (const relief::AmbulanceTrip& t : a.trips.trips) {
        std::int64_t& sum = (*carried)[{t.incident, t.hospital}];
        sum += t.patients[0] + t.patients[1] + t.patients[2];
        largest = std::max(largest, sum);
    }
    page.over_roads = [&a, carried, largest](cairo_t* cr, const MapFrame& frame) {
        for (const auto& [pair, patients] : *carried) {
            draw_flow_line(cr, frame.to_page(a.incidents[pair.first].location),
                           frame.to_page(a.hospitals[pair.second].location), kTrip, 0.6,
                           trip_width(patients, largest));
        }
        for (const ReliefPlace& h : a.hospitals) {
            const PagePoint p = frame.to_page(h.location);
            draw_marker(cr, {MarkerShape::cross, kHospital, 9}, p.x, p.y);
        }
        for (const IncidentSite& i : a.incidents) {
            const PagePoint p = frame.to_page(i.location);
            draw_marker(cr, {MarkerShape::star, kIncident, 10}, p.x, p.y);
        }
    };
    LegendEntry incident;
    incident.kind = LegendEntry::Kind::marker;
    incident.label = tr("incident");
    incident.marker = {MarkerShape::star, kIncident, 10};
    page.legend.push_back(incident);
    LegendEntry hospital = incident;
    hospital.label = tr("hospital");
    hospital.marker = {MarkerShape::cross, kHospital, 9};
    page.legend.push_back(hospital);
    LegendEntry trips;
    trips.kind = LegendEntry::Kind::line;
    trips.label =
        tr("ambulance trips") + " (" + tr("patients") + " ≤ " + with_commas(largest) + ")";
    trips.colour = kTrip;
    trips.alpha = 0.6;
    trips.line_width = kMaxTripWidthPt;
    page.legend.push_back(trips);

    ReportTable& table = page.table;
    table.title = tr("Casualties per hospital by triage category");
    table.columns = {{tr("hospital"), 2.4, Align::left},
                     {tr("red"), 0.8},
                     {tr("yellow"), 0.8},
                     {tr("green"), 0.8},
                     {tr("total"), 0.9},
                     {tr("surge beds"), 1}};
    relief::TriageCounts sum{};
    std::int64_t surge = 0;
    for (std::size_t h = 0; h < a.hospitals.size(); ++h) {
        const relief::HospitalLoad& load = a.plan.hospitals[h];
        const std::int64_t total = load.patients[0] + load.patients[1] + load.patients[2];
        if (total == 0)
            continue;
        table.rows.push_back({a.hospitals[h].name.empty() ? a.hospitals[h].id : a.hospitals[h].name,
                              with_commas(load.patients[0]), with_commas(load.patients[1]),
                              with_commas(load.patients[2]), with_commas(total),
                              with_commas(load.surge_used)});
        for (std::size_t c = 0; c < 3; ++c)
            sum[c] += load.patients[c];
        surge += load.surge_used;
    }
    table.rows.push_back({tr("total"), with_commas(sum[0]), with_commas(sum[1]),
                          with_commas(sum[2]), with_commas(sum[0] + sum[1] + sum[2]),
                          with_commas(surge)});
    table.total_rows = 1;
    for (const relief::Overflow& o : a.plan.overflow) {
        table.notes.push_back(tr("Beyond capacity:") + " " + a.incidents[o.incident].id + " " +
                              tr(relief::to_string(o.category)) + " " + with_commas(o.patients) +
                              std::string(colon(output_language())) + o.reason);
    }
    const auto& t = a.plan.total;
    const std::string sep = tr(", ");
    page.summary = tr("incidents") + " " + with_commas(a.incidents.size()) + sep +
                   tr("casualties red / yellow / green") + " " + with_commas(t[0]) + " / " +
                   with_commas(t[1]) + " / " + with_commas(t[2]) + sep + tr("ambulance trips") +
                   " " + with_commas(a.trips.trips.size()) + sep +
                   tr("last patient at hospital after") + " " +
                   fixed(a.trips.last_arrival_s / 60, 1) + " " + tr("min");
    page.sources = sources_line(data, tr("hospitals, ambulances, incidents"),
                                tr("drive network; plan as muster mci "
                                   "makes it"));
    return page;
}

}  // namespace muster::tools

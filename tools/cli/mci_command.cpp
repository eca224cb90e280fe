// `muster mci DB --incidents FILE [--red-limit-min M] [--yellow-limit-min M]
//  [--green-limit-min M] [--scene-min M] [--handover-min M] [--csv FILE]` and the shared routing
// options: casualties by triage category to hospitals, then ambulance trips (docs/relief.md).

#include <cmath>
#include <iostream>
#include <optional>

#include "tools/app/relief_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/layer_output.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/mci_output.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct MciCliOptions {
    RoutingCliOptions routing;
    std::string incidents;
    double red_limit_min = relief::kDefaultRedLimitS / 60;
    std::optional<double> yellow_limit_min;  ///< none by default (relief::kNoLimit)
    std::optional<double> green_limit_min;
    double scene_min = 10;
    double handover_min = 10;
    std::string csv;
};

std::string counts_text(const relief::TriageCounts& c) {
    return with_commas(c[0]) + " / " + with_commas(c[1]) + " / " + with_commas(c[2]);
}

std::string clock(double seconds) {
    return fixed(seconds / 60, 1);
}

std::string limits_text(const std::array<double, 3>& limit_s) {
    std::string text;
    for (relief::Triage c : relief::kTriageOrder) {
        const double s = limit_s[static_cast<int>(c)];
        text += std::string(text.empty() ? "" : ", ") + std::string(relief::to_string(c)) + " " +
                (std::isfinite(s) ? fixed(s / 60, 0) + " min" : "no limit");
    }
    return text;
}

void print_table(const MciAnswer& a, const RoutingSession& session, std::ostream& out) {
    out << tr("Mass-casualty distribution") << colon(output_language())
        << with_commas(a.incidents.size()) << " incident(s), " << with_commas(a.hospitals.size())
        << " hospitals, " << with_commas(a.units.size()) << " available ambulances, "
        << hazard_summary(session.hazards()) << "\n"
        << "Casualties red / yellow / green: " << counts_text(a.plan.total) << "; placed "
        << counts_text(a.plan.placed) << "; transport limits " << limits_text(a.casualty.limit_s)
        << "\n\n";
    TextTable flows({"incident", "hospital", "category", "patients", "minutes"});
    for (const relief::CasualtyFlow& f : a.plan.flows) {
        flows.add({a.incidents[f.incident].id, a.hospitals[f.hospital].name,
                   tr(relief::to_string(f.category)), with_commas(f.patients),
                   clock(f.duration_s)});
    }
    flows.print(out);
    if (!a.plan.overflow.empty()) {
        out << "\n" << tr("Beyond capacity:") << "\n";
        TextTable overflow({"incident", "category", "patients", "reason"});
        for (const relief::Overflow& o : a.plan.overflow) {
            overflow.add({a.incidents[o.incident].id, tr(relief::to_string(o.category)),
                          with_commas(o.patients), o.reason});
        }
        overflow.print(out);
    }
    if (a.plan.surge_used == 0) {
        out << "\nNo surge beds needed: every placed patient has a regular bed.\n";
    } else {
        out << "\nSurge beds to open (" << with_commas(a.plan.surge_used)
            << " in all; only where no regular bed of the category is free within its limit):\n";
        TextTable surge({"hospital", "surge beds", "R/Y/G", "of"});
        for (std::size_t h = 0; h < a.hospitals.size(); ++h) {
            const relief::HospitalLoad& load = a.plan.hospitals[h];
            if (load.surge_used > 0)
                surge.add({a.hospitals[h].name, with_commas(load.surge_used),
                           counts_text(load.surge), with_commas(a.problem.hospitals[h].surge)});
        }
        surge.print(out);
    }
    out << "\n"
        << tr("Ambulance trips") << " (minutes from dispatch; scene "
        << clock(a.trip_parameters.scene_s) << ", handover " << clock(a.trip_parameters.handover_s)
        << "):\n";
    TextTable trips({"unit|ambulance", "trip", "incident", "hospital", "R/Y/G", "at scene",
                     "at hospital", "free"});
    for (const relief::AmbulanceTrip& t : a.trips.trips) {
        trips.add({a.units[t.unit].id, std::to_string(t.number), a.incidents[t.incident].id,
                   a.hospitals[t.hospital].name, counts_text(t.patients), clock(t.at_scene_s),
                   clock(t.at_hospital_s), clock(t.free_s)});
    }
    trips.print(out);
    out << "\nLast patient at hospital after " << clock(a.trips.last_arrival_s) << " min";
    const auto& u = a.trips.unserved;
    if (u[0] + u[1] + u[2] > 0)
        out << "; no ambulance reaches " << counts_text(u) << " (R/Y/G) placed patients";
    out << "\n";
    for (const auto& [id, reason] : a.unavailable)
        out << id << " " << tr("unavailable") << colon(output_language()) << reason << "\n";
}

void run_mci(const MciCliOptions& options) {
    if (!options.csv.empty())
        check_output(options.csv, options.routing.database);
    MciQuery query;
    query.incidents = read_incidents(options.incidents);
    const auto limit_s = [](std::optional<double> minutes) {
        return minutes ? *minutes * 60 : relief::kNoLimit;
    };
    query.casualty.limit_s = {options.red_limit_min * 60, limit_s(options.yellow_limit_min),
                              limit_s(options.green_limit_min)};
    query.trips.scene_s = options.scene_min * 60;
    query.trips.handover_s = options.handover_min * 60;
    const auto session = open_session(options.routing);
    Searches searches(session->graph());
    const MciAnswer answer = answer_mci(session->context(), query, searches);
    emit(options.routing, *session,
         {[&] { return mci_json(answer); }, [&] { return mci_layers(answer); },
          [&](std::ostream& out) { print_table(answer, *session, out); }});
    if (!options.csv.empty()) {
        for (const std::string& written :
             write_layers(options.csv, casualty_tables(answer), hazard_summary(session->hazards())))
            notes(options.routing) << "wrote " << written << '\n';
    }
}

}  // namespace

void add_mci_command(CLI::App& app) {
    auto options = std::make_shared<MciCliOptions>();
    auto* cmd = app.add_subcommand(
        "mci", "mass-casualty distribution: casualties to hospitals, then ambulance trips");
    add_routing_options(*cmd, options->routing);
    cmd->add_option("--incidents", options->incidents,
                    "incident points with red, yellow, green counts, PATH[:LAYER][?WHERE]")
        ->required();
    cmd->add_option("--red-limit-min", options->red_limit_min,
                    "longest transport for red casualties, minutes (default 60)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--yellow-limit-min", options->yellow_limit_min,
                    "longest transport for yellow casualties, minutes (default: no limit)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--green-limit-min", options->green_limit_min,
                    "longest transport for green casualties, minutes (default: no limit)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--scene-min", options->scene_min, "minutes at the scene per trip (default 10)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--handover-min", options->handover_min,
                    "minutes at the hospital per trip (default 10)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--csv", options->csv,
                    "also write the casualty plan as a CSV table, and the surge beds to open "
                    "beside it (FILE_surge.csv)");
    cmd->callback([options] { run_mci(*options); });
}

}  // namespace muster::tools

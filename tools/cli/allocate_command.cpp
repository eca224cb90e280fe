// `muster allocate DB [--to shelters|townships] [--days N] [--share F] [--ration FILE]
//  [--persons FILE] [--demand FILE] [--eta-target-h H|TIER=H,...] [--no-local-first] [--csv FILE]`
//  and the shared routing
// options: which depots send how much of which item to which shelter (docs/relief.md).

#include <algorithm>
#include <iostream>

#include "tools/app/relief_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/layer_output.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/allocate_output.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct AllocateCliOptions {
    RoutingCliOptions routing;
    std::string to = "shelters";
    double days = kDefaultReliefDays;
    double share = 1.0;
    std::string ration;
    std::string persons;
    std::string demand;
    std::string eta_target_h;  ///< "" for the defaults per tier, else parse_eta_targets' syntax
    bool no_local_first = false;
    std::string csv;
};

std::string percent(double rate) {
    return fixed(rate * 100, 1) + " %";
}

void print_table(const AllocateAnswer& a, const RoutingSession& session, std::ostream& out) {
    out << tr("Relief allocation") << colon(output_language()) << with_commas(a.depots.size())
        << " depots -> " << with_commas(a.destinations.size()) << " " << to_string(a.to);
    if (a.persons.empty() || a.persons.front() >= 0) {
        std::int64_t persons = 0;
        for (const std::int64_t p : a.persons)
            persons += p;
        out << ", " << with_commas(persons) << " persons, " << fixed(a.days, 1) << " days";
    }
    out << ", " << hazard_summary(session.hazards()) << "\n"
        << "Rules: fairness (max-min fill rate, lexicographic), then "
        << (a.parameters.local_first
                ? "local stock first and the lowest tier first (township, county, city, "
                  "province, central), then "
                : "")
        << "least quantity-weighted travel time\nETA targets:";
    for (std::size_t t = 0; t < relief::kDepotTierCount; ++t) {
        out << (t ? ", " : " ") << to_string(static_cast<DepotTier>(t)) << " "
            << fixed(a.parameters.eta_targets.by_tier_s[t] / 3600, 1) << " h";
    }
    out << "\n\n";
    TextTable items({"item", "unit", "demand", "stock", "delivered", "min fill", "cross-region",
                     "qty x hours"});
    for (std::size_t k = 0; k < a.result.items.size(); ++k) {
        const auto& s = a.result.items[k];
        items.add({s.item, a.units[k], fixed(s.demand, 0), fixed(s.stock, 0), fixed(s.delivered, 1),
                   percent(s.min_fill_rate), fixed(s.cross_region, 1),
                   fixed(s.weighted_travel_s / 3600, 1)});
    }
    items.print(out);

    // The worst-served destinations.
    std::vector<double> worst(a.destinations.size(), 1.0);
    for (const relief::Fill& f : a.result.fills)
        worst[f.destination] = std::min(worst[f.destination], f.fill_rate);
    std::vector<std::size_t> order(a.destinations.size());
    for (std::size_t j = 0; j < order.size(); ++j)
        order[j] = j;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return worst[x] < worst[y]; });
    const std::size_t show = std::min<std::size_t>(10, order.size());
    out << "\n" << tr("Lowest fill rates (all in --format json):") << "\n";
    TextTable dests({"destination", "name", "region", "lowest fill"});
    for (std::size_t k = 0; k < show; ++k) {
        const auto& d = a.destinations[order[k]];
        dests.add({d.id, d.name, d.region, percent(worst[order[k]])});
    }
    dests.print(out);

    const std::size_t late = std::count_if(a.result.shipments.begin(), a.result.shipments.end(),
                                           [](const relief::Shipment& s) { return s.late; });
    out << "\n"
        << with_commas(a.result.shipments.size()) << " " << tr("shipments") << tr(", ")
        << with_commas(late) << " " << tr("later than the ETA target");
    const std::size_t listed = std::min<std::size_t>(20, a.result.shipments.size());
    out << (listed < a.result.shipments.size() ? " (first 20; all with --csv or --format json)"
                                               : "")
        << tr(":") << "\n";
    TextTable ships({"item", "depot", "tier", "destination", "quantity", "ETA min", "target h",
                     "late", "cross"});
    for (std::size_t k = 0; k < listed; ++k) {
        const auto& s = a.result.shipments[k];
        ships.add({s.item, a.depots[s.depot].id, tr(to_string(a.problem.depots[s.depot].tier)),
                   a.destinations[s.destination].id, fixed(s.quantity, 1),
                   fixed(s.duration_s / 60, 1), fixed(s.eta_target_s / 3600, 1),
                   s.late ? tr("LATE") : "", s.cross_region ? tr("yes") : ""});
    }
    ships.print(out);
    if (!a.result.unreachable.empty()) {
        out << "\n"
            << tr("Unreachable (no depot reaches them by road)") << colon(output_language());
        for (std::size_t k = 0; k < a.result.unreachable.size(); ++k)
            out << (k ? ", " : "") << a.destinations[a.result.unreachable[k]].id;
        out << "\n";
    }
    for (const auto& [id, reason] : a.unavailable)
        out << "Depot " << id << " " << tr("unavailable") << colon(output_language()) << reason
            << "\n";
    for (const std::string& note : a.notes)
        out << tr("Note") << colon(output_language()) << note << "\n";
    for (const std::string& warning : a.warnings)
        out << tr("Warning") << colon(output_language()) << warning << "\n";
}

void run_allocate(const AllocateCliOptions& options) {
    if (!options.csv.empty())
        check_output(options.csv, options.routing.database);
    AllocateQuery query;
    query.to = parse_allocation_target(options.to, "--to");
    query.days = options.days;
    query.share = options.share;
    if (!options.ration.empty()) {
        query.ration = read_ration_table(options.ration);
        query.default_ration = false;
    }
    if (!options.persons.empty())
        query.persons = read_persons_table(options.persons);
    if (!options.demand.empty())
        query.demand = read_demand_table(options.demand);
    query.parameters.local_first = !options.no_local_first;
    if (!options.eta_target_h.empty())
        query.parameters.eta_targets = parse_eta_targets(options.eta_target_h, "--eta-target-h");
    const auto session = open_session(options.routing);
    Searches searches(session->graph());
    const AllocateAnswer answer = answer_allocate(session->context(), query, searches);
    emit(options.routing, *session,
         {[&] { return allocate_json(answer); }, [&] { return allocate_layers(answer); },
          [&](std::ostream& out) { print_table(answer, *session, out); }});
    if (!options.csv.empty())
        notes(options.routing) << "wrote "
                               << write_layers(options.csv, {shipments_table(answer)},
                                               hazard_summary(session->hazards()))
                                      .front()
                               << '\n';
}

}  // namespace

void add_allocate_command(CLI::App& app) {
    auto options = std::make_shared<AllocateCliOptions>();
    auto* cmd = app.add_subcommand(
        "allocate", "relief allocation: shipments of each item from depots to shelters");
    add_routing_options(*cmd, options->routing);
    cmd->add_option("--to", options->to, "destinations: shelters (open ones, default) or townships")
        ->check(CLI::IsMember({"shelters", "townships"}));
    cmd->add_option("--days", options->days, "days of relief to plan for (default 3)");
    cmd->add_option("--share", options->share,
                    "displaced share of shelter capacity or township population (default 1)");
    cmd->add_option("--ration", options->ration,
                    "ration table: item, quantity, unit, per (per_person_day|per_person)");
    auto* persons = cmd->add_option(
        "--persons", options->persons,
        "persons per destination instead of capacity or population: destination (or id), "
        "persons (or assigned, as `coverage --out` writes its shelters layer)");
    cmd->add_option("--demand", options->demand,
                    "explicit demand instead of rations: destination, item, quantity")
        ->excludes(persons);
    cmd->add_option("--eta-target-h", options->eta_target_h,
                    "flag shipments slower than this many hours: H for every depot tier or "
                    "TIER=H,... (default township=6,county=6,city=8,province=10,central=12)");
    cmd->add_flag("--no-local-first", options->no_local_first,
                  "let any region's depot serve a destination on travel time alone");
    cmd->add_option("--csv", options->csv, "also write the shipments as a CSV table");
    cmd->callback([options] { run_allocate(*options); });
}

}  // namespace muster::tools

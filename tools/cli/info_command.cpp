// `muster info DB [--format table|json]`

#include <nlohmann/json.hpp>

#include <iostream>

#include "geodata/resource_db.hpp"
#include "solvers/resource_summary.hpp"
#include "tools/cli/commands.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct InfoOptions {
    std::string database;
    std::string format = "table";
    std::size_t problem_limit = 20;
};

struct Info {
    ResourceSummary resources;
    std::optional<NetworkSummary> drive, walk;
    std::vector<FerryLine> ferries;
    std::vector<ImportLogEntry> log;
    std::vector<Problem> problems;
};

// Who a ferry carries, and which way: "cars both ways, people", "people", ...
std::string carries(const FerryLine& f) {
    std::string cars;
    if (f.drive_forward && f.drive_backward)
        cars = "cars both ways";
    else if (f.drive_forward || f.drive_backward)
        cars = "cars one way";
    return cars + (f.walk ? (cars.empty() ? "" : ", ") + std::string("people") : "");
}

nlohmann::json network_json(const NetworkSummary& n) {
    return {{"nodes", n.nodes},
            {"edges", n.edges},
            {"length_m", std::round(n.length_m * 10) / 10},
            {"length_m_by_class", n.length_m_by_class},
            {"components", n.components},
            {"largest_component_nodes", n.largest_component_nodes},
            {"small_components", n.small_components}};
}

nlohmann::json bounds_json(const BoundingBox& b) {
    if (b.empty())
        return nullptr;
    return {b.min_lon, b.min_lat, b.max_lon, b.max_lat};
}

void print_json(const Info& info) {
    const ResourceSummary& r = info.resources;
    nlohmann::json by_class = nlohmann::json::object();
    for (const auto& [name, f] : r.shelters_by_class)
        by_class[name] = {{"count", f.count}, {"capacity", f.capacity}};
    nlohmann::json stock = nlohmann::json::object();
    for (const auto& [item, by_unit] : r.stock) {
        for (const auto& [unit, quantity] : by_unit)
            stock[item][unit] = quantity;
    }
    nlohmann::json by_kind = nlohmann::json::object();
    for (const auto& [kind, t] : r.teams_by_kind)
        by_kind[kind] = {{"count", t.first}, {"available", t.second}};
    nlohmann::json out = {
        {"townships",
         {{"count", r.townships},
          {"population", r.population},
          {"without_population", r.townships_without_population}}},
        {"shelters",
         {{"count", r.shelters}, {"capacity", r.shelter_capacity}, {"by_class", by_class}}},
        {"depots", {{"count", r.depots}, {"by_tier", r.depots_by_tier}, {"stock", stock}}},
        {"teams", {{"count", r.teams}, {"by_kind", by_kind}}},
        {"hospitals",
         {{"count", r.hospitals},
          {"beds",
           {{"red", r.beds_red},
            {"yellow", r.beds_yellow},
            {"green", r.beds_green},
            {"surge", r.beds_surge}}}}},
        {"hazards", {{"count", r.hazards}, {"closed", r.hazards_closed}}},
        // Named: the resources (entity locations) and each road network (its nodes) have theirs.
        {"bounds",
         {{"resources", bounds_json(r.bounds)},
          {"network", info.drive ? bounds_json(info.drive->bounds) : nullptr},
          {"walk_network", info.walk ? bounds_json(info.walk->bounds) : nullptr}}},
        {"problems", info.problems.size()},
    };
    if (info.drive) {
        out["network"] = network_json(*info.drive);
        out["network"]["bounds"] = bounds_json(info.drive->bounds);
    }
    if (info.walk)
        out["walk_network"] = network_json(*info.walk);
    nlohmann::json ferries = nlohmann::json::array();
    for (const FerryLine& f : info.ferries) {
        ferries.push_back({{"id", f.id},
                           {"name", f.name},
                           {"drive_forward", f.drive_forward},
                           {"drive_backward", f.drive_backward},
                           {"walk", f.walk},
                           {"length_m", std::round(f.length_m * 10) / 10},
                           {"crossing_s", std::round(f.crossing_s * 10) / 10}});
    }
    out["ferries"] = ferries;
    nlohmann::json log = nlohmann::json::array();
    for (const auto& e : info.log) {
        log.push_back({{"run", e.run},
                       {"time", e.time},
                       {"kind", e.kind},
                       {"source", e.source},
                       {"filter", e.filter},
                       {"features", e.features},
                       {"imported", e.imported},
                       {"problems", e.problems},
                       {"warnings", e.warnings}});
    }
    out["import_log"] = log;
    std::map<std::string, std::size_t> problem_kinds;
    for (const auto& p : info.problems)
        ++problem_kinds[p.kind];
    out["problems_by_kind"] = problem_kinds;
    std::cout << out.dump(2) << '\n';
}

void print_network(const char* name, const NetworkSummary& n) {
    std::cout << name << " network: " << with_commas(n.nodes) << " nodes, " << with_commas(n.edges)
              << " edges, " << fixed(n.length_m / 1000, 1) << " km of road, "
              << with_commas(n.components) << " strongly connected components (largest "
              << with_commas(n.largest_component_nodes) << " nodes; " << n.small_components
              << " small)\n";
    std::vector<std::pair<double, std::string>> classes;
    for (const auto& [c, m] : n.length_m_by_class)
        classes.emplace_back(-m, c);
    std::sort(classes.begin(), classes.end());
    TextTable table({"  class", "km"});
    for (const auto& [m, c] : classes)
        table.add({"  " + c, fixed(-m / 1000, 1)});
    table.print(std::cout);
}

void print_bounds(const char* name, const BoundingBox& b) {
    if (b.empty())
        return;
    std::cout << "bounds of the " << name << ": " << fixed(b.min_lon, 5) << ", "
              << fixed(b.min_lat, 5) << " to " << fixed(b.max_lon, 5) << ", " << fixed(b.max_lat, 5)
              << '\n';
}

void print_table(const InfoOptions& options, const Info& info) {
    const ResourceSummary& r = info.resources;
    std::cout << tr("resource database") << " " << options.database << "\n\n";
    TextTable table({"kind", "count", "figures"});
    table.add(
        {tr("townships"), with_commas(r.townships),
         "population " + with_commas(r.population) +
             (r.townships_without_population
                  ? " (" + with_commas(r.townships_without_population) + " without population)"
                  : "")});
    std::string classes;
    for (const auto& [name, f] : r.shelters_by_class) {
        classes += (classes.empty() ? "" : ", ") + name + " " + with_commas(f.count) + " / " +
                   with_commas(f.capacity);
    }
    table.add({tr("shelters"), with_commas(r.shelters),
               "capacity " + with_commas(r.shelter_capacity) + " persons" +
                   (classes.empty() ? "" : " (" + classes + ")")});
    std::string tiers;
    for (const auto& [tier, n] : r.depots_by_tier)
        tiers += (tiers.empty() ? "" : ", ") + tier + " " + with_commas(n);
    table.add({tr("depots"), with_commas(r.depots), tiers});
    std::string kinds;
    for (const auto& [kind, t] : r.teams_by_kind) {
        kinds += (kinds.empty() ? "" : ", ") + kind + " " + with_commas(t.first) + " (" +
                 with_commas(t.second) + " available)";
    }
    table.add({tr("teams"), with_commas(r.teams), kinds});
    table.add({tr("hospitals"), with_commas(r.hospitals),
               "beds red " + with_commas(r.beds_red) + ", yellow " + with_commas(r.beds_yellow) +
                   ", green " + with_commas(r.beds_green) + ", surge " +
                   with_commas(r.beds_surge)});
    table.add({tr("hazards"), with_commas(r.hazards),
               with_commas(r.hazards_closed) + " closed, " +
                   with_commas(r.hazards - r.hazards_closed) + " slow"});
    table.print(std::cout);
    if (!r.stock.empty()) {
        std::cout << "\n" << tr("stock:");
        for (const auto& [item, by_unit] : r.stock) {
            for (const auto& [unit, quantity] : by_unit)
                std::cout << "  " << item << " " << fixed(quantity, 0) << " " << unit;
        }
        std::cout << '\n';
    }
    std::cout << '\n';
    if (info.drive)
        print_network("drive", *info.drive);
    if (info.walk)
        print_network("walk", *info.walk);
    if (!info.ferries.empty()) {
        std::cout << "\nferries (crossing times include " << fixed(kFerryBoardingS / 60, 0)
                  << " min boarding):\n";
        TextTable ferries({"  id", "name", "km", "minutes", "carries"});
        for (const FerryLine& f : info.ferries) {
            ferries.add({"  " + f.id, f.name, fixed(f.length_m / 1000, 1),
                         fixed(f.crossing_s / 60, 1), carries(f)});
        }
        ferries.print(std::cout);
    }
    print_bounds("resources", r.bounds);
    if (info.drive)
        print_bounds("drive network", info.drive->bounds);
    std::cout << "\n" << tr("import log:") << "\n";
    TextTable log({"  run", "time", "kind", "source", "features", "imported", "problems"});
    for (const auto& e : info.log) {
        log.add({"  " + std::to_string(e.run), e.time, tr(e.kind),
                 e.source + (e.filter.empty() ? "" : "?" + e.filter), with_commas(e.features),
                 with_commas(e.imported), with_commas(e.problems)});
    }
    log.print(std::cout);
    std::cout << '\n';
    print_problems(std::cout, info.problems, options.problem_limit);
}

void run_info(const InfoOptions& options) {
    const ResourceDb db = ResourceDb::open_existing(options.database);
    Info info;
    info.resources = summarize(db.resources());
    if (auto drive = db.network(Profile::drive))
        info.drive = summarize(*drive);
    if (auto walk = db.network(Profile::walk))
        info.walk = summarize(*walk);
    info.ferries = db.ferries();
    info.log = db.import_log();
    info.problems = db.problems();
    if (options.format == "json") {
        print_json(info);
    } else {
        print_table(options, info);
    }
}

}  // namespace

void add_info_command(CLI::App& app) {
    auto options = std::make_shared<InfoOptions>();
    auto* cmd = app.add_subcommand("info", "summarise a resource database");
    cmd->add_option("database", options->database, kDatabaseHelp)->required();
    cmd->add_option("--format", options->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->add_option("--problems", options->problem_limit, "how many problems to list");
    cmd->callback([options] { run_info(*options); });
}

}  // namespace muster::tools

// `muster site --costs costs.csv --demand demand.csv [--sites sites.csv] --model MODEL [-p N]
//  [--radius R] [--time-limit S] [--format table|json]`: shelter siting on a plain instance
// (tools/siting_instance.hpp has the file formats, docs/siting.md the models).

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "engine/errors.hpp"
#include "solvers/siting/siting_models.hpp"
#include "tools/commands.hpp"
#include "tools/siting_instance.hpp"
#include "tools/text_table.hpp"

namespace muster::tools {
namespace {

struct SiteOptions {
    std::string costs, demand, sites, model, format = "table";
    std::size_t p = 0;
    double radius = std::numeric_limits<double>::quiet_NaN();
    double time_limit_s = 60;
};

bool uses_radius(SitingModel model) {
    return model == SitingModel::lscp || model == SitingModel::mclp;
}
bool capacitated(SitingModel model) {
    return model == SitingModel::cpmedian || model == SitingModel::cflp;
}

nlohmann::json result_json(const SitingInstance& instance, const SitingResult& result) {
    const bool maximizing = result.model == SitingModel::mclp;
    nlohmann::json open = nlohmann::json::array();
    for (std::size_t j : result.open_sites)
        open.push_back(instance.site_ids[j]);
    nlohmann::json assignment = nlohmann::json::array();
    for (const SitingAssignment& a : result.assignment) {
        nlohmann::json entry = {{"demand", instance.demand_ids[a.demand]},
                                {"site", instance.site_ids[a.site]},
                                {"amount", a.amount},
                                {"cost", a.cost}};
        if (uses_radius(result.model))
            entry["covered"] = a.covered;
        assignment.push_back(entry);
    }
    return {{"model", siting_model_name(result.model)},
            {"objective", result.objective},
            {"lower_bound", maximizing ? result.objective : result.bound},
            {"upper_bound", maximizing ? result.bound : result.objective},
            {"gap", result.gap},
            {"optimal", result.optimal},
            {"method", result.method},
            {"total_weight", instance.total_weight()},
            {"open_sites", open},
            {"assignment", assignment}};
}

std::string number(double value) {
    return value == std::floor(value) && std::abs(value) < 1e15 ? fixed(value, 0) : fixed(value, 4);
}

void print_table(const SitingInstance& instance, const SitingResult& result, std::ostream& out) {
    const char* objective_name = "";
    switch (result.model) {
        case SitingModel::lscp:
            objective_name = "sites needed";
            break;
        case SitingModel::mclp:
            objective_name = "weight covered";
            break;
        case SitingModel::pmedian:
            objective_name = "total weighted cost";
            break;
        case SitingModel::pcenter:
            objective_name = "largest cost";
            break;
        case SitingModel::cpmedian:
            objective_name = "total weighted cost";
            break;
        case SitingModel::cflp:
            objective_name = "fixed + weighted cost";
            break;
    }
    out << siting_model_name(result.model) << ": " << objective_name << " "
        << number(result.objective)
        << (result.model == SitingModel::mclp ? " of " + number(instance.total_weight())
                                              : std::string())
        << '\n'
        << (result.model == SitingModel::mclp ? "upper bound " : "lower bound ")
        << number(result.bound) << ", gap " << fixed(100 * result.gap, 4) << " %"
        << (result.optimal ? " (optimal)" : "") << ", method " << result.method << "\n\n";
    TextTable sites({"open site", "demand points", "weight"});
    for (std::size_t j : result.open_sites) {
        std::size_t points = 0;
        double weight = 0;
        for (const SitingAssignment& a : result.assignment) {
            if (a.site == j && a.covered)
                ++points, weight += a.amount;
        }
        sites.add({instance.site_ids[j], with_commas(points), number(weight)});
    }
    sites.print(out);
    out << '\n';
    std::vector<std::string> header = {"demand", "site", "amount", "cost"};
    if (uses_radius(result.model))
        header.push_back("covered");
    TextTable table(header);
    for (const SitingAssignment& a : result.assignment) {
        std::vector<std::string> row = {instance.demand_ids[a.demand], instance.site_ids[a.site],
                                        number(a.amount), number(a.cost)};
        if (uses_radius(result.model))
            row.push_back(a.covered ? "yes" : "no");
        table.add(row);
    }
    table.print(out);
}

void run_site(const SiteOptions& options) {
    const std::optional<SitingModel> model = parse_siting_model(options.model);
    if (!model) {
        throw InputError("--model: unknown model '" + options.model +
                         "' (lscp, mclp, pmedian, pcenter, cpmedian, cflp)");
    }
    if (uses_radius(*model) && std::isnan(options.radius)) {
        throw InputError("--radius is required for --model " + options.model);
    }
    if (!uses_radius(*model) && !std::isnan(options.radius)) {
        throw InputError("--radius does not apply to --model " + options.model +
                         " (only to lscp and mclp)");
    }
    const bool needs_p = *model != SitingModel::lscp && *model != SitingModel::cflp;
    if (needs_p && options.p == 0)
        throw InputError("-p is required for --model " + options.model);
    if (!needs_p && options.p != 0) {
        throw InputError("-p does not apply to --model " + options.model +
                         " (it chooses the number of sites)");
    }
    if (capacitated(*model) && options.sites.empty()) {
        throw InputError("--sites (with capacities) is required for --model " + options.model);
    }
    const SitingInstance instance =
        read_siting_instance(options.costs, options.demand,
                             options.sites.empty() ? std::nullopt : std::optional(options.sites));
    SitingOptions solver_options;
    solver_options.p = options.p;
    solver_options.radius = options.radius;
    solver_options.time_limit_s = options.time_limit_s;
    const SitingResult result = solve_siting(*model, instance, solver_options);
    if (options.format == "json")
        std::cout << result_json(instance, result).dump(2) << '\n';
    else
        print_table(instance, result, std::cout);
}

}  // namespace

void add_site_command(CLI::App& app) {
    auto options = std::make_shared<SiteOptions>();
    auto* cmd = app.add_subcommand(
        "site", "choose shelter sites: set covering, maximal covering, p-median, ...");
    cmd->add_option("--costs", options->costs,
                    "CSV demand,site,cost: the allowed pairs and their cost")
        ->required();
    cmd->add_option("--demand", options->demand, "CSV id,weight: the demand points")->required();
    cmd->add_option("--sites", options->sites,
                    "CSV id,capacity,fixed_cost,open: the candidate sites");
    cmd->add_option("--model", options->model, "lscp, mclp, pmedian, pcenter, cpmedian or cflp")
        ->required();
    cmd->add_option("-p", options->p, "number of sites to open (mclp, pmedian, pcenter, cpmedian)");
    cmd->add_option("--radius", options->radius, "coverage radius in cost units (lscp, mclp)");
    cmd->add_option("--time-limit", options->time_limit_s,
                    "seconds for the exact search (default 60)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--format", options->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->callback([options] { run_site(*options); });
}

}  // namespace muster::tools

// `muster site --costs costs.csv --demand demand.csv [--sites sites.csv] --model MODEL [-p N]
//  [--radius R] [--time-limit S] [--format table|json]`: shelter siting on a plain instance
// (tools/app/inputs/siting_instance.hpp has the file formats, docs/siting.md the models).
// `muster site DB --candidates SRC --model MODEL ...`: the same models on the resource database,
// demand from the townships and walking distances (tools/app/site_db_query.hpp).

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "engine/errors.hpp"
#include "geodata/source_spec.hpp"
#include "solvers/siting/siting_models.hpp"
#include "tools/app/inputs/candidate_sites.hpp"
#include "tools/app/inputs/siting_instance.hpp"
#include "tools/app/site_db_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/siting_output.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct SiteOptions {
    std::string costs, demand, sites, model, format = "table";
    std::size_t p = 0;
    double radius = std::numeric_limits<double>::quiet_NaN();
    double time_limit_s = 60;
    // On the resource database:
    RoutingCliOptions routing;  // database, hazards, format, out; the profile is always walk
    std::string candidates, candidate_layer, existing = "fixed";
    CandidateFieldNames fields;
    double candidate_capacity = std::numeric_limits<double>::quiet_NaN();
    double cell_m = DemandGridOptions{}.cell_m;
};

bool uses_radius(SitingModel model) {
    return siting_model_covers(model);
}

nlohmann::json result_json(const SitingInstance& instance, const SitingResult& result) {
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
    nlohmann::json out = siting_result_json(result);
    out.update({{"total_weight", instance.total_weight()},
                {"open_sites", open},
                {"assignment", assignment}});
    return out;
}

std::string number(double value) {
    return value == std::floor(value) && std::abs(value) < 1e15 ? fixed(value, 0) : fixed(value, 4);
}

/// The objective, the bound, the gap and the method; `total` is what mclp's cover is out of.
void print_objective(const SitingResult& result, double total, std::ostream& out) {
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
        << (result.model == SitingModel::mclp ? " of " + number(total) : std::string()) << '\n'
        << (result.model == SitingModel::mclp ? "upper bound " : "lower bound ")
        << number(result.bound) << ", gap " << fixed(100 * result.gap, 4) << " %"
        << (result.optimal ? " (optimal)" : "") << ", method " << result.method << "\n\n";
}

void print_table(const SitingInstance& instance, const SitingResult& result, std::ostream& out) {
    print_objective(result, instance.total_weight(), out);
    // Covering models cover demand within the radius and have no capacities; the others assign.
    const std::string served = served_words(result.model).served;
    const bool with_capacity = siting_model_capacitated(result.model);
    std::vector<std::string> site_header = {"open site", "demand points " + served,
                                            "weight " + served};
    if (with_capacity)
        site_header.push_back("capacity");
    TextTable sites(site_header);
    for (std::size_t j : result.open_sites) {
        std::size_t points = 0;
        double weight = 0;
        for (const SitingAssignment& a : result.assignment) {
            if (a.site == j && a.covered)
                ++points, weight += a.amount;
        }
        std::vector<std::string> row = {instance.site_ids[j], with_commas(points), number(weight)};
        if (with_capacity) {
            const double capacity = instance.capacity[j];
            row.push_back(std::isinf(capacity) ? "unlimited" : number(capacity));
        }
        sites.add(row);
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

void run_site_csv(const SiteOptions& options) {
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
    if (siting_model_capacitated(*model) && options.sites.empty()) {
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

/// People as a whole number with thousands separators where they are one, else two decimals.
std::string people(double value) {
    return std::abs(value - std::round(value)) < 1e-6
               ? with_commas(static_cast<std::int64_t>(std::llround(value)))
               : fixed(value, 2);
}

/// The database answer as text: scenario, objective, people, chosen sites, townships, and what
/// was left out.
void print_db_table(const SiteDbAnswer& answer, const nlohmann::json& json,
                    const RoutingSession& session, std::ostream& out) {
    const SitingResult& result = answer.result;
    out << "shelter siting by walking network, " << hazard_summary(session.hazards()) << "\n"
        << json["sites_considered"].get<std::size_t>()
        << " sites considered (existing shelters: " << json["existing"].get<std::string>()
        << "), walking searches bounded at " << metres_text(answer.search_bound_m)
        << " m; demand grid " << metres_text(json["grid_cell_m"].get<double>()) << " m ("
        << answer.demand.points.size() << " points)\n\n";
    const std::int64_t population = json["population"].get<std::int64_t>();
    print_objective(result, static_cast<double>(population), out);
    // "covered" within the radius for lscp and mclp, "assigned" for the others (the JSON's keys).
    const ServedWords words = served_words(result.model);
    const bool with_capacity = siting_model_capacitated(result.model);
    const auto label = [](const std::string& word) {
        return word + std::string(word.size() < 16 ? 16 - word.size() : 1, ' ');
    };
    out << label("population") << with_commas(population) << '\n'
        << label(words.served) << people(json[words.served].get<double>()) << ", mean walk "
        << fixed(json["mean_walk_m"].get<double>(), 0) << " m\n"
        << label(words.unserved) << people(json[words.unserved].get<double>())
        << " (no site within reach: " << with_commas(json["unreachable"].get<std::int64_t>())
        << ")\n\n";
    std::vector<std::string> site_header = {"site", "name", ""};
    if (with_capacity)
        site_header.push_back("capacity");
    site_header.insert(site_header.end(), {words.served, "points", "mean walk m"});
    TextTable sites(site_header);
    for (const auto& s : json["chosen"]) {
        std::vector<std::string> row = {s["id"].get<std::string>(), s["name"].get<std::string>(),
                                        s["existing"].get<bool>() ? "existing" : "new"};
        if (with_capacity)
            row.push_back(people(s["capacity"].get<double>()));
        row.insert(row.end(), {people(s[words.served].get<double>()),
                               with_commas(s["demand_points"].get<std::size_t>()),
                               fixed(s["mean_walk_m"].get<double>(), 0)});
        sites.add(row);
    }
    sites.print(out);
    out << '\n';
    TextTable townships({"township", "name", "population", words.served, words.unserved});
    for (const auto& t : json["by_township"]) {
        townships.add({t["id"].get<std::string>(), t["name"].get<std::string>(),
                       with_commas(t["population"].get<std::int64_t>()),
                       people(t[words.served].get<double>()),
                       people(t[words.unserved].get<double>())});
    }
    townships.print(out);
    const std::size_t shown = 10;
    std::size_t n = 0;
    for (const UnreachableDemand& u : answer.unreachable) {
        if (n++ == shown) {
            out << "  ... and " << answer.unreachable.size() - shown
                << " more (--format json lists all)\n";
            break;
        }
        if (n == 1)
            out << "\ndemand points no site can serve:\n";
        const DemandPoint& p = answer.demand.points[u.demand];
        out << "  " << answer.demand_ids[u.demand] << " (" << with_commas(p.population)
            << " people): " << u.reason << '\n';
    }
    if (!answer.left_out.empty())
        out << '\n';
    for (const LeftOutSite& s : answer.left_out)
        out << "not used: " << (s.existing ? "shelter " : "candidate ") << s.id << ": " << s.reason
            << '\n';
}

void run_site_db(SiteOptions& options) {
    if (!options.costs.empty() || !options.demand.empty() || !options.sites.empty())
        throw InputError(
            "--costs, --demand and --sites are for a plain instance; with a database "
            "give --candidates");
    if (options.candidates.empty())
        throw InputError("--candidates SRC is required with a database");
    const std::optional<SitingModel> model = parse_siting_model(options.model);
    if (!model) {
        throw InputError("--model: unknown model '" + options.model +
                         "' (lscp, mclp, pmedian, pcenter, cpmedian, cflp)");
    }
    SiteDbQuery query;
    query.model = *model;
    query.p = options.p;
    query.radius_m = options.radius;
    query.existing = *parse_existing_shelters(options.existing);
    query.grid.cell_m = options.cell_m;
    query.time_limit_s = options.time_limit_s;
    check_site_db_query(query);
    const bool uniform = !std::isnan(options.candidate_capacity);
    if (uniform && !(options.candidate_capacity > 0 && std::isfinite(options.candidate_capacity)))
        throw InputError("--candidate-capacity must be a number > 0 (people)");

    options.routing.profile = "walk";
    // Options and candidates are checked before the database and network are loaded.
    SourceSpec spec = parse_source_spec(options.candidates);
    if (!options.candidate_layer.empty())
        spec.layer = options.candidate_layer;
    CandidateFieldNames fields = options.fields;
    fields.read_capacity = !uniform;
    std::vector<CandidateSite> candidates = read_candidate_sites(spec, fields);
    if (uniform) {
        for (CandidateSite& c : candidates)
            c.capacity = options.candidate_capacity;
    }
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const SiteDbAnswer answer = answer_site_db(context, candidates, query);
    if (!answer.demand.problems.empty())
        print_problems(notes(options.routing), answer.demand.problems, 10);
    emit(options.routing, *session,
         {[&] { return site_db_json(context, query, answer); },
          [&] { return site_db_layers(context, answer); },
          [&](std::ostream& out) {
              print_db_table(answer, site_db_json(context, query, answer), *session, out);
          }});
}

void run_site(SiteOptions& options) {
    if (!options.routing.database.empty()) {
        run_site_db(options);
        return;
    }
    if (!options.candidates.empty())
        throw InputError("--candidates needs a resource database: muster site DB --candidates SRC");
    if (options.costs.empty() || options.demand.empty())
        throw InputError(
            "a plain instance needs --costs and --demand (or give a database and "
            "--candidates)");
    if (options.routing.format == "geojson" || !options.routing.out.empty())
        throw InputError("--out and --format geojson need a resource database");
    run_site_csv(options);
}

}  // namespace

void add_site_command(CLI::App& app) {
    auto options = std::make_shared<SiteOptions>();
    auto* cmd = app.add_subcommand(
        "site", "choose shelter sites: set covering, maximal covering, p-median, ...");
    RoutingCliOptions& routing = options->routing;
    cmd->add_option("database", routing.database,
                    std::string(kDatabaseHelp) +
                        " (with --candidates); without it, a plain instance (--costs, --demand)");
    cmd->add_option("--costs", options->costs,
                    "CSV demand,site,cost: the allowed pairs and their cost");
    cmd->add_option("--demand", options->demand, "CSV id,weight: the demand points");
    cmd->add_option("--sites", options->sites,
                    "CSV id,capacity,fixed_cost,open: the candidate sites");
    cmd->add_option("--model", options->model, "lscp, mclp, pmedian, pcenter, cpmedian or cflp")
        ->required();
    cmd->add_option("-p", options->p,
                    "number of sites to open (mclp, pmedian, pcenter, cpmedian); with a database, "
                    "existing shelters kept open count towards it");
    cmd->add_option("--radius", options->radius,
                    "coverage radius in cost units (lscp, mclp); with a database, walking metres, "
                    "also bounding the other models' pairs");
    cmd->add_option("--candidates", options->candidates,
                    "candidate sites, PATH[:LAYER][?WHERE]: points or polygons, any GDAL format");
    cmd->add_option("--candidate-layer", options->candidate_layer, "layer of --candidates");
    cmd->add_option("--id-field", options->fields.id, "candidates' id field (default id, 编号)");
    cmd->add_option("--name-field", options->fields.name,
                    "candidates' name field (default name, 名称)");
    auto* capacity_field =
        cmd->add_option("--capacity-field", options->fields.capacity,
                        "candidates' capacity field, people (default capacity, 容量, if present)");
    cmd->add_option("--candidate-capacity", options->candidate_capacity,
                    "one capacity for every candidate, people")
        ->excludes(capacity_field);
    cmd->add_option("--fixed-cost-field", options->fields.fixed_cost,
                    "candidates' opening cost field for cflp (default fixed_cost, if present)");
    cmd->add_option("--existing", options->existing,
                    "existing open shelters: fixed (kept open, counted in p; default), "
                    "candidates or ignore")
        ->check(CLI::IsMember({"fixed", "candidates", "ignore"}));
    cmd->add_option("--cell-m", options->cell_m, "demand grid cell, metres (default 250)");
    add_hazard_options(*cmd, routing.hazards);
    cmd->add_option("--out", routing.out,
                    "with a database, also write GIS layers (site, assignment, demand): "
                    "FILE.gpkg, .shp, .geojson, .csv, ...");
    cmd->add_option("--time-limit", options->time_limit_s,
                    "seconds for the exact search (default 60)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--format", options->format, "table or json (geojson with a database)")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->callback([options] {
        options->routing.format = options->format;
        run_site(*options);
    });
}

}  // namespace muster::tools

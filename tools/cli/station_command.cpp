// `muster stations DB [--candidates SRC] [--model mexclp|dsm|mclp] [--units N]
//  [--max-per-site N] [--target-min M] [--turnout-min M] [--long-target-min M] [--alpha A]
//  [--busy Q] [--existing keep|move|ignore] [--kind K] [--cell-m M] [--time-limit S]
//  [--hazards SRC] [--no-db-hazards] [--format table|json|geojson] [--out FILE]`: where the
// ambulances should be based, with backup coverage, beside where they are based now.

#include <iostream>

#include "geodata/source_spec.hpp"
#include "tools/app/station_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/station_output.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct StationCliOptions {
    RoutingCliOptions routing;  // the profile is always drive
    StationQuery query;
    std::string model = "mexclp", existing = "keep", candidates;
    std::size_t units = 0;
    ResponseMinutes minutes;
    double long_target_min = 20;
};

std::string people(double value) {
    return with_commas(static_cast<std::int64_t>(std::llround(value)));
}

void print_table(const StationCliOptions& options, const StationAnswer& answer,
                 const RoutingSession& session, std::ostream& out) {
    const StationQuery& q = options.query;
    const AmbulanceSitingResult& plan = answer.plan;
    out << "ambulance stations by " << options.model << ", driving network, "
        << hazard_summary(session.hazards()) << "\n"
        << answer.options.units << " units (fleet " << answer.fleet << "), at most "
        << q.max_per_site << " a site, " << answer.sites.size() << " sites; target "
        << fixed(q.target_s / 60, 1) << " min (turnout " << fixed(q.turnout_s / 60, 1) << " min)";
    if (q.model == StationModel::dsm)
        out << ", everyone within " << fixed(q.long_target_s / 60, 1) << " min, "
            << fixed(q.alpha * 100, 0) << " % within the target";
    if (q.model == StationModel::mexclp)
        out << ", each unit busy " << fixed(q.busy_fraction * 100, 0) << " % of the time";
    out << "\n"
        << plan.method << ", "
        << (plan.optimal ? "optimal" : "gap " + fixed(plan.gap * 100, 2) + " %") << ", "
        << fixed(plan.seconds, 1) << " s\n\n";
    TextTable figures({"", "now", "plan"});
    const auto row = [&](const char* label, double AmbulanceSitingResult::*field) {
        figures.add(
            {tr(label), answer.now ? people((*answer.now).*field) : "-", people(plan.*field)});
    };
    row("covered within the target", &AmbulanceSitingResult::covered_once);
    row("covered twice", &AmbulanceSitingResult::covered_twice);
    row("expected covered", &AmbulanceSitingResult::expected_covered);
    if (q.model == StationModel::dsm)
        row("within the long target", &AmbulanceSitingResult::within_long);
    figures.print(out);
    out << '\n';
    TextTable stations({"site", "name", "existing", "units now", "units planned"});
    for (std::size_t j = 0; j < answer.sites.size(); ++j) {
        const StationSite& s = answer.sites[j];
        if (s.units_now == 0 && plan.units_at[j] == 0)
            continue;
        stations.add({s.id, s.name, s.existing ? "yes" : "", std::to_string(s.units_now),
                      std::to_string(plan.units_at[j])});
    }
    stations.print(out);
    for (const LeftOutStation& l : answer.left_out)
        out << "left out: " << l.id << ": " << l.reason << '\n';
    if (answer.unreached_population > 0)
        out << "note: " << people(answer.unreached_population)
            << " people live beyond the long target of every site and are left out\n";
}

void run_stations(StationCliOptions& options) {
    options.routing.profile = "drive";
    StationQuery& q = options.query;
    const auto model = parse_station_model(options.model);
    if (!model)
        throw InputError("--model: '" + options.model + "' is not dsm, mexclp or mclp");
    q.model = *model;
    q.existing = *parse_existing_stations(options.existing);
    if (options.units > 0)
        q.unit_count = options.units;
    q.target_s = options.minutes.target * 60;
    q.turnout_s = options.minutes.turnout * 60;
    q.long_target_s = options.long_target_min * 60;
    std::vector<CandidateSite> candidates;
    if (!options.candidates.empty()) {
        CandidateFieldNames fields;
        fields.read_capacity = false;
        candidates = read_candidate_sites(parse_source_spec(options.candidates), fields);
    }
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const StationAnswer answer = answer_stations(context, candidates, q);
    emit(options.routing, *session,
         {[&] { return station_json(q, answer); }, [&] { return station_layers(answer); },
          [&](std::ostream& out) { print_table(options, answer, *session, out); }});
}

}  // namespace

void add_station_command(CLI::App& app) {
    auto options = std::make_shared<StationCliOptions>();
    auto* cmd = app.add_subcommand(
        "stations", "where ambulances should be based: backup coverage (dsm, mexclp) or mclp");
    RoutingCliOptions& routing = options->routing;
    StationQuery& q = options->query;
    cmd->add_option("database", routing.database, kDatabaseHelp)->required();
    cmd->add_option("--candidates", options->candidates,
                    "candidate sites, PATH[:LAYER][?WHERE]: points or polygons, any GDAL format");
    cmd->add_option("--model", options->model,
                    "mexclp (default: expected coverage, units busy a fraction of the time), dsm "
                    "(double standard) or mclp");
    cmd->add_option("--units", options->units, "units to place (default: the fleet)");
    cmd->add_option("--max-per-site", q.max_per_site, "units at one site at most (default 2)");
    add_response_minutes_options(*cmd, options->minutes);
    cmd->add_option("--long-target-min", options->long_target_min,
                    "dsm: everyone within this response time, minutes (default 20)");
    cmd->add_option("--alpha", q.alpha,
                    "dsm: share of the people covered within the target (default 0.95)");
    cmd->add_option("--busy", q.busy_fraction,
                    "mexclp: fraction of the time a unit is busy (default 0.3)");
    cmd->add_option("--existing", options->existing,
                    "stations the teams are based at now: keep (default, each keeps a unit), "
                    "move or ignore")
        ->check(CLI::IsMember({"keep", "move", "ignore"}));
    cmd->add_option("--kind", q.units.kind, "team kind of the fleet (default ambulance)");
    cmd->add_option("--region", q.units.region, "only teams of this region");
    cmd->add_option("--cell-m", q.grid.cell_m, "demand grid cell, metres (default 250)");
    cmd->add_option("--time-limit", q.time_limit_s, "seconds for the exact search (default 60)");
    add_hazard_options(*cmd, routing.hazards);
    cmd->add_option("--format", routing.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->add_option("--out", routing.out,
                    "also write the sites as a GIS layer: FILE.gpkg, .shp, .geojson, .csv, ...");
    cmd->callback([options] { run_stations(*options); });
}

}  // namespace muster::tools

// `muster criticality DB [--classes C,...] [--rank-by coverage|response-time|shelter-access]
//  [--top N] [--structures-only] [--target-min M] [--turnout-min M] [--kind K] [--status S]
//  [--region R] [--cell-m M] [--hazards SRC] [--no-db-hazards] [--format table|json|geojson] [--out
//  FILE]`:
// which road stretches the ambulance response and the walk to the shelters cannot afford to
// lose, each closed in turn.

#include <iostream>
#include <sstream>

#include "tools/app/criticality_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/criticality_output.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct CriticalityCliOptions {
    RoutingCliOptions routing;  // the profile is always drive
    CriticalityQuery query;
    std::string classes;
    std::string rank_by = "coverage";
    ResponseMinutes minutes;
};

void print_table(const CriticalityQuery& query, const CriticalityAnswer& answer,
                 const RoutingSession& session, std::ostream& out) {
    const ResponseTally& total = answer.baseline.coverage.total;
    out << tr("road criticality for the ambulance response, driving network") << tr(", ")
        << hazard_summary(session.hazards()) << "\n"
        << answer.stretch_count << " stretches tried (" << answer.structure_count
        << " over bridges or through tunnels) in " << fixed(answer.seconds, 1) << " s, ranked by "
        << to_string(query.rank_by) << "; " << answer.baseline.units.size() << " units, target "
        << fixed(query.response.target_s / 60, 1) << " min; " << with_commas(total.covered)
        << " of " << with_commas(total.population) << " people covered with every road open\n\n";
    TextTable table({"rank", "road", "class", "structure", "km", "losing coverage", "cut off",
                     "added person-h", "losing shelter", "from", "to"});
    for (const CriticalStretch& c : answer.ranked) {
        const auto at = [](LonLat p) { return fixed(p.lon, 5) + "," + fixed(p.lat, 5); };
        const std::string structures = c.roads.structures();
        table.add({std::to_string(c.rank), c.roads.name.empty() ? "-" : c.roads.name,
                   c.stretch.road_class, structures.empty() ? "-" : tr(structures),
                   fixed(c.stretch.length_m / 1000, 2), with_commas(c.cost.losing_coverage),
                   with_commas(c.cost.cut_off), fixed(c.cost.added_person_s / 3600, 1),
                   answer.shelter_access_counted ? with_commas(c.cost.losing_shelter_access) : "-",
                   at(c.line.front()), at(c.line.back())});
    }
    table.print(out);
}

void run_criticality(CriticalityCliOptions& options) {
    options.routing.profile = "drive";
    CriticalityQuery& q = options.query;
    q.response.target_s = options.minutes.target * 60;
    q.response.turnout_s = options.minutes.turnout * 60;
    if (!options.classes.empty()) {
        q.classes.clear();
        std::istringstream list(options.classes);
        for (std::string c; std::getline(list, c, ',');) {
            if (!c.empty())
                q.classes.insert(c);
        }
    }
    q.rank_by = parse_stretch_ranking(options.rank_by);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    // The road table names the stretches and knows their bridges and tunnels.
    const std::vector<StoredRoad> roads =
        ResourceDb::open_existing(options.routing.database).roads_of_classes(q.classes);
    // The walking network under the same hazards: who is cut off from the shelters.
    RoutingCliOptions walking = options.routing;
    walking.profile = "walk";
    const auto walk_session = open_session(walking);
    const QueryContext walk = walk_session->context();
    const CriticalityAnswer answer = answer_criticality(context, q, &walk, roads);
    emit(options.routing, *session,
         {[&] { return criticality_json(q, answer); }, [&] { return criticality_layers(answer); },
          [&](std::ostream& out) { print_table(q, answer, *session, out); }});
}

}  // namespace

void add_criticality_command(CLI::App& app) {
    auto options = std::make_shared<CriticalityCliOptions>();
    auto* cmd = app.add_subcommand(
        "criticality", "which road stretches the ambulance response cannot afford to lose");
    RoutingCliOptions& routing = options->routing;
    cmd->add_option("database", routing.database, kDatabaseHelp)->required();
    cmd->add_option("--classes", options->classes,
                    "road classes tried, comma-separated (default tertiary and above, with "
                    "their links)");
    cmd->add_option("--rank-by", options->rank_by,
                    "coverage (default: people losing the response target), response-time "
                    "(people cut off, then person-hours added) or shelter-access (people losing "
                    "every shelter on foot)")
        ->check(CLI::IsMember({"coverage", "response-time", "shelter-access"}));
    cmd->add_option("--top", options->query.top, "stretches listed (default 20)");
    cmd->add_flag("--structures-only", options->query.structures_only,
                  "list only the stretches over bridges or through tunnels (all are ranked)");
    add_response_unit_options(*cmd, options->query.response);
    add_response_minutes_options(*cmd, options->minutes);
    add_hazard_options(*cmd, routing.hazards);
    cmd->add_option("--format", routing.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->add_option("--out", routing.out,
                    "also write the ranked stretches as a GIS layer: FILE.gpkg, .shp, ...");
    cmd->callback([options] { run_criticality(*options); });
}

}  // namespace muster::tools

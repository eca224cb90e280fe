// `muster compare DB --scenario FILE.json [--incidents SRC] [--target-min M] [--turnout-min M]
//  [--cell-m M] [--no-db-hazards] [--format table|json|geojson] [--out FILE]`: the database as it
// is and a scenario (hazard zones, teams out of service, depots emptied, shelters closed) side by
// side, per township.

#include <iostream>

#include "geodata/resource_db.hpp"
#include "tools/app/compare_query.hpp"
#include "tools/app/inputs/relief_inputs.hpp"
#include "tools/app/routing_session.hpp"
#include "tools/app/scenario.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/compare_output.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct CompareCliOptions {
    RoutingCliOptions routing;
    CompareQuery query;
    std::string scenario, incidents;
    ResponseMinutes minutes;
};

/// A change with its sign: whole people, or a percentage to 0.1.
std::string change_text(const nlohmann::json& pair, bool percent = false) {
    if (pair.at("change").is_null())
        return "-";
    const double change = pair.at("change").get<double>();
    return (change > 0 ? "+" : "") +
           (percent ? fixed(change, 1)
                    : with_commas(static_cast<std::int64_t>(std::llround(change))));
}

std::string count_text(const nlohmann::json& value) {
    return value.is_null() ? "-" : with_commas(static_cast<std::int64_t>(value.get<double>()));
}

void print_table(const nlohmann::json& json, std::ostream& out) {
    const std::string_view sep = colon(output_language());
    out << tr("scenario") << sep << json.at("scenario").get<std::string>() << tr(", ")
        << tr("against the database as it is") << '\n'
        << tr("baseline") << sep << json.at("metric").at("baseline").get<std::string>() << "; "
        << tr("scenario") << sep << json.at("metric").at("scenario").get<std::string>() << "\n\n";
    TextTable totals({"", "baseline", "scenario", "change"});
    const std::pair<const char*, const char*> rows[] = {
        {"within the response target", "response_covered"},
        {"  with a backup", "response_backed"},
        {"no ambulance reaches", "response_unreached"},
        {"within walking of a shelter", "shelter_covered"},
        {"placed in a shelter", "assigned"}};
    for (const auto& [label, key] : rows) {
        const auto& pair = json.at("totals").at(key);
        totals.add({tr(label), count_text(pair.at("baseline")), count_text(pair.at("scenario")),
                    change_text(pair)});
    }
    if (!json.at("casualties").is_null()) {
        const auto& placed = json.at("casualties").at("placed");
        totals.add({tr("casualties placed"), count_text(placed.at("baseline")),
                    count_text(placed.at("scenario")), change_text(placed)});
    }
    totals.print(out);
    out << '\n';
    TextTable townships({"township", "name", "population", "response", "change", "shelter",
                         "change", "fill %", "change"});
    for (const auto& t : json.at("by_township")) {
        const auto& fill = t.at("fill_rate_pct");
        townships.add(
            {t.at("id").get<std::string>(), t.at("name").get<std::string>(),
             with_commas(t.at("population").get<std::int64_t>()),
             count_text(t.at("response_covered").at("scenario")),
             change_text(t.at("response_covered")),
             count_text(t.at("shelter_covered").at("scenario")),
             change_text(t.at("shelter_covered")),
             fill.at("scenario").is_null() ? "-" : fixed(fill.at("scenario").get<double>(), 1),
             change_text(fill, true)});
    }
    townships.print(out);
    if (!json.at("relief_note").get<std::string>().empty())
        out << tr("relief not compared") << colon(output_language())
            << json.at("relief_note").get<std::string>() << '\n';
}

void run_compare(CompareCliOptions& options) {
    CompareQuery& q = options.query;
    q.response.target_s = options.minutes.target * 60;
    q.response.turnout_s = options.minutes.turnout * 60;
    q.response.units_required = false;  // a scenario may take every ambulance out
    const Scenario scenario = read_scenario(options.scenario);
    if (!options.incidents.empty())
        q.incidents = read_incidents(options.incidents);
    const ResourceDb db = ResourceDb::open_existing(options.routing.database);
    const auto resources = std::make_shared<const Resources>(db.resources());
    const auto changed = std::make_shared<const Resources>(apply_scenario(*resources, scenario));
    HazardOptions base_hazards;
    base_hazards.stored = !options.routing.hazards.no_db_hazards;
    HazardOptions scenario_hazards = base_hazards;
    scenario_hazards.sources = scenario.hazard_sources;
    const RoutingSession drive(db, resources, Profile::drive, base_hazards);
    const RoutingSession walk(db, resources, Profile::walk, base_hazards);
    const RoutingSession drive_then(db, changed, Profile::drive, scenario_hazards);
    const RoutingSession walk_then(db, changed, Profile::walk, scenario_hazards);
    const CompareSide baseline = answer_compare_side(drive.context(), walk.context(), q);
    const CompareSide then = answer_compare_side(drive_then.context(), walk_then.context(), q);
    const Comparison comparison{*resources, baseline, then,
                                scenario.name.empty() ? options.scenario : scenario.name};
    emit(options.routing, drive_then,
         {[&] { return compare_json(comparison); }, [&] { return compare_layers(comparison); },
          [&](std::ostream& out) { print_table(compare_json(comparison), out); }});
}

}  // namespace

void add_compare_command(CLI::App& app) {
    auto options = std::make_shared<CompareCliOptions>();
    auto* cmd = app.add_subcommand(
        "compare", "the database as it is and a scenario side by side, per township");
    RoutingCliOptions& routing = options->routing;
    cmd->add_option("database", routing.database, kDatabaseHelp)->required();
    cmd->add_option("--scenario", options->scenario,
                    "the scenario, a JSON file: hazards (GDAL sources), teams_out_of_service, "
                    "depots_emptied, shelters_closed")
        ->required();
    cmd->add_option("--incidents", options->incidents,
                    "incidents whose casualties are placed on both sides, as for muster mci");
    add_response_minutes_options(*cmd, options->minutes);
    cmd->add_option("--cell-m", options->query.response.grid.cell_m,
                    "demand grid cell, metres (default 250)");
    cmd->add_flag("--no-db-hazards", routing.hazards.no_db_hazards,
                  "leave out the database's own hazard zones on both sides");
    cmd->add_option("--format", routing.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->add_option("--out", routing.out,
                    "also write the differences by township as a GIS layer: FILE.gpkg, ...");
    cmd->callback([options] {
        options->query.coverage.grid = options->query.response.grid;
        run_compare(*options);
    });
}

}  // namespace muster::tools

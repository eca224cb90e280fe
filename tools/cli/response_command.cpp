// `muster response DB [--kind K] [--status S] [--region R] [--target-min M] [--turnout-min M]
//  [--radius-m M] [--cell-m M] [--hazards SRC] [--no-db-hazards] [--format table|json|geojson]
//  [--out FILE]`: how soon the quickest available ambulance, and a second one, reach the people
// of every demand cell by road, under the hazards in force.

#include <iostream>

#include "tools/app/response_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/display_width.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/response_output.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct ResponseCliOptions {
    RoutingCliOptions routing;  // the profile is always drive
    ResponseQuery query;
    ResponseMinutes minutes;
};

std::string percent_text(const nlohmann::json& value) {
    return value.is_null() ? "-" : fixed(value.get<double>(), 1) + " %";
}

std::string minutes_text(const nlohmann::json& seconds) {
    return seconds.is_null() ? "-" : fixed(seconds.get<double>() / 60, 1);
}

void print_table(const ResponseCliOptions& options, const nlohmann::json& json,
                 const RoutingSession& session, std::ostream& out) {
    const ResponseQuery& q = options.query;
    const std::string units = (q.units.status.empty() ? "available " : q.units.status + " ") +
                              (q.units.kind.empty() ? "teams" : q.units.kind);
    // A label in the output language, padded to one column for the figures.
    const auto label = [](std::string_view english) {
        const std::string text = tr(english);
        const std::size_t width = display_width(text);
        return text + std::string(width + 2 > 18 ? 2 : 18 - width, ' ');
    };
    const auto people = [&](const char* key, const char* pct_key) {
        return with_commas(json[key].get<std::int64_t>()) +
               (pct_key ? " (" + percent_text(json[pct_key]) + ")" : "") + "\n";
    };
    out << tr("ambulance response by driving network") << tr(", ")
        << hazard_summary(session.hazards()) << "\n"
        << "units: " << json["units"].size() << " " << units
        << (q.units.region.empty() ? "" : " in region " + q.units.region) << "; target "
        << fixed(q.target_s / 60, 1) << " min = turnout " << fixed(q.turnout_s / 60, 1)
        << " min + drive " << fixed(json["drive_limit_s"].get<double>() / 60, 1)
        << " min; service radius " << metres_text(q.radius_m) << " m; demand grid "
        << metres_text(q.grid.cell_m) << " m (" << json["demand_points"].get<std::size_t>()
        << " points)\n\n"
        << label("population") << people("population", nullptr) << label("within target")
        << people("covered", "covered_pct") << label("  with a backup")
        << people("backed", "backed_pct") << label("within radius")
        << people("within_radius", nullptr) << label("unreached") << people("unreached", nullptr)
        << label("mean response") << minutes_text(json["mean_response_s"]) << " " << tr("min")
        << '\n'
        << label("longest response") << minutes_text(json["longest_response_s"]) << " " << tr("min")
        << "\n\n";
    TextTable townships({"township", "name", "population", "within target", "%", "with backup",
                         "mean min", "longest min"});
    for (const auto& t : json["by_township"]) {
        townships.add({t["id"].get<std::string>(), t["name"].get<std::string>(),
                       with_commas(t["population"].get<std::int64_t>()),
                       with_commas(t["covered"].get<std::int64_t>()),
                       percent_text(t["covered_pct"]), with_commas(t["backed"].get<std::int64_t>()),
                       minutes_text(t["mean_response_s"]), minutes_text(t["longest_response_s"])});
    }
    townships.print(out);
    for (const auto& u : json["unavailable"])
        out << tr("unavailable") << colon(output_language()) << u["id"].get<std::string>() << ": "
            << u["reason"].get<std::string>() << '\n';
    if (json["unsnapped_population"].get<std::int64_t>() > 0)
        out << tr("note") << colon(output_language())
            << with_commas(json["unsnapped_population"].get<std::int64_t>())
            << " people live farther than " << metres_text(kDefaultSnapLimitM)
            << " m from any road and count as unreached\n";
}

void run_response(ResponseCliOptions& options) {
    options.routing.profile = "drive";
    options.query.target_s = options.minutes.target * 60;
    options.query.turnout_s = options.minutes.turnout * 60;
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const ResponseAnswer answer = answer_response(context, options.query);
    if (!answer.demand.problems.empty())
        print_problems(notes(options.routing), answer.demand.problems, 10);
    emit(options.routing, *session,
         {[&] { return response_json(context, options.query, answer); },
          [&] { return response_layers(context, options.query, answer); },
          [&](std::ostream& out) {
              print_table(options, response_json(context, options.query, answer), *session, out);
          }});
}

}  // namespace

void add_response_command(CLI::App& app) {
    auto options = std::make_shared<ResponseCliOptions>();
    auto* cmd = app.add_subcommand(
        "response", "how soon the quickest ambulance, and a backup, reach everyone by road");
    RoutingCliOptions& routing = options->routing;
    ResponseQuery& query = options->query;
    cmd->add_option("database", routing.database, kDatabaseHelp)->required();
    add_response_unit_options(*cmd, query);
    add_response_minutes_options(*cmd, options->minutes);
    cmd->add_option("--radius-m", query.radius_m,
                    "service radius along the road, metres (default 5000, urban)");
    add_hazard_options(*cmd, routing.hazards);
    cmd->add_option("--format", routing.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->add_option("--out", routing.out,
                    "also write GIS layers (cells, townships, units): FILE.gpkg, .shp, .geojson, "
                    ".csv, ...");
    cmd->callback([options] { run_response(*options); });
}

}  // namespace muster::tools

// `muster coverage DB [--cell-m M] [--emergency-m M] [--fixed-m M] [--central-m M]
//  [--hazards SRC] [--no-db-hazards] [--format table|json|geojson] [--out FILE]`:
// who can walk to an open shelter within its class's service distance, and whether the
// shelters can hold them.

#include <algorithm>
#include <iostream>

#include "tools/app/coverage_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/coverage_output.hpp"
#include "tools/present/display_width.hpp"
#include "tools/present/geojson.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct CoverageCliOptions {
    RoutingCliOptions routing;  // the profile is always walk
    CoverageQuery query;
};

std::string percent(std::int64_t part, std::int64_t whole) {
    return whole > 0
               ? fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + " %"
               : "-";
}

void print_table(const QueryContext& context, const CoverageCliOptions& options,
                 const CoverageAnswer& answer, const RoutingSession& session, std::ostream& out) {
    const Coverage& c = answer.coverage;
    const ShelterAssignment& a = answer.within_capacity;
    const auto& r = options.query.radius_m;
    // A label in the output language, padded to one column for the figures (16 display columns,
    // 20 for the longer Chinese labels).
    const std::size_t column = output_language() == Language::zh ? 20 : 16;
    const auto label = [column](std::string_view english) {
        const std::string text = tr(english);
        const std::size_t width = display_width(text);
        return text + std::string(width + 2 > column ? 2 : column - width, ' ');
    };
    out << tr("shelter coverage by walking network") << tr(", ")
        << hazard_summary(session.hazards()) << "\n"
        << "service distance: emergency " << metres_text(r[0]) << " m, fixed " << metres_text(r[1])
        << " m, central " << metres_text(r[2]) << " m; demand grid "
        << metres_text(options.query.grid.cell_m) << " m (" << answer.demand.points.size()
        << " points)\n\n"
        << label("population") << with_commas(c.population) << '\n'
        << label("covered") << with_commas(c.covered) << " (" << percent(c.covered, c.population)
        << ")\n"
        << label("  by emergency") << with_commas(c.covered_by_class[0]) << '\n'
        << label("  by fixed") << with_commas(c.covered_by_class[1]) << '\n'
        << label("  by central") << with_commas(c.covered_by_class[2]) << '\n'
        << label("assigned") << with_commas(a.assigned) << " " << tr("within capacity, mean walk")
        << " " << (a.assigned > 0 ? fixed(a.person_m / static_cast<double>(a.assigned), 0) : "-")
        << " m\n"
        << label("unassigned") << with_commas(a.unassigned_total) << "\n\n";

    TextTable townships({"township", "name", "population", "covered", "assigned", "unassigned"});
    const nlohmann::json json = coverage_json(context, options.query, answer);
    for (const auto& t : json["by_township"]) {
        townships.add({t["id"].get<std::string>(), t["name"].get<std::string>(),
                       with_commas(t["population"].get<std::int64_t>()),
                       with_commas(t["covered"].get<std::int64_t>()),
                       with_commas(t["assigned"].get<std::int64_t>()),
                       with_commas(t["unassigned"].get<std::int64_t>())});
    }
    townships.print(out);

    const auto& near = json["nearest_policy"];
    out << "\nif everyone walked to the nearest shelter: "
        << near["overflowing_shelters"].get<std::int64_t>() << " shelters over capacity by "
        << with_commas(near["people_over_capacity"].get<std::int64_t>()) << " people in all\n";
    for (const ClosedShelter& s : answer.closed)
        out << "not used: shelter " << context.resources.shelters[s.shelter].id << ": " << s.reason
            << '\n';
    if (json["unsnapped_population"].get<std::int64_t>() > 0)
        out << tr("note") << colon(output_language())
            << with_commas(json["unsnapped_population"].get<std::int64_t>())
            << " people live farther than " << metres_text(context.snap_limit_m)
            << " m from any path and count as uncovered\n";
}

void run_coverage(CoverageCliOptions& options) {
    options.routing.profile = "walk";
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const CoverageAnswer answer = answer_coverage(context, options.query);
    if (!answer.demand.problems.empty())
        print_problems(notes(options.routing), answer.demand.problems, 10);
    emit(options.routing, *session,
         {[&] { return coverage_json(context, options.query, answer); },
          [&] { return coverage_layers(context, options.query, answer); },
          [&](std::ostream& out) { print_table(context, options, answer, *session, out); }});
}

}  // namespace

void add_coverage_command(CLI::App& app) {
    auto options = std::make_shared<CoverageCliOptions>();
    auto* cmd = app.add_subcommand(
        "coverage", "who can walk to a shelter within its service distance, and who fits in");
    RoutingCliOptions& routing = options->routing;
    cmd->add_option("database", routing.database, kDatabaseHelp)->required();
    cmd->add_option("--cell-m", options->query.grid.cell_m,
                    "demand grid cell, metres (default 250)");
    cmd->add_option("--emergency-m", options->query.radius_m[0],
                    "walking service distance of emergency shelters, metres (default 500)");
    cmd->add_option("--fixed-m", options->query.radius_m[1],
                    "walking service distance of fixed shelters, metres (default 2500)");
    cmd->add_option("--central-m", options->query.radius_m[2],
                    "walking service distance of central shelters, metres (default 2500)");
    add_hazard_options(*cmd, routing.hazards);
    cmd->add_option("--format", routing.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->add_option("--out", routing.out,
                    "also write GIS layers (demand, assignment, shelters, uncovered, townships): "
                    "FILE.gpkg, .shp, .geojson, .csv, ...");
    cmd->callback([options] { run_coverage(*options); });
}

}  // namespace muster::tools

// `muster isochrone DB --at POINT --minutes 5,10,15 [--direction from|to]` and the shared
// routing options.

#include <cmath>
#include <iostream>

#include "tools/app/isochrone_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/routing_json.hpp"
#include "tools/present/service_area_layers.hpp"
#include "tools/present/shown_coordinates.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct IsochroneCliOptions {
    RoutingCliOptions routing;
    std::string at;
    std::string minutes;
    std::string direction = "from";
};

std::string minutes_text(double minutes) {
    return std::floor(minutes) == minutes ? with_commas(static_cast<std::int64_t>(minutes))
                                          : fixed(minutes, 2);
}

void print_table(const IsochroneAnswer& answer, const RoutingSession& session,
                 CoordinateSystem system, std::ostream& out) {
    const LonLat origin = shown(answer.origin.location, system);
    out << (answer.direction == TravelDirection::from_incident ? "reached from " : "reaching ")
        << (answer.origin.kind.empty() ? "" : answer.origin.text + " at ") << fixed(origin.lon, 6)
        << "," << fixed(origin.lat, 6) << " (" << fixed(answer.snap.distance_m, 1)
        << " m from the road), " << std::string(to_string(session.graph().network().profile()))
        << " network, " << hazard_summary(session.hazards()) << "\n\n";
    TextTable table({"minutes", "nodes", "segments", "area_km2"});
    for (std::size_t i = 0; i < answer.bands.size(); ++i) {
        const ServiceAreaBand& band = answer.bands[i];
        table.add({minutes_text(answer.minutes[i]), with_commas(band.nodes.size()),
                   with_commas(band.segments.size()),
                   fixed(band.area.empty() ? 0.0 : area_m2(band.area) / 1e6, 3)});
    }
    table.print(out);
}

void run_isochrone(const IsochroneCliOptions& options) {
    const CoordinateSystem system = coordinate_system(options.routing);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    IsochroneQuery query;
    query.origin = parse_query_point(options.at, context.resources, "--at", system);
    query.minutes = parse_minutes(options.minutes, "--minutes");
    query.direction = parse_direction(options.direction, "--direction");
    Searches searches(context.graph);
    const IsochroneAnswer answer = answer_isochrone(context, query, searches);
    emit(options.routing, *session,
         {[&] { return isochrone_json(answer, system); },
          [&] { return isochrone_layers(answer, system); },
          [&](std::ostream& out) { print_table(answer, *session, system, out); }});
}

}  // namespace

void add_isochrone_command(CLI::App& app) {
    auto options = std::make_shared<IsochroneCliOptions>();
    auto* cmd =
        app.add_subcommand("isochrone", "what is reached within given minutes (service areas)");
    add_routing_options(*cmd, options->routing);
    add_coordinates_option(*cmd, options->routing);
    cmd->add_option("--at", options->at, "the point: LON,LAT or an entity id such as hospital:ID")
        ->required();
    cmd->add_option("--minutes", options->minutes, "time limits, comma-separated, e.g. 5,10,15")
        ->required();
    cmd->add_option("--direction", options->direction,
                    "from: reached from the point (default); to: from where the point is reached")
        ->check(CLI::IsMember({"from", "to"}));
    cmd->callback([options] { run_isochrone(*options); });
}

}  // namespace muster::tools

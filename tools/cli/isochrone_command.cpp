// `muster isochrone DB --at PLACES --minutes 5,10,15 [--direction from|to] [--bands disks|rings]`
// and the shared routing options.

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
    std::string bands = "disks";
};

std::string minutes_text(double minutes) {
    return std::floor(minutes) == minutes ? with_commas(static_cast<std::int64_t>(minutes))
                                          : fixed(minutes, 2);
}

void print_table(const IsochroneAnswer& answer, const RoutingSession& session,
                 CoordinateSystem system, std::ostream& out) {
    out << to_string(session.graph().network().profile()) << " network, "
        << hazard_summary(session.hazards()) << ", " << to_string(answer.shape) << "\n";
    for (const IsochroneArea& area : answer.areas) {
        const LonLat origin = shown(area.origin.location, system);
        out << "\n"
            << (answer.direction == TravelDirection::from_incident ? "reached from " : "reaching ")
            << (area.origin.kind.empty() ? "" : area.origin.text + " ")
            << (area.origin.name.empty() ? "" : "(" + area.origin.name + ") ")
            << (area.origin.kind.empty() ? "" : "at ") << fixed(origin.lon, 6) << ","
            << fixed(origin.lat, 6) << " (" << fixed(area.snap.distance_m, 1)
            << " m from the road)\n\n";
        TextTable table({"minutes", "nodes", "segments", "area_km2", "population"});
        for (std::size_t i = 0; i < area.bands.size(); ++i) {
            const ServiceAreaBand& band = area.bands[i];
            table.add({minutes_text(answer.minutes[i]), with_commas(band.nodes.size()),
                       with_commas(band.segments.size()),
                       fixed(band.area.empty() ? 0.0 : area_m2(band.area) / 1e6, 3),
                       area.population[i] ? with_commas(*area.population[i]) : ""});
        }
        table.print(out);
    }
}

void run_isochrone(const IsochroneCliOptions& options) {
    const CoordinateSystem system = coordinate_system(options.routing);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    IsochroneQuery query;
    query.facilities =
        parse_isochrone_facilities(options.at, context.resources, "--at", system, true);
    query.minutes = parse_minutes(options.minutes, "--minutes");
    query.direction = parse_direction(options.direction, "--direction");
    query.shape = parse_band_shape(options.bands, "--bands");
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
    cmd->add_option("--at", options->at,
                    "the places: LON,LAT, an entity id such as hospital:ID, a set (teams, "
                    "hospitals, shelters, depots, townships) or a point layer PATH[:LAYER]; one "
                    "area each, at most " +
                        std::to_string(kMaxIsochroneFacilities))
        ->required();
    cmd->add_option("--minutes", options->minutes, "time limits, comma-separated, e.g. 5,10,15")
        ->required();
    cmd->add_option("--direction", options->direction,
                    "from: reached from the point (default); to: from where the point is reached")
        ->check(CLI::IsMember({"from", "to"}));
    cmd->add_option("--bands", options->bands,
                    "disks: each band holds the smaller ones (default); rings: each band minus the "
                    "previous one");
    cmd->callback([options] { run_isochrone(*options); });
}

}  // namespace muster::tools

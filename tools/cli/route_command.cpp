// `muster route DB --from POINT --to POINT` and the shared routing options.

#include <iostream>

#include "tools/app/route_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/routing_json.hpp"
#include "tools/present/routing_layers.hpp"
#include "tools/present/shown_coordinates.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct RouteCliOptions {
    RoutingCliOptions routing;
    std::string from;
    std::string to;
};

std::string end_text(const QueryPoint& point, const Snap& snap, CoordinateSystem system) {
    const LonLat location = shown(point.location, system);
    std::string text = fixed(location.lon, 6) + "," + fixed(location.lat, 6);
    if (!point.kind.empty())
        text = point.text + (point.name.empty() ? "" : " (" + point.name + ")") + " at " + text;
    return text + ", " + fixed(snap.distance_m, 1) + " m from the road";
}

void print_table(const RouteAnswer& answer, const RoutingSession& session, CoordinateSystem system,
                 std::ostream& out) {
    out << "from " << end_text(answer.from, answer.from_snap, system) << '\n'
        << "to   " << end_text(answer.to, answer.to_snap, system) << '\n'
        << std::string(to_string(session.graph().network().profile())) << " network, "
        << hazard_summary(session.hazards()) << "\n\n";
    TextTable table({"minutes", "km", "duration_s", "distance_m", "points"});
    table.add({fixed(answer.route.duration_s / 60, 1), fixed(answer.route.distance_m / 1000, 2),
               fixed(answer.route.duration_s, 1), fixed(answer.route.distance_m, 1),
               with_commas(answer.route.geometry.size())});
    table.print(out);
    for (const FerryCrossing& f : answer.ferries) {
        const LonLat from = shown(f.geometry.front(), system),
                     to = shown(f.geometry.back(), system);
        out << "crosses by ferry: " << fixed(f.duration_s / 60, 1) << " min (boarding included), "
            << fixed(f.distance_m / 1000, 2) << " km, from " << fixed(from.lon, 6) << ","
            << fixed(from.lat, 6) << " to " << fixed(to.lon, 6) << "," << fixed(to.lat, 6) << '\n';
    }
}

void run_route(const RouteCliOptions& options) {
    const CoordinateSystem system = coordinate_system(options.routing);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    const RouteQuery query{parse_query_point(options.from, context.resources, "--from", system),
                           parse_query_point(options.to, context.resources, "--to", system)};
    Searches searches(context.graph);
    const RouteAnswer answer = answer_route(context, query, searches);
    emit(options.routing, *session,
         {[&] { return route_json(answer, system); },
          [&] { return std::vector<FeatureTable>{route_layer(answer, system)}; },
          [&](std::ostream& out) { print_table(answer, *session, system, out); }});
}

}  // namespace

void add_route_command(CLI::App& app) {
    auto options = std::make_shared<RouteCliOptions>();
    auto* cmd = app.add_subcommand("route", "the fastest route between two points");
    add_routing_options(*cmd, options->routing);
    add_coordinates_option(*cmd, options->routing);
    cmd->add_option("--from", options->from,
                    "start: LON,LAT or an entity id (team:ID, hospital:ID, shelter:ID, ...)")
        ->required();
    cmd->add_option("--to", options->to, "end: LON,LAT or an entity id")->required();
    cmd->callback([options] { run_route(*options); });
}

}  // namespace muster::tools

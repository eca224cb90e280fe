// `muster nearest DB --at POINT [--to teams|hospitals|shelters] [--kind K] [--status S]
//  [--region R] [-k N] [--direction to|from]` and the shared routing options.

#include <iostream>

#include "tools/app/nearest_query.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/routing_json.hpp"
#include "tools/present/routing_layers.hpp"
#include "tools/present/shown_coordinates.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct NearestCliOptions {
    RoutingCliOptions routing;
    std::string at;
    std::string set = "teams";
    std::string kind;
    std::string status;
    std::string region;
    std::size_t k = 3;
    std::string direction;
};

std::string describe(const NearestQuery& query, const NearestAnswer& answer,
                     const RoutingSession& session) {
    std::string what = std::string(to_string(query.filter.set));
    if (!query.filter.kind.empty())
        what = query.filter.kind + " " + what;
    if (!query.filter.status.empty() && query.filter.status != "any")
        what = query.filter.status + " " + what;
    if (query.filter.status.empty() && query.filter.set != FacilitySet::hospitals) {
        what = (query.filter.set == FacilitySet::teams ? "available " : "open ") + what;
    }
    if (!query.filter.region.empty())
        what += " in region " + query.filter.region;
    const std::string travel = answer.direction == TravelDirection::to_incident
                                   ? "travelling to the incident"
                                   : "travelling from the incident";
    return std::to_string(query.k) + " nearest " + what + ", " + travel + ", by " +
           std::string(to_string(session.graph().network().profile())) + " network, " +
           hazard_summary(session.hazards());
}

void print_table(const NearestQuery& query, const NearestAnswer& answer,
                 const RoutingSession& session, CoordinateSystem system, std::ostream& out) {
    const LonLat incident = shown(answer.incident.location, system);
    out << "incident " << fixed(incident.lon, 6) << "," << fixed(incident.lat, 6) << " ("
        << fixed(answer.incident_snap.distance_m, 1) << " m from the road)\n"
        << describe(query, answer, session) << "\n";
    if (!answer.incident_note.empty())
        out << "note: " << answer.incident_note << '\n';
    out << '\n';
    TextTable table({"rank", "id", "name", "kind", "minutes", "km", "duration_s", "distance_m"});
    std::size_t rank = 0;
    for (const NearestItem& item : answer.results) {
        const auto& f = item.facility;
        if (item.route) {
            table.add({std::to_string(++rank), f.id, f.name, f.kind,
                       fixed(item.route->duration_s / 60, 1),
                       fixed(item.route->distance_m / 1000, 2), fixed(item.route->duration_s, 1),
                       fixed(item.route->distance_m, 0)});
        } else {
            table.add({std::to_string(++rank), f.id, f.name, f.kind, "unreachable", "", "", ""});
        }
    }
    table.print(out);
    if (answer.results.empty())
        out << "(no facility available)\n";
    for (const UnavailableFacility& u : answer.unavailable) {
        out << "unavailable: " << u.facility.id
            << (u.facility.name.empty() ? "" : " (" + u.facility.name + ")") << ": " << u.reason
            << '\n';
    }
}

void run_nearest(const NearestCliOptions& options) {
    const CoordinateSystem system = coordinate_system(options.routing);
    const auto session = open_session(options.routing);
    const QueryContext context = session->context();
    NearestQuery query;
    query.incident = parse_query_point(options.at, context.resources, "--at", system);
    query.filter.set = parse_facility_set(options.set, "--to");
    query.filter.kind = options.kind;
    query.filter.status = options.status;
    query.filter.region = options.region;
    query.k = options.k;
    if (!options.direction.empty())
        query.direction = parse_direction(options.direction, "--direction");

    Searches searches(context.graph);
    const NearestAnswer answer = answer_nearest(context, query, searches);
    emit(options.routing, *session,
         {[&] { return nearest_json(answer, system); },
          [&] { return std::vector<FeatureTable>{nearest_layer(answer, system)}; },
          [&](std::ostream& out) { print_table(query, answer, *session, system, out); }});
}

}  // namespace

void add_nearest_command(CLI::App& app) {
    auto options = std::make_shared<NearestCliOptions>();
    auto* cmd = app.add_subcommand(
        "nearest", "the k nearest teams, hospitals or shelters to an incident, by road time");
    add_routing_options(*cmd, options->routing);
    add_coordinates_option(*cmd, options->routing);
    cmd->add_option("--at", options->at,
                    "the incident: LON,LAT (in --coordinates) or an entity id such as team:ID")
        ->required();
    cmd->add_option("--to", options->set,
                    "what to look for: teams (default), hospitals or shelters")
        ->check(CLI::IsMember({"teams", "hospitals", "shelters"}));
    cmd->add_option("--kind", options->kind,
                    "team kind (ambulance, fire, ...) or shelter class (emergency, ...)");
    cmd->add_option(
        "--status", options->status,
        "team or shelter status; default available (teams), open (shelters); 'any' for all");
    cmd->add_option("--region", options->region, "only facilities of this region");
    cmd->add_option("-k", options->k, "how many (default 3)");
    cmd->add_option("--direction", options->direction,
                    "to: facilities travel to the incident (default for teams); from: from the "
                    "incident to them "
                    "(default for hospitals and shelters)")
        ->check(CLI::IsMember({"to", "from"}));
    cmd->callback([options] { run_nearest(*options); });
}

}  // namespace muster::tools

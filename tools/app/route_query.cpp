#include "tools/app/route_query.hpp"

#include "engine/hazard_overlay.hpp"
#include "tools/app/number_text.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

// Why the hazards leave no route: an end inside a closed zone, else what the fastest route
// without hazards would have been, and whether it needed a ferry a zone closed.
std::string why_no_route(const QueryContext& context, const RouteQuery& query,
                         const RouteAnswer& answer, Searches& searches) {
    std::string why;
    for (const auto* end : {&query.from, &query.to}) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, end->location))
            why += "; " + end->text + " lies inside closed hazard zone " + zone->id;
    }
    if (!why.empty() || context.hazards.empty())
        return why;
    why = " under " + context.metric.label;
    const RoutingGraph& graph = context.graph;
    // A service gives the graph's own hierarchy to its hazard scenarios: it searches the
    // network without hazards by Dijkstra, for this rare answer.
    const auto open = graph.has_base_cch()
                          ? fastest_route(graph, graph.base_cch(), answer.from_snap, answer.to_snap,
                                          searches.cch())
                          : fastest_route(graph, graph.base(), answer.from_snap, answer.to_snap,
                                          searches.forward());
    if (!open)
        return why + " (nor without hazards: the roads do not connect them)";
    why += ": without hazards the route takes " + fixed(open->duration_s / 60, 1) + " min";
    if (ferry_crossings(graph.network(), graph.base(), *open).empty())
        return why;
    for (const HazardZone& zone : context.hazards) {
        if (zone.road_class == kFerryClass && zone.effect == HazardEffect::closed) {
            return why + " and crosses by ferry, and zone " + zone.id + " (" + zone.name +
                   ") closes the ferries";
        }
    }
    return why + " (by ferry)";
}

}  // namespace

RouteAnswer answer_route(const QueryContext& context, const RouteQuery& query, Searches& searches) {
    RouteAnswer answer;
    answer.from = query.from;
    answer.to = query.to;
    answer.metric = context.metric.label;
    answer.from_snap = snap_query_point(context, query.from, "start");
    answer.to_snap = snap_query_point(context, query.to, "end");
    auto route = context.cch ? fastest_route(context.graph, *context.cch, answer.from_snap,
                                             answer.to_snap, searches.cch())
                             : fastest_route(context.graph, context.metric, answer.from_snap,
                                             answer.to_snap, searches.forward());
    if (!route) {
        throw QueryError(ErrorCode::NoRoute,
                         "no route from " + query.from.text + " to " + query.to.text + " on the " +
                             std::string(to_string(context.graph.network().profile())) +
                             " network" + why_no_route(context, query, answer, searches));
    }
    answer.route = std::move(*route);
    answer.ferries = ferry_crossings(context.graph.network(), context.metric, answer.route);
    return answer;
}

}  // namespace muster::tools

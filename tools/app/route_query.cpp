#include "tools/app/route_query.hpp"

#include "tools/app/query_error.hpp"

namespace muster::tools {

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
        std::string why;
        for (const auto* end : {&query.from, &query.to}) {
            if (const HazardZone* zone = closed_zone_at(context.hazards, end->location)) {
                why += "; " + end->text + " lies inside closed hazard zone " + zone->id;
            }
        }
        if (why.empty() && !context.hazards.empty())
            why = " (under " + context.metric.label + ")";
        throw QueryError(ErrorCode::NoRoute,
                         "no route from " + query.from.text + " to " + query.to.text + " on the " +
                             std::string(to_string(context.graph.network().profile())) +
                             " network" + why);
    }
    answer.route = std::move(*route);
    return answer;
}

}  // namespace muster::tools

#include "tools/app/nearest_query.hpp"

#include "engine/network_location.hpp"
#include "engine/network_snapping.hpp"
#include "tools/app/facility_buckets_cache.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {

NearestAnswer answer_nearest(const QueryContext& context, const NearestQuery& query,
                             Searches& searches) {
    if (query.k == 0)
        throw QueryError(ErrorCode::InvalidValue, "k: must be at least 1");
    NearestAnswer answer;
    answer.incident = query.incident;
    answer.set = query.filter.set;
    answer.direction = query.direction.value_or(default_direction(query.filter.set));
    answer.metric = context.metric.label;
    answer.incident_snap = snap_query_point(context, query.incident, "incident");
    if (const HazardZone* zone = closed_zone_at(context.hazards, query.incident.location)) {
        answer.incident_note = "the incident lies " + closed_zone_reason(*zone);
    } else {
        const RoadNetwork& network = context.graph.network();
        const bool to = answer.direction == TravelDirection::to_incident;
        const auto open_ends = to ? arrivals(network, context.metric, answer.incident_snap)
                                  : departures(network, context.metric, answer.incident_snap);
        if (open_ends.empty()) {
            answer.incident_note =
                std::string("the road at the incident cannot be travelled ") +
                (to ? "towards it" : "away from it") +
                (context.hazards.empty() ? "" : " (closed under " + context.metric.label + ")");
        }
    }

    std::vector<Facility> candidates;
    std::vector<Snap> snaps;
    for (Facility& facility : select_facilities(context.resources, query.filter)) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, facility.location)) {
            answer.unavailable.push_back({std::move(facility), closed_zone_reason(*zone)});
            continue;
        }
        // The service keeps each position's snap: the same teams are snapped on every query.
        const auto snap = context.facility_buckets
                              ? context.facility_buckets->snap(context.graph, facility.location,
                                                               context.snap_limit_m)
                              : snap_to_network(context.graph.snaps(), context.graph.components(),
                                                facility.location, context.snap_limit_m)
                                    .snap;
        if (!snap) {
            answer.unavailable.push_back(
                {std::move(facility),
                 "farther than " + metres_text(context.snap_limit_m) + " m from any road of the " +
                     std::string(to_string(context.graph.network().profile())) + " network"});
            continue;
        }
        candidates.push_back(std::move(facility));
        snaps.push_back(*snap);
    }

    std::vector<NearestResult> found;
    if (context.cch && context.facility_buckets) {
        const auto buckets = context.facility_buckets->get(*context.cch, context.scenario_version,
                                                           snaps, answer.direction);
        found = nearest_facilities(context.graph, *buckets, answer.incident_snap, query.k,
                                   searches.cch());
    } else {
        found =
            nearest_facilities(context.graph, context.metric, answer.incident_snap, snaps, query.k,
                               answer.direction, searches.for_direction(answer.direction));
    }
    for (const NearestResult& r : found) {
        auto ferries = r.route ? ferry_crossings(context.graph.network(), context.metric, *r.route)
                               : std::vector<FerryCrossing>{};
        answer.results.push_back(
            {candidates[r.facility], snaps[r.facility].distance_m, r.route, std::move(ferries)});
    }
    return answer;
}

}  // namespace muster::tools

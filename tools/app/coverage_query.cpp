#include "tools/app/coverage_query.hpp"

#include <cmath>

#include "engine/network_snapping.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

constexpr std::array<const char*, 3> kClassNames{"emergency", "fixed", "central"};

std::string metres_or_nan(double m) {
    return std::isfinite(m) ? metres_text(m) : std::to_string(m);
}

void check(const CoverageQuery& query) {
    for (std::size_t c = 0; c < 3; ++c) {
        const double r = query.radius_m[c];
        if (!std::isfinite(r) || r <= 0 || r > 100'000)
            throw QueryError(ErrorCode::InvalidValue,
                             std::string("service distance of ") + kClassNames[c] + " shelters (" +
                                 kClassNames[c] + "-m): " + metres_or_nan(r) +
                                 " m is outside (0, 100000] m");
    }
    const double cell = query.grid.cell_m;
    if (!std::isfinite(cell) || cell < 10 || cell > 10'000)
        throw QueryError(ErrorCode::InvalidValue,
                         "demand grid cell size (cell-m): " + metres_or_nan(cell) +
                             " m is outside [10, 10000] m");
}

std::size_t class_index(ShelterClass c) {
    return static_cast<std::size_t>(c);
}

}  // namespace

CoverageAnswer answer_coverage(const QueryContext& context, const CoverageQuery& query) {
    check(query);
    const RoadNetwork& network = context.graph.network();
    const Resources& resources = context.resources;
    CoverageAnswer answer;
    answer.metric = context.metric.label;
    // Stopped between its steps when nobody wants the answer any more (docs/routing.md).
    constexpr std::string_view kWhat = "the coverage";
    answer.demand = demand_points(resources.townships, network, query.grid);
    throw_if_stopped(context.stop, kWhat);
    const auto snap = [&](LonLat p) {
        return snap_to_network(context.graph.snaps(), context.graph.components(), p,
                               context.snap_limit_m)
            .snap;
    };
    for (const DemandPoint& p : answer.demand.points)
        answer.demand_snaps.push_back(snap(p.location));
    throw_if_stopped(context.stop, kWhat);

    std::vector<WalkTarget> targets;
    std::vector<ShelterClass> classes;
    std::vector<std::int64_t> capacity;
    for (std::size_t s = 0; s < resources.shelters.size(); ++s) {
        const Shelter& shelter = resources.shelters[s];
        if (shelter.status != ShelterStatus::open) {
            answer.closed.push_back({s, "status " + std::string(to_string(shelter.status))});
            continue;
        }
        if (const HazardZone* zone = closed_zone_at(context.hazards, shelter.location)) {
            answer.closed.push_back({s, "inside closed hazard zone " + zone->id});
            continue;
        }
        const auto at = snap(shelter.location);
        if (!at) {
            answer.closed.push_back(
                {s, "farther than " + metres_text(context.snap_limit_m) + " m from any path"});
            continue;
        }
        answer.shelters.push_back(s);
        targets.push_back({*at, query.radius_m[class_index(shelter.shelter_class)]});
        classes.push_back(shelter.shelter_class);
        capacity.push_back(shelter.capacity);
    }

    const Metric distance = walking_distance_metric(network, context.metric);
    const auto pairs = walking_reach(context.graph, distance, answer.demand_snaps, targets);
    throw_if_stopped(context.stop, kWhat);
    std::vector<PopulationPoint> people;
    std::vector<std::int64_t> population;
    for (const DemandPoint& p : answer.demand.points) {
        people.push_back({p.township, p.population});
        population.push_back(p.population);
    }
    answer.coverage = shelter_coverage(people, classes, pairs, resources.townships.size());
    throw_if_stopped(context.stop, kWhat);
    answer.within_capacity = assign_within_capacity(population, capacity, pairs);
    throw_if_stopped(context.stop, kWhat);
    answer.nearest = assign_to_nearest(population, capacity, pairs);
    throw_if_stopped(context.stop, kWhat);
    // How far the uncovered walk to the nearest open shelter: one search from all of them.
    std::vector<std::optional<Snap>> uncovered(answer.demand_snaps.size());
    bool any_uncovered = false;
    for (std::size_t d = 0; d < uncovered.size(); ++d) {
        if (!answer.coverage.points[d].nearest_shelter && answer.demand_snaps[d]) {
            uncovered[d] = answer.demand_snaps[d];
            any_uncovered = true;
        }
    }
    std::vector<Snap> open;
    for (const WalkTarget& t : targets)
        open.push_back(t.snap);
    answer.uncovered_walk_mm = any_uncovered
                                   ? nearest_walk_mm(context.graph, distance, uncovered, open)
                                   : std::vector<std::optional<std::uint64_t>>(uncovered.size());
    return answer;
}

}  // namespace muster::tools

#include "tools/coverage_query.hpp"

#include <cmath>

#include "engine/geodesic.hpp"
#include "engine/network_snapping.hpp"
#include "tools/geojson.hpp"
#include "tools/query_error.hpp"

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

/// People of each township that the assignment placed.
std::vector<std::int64_t> assigned_by_township(const CoverageAnswer& answer,
                                               std::size_t townships) {
    std::vector<std::int64_t> assigned(townships, 0);
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        assigned[p.township] += p.population - answer.within_capacity.unassigned[d];
    }
    return assigned;
}

double utilisation(std::int64_t load, std::int64_t capacity) {
    return capacity > 0 ? rounded(static_cast<double>(load) / static_cast<double>(capacity), 4)
                        : 0.0;
}

MultiPolygon cell_square(LonLat centre, double side_m) {
    const LocalFrame frame(centre);
    const double h = side_m / 2;
    Polygon p;
    p.rings.push_back({frame.to_lon_lat({-h, -h}), frame.to_lon_lat({h, -h}),
                       frame.to_lon_lat({h, h}), frame.to_lon_lat({-h, h}),
                       frame.to_lon_lat({-h, -h})});
    return MultiPolygon{{p}};
}

}  // namespace

CoverageAnswer answer_coverage(const QueryContext& context, const CoverageQuery& query) {
    check(query);
    const RoadNetwork& network = context.graph.network();
    const Resources& resources = context.resources;
    CoverageAnswer answer;
    answer.metric = context.metric.label;
    answer.demand = demand_points(resources.townships, network, query.grid);
    const auto snap = [&](LonLat p) {
        return snap_to_network(context.graph.snaps(), context.graph.components(), p,
                               context.snap_limit_m)
            .snap;
    };
    for (const DemandPoint& p : answer.demand.points)
        answer.demand_snaps.push_back(snap(p.location));

    std::vector<WalkTarget> targets;
    std::vector<ShelterClass> classes;
    std::vector<std::int64_t> capacity;
    for (std::size_t s = 0; s < resources.shelters.size(); ++s) {
        const Shelter& shelter = resources.shelters[s];
        if (shelter.status != "open") {
            answer.closed.push_back({s, "status " + shelter.status});
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
    std::vector<PopulationPoint> people;
    std::vector<std::int64_t> population;
    for (const DemandPoint& p : answer.demand.points) {
        people.push_back({p.township, p.population});
        population.push_back(p.population);
    }
    answer.coverage = shelter_coverage(people, classes, pairs, resources.townships.size());
    answer.within_capacity = assign_within_capacity(population, capacity, pairs);
    answer.nearest = assign_to_nearest(population, capacity, pairs);
    return answer;
}

nlohmann::json coverage_json(const QueryContext& context, const CoverageQuery& query,
                             const CoverageAnswer& answer) {
    const Resources& resources = context.resources;
    const Coverage& c = answer.coverage;
    const ShelterAssignment& a = answer.within_capacity;
    nlohmann::json by_class = nlohmann::json::object();
    for (std::size_t k = 0; k < 3; ++k)
        by_class[kClassNames[k]] = {{"service_distance_m", query.radius_m[k]},
                                    {"covered", c.covered_by_class[k]}};

    const auto assigned = assigned_by_township(answer, resources.townships.size());
    nlohmann::json townships = nlohmann::json::array();
    for (std::size_t t = 0; t < resources.townships.size(); ++t) {
        const Township& township = resources.townships[t];
        const TownshipCoverage& tc = c.townships[t];
        townships.push_back({{"id", township.id},
                             {"name", township.name},
                             {"population", tc.population},
                             {"covered", tc.covered},
                             {"uncovered", tc.population - tc.covered},
                             {"covered_by_class",
                              {{"emergency", tc.covered_by_class[0]},
                               {"fixed", tc.covered_by_class[1]},
                               {"central", tc.covered_by_class[2]}}},
                             {"assigned", assigned[t]},
                             {"unassigned", tc.population - assigned[t]}});
    }

    nlohmann::json shelters = nlohmann::json::array();
    std::int64_t overflowing = 0, overflow_people = 0;
    for (std::size_t i = 0; i < answer.shelters.size(); ++i) {
        const Shelter& s = resources.shelters[answer.shelters[i]];
        const std::int64_t near_load = answer.nearest.load[i];
        const std::int64_t overflow = std::max<std::int64_t>(0, near_load - s.capacity);
        if (overflow > 0) {
            ++overflowing;
            overflow_people += overflow;
        }
        shelters.push_back({{"id", s.id},
                            {"name", s.name},
                            {"class", to_string(s.shelter_class)},
                            {"capacity", s.capacity},
                            {"assigned", a.load[i]},
                            {"utilisation", utilisation(a.load[i], s.capacity)},
                            {"nearest_policy_load", near_load},
                            {"nearest_policy_overflow", overflow}});
    }
    nlohmann::json closed = nlohmann::json::array();
    for (const ClosedShelter& s : answer.closed)
        closed.push_back({{"id", resources.shelters[s.shelter].id}, {"reason", s.reason}});

    std::int64_t unsnapped = 0;
    for (std::size_t d = 0; d < answer.demand_snaps.size(); ++d) {
        if (!answer.demand_snaps[d])
            unsnapped += answer.demand.points[d].population;
    }
    return {{"population", c.population},
            {"covered", c.covered},
            {"uncovered", c.population - c.covered},
            {"assigned", a.assigned},
            {"unassigned", a.unassigned_total},
            {"person_km", rounded(a.person_m / 1000, 3)},
            {"mean_walk_m",
             a.assigned > 0 ? rounded(a.person_m / static_cast<double>(a.assigned), 1) : 0.0},
            {"by_class", by_class},
            {"by_township", townships},
            {"shelters", shelters},
            {"closed_shelters", closed},
            {"nearest_policy",
             {{"assigned", answer.nearest.assigned},
              {"person_km", rounded(answer.nearest.person_m / 1000, 3)},
              {"overflowing_shelters", overflowing},
              {"people_over_capacity", overflow_people}}},
            {"demand_points", answer.demand.points.size()},
            {"unsnapped_population", unsnapped},
            {"grid_cell_m", query.grid.cell_m},
            {"metric", answer.metric}};
}

std::vector<FeatureTable> coverage_layers(const QueryContext& context, const CoverageQuery& query,
                                          const CoverageAnswer& answer) {
    const Resources& resources = context.resources;
    const auto shelter_id = [&](std::size_t i) -> const std::string& {
        return resources.shelters[answer.shelters[i]].id;
    };
    FeatureTable demand{"demand",
                        GeometryType::point,
                        {{"township", FieldType::text},
                         {"population", FieldType::integer},
                         {"covered", FieldType::boolean},
                         {"nearest", FieldType::text},
                         {"walk_m", FieldType::real},
                         {"assigned", FieldType::integer},
                         {"unassigned", FieldType::integer},
                         {"road_m", FieldType::real}},
                        {}};
    FeatureTable uncovered{"uncovered",
                           GeometryType::multi_polygon,
                           {{"township", FieldType::text}, {"population", FieldType::integer}},
                           {}};
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        const PointCoverage& pc = answer.coverage.points[d];
        const std::string& township = resources.townships[p.township].id;
        const std::int64_t left = answer.within_capacity.unassigned[d];
        demand.rows.push_back(
            {{township, p.population, std::int64_t{pc.nearest_shelter ? 1 : 0},
              pc.nearest_shelter ? FieldValue(shelter_id(*pc.nearest_shelter)) : FieldValue(),
              pc.nearest_shelter ? FieldValue(static_cast<double>(pc.distance_mm) * 1e-3)
                                 : FieldValue(),
              p.population - left, left, rounded(p.residential_road_m, 1)},
             p.location});
        if (!pc.nearest_shelter)
            uncovered.rows.push_back(
                {{township, p.population}, cell_square(p.location, query.grid.cell_m)});
    }

    FeatureTable lines{"assignment",
                       GeometryType::line_string,
                       {{"township", FieldType::text},
                        {"shelter", FieldType::text},
                        {"people", FieldType::integer},
                        {"walk_m", FieldType::real}},
                       {}};
    for (const ShelterFlow& f : answer.within_capacity.flows) {
        const DemandPoint& p = answer.demand.points[f.demand];
        lines.rows.push_back(
            {{resources.townships[p.township].id, shelter_id(f.shelter), f.people,
              static_cast<double>(f.distance_mm) * 1e-3},
             std::vector<LonLat>{p.location,
                                 resources.shelters[answer.shelters[f.shelter]].location}});
    }

    FeatureTable shelters{"shelters",
                          GeometryType::point,
                          {{"id", FieldType::text},
                           {"name", FieldType::text},
                           {"class", FieldType::text},
                           {"capacity", FieldType::integer},
                           {"assigned", FieldType::integer},
                           {"util", FieldType::real},
                           {"near_load", FieldType::integer},
                           {"overflow", FieldType::integer}},
                          {}};
    for (std::size_t i = 0; i < answer.shelters.size(); ++i) {
        const Shelter& s = resources.shelters[answer.shelters[i]];
        const std::int64_t load = answer.within_capacity.load[i], near = answer.nearest.load[i];
        shelters.rows.push_back(
            {{s.id, s.name, std::string(to_string(s.shelter_class)), s.capacity, load,
              utilisation(load, s.capacity), near, std::max<std::int64_t>(0, near - s.capacity)},
             s.location});
    }

    FeatureTable townships{"townships",
                           GeometryType::none,
                           {{"id", FieldType::text},
                            {"name", FieldType::text},
                            {"population", FieldType::integer},
                            {"covered", FieldType::integer},
                            {"cov_emerg", FieldType::integer},
                            {"cov_fixed", FieldType::integer},
                            {"cov_centr", FieldType::integer},
                            {"assigned", FieldType::integer},
                            {"unassigned", FieldType::integer}},
                           {}};
    const auto assigned = assigned_by_township(answer, resources.townships.size());
    for (std::size_t t = 0; t < resources.townships.size(); ++t) {
        const TownshipCoverage& tc = answer.coverage.townships[t];
        townships.rows.push_back(
            {{resources.townships[t].id, resources.townships[t].name, tc.population, tc.covered,
              tc.covered_by_class[0], tc.covered_by_class[1], tc.covered_by_class[2], assigned[t],
              tc.population - assigned[t]},
             {}});
    }
    return {demand, lines, shelters, uncovered, townships};
}

}  // namespace muster::tools

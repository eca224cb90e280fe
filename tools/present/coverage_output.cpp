#include "tools/present/coverage_output.hpp"

#include "engine/geodesic.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {
namespace {

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

/// A demand cell that no open shelter serves within its class's service distance.
struct UncoveredCell {
    std::size_t township = 0;  ///< index into resources.townships
    std::int64_t population = 0;
    MultiPolygon square;  ///< the cell, cell_m on a side around its demand point
};

/// Every demand point without a shelter in reach, as its cell: together they hold the answer's
/// uncovered population exactly (coverage counts a point covered iff it has a nearest shelter).
/// A township too small to hold a cell centre is one demand point at its own location; it is
/// drawn as a cell around that point all the same.
std::vector<UncoveredCell> uncovered_cells(const CoverageQuery& query,
                                           const CoverageAnswer& answer) {
    std::vector<UncoveredCell> cells;
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        if (!answer.coverage.points[d].nearest_shelter)
            cells.push_back({p.township, p.population, cell_square(p.location, query.grid.cell_m)});
    }
    return cells;
}

}  // namespace

nlohmann::json coverage_json(const QueryContext& context, const CoverageQuery& query,
                             const CoverageAnswer& answer) {
    const Resources& resources = context.resources;
    const Coverage& c = answer.coverage;
    const ShelterAssignment& a = answer.within_capacity;
    nlohmann::json by_class = nlohmann::json::object();
    for (std::size_t k = 0; k < 3; ++k)
        by_class[std::string(to_string(static_cast<ShelterClass>(k)))] = {
            {"service_distance_m", query.radius_m[k]}, {"covered", c.covered_by_class[k]}};

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

nlohmann::json uncovered_cells_json(const QueryContext& context, const CoverageQuery& query,
                                    const CoverageAnswer& answer) {
    nlohmann::json features = nlohmann::json::array();
    for (const UncoveredCell& cell : uncovered_cells(query, answer)) {
        const Township& township = context.resources.townships[cell.township];
        // One square: a Polygon, its rings the MultiPolygon's only polygon's.
        const nlohmann::json rings = multi_polygon_json(cell.square).at("coordinates").at(0);
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "Polygon"}, {"coordinates", rings}}},
                            {"properties",
                             {{"township", township.id},
                              {"township_name", township.name},
                              {"population", cell.population}}}});
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
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
        const std::int64_t left = answer.within_capacity.unassigned[d];
        demand.rows.push_back(
            {{resources.townships[p.township].id, p.population,
              std::int64_t{pc.nearest_shelter ? 1 : 0},
              pc.nearest_shelter ? FieldValue(shelter_id(*pc.nearest_shelter)) : FieldValue(),
              pc.nearest_shelter ? FieldValue(static_cast<double>(pc.distance_mm) * 1e-3)
                                 : FieldValue(),
              p.population - left, left, rounded(p.residential_road_m, 1)},
             p.location});
    }
    for (UncoveredCell& cell : uncovered_cells(query, answer))
        uncovered.rows.push_back(
            {{resources.townships[cell.township].id, cell.population}, std::move(cell.square)});

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

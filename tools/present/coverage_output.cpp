#include "tools/present/coverage_output.hpp"

#include "tools/present/field_values.hpp"
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

/// A demand cell that no open shelter serves within its class's service distance.
struct UncoveredCell {
    std::size_t township = 0;  ///< index into resources.townships
    std::int64_t population = 0;
    MultiPolygon square;  ///< the cell, cell_m on a side around its demand point
    std::optional<double> walk_to_nearest_m;  ///< beyond reach; nothing where none is reachable
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
        if (answer.coverage.points[d].nearest_shelter)
            continue;
        std::optional<double> walk_m;
        if (d < answer.uncovered_walk_mm.size() && answer.uncovered_walk_mm[d])
            walk_m = static_cast<double>(*answer.uncovered_walk_mm[d]) * 1e-3;
        cells.push_back(
            {p.township, p.population, demand_cell(p.location, query.grid.cell_m), walk_m});
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
    const auto shelter = [&](std::size_t i) -> const Shelter& {
        return resources.shelters[answer.shelters[i]];
    };
    const auto township = [&](std::size_t t) -> const Township& { return resources.townships[t]; };
    FeatureTable demand{"demand_points",
                        GeometryType::point,
                        {{"township_id", FieldType::text},
                         {"township_name", FieldType::text},
                         {"population", FieldType::integer},
                         {"covered", FieldType::boolean},
                         {"nearest_shelter_id", FieldType::text},
                         {"nearest_shelter_name", FieldType::text},
                         {"walk_distance_m", FieldType::real},
                         {"people_assigned", FieldType::integer},
                         {"people_unassigned", FieldType::integer},
                         {"residential_road_m", FieldType::real}},
                        {}};
    FeatureTable uncovered{"uncovered_cells",
                           GeometryType::multi_polygon,
                           {{"township_id", FieldType::text},
                            {"township_name", FieldType::text},
                            {"population", FieldType::integer},
                            {"walk_to_nearest_shelter_m", FieldType::real}},
                           {}};
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        const PointCoverage& pc = answer.coverage.points[d];
        const std::int64_t left = answer.within_capacity.unassigned[d];
        const auto& nearest = pc.nearest_shelter;
        demand.rows.push_back(
            {{township(p.township).id, text_or_null(township(p.township).name), p.population,
              flag(nearest.has_value()), nearest ? FieldValue(shelter(*nearest).id) : FieldValue(),
              nearest ? text_or_null(shelter(*nearest).name) : FieldValue(),
              nearest ? metres(static_cast<double>(pc.distance_mm) * 1e-3) : FieldValue(),
              p.population - left, left, metres(p.residential_road_m)},
             p.location});
    }
    for (UncoveredCell& cell : uncovered_cells(query, answer))
        uncovered.rows.push_back(
            {{township(cell.township).id, text_or_null(township(cell.township).name),
              cell.population, optional_metres(cell.walk_to_nearest_m)},
             std::move(cell.square)});

    FeatureTable lines{"shelter_assignment",
                       GeometryType::line_string,
                       {{"township_id", FieldType::text},
                        {"township_name", FieldType::text},
                        {"shelter_id", FieldType::text},
                        {"shelter_name", FieldType::text},
                        {"people_assigned", FieldType::integer},
                        {"walk_distance_m", FieldType::real}},
                       {}};
    for (const ShelterFlow& f : answer.within_capacity.flows) {
        const DemandPoint& p = answer.demand.points[f.demand];
        lines.rows.push_back({{township(p.township).id, text_or_null(township(p.township).name),
                               shelter(f.shelter).id, text_or_null(shelter(f.shelter).name),
                               f.people, metres(static_cast<double>(f.distance_mm) * 1e-3)},
                              std::vector<LonLat>{p.location, shelter(f.shelter).location}});
    }

    // Every shelter: the open ones with their load, the closed ones with the reason.
    FeatureTable shelters{"shelters",
                          GeometryType::point,
                          {{"shelter_id", FieldType::text},
                           {"shelter_name", FieldType::text},
                           {"shelter_class", FieldType::text},
                           {"status", FieldType::text},
                           {"closed_reason", FieldType::text},
                           {"capacity_persons", FieldType::integer},
                           {"people_assigned", FieldType::integer},
                           {"utilisation_pct", FieldType::real},
                           {"people_nearest_policy", FieldType::integer},
                           {"people_over_capacity", FieldType::integer}},
                          {}};
    std::vector<std::optional<std::size_t>> open_index(resources.shelters.size());
    for (std::size_t i = 0; i < answer.shelters.size(); ++i)
        open_index[answer.shelters[i]] = i;
    std::vector<const ClosedShelter*> closed(resources.shelters.size(), nullptr);
    for (const ClosedShelter& c : answer.closed)
        closed[c.shelter] = &c;
    for (std::size_t s = 0; s < resources.shelters.size(); ++s) {
        const Shelter& sh = resources.shelters[s];
        std::vector<FieldValue> values{sh.id, text_or_null(sh.name),
                                       std::string(to_string(sh.shelter_class))};
        if (const auto i = open_index[s]) {
            const std::int64_t load = answer.within_capacity.load[*i],
                               near = answer.nearest.load[*i];
            values.insert(values.end(), {std::string("open"), FieldValue(), sh.capacity, load,
                                         sh.capacity > 0 ? percent(static_cast<double>(load) /
                                                                   static_cast<double>(sh.capacity))
                                                         : FieldValue(),
                                         near, std::max<std::int64_t>(0, near - sh.capacity)});
        } else {
            // Nobody is placed in a closed shelter: 0 people, a known count (allocate --persons
            // reads this layer).
            values.insert(
                values.end(),
                {std::string("closed"), closed[s] ? FieldValue(closed[s]->reason) : FieldValue(),
                 sh.capacity, std::int64_t{0}, FieldValue(), std::int64_t{0}, std::int64_t{0}});
        }
        shelters.rows.push_back({std::move(values), sh.location});
    }

    // The townships' own areas (NULL geometry where the source gave a point), with unknown
    // populations NULL and no figure made up for them.
    FeatureTable townships{"townships",
                           GeometryType::multi_polygon,
                           {{"township_id", FieldType::text},
                            {"township_name", FieldType::text},
                            {"population", FieldType::integer},
                            {"people_covered", FieldType::integer},
                            {"people_uncovered", FieldType::integer},
                            {"covered_pct", FieldType::real},
                            {"people_covered_emergency", FieldType::integer},
                            {"people_covered_fixed", FieldType::integer},
                            {"people_covered_central", FieldType::integer},
                            {"people_assigned", FieldType::integer},
                            {"people_unassigned", FieldType::integer}},
                           {}};
    const auto assigned = assigned_by_township(answer, resources.townships.size());
    for (std::size_t t = 0; t < resources.townships.size(); ++t) {
        const Township& town = township(t);
        const TownshipCoverage& tc = answer.coverage.townships[t];
        FeatureRow row;
        row.values = {town.id, text_or_null(town.name)};
        if (town.population) {
            row.values.insert(row.values.end(),
                              {tc.population, tc.covered, tc.population - tc.covered,
                               tc.population > 0 ? percent(static_cast<double>(tc.covered) /
                                                           static_cast<double>(tc.population))
                                                 : FieldValue(),
                               tc.covered_by_class[0], tc.covered_by_class[1],
                               tc.covered_by_class[2], assigned[t], tc.population - assigned[t]});
        } else {
            row.values.resize(townships.fields.size());
        }
        if (town.area)
            row.geometry = *town.area;
        townships.rows.push_back(std::move(row));
    }
    return {demand, lines, shelters, uncovered, townships};
}

}  // namespace muster::tools

#include "tools/present/response_output.hpp"

#include "tools/present/field_values.hpp"

namespace muster::tools {
namespace {

std::optional<double> share(std::int64_t part, std::int64_t whole) {
    return whole > 0 ? std::optional(static_cast<double>(part) / static_cast<double>(whole))
                     : std::nullopt;
}

/// Turnout plus the mean, and the longest, quickest drive of a tally, seconds.
std::optional<double> mean_response_s(const ResponseTally& t, const ResponseQuery& query) {
    const auto drive = t.mean_drive_s();
    return drive ? std::optional(*drive + query.turnout_s) : std::nullopt;
}
std::optional<double> longest_response_s(const ResponseTally& t, const ResponseQuery& query) {
    return t.longest_ms ? std::optional(static_cast<double>(*t.longest_ms) * 1e-3 + query.turnout_s)
                        : std::nullopt;
}

nlohmann::json optional_json(std::optional<double> value, int decimals) {
    return value ? nlohmann::json(rounded(*value, decimals)) : nlohmann::json();
}

/// The population each unit is the first, and the backup, responder of.
struct UnitLoad {
    std::vector<std::int64_t> first, backup;
};

UnitLoad unit_load(const ResponseAnswer& answer) {
    UnitLoad load{std::vector<std::int64_t>(answer.units.size(), 0),
                  std::vector<std::int64_t>(answer.units.size(), 0)};
    for (std::size_t d = 0; d < answer.responses.size(); ++d) {
        const PointResponse& r = answer.responses[d];
        const std::int64_t people = answer.demand.points[d].population;
        if (r.first)
            load.first[r.first->unit] += people;
        if (r.second)
            load.backup[r.second->unit] += people;
    }
    return load;
}

std::int64_t unsnapped_population(const ResponseAnswer& answer) {
    std::int64_t people = 0;
    for (std::size_t d = 0; d < answer.demand_snaps.size(); ++d) {
        if (!answer.demand_snaps[d])
            people += answer.demand.points[d].population;
    }
    return people;
}

/// Response time (turnout + drive) of a leg, seconds.
double response_s(const ResponseQuery& query, const ResponseLeg& leg) {
    return query.turnout_s + leg.duration_s();
}

nlohmann::json tally_json(const ResponseTally& t, const ResponseQuery& query) {
    const auto pct = [&](std::int64_t part) {
        const auto s = share(part, t.population);
        return s ? std::optional(*s * 100) : std::nullopt;
    };
    return {{"population", t.population},
            {"covered", t.covered},
            {"covered_pct", optional_json(pct(t.covered), 1)},
            {"backed", t.backed},
            {"backed_pct", optional_json(pct(t.backed), 1)},
            {"within_radius", t.within_radius},
            {"unreached", t.population - t.reached},
            {"mean_response_s", optional_json(mean_response_s(t, query), 1)},
            {"longest_response_s", optional_json(longest_response_s(t, query), 1)}};
}

}  // namespace

nlohmann::json response_json(const QueryContext& context, const ResponseQuery& query,
                             const ResponseAnswer& answer) {
    const Resources& resources = context.resources;
    nlohmann::json townships = nlohmann::json::array();
    for (std::size_t t = 0; t < resources.townships.size(); ++t) {
        nlohmann::json row = {{"id", resources.townships[t].id},
                              {"name", resources.townships[t].name}};
        row.update(tally_json(answer.coverage.townships[t], query));
        townships.push_back(std::move(row));
    }
    const UnitLoad load = unit_load(answer);
    nlohmann::json units = nlohmann::json::array();
    for (std::size_t u = 0; u < answer.units.size(); ++u) {
        units.push_back({{"id", answer.units[u].id},
                         {"name", answer.units[u].name},
                         {"first_for_population", load.first[u]},
                         {"backup_for_population", load.backup[u]}});
    }
    nlohmann::json unavailable = nlohmann::json::array();
    for (const UnavailableFacility& u : answer.unavailable)
        unavailable.push_back({{"id", u.facility.id}, {"reason", u.reason}});
    std::size_t beyond = 0;
    for (const PointResponse& r : answer.responses) {
        if (!r.first || r.first->duration_ms > answer.limits.drive_ms)
            ++beyond;
    }
    nlohmann::json out = {{"target_s", query.target_s},
                          {"turnout_s", query.turnout_s},
                          {"drive_limit_s", static_cast<double>(answer.limits.drive_ms) * 1e-3},
                          {"service_radius_m", query.radius_m}};
    out.update(tally_json(answer.coverage.total, query));
    out.update({{"by_township", townships},
                {"units", units},
                {"unavailable", unavailable},
                {"demand_points", answer.demand.points.size()},
                {"cells_beyond_target", beyond},
                {"unsnapped_population", unsnapped_population(answer)},
                {"grid_cell_m", query.grid.cell_m},
                {"metric", answer.metric}});
    return out;
}

std::vector<FeatureTable> response_layers(const QueryContext& context, const ResponseQuery& query,
                                          const ResponseAnswer& answer) {
    const Resources& resources = context.resources;
    const auto township = [&](std::size_t t) -> const Township& { return resources.townships[t]; };
    FeatureTable cells{"response_cells",
                       GeometryType::multi_polygon,
                       {{"township_id", FieldType::text},
                        {"township_name", FieldType::text},
                        {"population", FieldType::integer},
                        {"team_id", FieldType::text},
                        {"team_name", FieldType::text},
                        {"response_time_min", FieldType::real},
                        {"drive_time_min", FieldType::real},
                        {"drive_distance_m", FieldType::real},
                        {"response_covered", FieldType::boolean},
                        {"backup_team_id", FieldType::text},
                        {"backup_team_name", FieldType::text},
                        {"backup_response_time_min", FieldType::real},
                        {"backup_covered", FieldType::boolean}},
                       {}};
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        const PointResponse& r = answer.responses[d];
        std::vector<FieldValue> values{township(p.township).id,
                                       text_or_null(township(p.township).name), p.population};
        if (r.first) {
            const Facility& unit = answer.units[r.first->unit];
            values.insert(values.end(),
                          {unit.id, text_or_null(unit.name), minutes(response_s(query, *r.first)),
                           minutes(r.first->duration_s()), metres(r.first->distance_m()),
                           flag(r.first->duration_ms <= answer.limits.drive_ms)});
        } else {
            values.insert(values.end(), {FieldValue(), FieldValue(), FieldValue(), FieldValue(),
                                         FieldValue(), flag(false)});
        }
        if (r.second) {
            const Facility& unit = answer.units[r.second->unit];
            values.insert(values.end(),
                          {unit.id, text_or_null(unit.name), minutes(response_s(query, *r.second)),
                           flag(r.second->duration_ms <= answer.limits.drive_ms)});
        } else {
            values.insert(values.end(), {FieldValue(), FieldValue(), FieldValue(), flag(false)});
        }
        cells.rows.push_back({std::move(values), demand_cell(p.location, query.grid.cell_m)});
    }

    // The townships' own areas (NULL geometry where the source gave a point); NULL figures for
    // an unknown population.
    FeatureTable townships{"response_townships",
                           GeometryType::multi_polygon,
                           {{"township_id", FieldType::text},
                            {"township_name", FieldType::text},
                            {"population", FieldType::integer},
                            {"people_response_covered", FieldType::integer},
                            {"response_covered_pct", FieldType::real},
                            {"people_backup_covered", FieldType::integer},
                            {"backup_covered_pct", FieldType::real},
                            {"people_within_radius", FieldType::integer},
                            {"people_unreached", FieldType::integer},
                            {"mean_response_time_min", FieldType::real},
                            {"longest_response_time_min", FieldType::real}},
                           {}};
    for (std::size_t t = 0; t < resources.townships.size(); ++t) {
        const Township& town = township(t);
        const ResponseTally& tally = answer.coverage.townships[t];
        FeatureRow row;
        row.values = {town.id, text_or_null(town.name)};
        if (town.population) {
            row.values.insert(
                row.values.end(),
                {tally.population, tally.covered, percent(share(tally.covered, tally.population)),
                 tally.backed, percent(share(tally.backed, tally.population)), tally.within_radius,
                 tally.population - tally.reached, optional_minutes(mean_response_s(tally, query)),
                 optional_minutes(longest_response_s(tally, query))});
        } else {
            row.values.resize(townships.fields.size());
        }
        if (town.area)
            row.geometry = *town.area;
        townships.rows.push_back(std::move(row));
    }

    FeatureTable units{"response_units",
                       GeometryType::point,
                       {{"team_id", FieldType::text},
                        {"team_name", FieldType::text},
                        {"team_status", FieldType::text},
                        {"unavailable_reason", FieldType::text},
                        {"people_first_responder", FieldType::integer},
                        {"people_backup_responder", FieldType::integer}},
                       {}};
    const UnitLoad load = unit_load(answer);
    for (std::size_t u = 0; u < answer.units.size(); ++u) {
        const Facility& unit = answer.units[u];
        units.rows.push_back({{unit.id, text_or_null(unit.name), unit.status, FieldValue(),
                               load.first[u], load.backup[u]},
                              unit.location});
    }
    for (const UnavailableFacility& u : answer.unavailable) {
        units.rows.push_back({{u.facility.id, text_or_null(u.facility.name), u.facility.status,
                               u.reason, std::int64_t{0}, std::int64_t{0}},
                              u.facility.location});
    }
    return {cells, townships, units};
}

}  // namespace muster::tools

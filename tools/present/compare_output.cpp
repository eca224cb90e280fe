#include "tools/present/compare_output.hpp"

#include "tools/present/field_values.hpp"

namespace muster::tools {
namespace {

/// Each township's figures on one side.
struct TownshipFigures {
    std::int64_t response_covered = 0;
    std::optional<double> mean_drive_s;  ///< the quickest unit's, population-weighted
    std::int64_t shelter_covered = 0;
    std::int64_t assigned = 0;
    std::optional<double> fill_rate;
};

std::vector<TownshipFigures> figures(const Comparison& c, const CompareSide& side) {
    const std::size_t n = c.resources.townships.size();
    std::vector<TownshipFigures> out(n);
    std::vector<std::int64_t> assigned(n, 0);
    for (std::size_t d = 0; d < side.coverage.demand.points.size(); ++d) {
        const DemandPoint& p = side.coverage.demand.points[d];
        assigned[p.township] += p.population - side.coverage.within_capacity.unassigned[d];
    }
    const auto fills = township_fill_rates(side, c.resources);
    for (std::size_t t = 0; t < n; ++t) {
        const ResponseTally& r = side.response.coverage.townships[t];
        out[t] = {r.covered, r.mean_drive_s(), side.coverage.coverage.townships[t].covered,
                  assigned[t], fills[t]};
    }
    return out;
}

nlohmann::json pair_json(double base, double scenario, int decimals) {
    return {{"baseline", rounded(base, decimals)},
            {"scenario", rounded(scenario, decimals)},
            {"change", rounded(scenario - base, decimals)}};
}

nlohmann::json optional_pair_json(std::optional<double> base, std::optional<double> scenario,
                                  int decimals) {
    const auto value = [&](std::optional<double> v) {
        return v ? nlohmann::json(rounded(*v, decimals)) : nlohmann::json();
    };
    return {{"baseline", value(base)},
            {"scenario", value(scenario)},
            {"change", base && scenario ? nlohmann::json(rounded(*scenario - *base, decimals))
                                        : nlohmann::json()}};
}

}  // namespace

nlohmann::json compare_json(const Comparison& c) {
    const auto base = figures(c, c.baseline), scen = figures(c, c.scenario);
    nlohmann::json townships = nlohmann::json::array();
    for (std::size_t t = 0; t < c.resources.townships.size(); ++t) {
        const Township& town = c.resources.townships[t];
        const auto pct = [](std::optional<double> r) {
            return r ? std::optional(*r * 100) : std::nullopt;
        };
        townships.push_back(
            {{"id", town.id},
             {"name", town.name},
             {"population", c.baseline.response.coverage.townships[t].population},
             {"response_covered", pair_json(base[t].response_covered, scen[t].response_covered, 0)},
             {"mean_drive_s", optional_pair_json(base[t].mean_drive_s, scen[t].mean_drive_s, 1)},
             {"shelter_covered", pair_json(base[t].shelter_covered, scen[t].shelter_covered, 0)},
             {"assigned", pair_json(base[t].assigned, scen[t].assigned, 0)},
             {"fill_rate_pct",
              optional_pair_json(pct(base[t].fill_rate), pct(scen[t].fill_rate), 1)}});
    }
    const auto& rb = c.baseline.response.coverage.total;
    const auto& rs = c.scenario.response.coverage.total;
    nlohmann::json casualties;
    if (c.baseline.casualties && c.scenario.casualties) {
        const auto sum = [](const relief::TriageCounts& counts) {
            return static_cast<double>(counts[0] + counts[1] + counts[2]);
        };
        casualties = {{"patients", sum(c.baseline.casualties->plan.total)},
                      {"placed", pair_json(sum(c.baseline.casualties->plan.placed),
                                           sum(c.scenario.casualties->plan.placed), 0)},
                      {"surge_beds",
                       pair_json(static_cast<double>(c.baseline.casualties->plan.surge_used),
                                 static_cast<double>(c.scenario.casualties->plan.surge_used), 0)}};
    }
    return {{"scenario", c.scenario_name},
            {"totals",
             {{"population", rb.population},
              {"response_covered", pair_json(rb.covered, rs.covered, 0)},
              {"response_backed", pair_json(rb.backed, rs.backed, 0)},
              {"response_unreached",
               pair_json(rb.population - rb.reached, rs.population - rs.reached, 0)},
              {"shelter_covered", pair_json(c.baseline.coverage.coverage.covered,
                                            c.scenario.coverage.coverage.covered, 0)},
              {"assigned", pair_json(c.baseline.coverage.within_capacity.assigned,
                                     c.scenario.coverage.within_capacity.assigned, 0)}}},
            {"by_township", townships},
            {"casualties", casualties},
            {"relief_note",
             c.baseline.relief_note.empty() ? c.scenario.relief_note : c.baseline.relief_note},
            {"metric",
             {{"baseline", c.baseline.response.metric}, {"scenario", c.scenario.response.metric}}}};
}

std::vector<FeatureTable> compare_layers(const Comparison& c) {
    const auto base = figures(c, c.baseline), scen = figures(c, c.scenario);
    FeatureTable table{"scenario_townships",
                       GeometryType::multi_polygon,
                       {{"township_id", FieldType::text},
                        {"township_name", FieldType::text},
                        {"population", FieldType::integer},
                        {"response_covered_baseline", FieldType::integer},
                        {"response_covered_scenario", FieldType::integer},
                        {"response_covered_change", FieldType::integer},
                        {"shelter_covered_baseline", FieldType::integer},
                        {"shelter_covered_scenario", FieldType::integer},
                        {"shelter_covered_change", FieldType::integer},
                        {"fill_rate_pct_baseline", FieldType::real},
                        {"fill_rate_pct_scenario", FieldType::real}},
                       {}};
    for (std::size_t t = 0; t < c.resources.townships.size(); ++t) {
        const Township& town = c.resources.townships[t];
        FeatureRow row;
        row.values = {town.id, text_or_null(town.name)};
        if (town.population) {
            row.values.insert(
                row.values.end(),
                {c.baseline.response.coverage.townships[t].population, base[t].response_covered,
                 scen[t].response_covered, scen[t].response_covered - base[t].response_covered,
                 base[t].shelter_covered, scen[t].shelter_covered,
                 scen[t].shelter_covered - base[t].shelter_covered, percent(base[t].fill_rate),
                 percent(scen[t].fill_rate)});
        } else {
            row.values.resize(table.fields.size());
        }
        if (town.area)
            row.geometry = *town.area;
        table.rows.push_back(std::move(row));
    }
    return {table};
}

}  // namespace muster::tools

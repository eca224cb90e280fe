#include "tools/present/criticality_output.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

nlohmann::json criticality_json(const CriticalityQuery& query, const CriticalityAnswer& answer) {
    nlohmann::json ranked = nlohmann::json::array();
    for (std::size_t k = 0; k < answer.ranked.size(); ++k) {
        const CriticalStretch& c = answer.ranked[k];
        ranked.push_back({{"rank", k + 1},
                          {"road_class", c.stretch.road_class},
                          {"length_m", rounded(c.stretch.length_m, 1)},
                          {"losing_coverage", c.cost.losing_coverage},
                          {"cut_off", c.cost.cut_off},
                          {"added_person_h", rounded(c.cost.added_person_s / 3600, 2)},
                          {"losing_shelter_access", c.losing_shelter_access
                                                        ? nlohmann::json(*c.losing_shelter_access)
                                                        : nlohmann::json()},
                          {"line", line_json(c.line)}});
    }
    const ResponseTally& total = answer.baseline.coverage.total;
    return {{"stretches_tried", answer.stretch_count},
            {"seconds", rounded(answer.seconds, 3)},
            {"target_s", query.response.target_s},
            {"turnout_s", query.response.turnout_s},
            {"units", answer.baseline.units.size()},
            {"population", total.population},
            {"covered", total.covered},
            {"ranked", ranked},
            {"metric", answer.baseline.metric}};
}

std::vector<FeatureTable> criticality_layers(const CriticalityAnswer& answer) {
    FeatureTable table{"road_criticality",
                       GeometryType::line_string,
                       {{"criticality_rank", FieldType::integer},
                        {"road_class", FieldType::text},
                        {"stretch_length_m", FieldType::real},
                        {"people_losing_coverage", FieldType::integer},
                        {"people_cut_off", FieldType::integer},
                        {"added_response_person_h", FieldType::real},
                        {"people_losing_shelter_access", FieldType::integer}},
                       {}};
    for (std::size_t k = 0; k < answer.ranked.size(); ++k) {
        const CriticalStretch& c = answer.ranked[k];
        table.rows.push_back(
            {{static_cast<std::int64_t>(k + 1), c.stretch.road_class, metres(c.stretch.length_m),
              c.cost.losing_coverage, c.cost.cut_off, real(c.cost.added_person_s / 3600, 2),
              c.losing_shelter_access ? FieldValue(*c.losing_shelter_access) : FieldValue()},
             c.line});
    }
    return {table};
}

}  // namespace muster::tools

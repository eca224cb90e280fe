#include "tools/present/criticality_output.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

nlohmann::json criticality_json(const CriticalityQuery& query, const CriticalityAnswer& answer) {
    nlohmann::json ranked = nlohmann::json::array();
    for (const CriticalStretch& c : answer.ranked) {
        const std::string structures = c.roads.structures();
        ranked.push_back(
            {{"rank", c.rank},
             {"road_name", c.roads.name.empty() ? nlohmann::json() : nlohmann::json(c.roads.name)},
             {"road_class", c.stretch.road_class},
             {"structure", structures.empty() ? nlohmann::json() : nlohmann::json(structures)},
             {"length_m", rounded(c.stretch.length_m, 1)},
             {"structure_length_m", rounded(c.roads.bridge_m + c.roads.tunnel_m, 1)},
             {"losing_coverage", c.cost.losing_coverage},
             {"cut_off", c.cost.cut_off},
             {"added_person_h", rounded(c.cost.added_person_s / 3600, 2)},
             {"losing_shelter_access", answer.shelter_access_counted
                                           ? nlohmann::json(c.cost.losing_shelter_access)
                                           : nlohmann::json()},
             {"line", line_json(c.line)}});
    }
    const ResponseTally& total = answer.baseline.coverage.total;
    return {{"stretches_tried", answer.stretch_count},
            {"stretches_over_structures", answer.structure_count},
            {"ranked_by", to_string(query.rank_by)},
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
                        {"road_name", FieldType::text},
                        {"road_class", FieldType::text},
                        {"road_structure", FieldType::text},
                        {"stretch_length_m", FieldType::real},
                        {"structure_length_m", FieldType::real},
                        {"people_losing_coverage", FieldType::integer},
                        {"people_cut_off", FieldType::integer},
                        {"added_response_person_h", FieldType::real},
                        {"people_losing_shelter_access", FieldType::integer}},
                       {}};
    for (const CriticalStretch& c : answer.ranked) {
        const std::string structures = c.roads.structures();
        const auto text_or_null = [](const std::string& t) {
            return t.empty() ? FieldValue() : FieldValue(t);
        };
        table.rows.push_back(
            {{static_cast<std::int64_t>(c.rank), text_or_null(c.roads.name), c.stretch.road_class,
              text_or_null(structures), metres(c.stretch.length_m),
              metres(c.roads.bridge_m + c.roads.tunnel_m), c.cost.losing_coverage, c.cost.cut_off,
              real(c.cost.added_person_s / 3600, 2),
              answer.shelter_access_counted ? FieldValue(c.cost.losing_shelter_access)
                                            : FieldValue()},
             c.line});
    }
    return {table};
}

}  // namespace muster::tools

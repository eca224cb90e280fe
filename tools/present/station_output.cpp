#include "tools/present/station_output.hpp"

#include "tools/present/field_values.hpp"

namespace muster::tools {
namespace {

nlohmann::json figures_json(const AmbulanceSitingResult& r) {
    return {{"covered_once", rounded(r.covered_once, 1)},
            {"covered_twice", rounded(r.covered_twice, 1)},
            {"within_long_target", rounded(r.within_long, 1)},
            {"expected_covered", rounded(r.expected_covered, 1)}};
}

}  // namespace

nlohmann::json station_json(const StationQuery& query, const StationAnswer& answer) {
    const AmbulanceSitingResult& plan = answer.plan;
    nlohmann::json stations = nlohmann::json::array();
    for (std::size_t j = 0; j < answer.sites.size(); ++j) {
        const StationSite& site = answer.sites[j];
        if (site.units_now == 0 && plan.units_at[j] == 0)
            continue;
        stations.push_back({{"id", site.id},
                            {"name", site.name},
                            {"existing", site.existing},
                            {"units_now", site.units_now},
                            {"units_planned", plan.units_at[j]},
                            {"location", {site.location.lon, site.location.lat}}});
    }
    nlohmann::json left_out = nlohmann::json::array();
    for (const LeftOutStation& l : answer.left_out)
        left_out.push_back({{"id", l.id}, {"reason", l.reason}});
    const AmbulanceSitingOptions& o = answer.options;
    return {{"model", to_string(query.model)},
            {"fleet", answer.fleet},
            {"units", o.units},
            {"max_per_site", o.max_per_site},
            {"target_s", query.target_s},
            {"turnout_s", query.turnout_s},
            {"long_target_s", query.long_target_s},
            {"alpha", query.alpha},
            {"busy_fraction", query.busy_fraction},
            {"population", answer.instance.total_weight() + answer.unreached_population},
            {"unreached_population", answer.unreached_population},
            {"now", answer.now ? figures_json(*answer.now) : nlohmann::json()},
            {"plan", figures_json(plan)},
            {"objective", rounded(plan.objective, 3)},
            {"bound", rounded(plan.bound, 3)},
            {"gap", rounded(plan.gap, 6)},
            {"optimal", plan.optimal},
            {"method", plan.method},
            {"seconds", rounded(plan.seconds, 3)},
            {"sites", answer.sites.size()},
            {"stations", stations},
            {"left_out", left_out},
            {"metric", answer.metric}};
}

std::vector<FeatureTable> station_layers(const StationAnswer& answer) {
    FeatureTable sites{"station_sites",
                       GeometryType::point,
                       {{"site_id", FieldType::text},
                        {"site_name", FieldType::text},
                        {"existing", FieldType::boolean},
                        {"units_now", FieldType::integer},
                        {"units_planned", FieldType::integer}},
                       {}};
    for (std::size_t j = 0; j < answer.sites.size(); ++j) {
        const StationSite& site = answer.sites[j];
        sites.rows.push_back({{site.id, text_or_null(site.name), flag(site.existing),
                               static_cast<std::int64_t>(site.units_now),
                               static_cast<std::int64_t>(answer.plan.units_at[j])},
                              site.location});
    }
    return {sites};
}

}  // namespace muster::tools

#include "tools/present/siting_output.hpp"

#include "tools/present/field_values.hpp"
#include "tools/present/geojson.hpp"

namespace muster::tools {

namespace {

/// Site and township figures of one answer, summed from the assignment.
struct Totals {
    std::vector<double> site_people, site_person_m;  // per instance site
    std::vector<std::size_t> site_points;
    std::vector<double> township_assigned, township_person_m;
    std::vector<std::int64_t> township_population;
    double assigned = 0, person_m = 0;
    std::int64_t population = 0;
};

Totals totals(const Resources& resources, const SiteDbAnswer& answer) {
    Totals t;
    const std::size_t m = answer.sites.size();
    t.site_people.assign(m, 0);
    t.site_person_m.assign(m, 0);
    t.site_points.assign(m, 0);
    t.township_assigned.assign(resources.townships.size(), 0);
    t.township_person_m.assign(resources.townships.size(), 0);
    t.township_population.assign(resources.townships.size(), 0);
    for (const DemandPoint& p : answer.demand.points) {
        t.township_population[p.township] += p.population;
        t.population += p.population;
    }
    for (const SitingAssignment& a : answer.result.assignment) {
        if (!a.covered)
            continue;
        const std::size_t township =
            answer.demand.points[answer.instance_demand[a.demand]].township;
        t.site_people[a.site] += a.amount;
        t.site_person_m[a.site] += a.amount * a.cost;
        ++t.site_points[a.site];
        t.township_assigned[township] += a.amount;
        t.township_person_m[township] += a.amount * a.cost;
        t.assigned += a.amount;
        t.person_m += a.amount * a.cost;
    }
    return t;
}

nlohmann::json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

ServedWords served_words(SitingModel model) {
    if (siting_model_covers(model))
        return {"covered", "uncovered"};
    return {"assigned", "unassigned"};
}

std::vector<double> assigned_people(const SiteDbAnswer& answer) {
    std::vector<double> people(answer.demand.points.size(), 0);
    for (const SitingAssignment& a : answer.result.assignment) {
        if (a.covered)
            people[answer.instance_demand[a.demand]] += a.amount;
    }
    return people;
}

nlohmann::json site_db_json(const QueryContext& context, const SiteDbQuery& query,
                            const SiteDbAnswer& answer) {
    const Resources& resources = context.resources;
    const SitingResult& result = answer.result;
    const Totals t = totals(resources, answer);
    const ServedWords words = served_words(result.model);

    nlohmann::json open = nlohmann::json::array();
    nlohmann::json chosen = nlohmann::json::array();
    std::size_t new_sites = 0;
    for (std::size_t j : result.open_sites) {
        const SiteOption& s = answer.sites[j];
        new_sites += s.existing ? 0 : 1;
        open.push_back(s.id);
        nlohmann::json site = {{"id", s.id}, {"name", s.name}, {"existing", s.existing}};
        if (siting_model_capacitated(result.model))
            site["capacity"] = optional_number(s.capacity);
        site.update(
            {{words.served, rounded(t.site_people[j], 6)},
             {"demand_points", t.site_points[j]},
             {"mean_walk_m",
              t.site_people[j] > 0 ? rounded(t.site_person_m[j] / t.site_people[j], 1) : 0.0},
             {"location", position_json(s.location)}});
        chosen.push_back(std::move(site));
    }
    nlohmann::json townships = nlohmann::json::array();
    for (std::size_t k = 0; k < resources.townships.size(); ++k) {
        const double assigned = rounded(t.township_assigned[k], 6);
        townships.push_back({{"id", resources.townships[k].id},
                             {"name", resources.townships[k].name},
                             {"population", t.township_population[k]},
                             {words.served, assigned},
                             {words.unserved, rounded(t.township_population[k] - assigned, 6)},
                             {"person_km", rounded(t.township_person_m[k] / 1000, 3)}});
    }
    nlohmann::json unreachable = nlohmann::json::array();
    std::int64_t unreachable_people = 0;
    for (const UnreachableDemand& u : answer.unreachable) {
        const DemandPoint& p = answer.demand.points[u.demand];
        unreachable_people += p.population;
        unreachable.push_back({{"demand", answer.demand_ids[u.demand]},
                               {"township", resources.townships[p.township].id},
                               {"population", p.population},
                               {"location", position_json(p.location)},
                               {"reason", u.reason}});
    }
    nlohmann::json left_out = nlohmann::json::array();
    for (const LeftOutSite& s : answer.left_out)
        left_out.push_back({{"id", s.id}, {"existing", s.existing}, {"reason", s.reason}});
    nlohmann::json assignment = nlohmann::json::array();
    for (const SitingAssignment& a : result.assignment) {
        if (!a.covered)
            continue;
        const std::size_t d = answer.instance_demand[a.demand];
        assignment.push_back(
            {{"demand", answer.demand_ids[d]},
             {"township", resources.townships[answer.demand.points[d].township].id},
             {"site", answer.sites[a.site].id},
             {"people", rounded(a.amount, 6)},
             {"walk_m", a.cost}});
    }
    const char* existing = query.existing == ExistingShelters::fixed        ? "fixed"
                           : query.existing == ExistingShelters::candidates ? "candidates"
                                                                            : "ignore";
    const double assigned = rounded(t.assigned, 6);
    nlohmann::json out = siting_result_json(result);
    out.update({{"p", query.p},
                {"radius_m", std::isnan(query.radius_m) ? nlohmann::json(nullptr)
                                                        : nlohmann::json(query.radius_m)},
                {"search_bound_m", answer.search_bound_m},
                {"existing", existing},
                {"population", t.population},
                {words.served, assigned},
                {words.unserved, rounded(static_cast<double>(t.population) - assigned, 6)},
                {"unreachable", unreachable_people},
                {"person_km", rounded(t.person_m / 1000, 3)},
                {"mean_walk_m", t.assigned > 0 ? rounded(t.person_m / t.assigned, 1) : 0.0},
                {"open_sites", open},
                {"new_sites", new_sites},
                {"chosen", chosen},
                {"sites_considered", answer.sites.size()},
                {"left_out_sites", left_out},
                {"unreachable_demand", unreachable},
                {"by_township", townships},
                {"assignment", assignment},
                {"demand_points", answer.demand.points.size()},
                {"grid_cell_m", query.grid.cell_m},
                {"metric", answer.metric}});
    return out;
}

nlohmann::json siting_result_json(const SitingResult& result) {
    const bool maximizing = result.model == SitingModel::mclp;
    return {{"model", siting_model_name(result.model)},
            {"objective", result.objective},
            {"lower_bound", maximizing ? result.objective : result.bound},
            {"upper_bound", maximizing ? result.bound : result.objective},
            {"gap", result.gap},
            {"optimal", result.optimal},
            {"method", result.method}};
}

std::vector<FeatureTable> site_db_layers(const QueryContext& context, const SiteDbAnswer& answer) {
    const Resources& resources = context.resources;
    const Totals t = totals(resources, answer);
    const ServedWords words = served_words(answer.result.model);
    const std::string served = "people_" + words.served, unserved = "people_" + words.unserved;
    const bool with_capacity = siting_model_capacitated(answer.result.model);
    FeatureTable chosen{"chosen_sites",
                        GeometryType::point,
                        {{"site_id", FieldType::text},
                         {"site_name", FieldType::text},
                         {"existing", FieldType::boolean},
                         {served, FieldType::real}},
                        {}};
    if (with_capacity)
        chosen.fields.push_back({"capacity_persons", FieldType::real});
    chosen.fields.push_back({"demand_point_count", FieldType::integer});
    chosen.fields.push_back({"mean_walk_distance_m", FieldType::real});
    for (std::size_t j : answer.result.open_sites) {
        const SiteOption& s = answer.sites[j];
        std::vector<FieldValue> values = {s.id, text_or_null(s.name), flag(s.existing),
                                          t.site_people[j]};
        if (with_capacity)
            values.push_back(s.capacity ? FieldValue(*s.capacity) : FieldValue());
        values.push_back(static_cast<std::int64_t>(t.site_points[j]));
        values.push_back(t.site_people[j] > 0 ? metres(t.site_person_m[j] / t.site_people[j])
                                              : FieldValue());
        chosen.rows.push_back({std::move(values), s.location});
    }

    const auto township_of = [&](std::size_t d) -> const Township& {
        return resources.townships[answer.demand.points[d].township];
    };
    // Walks to the millimetre the search gives (not 0.1 m): people × walk_distance_m sums to the
    // objective.
    FeatureTable lines{"site_assignment",
                       GeometryType::line_string,
                       {{"demand_id", FieldType::text},
                        {"township_id", FieldType::text},
                        {"township_name", FieldType::text},
                        {"site_id", FieldType::text},
                        {"site_name", FieldType::text},
                        {served, FieldType::real},
                        {"walk_distance_m", FieldType::real}},
                       {}};
    // Per demand point: its nearest assigned site (a split point lists the one with most people).
    std::vector<std::optional<std::size_t>> site_of(answer.demand.points.size());
    std::vector<double> walk_of(answer.demand.points.size(), 0),
        most(answer.demand.points.size(), 0);
    for (const SitingAssignment& a : answer.result.assignment) {
        if (!a.covered)
            continue;
        const std::size_t d = answer.instance_demand[a.demand];
        const DemandPoint& p = answer.demand.points[d];
        const SiteOption& s = answer.sites[a.site];
        lines.rows.push_back(
            {{answer.demand_ids[d], township_of(d).id, text_or_null(township_of(d).name), s.id,
              text_or_null(s.name), a.amount, a.cost},
             std::vector<LonLat>{p.location, s.location}});
        if (!site_of[d] || a.amount > most[d]) {
            site_of[d] = a.site;
            walk_of[d] = a.cost;
            most[d] = a.amount;
        }
    }

    FeatureTable demand{"demand_points",
                        GeometryType::point,
                        {{"demand_id", FieldType::text},
                         {"township_id", FieldType::text},
                         {"township_name", FieldType::text},
                         {"population", FieldType::integer},
                         {"site_id", FieldType::text},
                         {"site_name", FieldType::text},
                         {"walk_distance_m", FieldType::real},
                         {served, FieldType::real},
                         {unserved, FieldType::real},
                         {"reason", FieldType::text}},
                        {}};
    std::vector<std::string> reason(answer.demand.points.size());
    for (const UnreachableDemand& u : answer.unreachable)
        reason[u.demand] = u.reason;
    const std::vector<double> people = assigned_people(answer);
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        const DemandPoint& p = answer.demand.points[d];
        if (reason[d].empty() && people[d] < static_cast<double>(p.population))
            reason[d] =
                site_of[d] ? "partly beyond the chosen sites' capacity"
                : siting_model_covers(answer.result.model)
                    ? "no chosen site within " + metres_text(answer.search_bound_m) + " m walk"
                    : "no chosen site within reach";
        const SiteOption* site = site_of[d] ? &answer.sites[*site_of[d]] : nullptr;
        demand.rows.push_back(
            {{answer.demand_ids[d], township_of(d).id, text_or_null(township_of(d).name),
              p.population, site ? FieldValue(site->id) : FieldValue(),
              site ? text_or_null(site->name) : FieldValue(),
              site ? FieldValue(walk_of[d]) : FieldValue(), people[d],
              static_cast<double>(p.population) - people[d], text_or_null(reason[d])},
             p.location});
    }
    return {chosen, lines, demand};
}

}  // namespace muster::tools

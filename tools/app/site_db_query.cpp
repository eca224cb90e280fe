#include "tools/app/site_db_query.hpp"

#include <cmath>
#include <map>
#include <unordered_set>

#include "engine/errors.hpp"
#include "engine/network_snapping.hpp"
#include "solvers/coverage/walking_reach.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster::tools {
namespace {

bool needs_p(SitingModel model) {
    return model != SitingModel::lscp && model != SitingModel::cflp;
}

using DemandSnaps = std::vector<std::optional<Snap>>;

std::optional<Snap> snap_point(const QueryContext& context, LonLat p) {
    return snap_to_network(context.graph.snaps(), context.graph.components(), p,
                           context.snap_limit_m)
        .snap;
}

std::string too_far_text(const QueryContext& context) {
    return "farther than " + metres_text(context.snap_limit_m) + " m from any path";
}

// Gather the demand exactly as `muster coverage` builds it, with each point's id and snap.
DemandSnaps gather_demand(const QueryContext& context, const SiteDbQuery& query,
                          SiteDbAnswer& answer) {
    const Resources& resources = context.resources;
    answer.demand = demand_points(resources.townships, context.graph.network(), query.grid);
    DemandSnaps snaps;
    std::vector<std::size_t> per_township(resources.townships.size(), 0);
    for (const DemandPoint& p : answer.demand.points) {
        snaps.push_back(snap_point(context, p.location));
        answer.demand_ids.push_back(resources.townships[p.township].id + "#" +
                                    std::to_string(++per_township[p.township]));
    }
    return snaps;
}

// Admits a site where people can reach it: outside every closed zone and near a path. Adds it
// to the answer's sites with its walking target, or to those left out with the reason.
void admit_site(const QueryContext& context, SiteOption site, SiteDbAnswer& answer,
                std::vector<WalkTarget>& targets) {
    if (const HazardZone* zone = closed_zone_at(context.hazards, site.location)) {
        answer.left_out.push_back(
            {site.id, site.existing, "inside closed hazard zone " + zone->id});
        return;
    }
    const auto at = snap_point(context, site.location);
    if (!at) {
        answer.left_out.push_back({site.id, site.existing, too_far_text(context)});
        return;
    }
    targets.push_back({*at, answer.search_bound_m});
    answer.sites.push_back(std::move(site));
}

// Gather the sites: the existing open shelters (unless ignored), then the candidates. Returns
// the walking target of each admitted site.
std::vector<WalkTarget> gather_sites(const QueryContext& context,
                                     std::span<const CandidateSite> candidates,
                                     const SiteDbQuery& query, SiteDbAnswer& answer) {
    const bool with_capacity = siting_model_capacitated(query.model);
    std::vector<WalkTarget> targets;
    std::unordered_set<std::string> existing_ids;
    if (query.existing != ExistingShelters::ignore) {
        for (const Shelter& shelter : context.resources.shelters) {
            if (shelter.status != ShelterStatus::open) {
                answer.left_out.push_back(
                    {shelter.id, true, "status " + std::string(to_string(shelter.status))});
                continue;
            }
            if (with_capacity && shelter.capacity <= 0) {
                answer.left_out.push_back({shelter.id, true, "capacity unknown"});
                continue;
            }
            existing_ids.insert(shelter.id);
            admit_site(context,
                       {shelter.id, shelter.name, shelter.location, true,
                        static_cast<double>(shelter.capacity), 0.0},
                       answer, targets);
        }
    }
    for (const CandidateSite& c : candidates) {
        if (existing_ids.count(c.id) > 0) {
            throw InputError("candidate '" + c.id +
                             "' has the id of an existing shelter; leave it out of the candidates "
                             "or use --existing ignore");
        }
        if (with_capacity && !c.capacity) {
            throw InputError("candidate '" + c.id + "' has no capacity: --model " +
                             std::string(siting_model_name(query.model)) +
                             " needs --capacity-field F or --candidate-capacity N");
        }
        admit_site(context, {c.id, c.name, c.location, false, c.capacity, c.fixed_cost}, answer,
                   targets);
    }
    if (answer.sites.empty())
        throw InputError(
            "no site is left to choose from (every candidate and shelter is closed, "
            "in a closed hazard zone or away from the paths)");
    return targets;
}

// The demand points some site reaches, in order of first reach: fills answer.instance_demand and
// returns each demand point's index in it (SIZE_MAX for none). Notes why each other point is
// unreachable.
std::vector<std::size_t> reached_demand(const QueryContext& context,
                                        const std::vector<WalkingReach>& pairs,
                                        const DemandSnaps& demand_snaps, SiteDbAnswer& answer) {
    std::vector<std::size_t> instance_index(answer.demand.points.size(), SIZE_MAX);
    for (const WalkingReach& r : pairs) {
        if (instance_index[r.demand] == SIZE_MAX) {
            instance_index[r.demand] = answer.instance_demand.size();
            answer.instance_demand.push_back(r.demand);
        }
    }
    for (std::size_t d = 0; d < answer.demand.points.size(); ++d) {
        if (instance_index[d] != SIZE_MAX)
            continue;
        std::string reason = too_far_text(context);
        if (const HazardZone* zone =
                closed_zone_at(context.hazards, answer.demand.points[d].location))
            reason = "inside closed hazard zone " + zone->id + " (its paths are closed)";
        else if (demand_snaps[d])
            reason = "no site within " + metres_text(answer.search_bound_m) + " m walk";
        answer.unreachable.push_back({d, std::move(reason)});
    }
    if (answer.instance_demand.empty())
        throw InputError("no demand point has a site within " + metres_text(answer.search_bound_m) +
                         " m walk");
    return instance_index;
}

// The siting instance of the reached demand points and the admitted sites.
void build_instance(const std::vector<WalkingReach>& pairs,
                    const std::vector<std::size_t>& instance_index, const SiteDbQuery& query,
                    SiteDbAnswer& answer) {
    const bool with_capacity = siting_model_capacitated(query.model);
    SitingInstance& instance = answer.instance;
    instance = make_siting_instance(answer.instance_demand.size(), answer.sites.size());
    for (std::size_t i = 0; i < answer.instance_demand.size(); ++i) {
        const std::size_t d = answer.instance_demand[i];
        instance.demand_ids[i] = answer.demand_ids[d];
        instance.weights[i] = static_cast<double>(answer.demand.points[d].population);
    }
    for (std::size_t j = 0; j < answer.sites.size(); ++j) {
        const SiteOption& site = answer.sites[j];
        instance.site_ids[j] = site.id;
        if (with_capacity)
            instance.capacity[j] = *site.capacity;
        instance.fixed_cost[j] = site.fixed_cost;
        instance.forced_open[j] = site.existing && query.existing == ExistingShelters::fixed;
    }
    for (const WalkingReach& r : pairs)
        instance.costs[instance_index[r.demand] * answer.sites.size() + r.target] = r.distance_m();
}

// Solve: p must leave room for the shelters forced open; then the model.
SitingResult solve_instance(const SiteDbQuery& query, const SitingInstance& instance) {
    const std::size_t forced = instance.forced_open_count();
    if (needs_p(query.model) && query.p < forced) {
        throw InputError("-p " + std::to_string(query.p) + " is fewer than the " +
                         std::to_string(forced) +
                         " existing open shelters that --existing fixed keeps open (p counts "
                         "them): give -p " +
                         std::to_string(forced) +
                         " plus the new sites wanted, or --existing "
                         "candidates or ignore");
    }
    SitingOptions options;
    options.p = query.p;
    options.radius = siting_model_covers(query.model) ? query.radius_m
                                                      : std::numeric_limits<double>::quiet_NaN();
    options.time_limit_s = query.time_limit_s;
    return solve_siting(query.model, instance, options);
}

}  // namespace

void check_site_db_query(const SiteDbQuery& query) {
    const std::string model(siting_model_name(query.model));
    const double r = query.radius_m;
    if (siting_model_covers(query.model) && std::isnan(r))
        throw InputError("--radius is required for --model " + model);
    if (!std::isnan(r) && (!std::isfinite(r) || r <= 0 || r > 100'000))
        throw InputError("--radius: " + metres_text(r) + " m is outside (0, 100000] m");
    if (needs_p(query.model) && query.p == 0)
        throw InputError("-p is required for --model " + model);
    if (!needs_p(query.model) && query.p != 0)
        throw InputError("-p does not apply to --model " + model +
                         " (it chooses the number of sites)");
    if (!(query.time_limit_s > 0))
        throw InputError("--time-limit must be > 0 seconds");
}

std::optional<ExistingShelters> parse_existing_shelters(std::string_view name) {
    if (name == "fixed")
        return ExistingShelters::fixed;
    if (name == "candidates")
        return ExistingShelters::candidates;
    if (name == "ignore")
        return ExistingShelters::ignore;
    return std::nullopt;
}

SiteDbAnswer answer_site_db(const QueryContext& context, std::span<const CandidateSite> candidates,
                            const SiteDbQuery& query) {
    check_site_db_query(query);
    SiteDbAnswer answer;
    answer.metric = context.metric.label;
    answer.search_bound_m = std::isnan(query.radius_m) ? kSitingSearchBoundM : query.radius_m;

    const DemandSnaps demand_snaps = gather_demand(context, query, answer);
    const std::vector<WalkTarget> targets = gather_sites(context, candidates, query, answer);
    // Walking distances, bounded per site.
    const Metric distance = walking_distance_metric(context.graph.network(), context.metric);
    const auto pairs = walking_reach(context.graph, distance, demand_snaps, targets);
    const std::vector<std::size_t> instance_index =
        reached_demand(context, pairs, demand_snaps, answer);
    build_instance(pairs, instance_index, query, answer);
    answer.result = solve_instance(query, answer.instance);
    return answer;
}

}  // namespace muster::tools

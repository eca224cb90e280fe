#include "tools/app/station_query.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "engine/errors.hpp"
#include "engine/network_snapping.hpp"
#include "solvers/response/drive_times.hpp"
#include "solvers/siting/siting_models.hpp"
#include "tools/app/number_text.hpp"

namespace muster::tools {
namespace {

constexpr std::array<std::pair<StationModel, std::string_view>, 3> kModels{
    {{StationModel::dsm, "dsm"}, {StationModel::mexclp, "mexclp"}, {StationModel::mclp, "mclp"}}};

void require(bool ok, const std::string& message) {
    if (!ok)
        throw InputError(message);
}

void check(const StationQuery& q) {
    check_response_target(q.target_s, q.turnout_s);
    const double target = q.target_s / 60, long_target = q.long_target_s / 60;
    require(std::isfinite(long_target) && long_target >= target && long_target <= 240,
            "--long-target-min: " + fixed(long_target, 1) + " is outside [" + fixed(target, 1) +
                ", 240] minutes");
    require(q.max_per_site >= 1, "--max-per-site: must be at least 1");
    require(q.alpha >= 0 && q.alpha <= 1, "--alpha: " + fixed(q.alpha, 2) + " is outside [0, 1]");
    require(q.busy_fraction >= 0 && q.busy_fraction < 1,
            "--busy: " + fixed(q.busy_fraction, 2) + " is outside [0, 1)");
    require(q.time_limit_s > 0, "--time-limit: must be > 0 seconds");
    require(std::isfinite(q.grid.cell_m) && q.grid.cell_m >= 10 && q.grid.cell_m <= 10'000,
            "--cell-m: " + fixed(q.grid.cell_m, 1) + " is outside [10, 10000] m");
}

std::optional<Snap> snap_point(const QueryContext& context, LonLat p) {
    return snap_to_network(context.graph.snaps(), context.graph.components(), p,
                           context.snap_limit_m)
        .snap;
}

/// The stations the fleet is based at now: one per distinct place, named by its first team.
std::vector<StationSite> stations_now(const std::vector<Facility>& fleet) {
    std::vector<StationSite> out;
    std::map<std::pair<double, double>, std::size_t> at;
    for (const Facility& unit : fleet) {
        const auto [it, added] = at.try_emplace({unit.location.lon, unit.location.lat}, out.size());
        if (added)
            out.push_back({"station:" + unit.id, unit.name, unit.location, true, 0});
        ++out[it->second].units_now;
    }
    return out;
}

AmbulanceSitingResult plan_with_mclp(const SitingInstance& instance,
                                     const AmbulanceSitingOptions& o) {
    SitingOptions options;
    options.p = o.units;
    options.radius = o.radius;
    options.time_limit_s = o.time_limit_s;
    const SitingResult r = solve_siting(SitingModel::mclp, instance, options);
    std::vector<std::size_t> units_at(instance.site_count(), 0);
    for (std::size_t j : r.open_sites)
        units_at[j] = 1;
    AmbulanceSitingResult plan = placement_figures(instance, std::move(units_at), o);
    plan.objective = r.objective;
    plan.bound = r.bound;
    plan.gap = r.gap;
    plan.optimal = r.optimal;
    plan.method = r.method;
    plan.seconds = r.seconds;
    return plan;
}

}  // namespace

std::optional<StationModel> parse_station_model(std::string_view name) {
    for (const auto& [model, text] : kModels) {
        if (text == name)
            return model;
    }
    return std::nullopt;
}

std::string_view to_string(StationModel model) {
    for (const auto& [m, text] : kModels) {
        if (m == model)
            return text;
    }
    return "unknown";
}

std::optional<ExistingStations> parse_existing_stations(std::string_view name) {
    if (name == "keep")
        return ExistingStations::keep;
    if (name == "move")
        return ExistingStations::move;
    if (name == "ignore")
        return ExistingStations::ignore;
    return std::nullopt;
}

StationAnswer answer_stations(const QueryContext& context,
                              std::span<const CandidateSite> candidates,
                              const StationQuery& query) {
    check(query);
    if (!context.cch)
        throw ContractError("station siting needs a customized hierarchy");
    StationAnswer answer;
    answer.metric = context.metric.label;
    const std::vector<Facility> fleet = select_facilities(context.resources, query.units);
    answer.fleet = fleet.size();

    // The sites: the stations now (unless ignored), then the candidates; each where a unit can
    // leave by road.
    std::vector<StationSite> sites;
    if (query.existing != ExistingStations::ignore)
        sites = stations_now(fleet);
    for (const CandidateSite& c : candidates)
        sites.push_back({c.id, c.name, c.location, false, 0});
    std::vector<Snap> snaps;
    for (StationSite& site : sites) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, site.location)) {
            answer.left_out.push_back({site.id, closed_zone_reason(*zone)});
            continue;
        }
        const auto at = snap_point(context, site.location);
        if (!at) {
            answer.left_out.push_back(
                {site.id,
                 "farther than " + metres_text(context.snap_limit_m) + " m from any road"});
            continue;
        }
        snaps.push_back(*at);
        answer.sites.push_back(std::move(site));
    }
    require(!answer.sites.empty(),
            "no site is left to choose from (give --candidates, or every station and candidate "
            "is in a closed hazard zone or away from the roads)");

    // The demand: the response grid's cells some site reaches within the long target.
    DemandCells cells = demand_cells(context, query.grid);
    answer.demand = std::move(cells.demand);
    const std::vector<std::optional<Snap>>& demand_snaps = cells.snaps;
    const double drive_limit_s = query.long_target_s - query.turnout_s;
    const auto drive =
        drive_times_s(context.graph, context.metric, *context.cch, snaps, demand_snaps,
                      static_cast<std::uint64_t>(std::llround(drive_limit_s * 1e3)));
    throw_if_stopped(context.stop, "the station siting");
    const std::size_t m = answer.sites.size();
    SitingInstance& instance = answer.instance;
    for (std::size_t p = 0; p < answer.demand.points.size(); ++p) {
        const DemandPoint& point = answer.demand.points[p];
        bool reached = false;
        for (std::size_t j = 0; j < m; ++j)
            reached = reached || drive[p * m + j].has_value();
        if (!reached) {
            answer.unreached_population += static_cast<double>(point.population);
            continue;
        }
        answer.points.push_back(p);
        instance.demand_ids.push_back(context.resources.townships[point.township].id + "#" +
                                      std::to_string(p));
        instance.weights.push_back(static_cast<double>(point.population));
        for (std::size_t j = 0; j < m; ++j) {
            const auto& d = drive[p * m + j];
            instance.costs.push_back(d ? *d + query.turnout_s : kNoCost);
        }
    }
    require(!answer.points.empty(),
            "no demand cell is within the long target of any site (townships without "
            "population, or no road reaches them)");
    for (const StationSite& site : answer.sites) {
        instance.site_ids.push_back(site.id);
        instance.capacity.push_back(std::numeric_limits<double>::infinity());  // uncapacitated
        instance.fixed_cost.push_back(0);
        instance.forced_open.push_back(site.existing && query.existing == ExistingStations::keep);
    }

    AmbulanceSitingOptions& o = answer.options;
    o.units = query.unit_count.value_or(answer.fleet);
    o.max_per_site = query.max_per_site;
    o.radius = query.target_s;
    o.long_radius = query.long_target_s;
    o.alpha = query.alpha;
    o.busy_fraction = query.busy_fraction;
    o.time_limit_s = query.time_limit_s;
    if (query.existing != ExistingStations::ignore) {
        std::vector<std::size_t> now;
        for (const StationSite& site : answer.sites)
            now.push_back(site.units_now);
        answer.now = placement_figures(instance, std::move(now), o);
    }
    switch (query.model) {
        case StationModel::dsm:
            answer.plan = solve_double_standard(instance, o);
            break;
        case StationModel::mexclp:
            answer.plan = solve_max_expected_covering(instance, o);
            break;
        case StationModel::mclp:
            answer.plan = plan_with_mclp(instance, o);
            break;
    }
    return answer;
}

}  // namespace muster::tools

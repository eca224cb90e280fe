#include "tools/app/response_query.hpp"

#include <cmath>

#include "engine/network_snapping.hpp"
#include "tools/app/number_text.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

void check_range(bool ok, const std::string& what, double value, const std::string& range) {
    if (!ok)
        throw QueryError(ErrorCode::InvalidValue,
                         what + ": " + (std::isfinite(value) ? fixed(value, 1) : "not a number") +
                             " is outside " + range);
}

void check(const ResponseQuery& query) {
    check_response_target(query.target_s, query.turnout_s);
    check_range(std::isfinite(query.radius_m) && query.radius_m > 0 && query.radius_m <= 100'000,
                "service radius (radius-m)", query.radius_m, "(0, 100000] m");
    const double cell = query.grid.cell_m;
    check_range(std::isfinite(cell) && cell >= 10 && cell <= 10'000,
                "demand grid cell size (cell-m)", cell, "[10, 10000] m");
}

}  // namespace

void check_response_target(double target_s, double turnout_s) {
    const double target_min = target_s / 60;
    check_range(std::isfinite(target_min) && target_min > 0 && target_min <= 120,
                "response target (target-min)", target_min, "(0, 120] minutes");
    const double turnout_min = turnout_s / 60;
    check_range(std::isfinite(turnout_min) && turnout_min >= 0 && turnout_min < target_min,
                "turnout (turnout-min)", turnout_min,
                "[0, " + fixed(target_min, 1) + ") minutes: the crew must leave within the target");
}

DemandCells demand_cells(const QueryContext& context, const DemandGridOptions& grid) {
    DemandCells cells;
    cells.demand = demand_points(context.resources.townships, context.graph.network(), grid);
    throw_if_stopped(context.stop, "the demand cells");
    for (const DemandPoint& p : cells.demand.points) {
        cells.snaps.push_back(snap_to_network(context.graph.snaps(), context.graph.components(),
                                              p.location, context.snap_limit_m)
                                  .snap);
    }
    return cells;
}

ResponseAnswer answer_response(const QueryContext& context, const ResponseQuery& query) {
    check(query);
    if (!context.cch)
        throw ContractError("the response question needs a customized hierarchy");
    const RoadNetwork& network = context.graph.network();
    ResponseAnswer answer;
    answer.metric = context.metric.label;
    answer.limits = {
        static_cast<std::uint64_t>(std::llround((query.target_s - query.turnout_s) * 1e3)),
        static_cast<std::uint64_t>(std::llround(query.radius_m * 1e3))};
    const auto snap = [&](LonLat p) {
        return snap_to_network(context.graph.snaps(), context.graph.components(), p,
                               context.snap_limit_m)
            .snap;
    };
    std::vector<Facility> matched;
    try {
        matched = select_facilities(context.resources, query.units);
    } catch (const QueryError& e) {
        if (query.units_required || e.code() != ErrorCode::NoMatch)
            throw;
    }
    for (Facility& unit : matched) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, unit.location)) {
            answer.unavailable.push_back({std::move(unit), closed_zone_reason(*zone)});
            continue;
        }
        const auto at = snap(unit.location);
        if (!at) {
            answer.unavailable.push_back(
                {std::move(unit), "farther than " + metres_text(context.snap_limit_m) +
                                      " m from any road of the " +
                                      std::string(to_string(network.profile())) + " network"});
            continue;
        }
        answer.units.push_back(std::move(unit));
        answer.unit_snaps.push_back(*at);
    }
    DemandCells cells = demand_cells(context, query.grid);
    answer.demand = std::move(cells.demand);
    answer.demand_snaps = std::move(cells.snaps);
    throw_if_stopped(context.stop, "the response coverage");
    answer.responses = response_times(context.graph, context.metric, *context.cch,
                                      answer.unit_snaps, answer.demand_snaps);
    std::vector<PopulationPoint> people;
    for (const DemandPoint& p : answer.demand.points)
        people.push_back({p.township, p.population});
    answer.coverage = response_coverage(people, answer.responses, answer.limits,
                                        context.resources.townships.size());
    return answer;
}

}  // namespace muster::tools

#pragma once
// Which roads a county cannot afford to lose: every main road stretch between junctions closed in
// turn, the hierarchy brought up to date by a partial customization, the ambulance response to
// every demand cell recomputed (solvers/response/response_times.hpp), the stretch reopened. A
// stretch costs the people who lose their response within the limit, those no unit can reach
// any more, the person-seconds added to the quickest responses and, counted on the walking
// network (solvers/coverage/shelter_access_loss.hpp), the people it cuts off from every shelter.

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// A road between junctions: pieces of the classes asked for, joined end to end through nodes
/// where exactly two of them meet. Side roads of other classes do not cut it: closing a main
/// road closes it from one main junction to the next.
struct RoadStretch {
    std::vector<PieceId> pieces;  ///< in order along the stretch
    std::vector<EdgeId> edges;    ///< every edge of the pieces, both ways, ascending
    std::string road_class;       ///< of its first piece
    double length_m = 0;
};

/// The stretches of the pieces whose class is in `classes` (ferries never), in order of their
/// lowest piece. A node is a junction where other than two pieces of those classes meet.
/// O(pieces).
std::vector<RoadStretch> road_stretches(const RoadNetwork& network,
                                        const std::set<std::string>& classes);

/// People of one demand cell, snapped onto the network (none: reached by nobody).
struct ResponseDemand {
    std::optional<Snap> snap;
    std::int64_t population = 0;
};

/// What closing one stretch costs.
struct StretchCost {
    std::size_t stretch = 0;           ///< index into the stretches given
    std::int64_t losing_coverage = 0;  ///< covered within the limit before, not after
    std::int64_t cut_off = 0;          ///< reached by some unit before, by none after
    double added_person_s = 0;         ///< sum of population × added seconds, over cells reached
                                       ///< both before and after
    std::int64_t losing_shelter_access = 0;  ///< walking: a shelter in reach before, none after
};

/// What a ranking puts first. Each ranks by its own figure, most first, then by the others in
/// the order below, then by index:
/// - coverage: people losing coverage, then cut off, then person-seconds added;
/// - response_time: people cut off (an endless delay), then person-seconds added, then losing
///   coverage;
/// - shelter_access: people losing walking access to every shelter, then as coverage.
/// The ranks not named by a key follow as tie-breaks: shelter access last, except for its own.
enum class StretchRanking { coverage, response_time, shelter_access };

/// Sorts `costs` most critical first by `by`.
void rank_stretches(std::vector<StretchCost>& costs, StretchRanking by);

/// Each stretch closed in turn under `metric` (customized as `customized`), in the stretches'
/// order (rank_stretches ranks them); losing_shelter_access is left 0 for the caller to count.
/// Stretches already closed cost nothing. Throws ContractError as response_times.
/// O(stretches × (partial customization + response_times)).
std::vector<StretchCost> stretch_criticality(const RoutingGraph& graph, const Metric& metric,
                                             const cch::CchMetric& customized,
                                             std::span<const Snap> units,
                                             std::span<const ResponseDemand> demand,
                                             std::uint64_t limit_ms,
                                             std::span<const RoadStretch> stretches);

}  // namespace muster

#pragma once
// A plain siting instance: demand points with weights, candidate sites with capacity, fixed
// opening cost and a forced-open flag, and the cost of serving each demand point from each site.
//
// Invariants (checked by validate_siting_instance): weights >= 0 and finite; capacities > 0
// (infinity = uncapacitated); fixed costs >= 0 and finite; costs >= 0 and finite where a pair
// exists, kNoCost (+infinity) where the pair is not allowed; the cost matrix is dense, row-major,
// demand_count() x site_count().

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace muster {

/// The cost of a pair that may not be used (no road, not listed in the input).
inline constexpr double kNoCost = std::numeric_limits<double>::infinity();

/// One siting instance (see the invariants above). Costs are in the input's unit (metres,
/// seconds, money per unit of weight); weights are people or any demand unit.
struct SitingInstance {
    std::vector<std::string> demand_ids;  ///< source ids of the demand points
    std::vector<double> weights;          ///< demand (people) per demand point
    std::vector<std::string> site_ids;    ///< source ids of the candidate sites
    std::vector<double> capacity;         ///< per site, in weight units; +infinity = unlimited
    std::vector<double> fixed_cost;       ///< per site, cost of opening it (cflp)
    std::vector<char> forced_open;        ///< per site, 1 = must be open (an existing shelter)
    std::vector<double> costs;            ///< demand x site, row-major; kNoCost = pair not allowed

    std::size_t demand_count() const { return demand_ids.size(); }
    std::size_t site_count() const { return site_ids.size(); }
    /// Cost of serving demand point i from site j (kNoCost if not allowed). O(1).
    double cost(std::size_t i, std::size_t j) const { return costs[i * site_ids.size() + j]; }
    /// Number of sites with forced_open set. O(sites).
    std::size_t forced_open_count() const;
    /// Sum of the weights. O(demand).
    double total_weight() const;
};

/// An instance with `demand_count` demand points and `site_count` sites named "d<i>" and "s<j>",
/// weight 1, unlimited capacity, no fixed cost, none forced open and every cost kNoCost.
SitingInstance make_siting_instance(std::size_t demand_count, std::size_t site_count);

/// Checks the invariants above; throws muster::InputError naming the first violation (which
/// demand point or site, which value). O(demand x sites).
void validate_siting_instance(const SitingInstance& instance);

}  // namespace muster

#include "solvers/siting/siting_instance.hpp"

#include <cmath>
#include <numeric>

#include "engine/errors.hpp"

namespace muster {

std::size_t SitingInstance::forced_open_count() const {
    std::size_t count = 0;
    for (char open : forced_open)
        count += open ? 1 : 0;
    return count;
}

double SitingInstance::total_weight() const {
    return std::accumulate(weights.begin(), weights.end(), 0.0);
}

SitingInstance make_siting_instance(std::size_t demand_count, std::size_t site_count) {
    SitingInstance instance;
    for (std::size_t i = 0; i < demand_count; ++i)
        instance.demand_ids.push_back("d" + std::to_string(i));
    for (std::size_t j = 0; j < site_count; ++j)
        instance.site_ids.push_back("s" + std::to_string(j));
    instance.weights.assign(demand_count, 1.0);
    instance.capacity.assign(site_count, std::numeric_limits<double>::infinity());
    instance.fixed_cost.assign(site_count, 0.0);
    instance.forced_open.assign(site_count, 0);
    instance.costs.assign(demand_count * site_count, kNoCost);
    return instance;
}

void validate_siting_instance(const SitingInstance& instance) {
    const std::size_t n = instance.demand_count();
    const std::size_t m = instance.site_count();
    if (n == 0)
        throw InputError("siting instance: no demand points");
    if (m == 0)
        throw InputError("siting instance: no candidate sites");
    if (instance.weights.size() != n)
        throw InputError("siting instance: one weight per demand point expected");
    if (instance.capacity.size() != m || instance.fixed_cost.size() != m ||
        instance.forced_open.size() != m) {
        throw InputError(
            "siting instance: one capacity, fixed cost and open flag per site expected");
    }
    if (instance.costs.size() != n * m)
        throw InputError("siting instance: cost matrix is not demand x sites");
    for (std::size_t i = 0; i < n; ++i) {
        const double w = instance.weights[i];
        if (!std::isfinite(w) || w < 0) {
            throw InputError("siting instance: demand '" + instance.demand_ids[i] +
                             "' has weight " + std::to_string(w) +
                             " (a finite number >= 0 expected)");
        }
    }
    for (std::size_t j = 0; j < m; ++j) {
        const double q = instance.capacity[j];
        if (std::isnan(q) || q <= 0) {
            throw InputError("siting instance: site '" + instance.site_ids[j] + "' has capacity " +
                             std::to_string(q) + " (> 0 expected)");
        }
        const double f = instance.fixed_cost[j];
        if (!std::isfinite(f) || f < 0) {
            throw InputError("siting instance: site '" + instance.site_ids[j] +
                             "' has fixed cost " + std::to_string(f) +
                             " (a finite number >= 0 expected)");
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j) {
            const double c = instance.cost(i, j);
            if (std::isnan(c) || c < 0 || c == -kNoCost) {
                throw InputError("siting instance: cost from site '" + instance.site_ids[j] +
                                 "' to demand '" + instance.demand_ids[i] + "' is " +
                                 std::to_string(c) + " (>= 0 expected)");
            }
        }
    }
}

}  // namespace muster

#include "solvers/siting/detail/nearest_assignment.hpp"

#include <cmath>
#include <limits>

namespace muster::detail {

std::vector<SitingAssignment> assign_to_nearest(const SitingInstance& instance,
                                                const std::vector<std::size_t>& open,
                                                double radius) {
    std::vector<SitingAssignment> assignment;
    for (std::size_t i = 0; i < instance.demand_count(); ++i) {
        std::size_t best = std::numeric_limits<std::size_t>::max();
        double best_cost = kNoCost;
        for (std::size_t j : open) {
            const double c = instance.cost(i, j);
            if (c < best_cost || (c == best_cost && c != kNoCost && j < best))
                best_cost = c, best = j;
        }
        if (best_cost == kNoCost)
            continue;
        SitingAssignment a;
        a.demand = i;
        a.site = best;
        a.amount = instance.weights[i];
        a.cost = best_cost;
        a.covered = std::isnan(radius) || best_cost <= radius;
        assignment.push_back(a);
    }
    return assignment;
}

double assignment_cost(const std::vector<SitingAssignment>& assignment) {
    double total = 0;
    for (const SitingAssignment& a : assignment)
        total += a.amount * a.cost;
    return total;
}

std::vector<char> coverage_matrix(const SitingInstance& instance, double radius) {
    std::vector<char> covers(instance.costs.size(), 0);
    for (std::size_t k = 0; k < instance.costs.size(); ++k) {
        covers[k] = instance.costs[k] != kNoCost && instance.costs[k] <= radius ? 1 : 0;
    }
    return covers;
}

}  // namespace muster::detail

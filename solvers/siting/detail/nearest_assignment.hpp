#pragma once
// Assignment of every demand point to its cheapest open site, shared by the uncapacitated models.

#include <cstddef>
#include <vector>

#include "solvers/siting/siting_instance.hpp"
#include "solvers/siting/siting_result.hpp"

namespace muster::detail {

/// Each demand point to its cheapest allowed site among `open` (ties: lowest site index), with
/// its whole weight; covered = cost <= radius (always true when radius is NaN). Demand points no
/// open site may serve are left out. O(n |open|).
std::vector<SitingAssignment> assign_to_nearest(const SitingInstance& instance,
                                                const std::vector<std::size_t>& open,
                                                double radius);

/// Sum of weight x cost over an assignment. O(assignment).
double assignment_cost(const std::vector<SitingAssignment>& assignment);

/// Demand x site coverage: 1 where the pair is allowed and its cost <= radius. O(n m).
std::vector<char> coverage_matrix(const SitingInstance& instance, double radius);

}  // namespace muster::detail

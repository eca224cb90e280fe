#pragma once
// The capacitated MIP shared by cpmedian and cflp (strong formulation, demand splittable):
//   min sum_j f_j y_j + sum_ij w_i c_ij x_ij
//   sum_j x_ij = 1 (i with w_i > 0),  sum_i w_i x_ij <= Q_j y_j,  x_ij <= y_j,
//   [sum_j y_j = p],  y binary (forced-open fixed at 1),  x >= 0.

#include <optional>
#include <string_view>

#include "solvers/siting/siting_instance.hpp"
#include "solvers/siting/siting_result.hpp"

namespace muster::detail {

/// Solves the MIP above: with fixed costs when `fixed_costs`, with sum y = *p when p is given.
/// Throws InputError when capacity cannot hold the demand (before solving when the total falls
/// short, after when CBC proves it infeasible), naming `model`.
SitingResult solve_capacitated(const SitingInstance& instance, std::optional<std::size_t> p,
                               bool fixed_costs, double time_limit_s, SitingModel model);

}  // namespace muster::detail

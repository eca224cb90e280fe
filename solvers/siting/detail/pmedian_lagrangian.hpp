#pragma once
// The Lagrangian relaxation of the p-median assignment constraints (sum_j x_ij = 1, multipliers
// u_i), maximized by subgradient optimization:
//   L(u) = sum_i u_i + min { sum_j rho_j y_j : sum_j y_j = p, forced y_j = 1 },
//   rho_j = sum_i min(0, w_i c_ij - u_i).
// Every L(u) is a lower bound of the p-median optimum. Every few iterations the relaxation's open
// sites seed the interchange heuristic, which may improve the incumbent. At the best u, the
// reduced costs fix sites: a site whose opening (closing) alone lifts L(u) to the incumbent's value
// is closed (open) in every better solution.

#include <cstddef>
#include <vector>

#include "solvers/siting/detail/pmedian_data.hpp"

namespace muster::detail {

/// The relaxation's outcome.
struct PMedianLagrangian {
    double bound = 0;                    ///< best L(u) (rounded up when costs are integral)
    double upper = 0;                    ///< value of `incumbent`
    std::vector<std::size_t> incumbent;  ///< best solution known, ascending
    std::vector<char> fixed_open;        ///< per site: open in every better solution (or forced)
    std::vector<char> fixed_closed;      ///< per site: closed in every better solution
    int iterations = 0;
};

/// Subgradient optimization from the incumbent `start` (value recomputed), at most
/// `max_iterations` iterations or `time_limit_s` seconds, stopping early when the bound meets the
/// incumbent. O(n m) per iteration. Deterministic.
PMedianLagrangian pmedian_lagrangian(const PMedianData& data, std::vector<std::size_t> start,
                                     int max_iterations, double time_limit_s);

/// The smallest improvement over `upper` that counts: 1 - 1e-6 when costs are integral, else a
/// relative 1e-9.
double pmedian_tolerance(const PMedianData& data, double upper);

}  // namespace muster::detail

#pragma once
// The exact p-median step: the radius formulation (Elloumi 2010; García, Labbé and Marín 2011) in
// its sequential form, on the instance reduced by Lagrangian fixing, solved by CBC.
// For demand point i with distinct allowed weighted costs D_1 < ... < D_K (stopping at the cost of
// its nearest fixed-open site):
//   min sum_i (D_1 + sum_k (D_{k+1} - D_k) z_ik)
//   z_i1 + sum_{j: c_ij = D_1} y_j >= 1,  z_ik - z_i,k-1 + sum_{j: c_ij = D_k} y_j >= 0,
//   sum_j y_j = p - fixed open,  y binary, z >= 0.
// z_ik = 1 means i is served at D_{k+1} or more. One entry per allowed pair: O(n m) nonzeros, a
// linear relaxation as strong as the classical one.

#include <cstddef>
#include <vector>

#include "solvers/siting/detail/mip_model.hpp"
#include "solvers/siting/detail/pmedian_data.hpp"

namespace muster::detail {

/// The outcome of the exact step.
struct PMedianExact {
    MipStatus status = MipStatus::no_solution;
    double value = 0;               ///< of `open` (when feasible or optimal)
    double bound = 0;               ///< CBC's lower bound on solutions of the reduced instance
    std::vector<std::size_t> open;  ///< ascending
    bool root_lp_finished = true;   ///< false: the time limit stopped CLP in the root LP
};

/// Solves the instance restricted by fixed_open / fixed_closed (closed sites removed, open ones
/// counted in p) with CBC, starting from `start` (must respect the fixing), in at most
/// time_limit_s seconds of wall clock (the root LP included, see MipModel::solve).
PMedianExact pmedian_radius_mip(const PMedianData& data, const std::vector<char>& fixed_open,
                                const std::vector<char>& fixed_closed,
                                const std::vector<std::size_t>& start, double time_limit_s);

}  // namespace muster::detail

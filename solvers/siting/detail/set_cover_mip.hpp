#pragma once
// The set-covering MIP shared by lscp and pcenter: the fewest sites (forced-open ones included)
// such that every demand point is covered by an open site.

#include <cstddef>
#include <vector>

#include "solvers/siting/detail/mip_model.hpp"
#include "solvers/siting/siting_instance.hpp"

namespace muster::detail {

/// The outcome of min_cover.
struct CoverSolution {
    MipStatus status = MipStatus::no_solution;
    std::vector<std::size_t> open;  ///< ascending (when feasible or optimal)
    double bound = 0;               ///< proven lower bound on the number of sites
};

/// Greedy cover: forced-open sites, then repeatedly the site covering most uncovered demand
/// points (ties: lowest index). Empty if some demand point cannot be covered. O(m^2 n).
std::vector<std::size_t> greedy_cover(const SitingInstance& instance,
                                      const std::vector<char>& covers);

/// Minimum cover with CBC, started from the greedy cover. `covers` is demand x site (1 = site
/// covers the demand point). Infeasible if some demand point has no covering site.
CoverSolution min_cover(const SitingInstance& instance, const std::vector<char>& covers,
                        double time_limit_s);

}  // namespace muster::detail

#pragma once
// The p-median working form of an instance: weighted costs w_i * c_ij, dense, in both row-major
// (by demand) and column-major (by site) order so that both the local search and the Lagrangian
// scan contiguous memory. Pairs that are not allowed get a finite "far" cost larger than any
// solution that avoids them, so that arithmetic stays finite.

#include <cstddef>
#include <vector>

#include "solvers/siting/siting_instance.hpp"

namespace muster::detail {

struct PMedianData {
    std::size_t n = 0;              ///< demand points
    std::size_t m = 0;              ///< sites
    std::size_t p = 0;              ///< sites to open
    std::vector<double> by_demand;  ///< n x m, w_i * c_ij (far where not allowed)
    std::vector<double> by_site;    ///< m x n, the same values transposed
    std::vector<char> forced;       ///< per site, must be open
    std::vector<char> allowed;      ///< n x m, 1 where the pair is allowed
    bool integral = false;          ///< every allowed w_i * c_ij is an integer
    double far = 0;                 ///< the cost given to pairs that are not allowed

    double at(std::size_t i, std::size_t j) const { return by_demand[i * m + j]; }
};

/// The working form for `p` sites. O(n m).
PMedianData make_pmedian_data(const SitingInstance& instance, std::size_t p);

/// Sum over demand of the cheapest open site's weighted cost. O(n |open|).
double pmedian_value(const PMedianData& data, const std::vector<std::size_t>& open);

}  // namespace muster::detail

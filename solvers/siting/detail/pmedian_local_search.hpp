#pragma once
// p-median heuristics: a greedy start (add the site that lowers the cost most, p times) and
// Whitaker's fast interchange (swap one open site for a closed one while that lowers the cost),
// with the move evaluation of Resende and Werneck: for a site f to insert, one pass over the demand
// gives the profit of removing every open site at once. Forced-open sites are never removed.

#include <cstddef>
#include <vector>

#include "solvers/siting/detail/pmedian_data.hpp"

namespace muster::detail {

/// The forced-open sites, then greedy additions up to p sites. Ties go to the lowest index.
/// O(p m n).
std::vector<std::size_t> pmedian_greedy(const PMedianData& data);

/// Best-improvement interchange from `open` (p sites, forced ones included) until no swap lowers
/// the value; returns the local optimum, ascending. O(m (n + p)) per swap.
std::vector<std::size_t> pmedian_interchange(const PMedianData& data,
                                             std::vector<std::size_t> open);

}  // namespace muster::detail

#pragma once
// The weight a customizable contraction hierarchy (CCH) sums and compares: a travel time in whole
// milliseconds and a length in whole millimetres, packed as duration_ms << 32 | length_mm into
// one 64-bit integer. Comparing packed weights compares (duration, length) lexicographically,
// which is the order Dijkstra's search minimises, so the CCH finds routes of the same duration
// *and* the same length.
//
// Limit: each part of a sum must stay below 2^32 - 1 (49.7 days, 4,294 km). add() checks it and
// throws WeightOverflow beyond, so a carry never corrupts the order silently. Customization and
// searches sum with add_saturating() instead: a sum past the limits (a shortcut between far
// separators of a province's network through its lower nodes, or the way up to one) is no
// lightest path that fits, so it becomes kOverflow, and only an answer that is kOverflow throws.

#include <algorithm>
#include <cstdint>

#include "engine/errors.hpp"

namespace muster::cch {

using Weight = std::uint64_t;

/// A route, or a shortcut, longer than a weight holds: the network (with the slow zones in force)
/// is too large for these weights, not corrupt. A DataError, so that code that knows no better
/// stops as for bad data; the queries of tools/app answer it as no route.
class WeightOverflow : public DataError {
  public:
    WeightOverflow()
        : DataError(
              "a route is longer than a CCH weight holds (2^32 - 1 ms, 49.7 days, or "
              "2^32 - 1 mm, 4,294 km)") {}
};

/// No path (a closed road, or no road that way).
inline constexpr Weight kInfinity = UINT64_MAX;
inline constexpr std::uint64_t kPartMask = 0xFFFF'FFFFu;

/// The weight of duration_ms and length_mm. Throws WeightOverflow if either is >= 2^32 - 1.
inline Weight pack(std::uint64_t duration_ms, std::uint64_t length_mm) {
    if (duration_ms >= kPartMask || length_mm >= kPartMask)
        throw WeightOverflow();
    return duration_ms << 32 | length_mm;
}
inline std::uint64_t duration_ms(Weight w) {
    return w >> 32;
}
inline std::uint64_t length_mm(Weight w) {
    return w & kPartMask;
}

/// a + b, part by part; kInfinity if either is. Throws WeightOverflow if a part would reach
/// 2^32 - 1.
inline Weight add(Weight a, Weight b) {
    if (a == kInfinity || b == kInfinity)
        return kInfinity;
    const std::uint64_t length = (a & kPartMask) + (b & kPartMask);
    const std::uint64_t duration = (a >> 32) + (b >> 32);
    if (length >= kPartMask || duration >= kPartMask)
        throw WeightOverflow();
    return duration << 32 | length;
}

/// A search's sum past the limits: heavier than every weight that fits, lighter than kInfinity,
/// and what any sum with it gives. Exact for the lightest paths: if the lightest path to a node
/// fits, every path whose sum passes the limits is heavier than it (its duration is at least as
/// long, and with the same duration it is longer), so no minimum is lost; if it does not fit, no
/// path on through the node fits either (its lightest path on runs through the node's lightest
/// path, by optimal substructure of the (duration, length) order).
inline constexpr Weight kOverflow = kInfinity - 1;

/// The sweeps' sum of two weights that are finite or kOverflow (the inner loop, which tests the
/// arc itself): kOverflow if a part would reach 2^32 - 1.
inline Weight add_finite(Weight a, Weight b) {
    const std::uint64_t length = (a & kPartMask) + (b & kPartMask);
    const std::uint64_t duration = (a >> 32) + (b >> 32);
    if (std::max(length, duration) >= kPartMask) [[unlikely]]
        return kOverflow;  // kOverflow's duration part is 2^32 - 1: absorbing
    return a + b;
}

/// add() in customization and searches: kInfinity if either is, else add_finite().
inline Weight add_saturating(Weight a, Weight b) {
    if (a == kInfinity || b == kInfinity)
        return kInfinity;
    return add_finite(a, b);
}

/// add_saturating() without a branch, for the downward sweeps' inner loops, where whether a
/// weight is kInfinity (a node beyond the limit, a one-way street's missing direction) follows
/// no pattern a predictor learns: a full sweep of Malta takes 0.26 ms with it, 0.42 ms with the
/// branch. Where kInfinity is rare (customization, a grid of two-way roads) the branch costs less.
inline Weight add_saturating_no_branch(Weight a, Weight b) {
    const std::uint64_t length = (a & kPartMask) + (b & kPartMask);
    const std::uint64_t duration = (a >> 32) + (b >> 32);
    const Weight sum = std::max(length, duration) >= kPartMask ? kOverflow : a + b;
    // All ones (kInfinity) where either is: a mask, which the compiler does not turn into a branch.
    const bool infinite = (a == kInfinity) | (b == kInfinity);
    return sum | (Weight{0} - Weight{infinite});
}

/// `answer` unless it is kOverflow, which throws WeightOverflow: the lightest path passes the
/// limits.
inline Weight fitting(Weight answer) {
    if (answer == kOverflow) [[unlikely]]
        throw WeightOverflow();
    return answer;
}

}  // namespace muster::cch

#pragma once
// The decision that ends one round of the fair-share stage (solvers/relief/allocation.cpp):
// which open destinations are frozen at the round's fill level λ. Kept apart from the LPs so
// that its rare branch, the forced freeze, can be tested on hand-made round states.

#include <cstddef>
#include <vector>

namespace muster::relief::detail {

/// What a round freezes.
struct FreezeDecision {
    std::vector<std::size_t> frozen;  ///< destinations to freeze at λ, ascending
    /// True when `frozen` holds a destination shown able to rise above λ: the round froze none
    /// on proof, the previous round did not either, and the one that rose least is frozen so the
    /// procedure ends. Stock that destination could still take may then be left unshipped.
    bool forced = false;
};

/// The destinations to freeze after a round. `open[d]`: d is still open; `rises[d]`: an LP
/// solution put d above λ while every other kept its level; `best[d]`: the highest fill rate any
/// solution of the round gave d; `stalled`: the previous round froze nothing. Frozen are the open
/// destinations that did not rise; if there are none and `stalled`, the open destination with
/// the lowest `best` (the first of equals) is frozen and the decision is forced. In exact
/// arithmetic a round always freezes one (the average of the solutions that lift each open
/// destination would lift them all, so λ was not the maximum); only an LP solver stopping short
/// of the optimum in two rounds running reaches the forced branch. O(destinations).
inline FreezeDecision destinations_to_freeze(const std::vector<bool>& open,
                                             const std::vector<bool>& rises,
                                             const std::vector<double>& best, bool stalled) {
    FreezeDecision decision;
    for (std::size_t d = 0; d < open.size(); ++d) {
        if (open[d] && !rises[d])
            decision.frozen.push_back(d);
    }
    if (!decision.frozen.empty() || !stalled)
        return decision;
    std::size_t least = open.size();
    for (std::size_t d = 0; d < open.size(); ++d) {
        if (open[d] && (least == open.size() || best[d] < best[least]))
            least = d;
    }
    if (least < open.size()) {
        decision.frozen.push_back(least);
        decision.forced = true;
    }
    return decision;
}

}  // namespace muster::relief::detail

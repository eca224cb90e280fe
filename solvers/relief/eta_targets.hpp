#pragma once
// First-relief ETA targets per depot tier (docs/relief.md): a shipment is late when its travel
// time exceeds the target of the tier of the depot it leaves from.

#include <array>
#include <cstddef>

#include "engine/entities.hpp"

namespace muster::relief {

/// The number of depot tiers, township (0) … central (4), in DepotTier's order.
inline constexpr std::size_t kDepotTierCount = 5;

/// The index of a tier in tier-indexed arrays: township 0, county 1, city 2, province 3,
/// central 4 (the ladder order, lowest first).
constexpr std::size_t tier_index(DepotTier tier) {
    return static_cast<std::size_t>(tier);
}

/// Seconds within which relief from a depot of each tier should arrive.
struct EtaTargets {
    /// Indexed by tier_index. Defaults: 6 h from county stock, 8 h from city, 10 h from province
    /// (national practice, 2024); township 6 h like county (a township depot is no farther away
    /// than its county's); central 12 h is a planning assumption (not given by the source).
    std::array<double, kDepotTierCount> by_tier_s{6 * 3600.0, 6 * 3600.0, 8 * 3600.0, 10 * 3600.0,
                                                  12 * 3600.0};

    /// The target of `tier`, seconds. O(1).
    double of(DepotTier tier) const { return by_tier_s[tier_index(tier)]; }

    /// One target, seconds, for every tier. O(1).
    static EtaTargets uniform(double seconds) {
        EtaTargets targets;
        targets.by_tier_s.fill(seconds);
        return targets;
    }
};

}  // namespace muster::relief

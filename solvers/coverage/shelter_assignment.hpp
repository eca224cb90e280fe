#pragma once
// Assigning people to shelters they can walk to. Two policies, for comparison:
//  - within capacity: as many people as the shelters' capacities allow are placed, and among all
//    such placements the one with the least total walking (person-metres) is chosen, exactly
//    (a maximum flow, then a min-cost flow of that value by LEMON's network simplex);
//  - nearest: everyone goes to the nearest shelter in reach, whatever its capacity, so the
//    overflowing shelters show.

#include <cstdint>
#include <span>
#include <vector>

#include "solvers/coverage/walking_reach.hpp"

namespace muster {

/// People of one demand point sent to one shelter.
struct ShelterFlow {
    std::size_t demand = 0;
    std::size_t shelter = 0;
    std::int64_t people = 0;
    std::uint64_t distance_mm = 0;
};

struct ShelterAssignment {
    std::vector<ShelterFlow> flows;        ///< by demand, then shelter; people > 0
    std::vector<std::int64_t> unassigned;  ///< per demand point: people placed nowhere
    std::vector<std::int64_t> load;        ///< per shelter: people sent there (may exceed
                                           ///< capacity under the nearest policy)
    std::int64_t assigned = 0;
    std::int64_t unassigned_total = 0;
    double person_m = 0;  ///< total walking, person-metres
};

/// The placement of `population` (per demand point) into shelters of `capacity` along `pairs`
/// (walking_reach) that places the most people and, among those, walks the least. Exact.
/// Throws ContractError for a negative population or capacity or a pair out of range.
/// Network simplex on demand + shelters nodes and pairs arcs.
ShelterAssignment assign_within_capacity(std::span<const std::int64_t> population,
                                         std::span<const std::int64_t> capacity,
                                         std::span<const WalkingReach> pairs);

/// Everyone to the nearest shelter in reach (ties to the lower index), capacity ignored; people
/// with no shelter in reach are unassigned. O(pairs).
ShelterAssignment assign_to_nearest(std::span<const std::int64_t> population,
                                    std::span<const std::int64_t> capacity,
                                    std::span<const WalkingReach> pairs);

}  // namespace muster

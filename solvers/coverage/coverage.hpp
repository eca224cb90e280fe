#pragma once
// Shelter coverage: who lives within the service distance of an open shelter, by township and by
// shelter class, and who does not.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "engine/entities.hpp"
#include "solvers/coverage/walking_reach.hpp"

namespace muster {

/// People at one demand point of a township.
struct PopulationPoint {
    std::size_t township = 0;
    std::int64_t population = 0;
};

/// Population per shelter class (emergency, fixed, central), indexed by the enum's value.
using ByShelterClass = std::array<std::int64_t, 3>;

struct PointCoverage {
    std::optional<std::size_t> nearest_shelter;  ///< the nearest shelter within its radius
    std::uint64_t distance_mm = 0;               ///< walking distance to it
};

struct TownshipCoverage {
    std::int64_t population = 0;
    std::int64_t covered = 0;           ///< within reach of at least one shelter
    ByShelterClass covered_by_class{};  ///< within reach of a shelter of that class
};

struct Coverage {
    std::vector<PointCoverage> points;  ///< per demand point
    std::vector<TownshipCoverage> townships;
    std::int64_t population = 0;
    std::int64_t covered = 0;
    ByShelterClass covered_by_class{};
};

/// Coverage of `points` by shelters of classes `shelter_class`, given the pairs within each
/// shelter's service distance (walking_reach with each shelter's class radius). The nearest
/// shelter of a point is the one at the least distance, ties to the lower index.
/// O(points + pairs).
Coverage shelter_coverage(std::span<const PopulationPoint> points,
                          std::span<const ShelterClass> shelter_class,
                          std::span<const WalkingReach> pairs, std::size_t township_count);

}  // namespace muster

#include "solvers/coverage/coverage.hpp"

#include "engine/errors.hpp"

#include <stdexcept>

namespace muster {

Coverage shelter_coverage(std::span<const PopulationPoint> points,
                          std::span<const ShelterClass> shelter_class,
                          std::span<const WalkingReach> pairs, std::size_t township_count) {
    Coverage result;
    result.points.resize(points.size());
    result.townships.resize(township_count);
    std::vector<std::array<bool, 3>> reached(points.size(), {false, false, false});
    for (const WalkingReach& pair : pairs) {
        if (pair.demand >= points.size() || pair.target >= shelter_class.size())
            throw ContractError("shelter_coverage: a pair names an unknown point or shelter");
        PointCoverage& point = result.points[pair.demand];
        if (!point.nearest_shelter || pair.distance_mm < point.distance_mm ||
            (pair.distance_mm == point.distance_mm && pair.target < *point.nearest_shelter)) {
            point.nearest_shelter = pair.target;
            point.distance_mm = pair.distance_mm;
        }
        reached[pair.demand][static_cast<std::size_t>(shelter_class[pair.target])] = true;
    }
    for (std::size_t p = 0; p < points.size(); ++p) {
        if (points[p].township >= township_count)
            throw ContractError("shelter_coverage: a point names an unknown township");
        TownshipCoverage& township = result.townships[points[p].township];
        const std::int64_t people = points[p].population;
        township.population += people;
        result.population += people;
        if (result.points[p].nearest_shelter) {
            township.covered += people;
            result.covered += people;
        }
        for (std::size_t c = 0; c < 3; ++c) {
            if (reached[p][c]) {
                township.covered_by_class[c] += people;
                result.covered_by_class[c] += people;
            }
        }
    }
    return result;
}

}  // namespace muster

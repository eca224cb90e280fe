#pragma once
// Ambulance response coverage: who lives within the response target of the quickest unit, and of
// a second one (the backup when the first is out), by township and in all.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "solvers/coverage/coverage.hpp"
#include "solvers/response/response_times.hpp"

namespace muster {

/// Population figures of a township, or of all.
struct ResponseTally {
    std::int64_t population = 0;
    std::int64_t reached = 0;        ///< some unit can drive to them at all
    std::int64_t covered = 0;        ///< the quickest unit's drive is within the limit
    std::int64_t backed = 0;         ///< a second unit's is too (double coverage)
    std::int64_t within_radius = 0;  ///< the quickest unit's route is within the service radius
    /// Sum of population × the quickest unit's drive (ms) over the reached: the
    /// population-weighted mean is person_ms / reached.
    double person_ms = 0;
    std::optional<std::uint64_t> longest_ms;  ///< the quickest drive to the worst-placed point
    std::optional<double> mean_drive_s() const {
        return reached > 0 ? std::optional(person_ms / static_cast<double>(reached) * 1e-3)
                           : std::nullopt;
    }
};

/// What counts as covered: a drive time, and a service radius measured along the route.
struct ResponseLimits {
    std::uint64_t drive_ms = 0;
    std::uint64_t radius_mm = 0;
};

struct ResponseCoverage {
    std::vector<ResponseTally> townships;
    ResponseTally total;
};

/// Tallies `points` (population by township) against their responses (response_times, one per
/// point) against `limits`. Throws ContractError if the spans differ in length or
/// a township index is out of range. O(points + townships).
ResponseCoverage response_coverage(std::span<const PopulationPoint> points,
                                   std::span<const PointResponse> responses, ResponseLimits limits,
                                   std::size_t township_count);

}  // namespace muster

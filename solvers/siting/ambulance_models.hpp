#pragma once
// Ambulance location with backup coverage, on a plain instance (solvers/siting/siting_instance.hpp,
// costs = drive times from each site to each demand point): units are placed at sites, several at
// one site allowed, so that a call still finds a unit near when the nearest is busy.
//
// - The double standard model (Gendreau, Laporte and Semet, Parallel Computing 1997): everyone
//   within the long radius of a unit, at least a share alpha of the demand within the short
//   radius, and the most demand covered twice within the short radius.
// - The maximum expected covering location model (Daskin, Transportation Science 1983): each unit
//   is busy with probability q, independently; the most demand expected to find a free unit
//   within the radius, sum_i w_i (1 - q^k_i) for k_i units within reach of i.
//
// Exact with CBC within the time limit, otherwise the incumbent with its proven bound and gap, as
// the other siting models. A site forced open (an existing station kept) holds at least one unit.
// docs/siting.md has the formulations.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "solvers/siting/siting_instance.hpp"

namespace muster {

struct AmbulanceSitingOptions {
    std::size_t units = 0;         ///< units to place in all, forced-open sites' included
    std::size_t max_per_site = 2;  ///< at most this many units at one site
    /// The short radius (cost units): covered within it.
    double radius = std::numeric_limits<double>::quiet_NaN();
    double long_radius = std::numeric_limits<double>::quiet_NaN();  ///< dsm: everyone within it
    double alpha = 0.95;         ///< dsm: share of the demand covered once within the radius
    double busy_fraction = 0.3;  ///< mexclp: probability that a unit is busy
    double time_limit_s = 60;    ///< wall-clock budget of the exact search, seconds
};

/// Where the units go, and what they cover (recomputed from the placement, not from the MIP).
struct AmbulanceSitingResult {
    std::vector<std::size_t> units_at;  ///< per site: units placed there
    double objective = 0;               ///< dsm: covered_twice; mexclp: expected_covered
    double bound = 0;                   ///< proven upper bound of the objective
    double gap = 0;
    bool optimal = false;
    std::string method;
    double covered_once = 0;      ///< weight with a unit within the radius
    double covered_twice = 0;     ///< weight with two units within the radius
    double within_long = 0;       ///< weight with a unit within the long radius (dsm)
    double expected_covered = 0;  ///< sum_i w_i (1 - q^k_i), q the busy fraction
    double seconds = 0;
};

/// The double standard model. Throws InputError for units out of [1, sites × max_per_site] or
/// below the forced-open sites, radii not 0 <= radius <= long_radius, alpha outside [0, 1], a
/// demand point with no site within the long radius, or no placement that covers alpha of the
/// demand within the radius (infeasible). O(the MIP's solve).
AmbulanceSitingResult solve_double_standard(const SitingInstance& instance,
                                            const AmbulanceSitingOptions& options);

/// The maximum expected covering model. Throws InputError for units as above, a radius < 0 or a
/// busy fraction outside [0, 1). O(the MIP's solve).
AmbulanceSitingResult solve_max_expected_covering(const SitingInstance& instance,
                                                  const AmbulanceSitingOptions& options);

/// The figures of a placement (units_at per site) under `options`: covered once, twice, within
/// the long radius (if given) and expected coverage. O(demand × sites).
AmbulanceSitingResult placement_figures(const SitingInstance& instance,
                                        std::vector<std::size_t> units_at,
                                        const AmbulanceSitingOptions& options);

}  // namespace muster

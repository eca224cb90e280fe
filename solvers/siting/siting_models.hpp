#pragma once
// The siting models on a plain instance (solvers/siting/siting_instance.hpp). Each validates the
// instance and its parameters first and throws muster::InputError naming what is wrong (p out of
// range, no radius, demand that no site can serve, capacity short of demand). Exact with CBC where
// the time limit allows; otherwise the result carries the incumbent, the proven bound and the gap.
// Deterministic: the same instance and options give the same result.
// docs/siting.md has the formulations.

#include "solvers/siting/siting_instance.hpp"
#include "solvers/siting/siting_result.hpp"

namespace muster {

/// Location set covering: the fewest sites (forced-open ones included) such that every demand
/// point has an open site within options.radius. Exact (CBC), started from a greedy cover.
SitingResult solve_set_covering(const SitingInstance& instance, const SitingOptions& options);

/// Maximal covering: options.p sites maximizing the weight of demand within options.radius of an
/// open site. Exact (CBC). objective = covered weight; bound = proven upper bound.
SitingResult solve_max_covering(const SitingInstance& instance, const SitingOptions& options);

/// p-median: options.p sites minimizing sum_i w_i min_open c_ij. Greedy + fast interchange for
/// the incumbent, Lagrangian relaxation for the bound and for fixing sites, then CBC on the
/// radius formulation of what remains, if the bound has not met the incumbent.
SitingResult solve_p_median(const SitingInstance& instance, const SitingOptions& options);

/// p-center: options.p sites minimizing the largest cost from a demand point to its nearest open
/// site (weights ignored). Exact: a search over the distinct costs, each a set-covering MIP.
SitingResult solve_p_center(const SitingInstance& instance, const SitingOptions& options);

/// Capacitated p-median: options.p sites with capacities, demand splittable between sites,
/// minimizing sum w_i c_ij x_ij. Exact (CBC, strong formulation x_ij <= y_j).
SitingResult solve_capacitated_p_median(const SitingInstance& instance,
                                        const SitingOptions& options);

/// Capacitated facility location: any number of sites, each with a fixed opening cost and a
/// capacity, demand splittable, minimizing fixed costs + sum w_i c_ij x_ij. Exact (CBC, strong
/// formulation).
SitingResult solve_facility_location(const SitingInstance& instance, const SitingOptions& options);

/// The model's solver above, with SitingResult::seconds filled in.
SitingResult solve_siting(SitingModel model, const SitingInstance& instance,
                          const SitingOptions& options);

}  // namespace muster

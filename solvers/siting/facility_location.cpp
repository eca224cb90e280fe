// Capacitated facility location with fixed opening costs and splittable demand (the OR-Library
// "capacitated warehouse location" problem): detail/capacitated_mip.hpp with fixed costs, no p.

#include "solvers/siting/detail/capacitated_mip.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_facility_location(const SitingInstance& instance, const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_time_limit(options);
    detail::require_servable(instance, std::numeric_limits<double>::quiet_NaN(), "cflp");
    return detail::solve_capacitated(instance, std::nullopt, true, options.time_limit_s,
                                     SitingModel::cflp);
}

}  // namespace muster

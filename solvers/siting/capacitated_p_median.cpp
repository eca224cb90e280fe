// Capacitated p-median with splittable demand: detail/capacitated_mip.hpp with sum y = p and no
// fixed costs.

#include "solvers/siting/detail/capacitated_mip.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_capacitated_p_median(const SitingInstance& instance,
                                        const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_p(instance, options, "cpmedian");
    detail::require_time_limit(options);
    detail::require_servable(instance, std::numeric_limits<double>::quiet_NaN(), "cpmedian");
    return detail::solve_capacitated(instance, options.p, false, options.time_limit_s,
                                     SitingModel::cpmedian);
}

}  // namespace muster

// Location set covering (Toregas et al. 1971): min sum_j y_j subject to sum_{j covers i} y_j >= 1.

#include "solvers/siting/detail/nearest_assignment.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/detail/set_cover_mip.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_set_covering(const SitingInstance& instance, const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_radius(options, "lscp");
    detail::require_time_limit(options);
    detail::require_servable(instance, options.radius, "lscp");
    const detail::CoverSolution cover = detail::min_cover(
        instance, detail::coverage_matrix(instance, options.radius), options.time_limit_s);
    SitingResult result;
    result.model = SitingModel::lscp;
    result.open_sites = cover.open;
    result.objective = static_cast<double>(cover.open.size());
    result.bound = std::min(result.objective, cover.bound);
    result.gap = relative_gap(result.objective, result.bound);
    result.optimal = cover.status == detail::MipStatus::optimal || result.gap == 0;
    result.method = result.optimal ? "cbc" : "greedy+cbc (time limit)";
    result.assignment = detail::assign_to_nearest(instance, result.open_sites, options.radius);
    return result;
}

}  // namespace muster

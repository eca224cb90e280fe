#include <chrono>

#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_siting(SitingModel model, const SitingInstance& instance,
                          const SitingOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    SitingResult result;
    switch (model) {
        case SitingModel::lscp:
            result = solve_set_covering(instance, options);
            break;
        case SitingModel::mclp:
            result = solve_max_covering(instance, options);
            break;
        case SitingModel::pmedian:
            result = solve_p_median(instance, options);
            break;
        case SitingModel::pcenter:
            result = solve_p_center(instance, options);
            break;
        case SitingModel::cpmedian:
            result = solve_capacitated_p_median(instance, options);
            break;
        case SitingModel::cflp:
            result = solve_facility_location(instance, options);
            break;
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace muster

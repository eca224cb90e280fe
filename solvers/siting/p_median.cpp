// p-median (Hakimi 1964; ReVelle and Swain 1970): incumbent by greedy + fast interchange, bound
// by Lagrangian relaxation (detail/pmedian_lagrangian.hpp), then, if they have not met, CBC on
// the radius formulation of the instance the Lagrangian reduced costs leave
// (detail/pmedian_radius_mip.hpp).

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "engine/errors.hpp"
#include "solvers/siting/detail/nearest_assignment.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/detail/pmedian_data.hpp"
#include "solvers/siting/detail/pmedian_lagrangian.hpp"
#include "solvers/siting/detail/pmedian_local_search.hpp"
#include "solvers/siting/detail/pmedian_radius_mip.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_p_median(const SitingInstance& instance, const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_p(instance, options, "pmedian");
    detail::require_time_limit(options);
    detail::require_servable(instance, std::numeric_limits<double>::quiet_NaN(), "pmedian");
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };

    const detail::PMedianData data = detail::make_pmedian_data(instance, options.p);
    std::vector<std::size_t> open = detail::pmedian_interchange(data, detail::pmedian_greedy(data));
    // A third of the budget for the bound; the rest for the exact search.
    const detail::PMedianLagrangian lagrangian =
        detail::pmedian_lagrangian(data, open, 5000, options.time_limit_s / 3);
    open = lagrangian.incumbent;
    double value = lagrangian.upper;
    double bound = lagrangian.bound;
    std::string method = "heuristic+lagrangian";
    const double tolerance = detail::pmedian_tolerance(data, value);
    if (bound < value - tolerance) {
        // The Lagrangian bound approximates the LP bound (the relaxation has the integrality
        // property), so CBC needs time beyond its root LP to add anything; with less than this
        // left it is not started and the answer is the incumbent with the Lagrangian bound.
        constexpr double kMinimumMipSeconds = 1.0;
        // Kept back from CBC's deadline for stopping the LP in progress and assembling the
        // answer: up to 0.46 s past the deadline on pmed36 (n = 800) without it.
        constexpr double kStopReserveSeconds = 0.5;
        const double remaining = options.time_limit_s - elapsed() - kStopReserveSeconds;
        if (remaining < kMinimumMipSeconds) {
            method += " (time limit, cbc not started)";
        } else {
            const detail::PMedianExact exact = detail::pmedian_radius_mip(
                data, lagrangian.fixed_open, lagrangian.fixed_closed, open, remaining);
            method = "heuristic+lagrangian+cbc";
            if ((exact.status == detail::MipStatus::optimal ||
                 exact.status == detail::MipStatus::feasible) &&
                exact.value < value) {
                value = exact.value;
                open = exact.open;
            }
            if (exact.status == detail::MipStatus::optimal ||
                exact.status == detail::MipStatus::infeasible) {
                // The reduced instance holds every solution better than the incumbent.
                bound = value;
            } else {
                // With integral costs every solution's value is an integer: round the bound up.
                const double mip_bound =
                    data.integral ? std::ceil(exact.bound - 1e-6) : exact.bound;
                bound = std::max(bound, std::min(value, mip_bound));
                method += exact.root_lp_finished ? " (time limit)" : " (time limit in root LP)";
            }
        }
    }
    if (value >= data.far) {
        throw InputError("pmedian: no " + std::to_string(options.p) +
                         " sites can serve every demand point with the costs given");
    }
    SitingResult result;
    result.model = SitingModel::pmedian;
    result.open_sites = open;
    result.assignment =
        detail::assign_to_nearest(instance, open, std::numeric_limits<double>::quiet_NaN());
    result.objective = detail::assignment_cost(result.assignment);
    // The bound was proved on the same weighted costs; keep it from exceeding the recomputed sum.
    result.bound = std::min(bound, result.objective);
    if (bound >= value - tolerance)
        result.bound = result.objective;
    result.gap = relative_gap(result.objective, result.bound);
    result.optimal = result.gap == 0;
    result.method = method;
    return result;
}

}  // namespace muster

// Maximal covering (Church and ReVelle 1974), written a a minimization of the uncovered weight:
//   min um_i w_i u_i  s.t.  u_i + sum_{j covers i} y_j >= 1,  sum_j y_j = p,
//   y binary (forced-open ites fixed at 1), 0 <= u_i <= 1.
// covered weight = total weight - the optimum.

#include <algorithm>

#include "engine/errors.hpp"
#include "solvers/siting/detail/mip_model.hpp"
#include "solvers/siting/detail/nearest_assignment.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_max_covering(const SitingInstance& instance, const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_p(instance, options, "mclp");
    detail::require_radius(options, "mclp");
    detail::require_time_limit(options);
    const std::size_t n = instance.demand_count();
    const std::size_t m = instance.site_count();
    const std::vector<char> covers = detail::coverage_matrix(instance, options.radius);

    detail::MipModel mip;
    for (std::size_t j = 0; j < m; ++j)
        mip.add_variable(instance.forced_open[j] ? 1 : 0, 1, 0, true);
    std::vector<int> all_sites(m);
    for (std::size_t j = 0; j < m; ++j)
        all_sites[j] = static_cast<int>(j);
    mip.add_row(all_sites, std::vector<double>(m, 1.0), 'E', static_cast<double>(options.p));
    std::vector<int> vars;
    for (std::size_t i = 0; i < n; ++i) {
        vars.assign(1, mip.add_variable(0, 1, instance.weights[i], false));
        for (std::size_t j = 0; j < m; ++j) {
            if (covers[i * m + j])
                vars.push_back(static_cast<int>(j));
        }
        mip.add_row(vars, std::vector<double>(vars.size(), 1.0), 'G', 1);
    }
    const detail::MipSolution solution = mip.solve(options.time_limit_s);
    if (solution.status == detail::MipStatus::no_solution ||
        solution.status == detail::MipStatus::infeasible) {
        throw Error("mclp: CBC found no solution within the time limit of " +
                    std::to_string(options.time_limit_s) + " s");
    }
    SitingResult result;
    result.model = SitingModel::mclp;
    for (std::size_t j = 0; j < m; ++j) {
        if (solution.values[j] > 0.5)
            result.open_sites.push_back(j);
    }
    result.assignment = detail::assign_to_nearest(instance, result.open_sites, options.radius);
    // Covered weight counted from the sites themselves, not from CBC's u values.
    double covered = 0;
    for (const SitingAssignment& a : result.assignment)
        covered += a.covered ? a.amount : 0;
    result.objective = covered;
    result.bound = std::max(covered, instance.total_weight() - solution.bound);
    result.gap = relative_gap(result.objective, result.bound);
    result.optimal = solution.status == detail::MipStatus::optimal;
    result.method = result.optimal ? "cbc" : "cbc (time limit)";
    return result;
}

}  // namespace muster

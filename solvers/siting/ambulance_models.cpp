// The double standard model (Gendreau, Laporte, Semet 1997), y_j units at site j:
//   max sum_i w_i x2_i  s.t.  sum_{j: c_ij <= r2} y_j >= 1,  sum_i w_i x1_i >= alpha sum_i w_i,
//   sum_{j: c_ij <= r1} y_j >= x1_i + x2_i,  x2_i <= x1_i,  sum_j y_j = units,
//   y_j integer in [forced_j, max_per_site],  x binary.
// The maximum expected covering model (Daskin 1983):
//   max sum_i sum_{k=1..K_i} w_i (1 - q) q^(k-1) z_ik  s.t.  sum_k z_ik <= sum_{j: c_ij <= r} y_j,
//   sum_j y_j = units,  y_j integer as above,  z binary; the k-th unit's term shrinks with k, so
//   an optimum takes the first k_i terms: sum_i w_i (1 - q^k_i).
// Both written for CBC as minimizations of the negated objective.

#include "solvers/siting/ambulance_models.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "engine/errors.hpp"
#include "solvers/siting/detail/mip_model.hpp"
#include "solvers/siting/detail/nearest_assignment.hpp"
#include "solvers/siting/siting_result.hpp"

namespace muster {
namespace {

void require(bool ok, const std::string& message) {
    if (!ok)
        throw InputError(message);
}

void check_common(const SitingInstance& instance, const AmbulanceSitingOptions& o,
                  const std::string& model) {
    validate_siting_instance(instance);
    require(o.max_per_site >= 1, model + ": at most 0 units a site places none");
    const std::size_t room = instance.site_count() * o.max_per_site;
    std::ostringstream units;
    units << model << ": " << o.units << " units do not fit: at least 1 and at least the "
          << instance.forced_open_count() << " sites kept open, at most " << room << " ("
          << instance.site_count() << " sites, " << o.max_per_site << " a site)";
    require(o.units >= 1 && o.units >= instance.forced_open_count() && o.units <= room,
            units.str());
    require(std::isfinite(o.radius) && o.radius >= 0, model + ": the radius must be a number >= 0");
    require(o.time_limit_s > 0, model + ": the time limit must be > 0 seconds");
}

/// The unit variables y_j, first in the model: integers in [forced, max_per_site], summing to
/// options.units.
void add_units(detail::MipModel& mip, const SitingInstance& instance,
               const AmbulanceSitingOptions& o) {
    const std::size_t m = instance.site_count();
    std::vector<int> all(m);
    for (std::size_t j = 0; j < m; ++j) {
        all[j] = mip.add_variable(instance.forced_open[j] ? 1 : 0,
                                  static_cast<double>(o.max_per_site), 0, true);
    }
    mip.add_row(all, std::vector<double>(m, 1.0), 'E', static_cast<double>(o.units));
}

std::vector<std::size_t> placement_of(const detail::MipSolution& solution, std::size_t sites) {
    std::vector<std::size_t> units_at(sites);
    for (std::size_t j = 0; j < sites; ++j)
        units_at[j] = static_cast<std::size_t>(std::llround(solution.values[j]));
    return units_at;
}

AmbulanceSitingResult finish(const SitingInstance& instance, const AmbulanceSitingOptions& o,
                             const detail::MipSolution& solution, bool double_standard,
                             const std::string& model) {
    if (solution.status == detail::MipStatus::infeasible) {
        throw InputError(model + ": no placement of " + std::to_string(o.units) +
                         " units meets the constraints" +
                         (double_standard ? " (everyone within the long radius, alpha of the "
                                            "demand within the radius)"
                                          : ""));
    }
    if (solution.status == detail::MipStatus::no_solution) {
        throw Error(model + ": CBC found no solution within the time limit of " +
                    std::to_string(o.time_limit_s) + " s");
    }
    AmbulanceSitingResult r =
        placement_figures(instance, placement_of(solution, instance.site_count()), o);
    r.objective = double_standard ? r.covered_twice : r.expected_covered;
    r.bound = std::max(r.objective, -solution.bound);
    r.optimal = solution.status == detail::MipStatus::optimal;
    r.gap = r.optimal ? 0.0 : relative_gap(r.objective, r.bound);
    r.method = r.optimal ? "cbc" : "cbc (time limit)";
    return r;
}

}  // namespace

AmbulanceSitingResult placement_figures(const SitingInstance& instance,
                                        std::vector<std::size_t> units_at,
                                        const AmbulanceSitingOptions& o) {
    AmbulanceSitingResult r;
    r.units_at = std::move(units_at);
    const std::size_t m = instance.site_count();
    for (std::size_t i = 0; i < instance.demand_count(); ++i) {
        std::size_t near = 0;
        bool within_long = false;
        for (std::size_t j = 0; j < m; ++j) {
            const double c = instance.cost(i, j);
            if (c <= o.radius)
                near += r.units_at[j];
            if (r.units_at[j] > 0 && c <= o.long_radius)
                within_long = true;
        }
        const double w = instance.weights[i];
        r.covered_once += near >= 1 ? w : 0;
        r.covered_twice += near >= 2 ? w : 0;
        r.within_long += within_long ? w : 0;
        r.expected_covered += w * (1 - std::pow(o.busy_fraction, static_cast<double>(near)));
    }
    return r;
}

AmbulanceSitingResult solve_double_standard(const SitingInstance& instance,
                                            const AmbulanceSitingOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    check_common(instance, o, "dsm");
    require(std::isfinite(o.long_radius) && o.long_radius >= o.radius,
            "dsm: the long radius must be a number >= the radius");
    require(o.alpha >= 0 && o.alpha <= 1, "dsm: alpha must lie in [0, 1]");
    const std::size_t n = instance.demand_count(), m = instance.site_count();
    const std::vector<char> near = detail::coverage_matrix(instance, o.radius);
    const std::vector<char> far = detail::coverage_matrix(instance, o.long_radius);

    detail::MipModel mip;
    add_units(mip, instance, o);
    std::vector<int> once_vars;
    std::vector<double> once_weights;
    std::vector<int> vars;
    std::vector<double> coefs;
    for (std::size_t i = 0; i < n; ++i) {
        const double w = instance.weights[i];
        const int once = mip.add_variable(0, 1, 0, true);
        const int twice = mip.add_variable(0, 1, -w, true);
        once_vars.push_back(once);
        once_weights.push_back(w);
        // Everyone within the long radius of a unit.
        vars.clear();
        for (std::size_t j = 0; j < m; ++j) {
            if (far[i * m + j])
                vars.push_back(static_cast<int>(j));
        }
        if (vars.empty()) {
            throw InputError("dsm: demand point " + instance.demand_ids[i] +
                             " has no site within the long radius");
        }
        mip.add_row(vars, std::vector<double>(vars.size(), 1.0), 'G', 1);
        // Covered once and twice only by units within the radius.
        vars.clear();
        coefs.clear();
        for (std::size_t j = 0; j < m; ++j) {
            if (near[i * m + j]) {
                vars.push_back(static_cast<int>(j));
                coefs.push_back(1);
            }
        }
        vars.insert(vars.end(), {once, twice});
        coefs.insert(coefs.end(), {-1, -1});
        mip.add_row(vars, coefs, 'G', 0);
        mip.add_row(std::vector<int>{twice, once}, std::vector<double>{1, -1}, 'L', 0);
    }
    mip.add_row(once_vars, once_weights, 'G', o.alpha * instance.total_weight());
    AmbulanceSitingResult r = finish(instance, o, mip.solve(o.time_limit_s), true, "dsm");
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

AmbulanceSitingResult solve_max_expected_covering(const SitingInstance& instance,
                                                  const AmbulanceSitingOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    check_common(instance, o, "mexclp");
    require(o.busy_fraction >= 0 && o.busy_fraction < 1,
            "mexclp: the busy fraction must lie in [0, 1)");
    const std::size_t n = instance.demand_count(), m = instance.site_count();
    const std::vector<char> near = detail::coverage_matrix(instance, o.radius);

    detail::MipModel mip;
    add_units(mip, instance, o);
    std::vector<int> vars;
    std::vector<double> coefs;
    for (std::size_t i = 0; i < n; ++i) {
        vars.clear();
        coefs.clear();
        for (std::size_t j = 0; j < m; ++j) {
            if (near[i * m + j]) {
                vars.push_back(static_cast<int>(j));
                coefs.push_back(-1);
            }
        }
        // No more terms than units that can be within reach.
        const std::size_t reach = std::min(o.units, vars.size() * o.max_per_site);
        if (reach == 0)
            continue;
        double term = instance.weights[i] * (1 - o.busy_fraction);
        for (std::size_t k = 0; k < reach; ++k) {
            vars.push_back(mip.add_variable(0, 1, -term, true));
            coefs.push_back(1);
            term *= o.busy_fraction;
        }
        mip.add_row(vars, coefs, 'L', 0);
    }
    AmbulanceSitingResult r = finish(instance, o, mip.solve(o.time_limit_s), false, "mexclp");
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return r;
}

}  // namespace muster

#include "solvers/siting/detail/capacitated_mip.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "engine/errors.hpp"
#include "solvers/siting/detail/mip_model.hpp"

namespace muster::detail {

SitingResult solve_capacitated(const SitingInstance& instance, std::optional<std::size_t> p,
                               bool fixed_costs, double time_limit_s, SitingModel model) {
    const std::size_t n = instance.demand_count();
    const std::size_t m = instance.site_count();
    const std::string name(siting_model_name(model));
    // The most capacity any allowed choice of sites can offer: all sites, or the p largest.
    std::vector<double> capacities = instance.capacity;
    std::sort(capacities.begin(), capacities.end(), std::greater<>());
    const std::size_t usable = p ? *p : m;
    double capacity = 0;
    for (std::size_t k = 0; k < usable; ++k)
        capacity += capacities[k];
    const double demand = instance.total_weight();
    if (capacity < demand) {
        std::ostringstream message;
        message << name << ": infeasible: total demand " << demand << " exceeds the capacity of "
                << (p ? "the " + std::to_string(*p) + " largest sites" : std::string("all sites"))
                << " (" << capacity << ")";
        throw InputError(message.str());
    }

    MipModel mip;
    for (std::size_t j = 0; j < m; ++j) {
        mip.add_variable(instance.forced_open[j] ? 1 : 0, 1,
                         fixed_costs ? instance.fixed_cost[j] : 0, true);
    }
    std::vector<int> x(n * m, -1);
    std::vector<int> vars;
    std::vector<double> coefs;
    for (std::size_t i = 0; i < n; ++i) {
        if (instance.weights[i] <= 0)
            continue;
        vars.clear();
        for (std::size_t j = 0; j < m; ++j) {
            const double c = instance.cost(i, j);
            if (c == kNoCost)
                continue;
            x[i * m + j] = mip.add_variable(0, 1, instance.weights[i] * c, false);
            vars.push_back(x[i * m + j]);
            const int pair[2] = {x[i * m + j], static_cast<int>(j)};
            const double strong[2] = {1, -1};
            mip.add_row(pair, strong, 'L', 0);
        }
        mip.add_row(vars, std::vector<double>(vars.size(), 1.0), 'E', 1);
    }
    for (std::size_t j = 0; j < m; ++j) {
        if (std::isinf(instance.capacity[j]))
            continue;
        vars.assign(1, static_cast<int>(j));
        coefs.assign(1, -instance.capacity[j]);
        for (std::size_t i = 0; i < n; ++i) {
            if (x[i * m + j] >= 0)
                vars.push_back(x[i * m + j]), coefs.push_back(instance.weights[i]);
        }
        mip.add_row(vars, coefs, 'L', 0);
    }
    if (p) {
        vars.resize(m);
        for (std::size_t j = 0; j < m; ++j)
            vars[j] = static_cast<int>(j);
        mip.add_row(vars, std::vector<double>(m, 1.0), 'E', static_cast<double>(*p));
    }
    const MipSolution solution = mip.solve(time_limit_s);
    if (solution.status == MipStatus::infeasible) {
        throw InputError(name + ": infeasible: the sites' capacities cannot hold the demand" +
                         std::string(p ? " with p = " + std::to_string(*p) + " sites" : ""));
    }
    if (solution.status == MipStatus::no_solution) {
        throw Error(name + ": CBC found no solution within the time limit of " +
                    std::to_string(time_limit_s) + " s");
    }
    SitingResult result;
    result.model = model;
    double total = 0;
    for (std::size_t j = 0; j < m; ++j) {
        if (solution.values[j] > 0.5) {
            result.open_sites.push_back(j);
            if (fixed_costs)
                total += instance.fixed_cost[j];
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < m; ++j) {
            const int var = x[i * m + j];
            if (var < 0 || solution.values[var] <= 1e-9)
                continue;
            SitingAssignment a;
            a.demand = i;
            a.site = j;
            a.amount = instance.weights[i] * solution.values[var];
            a.cost = instance.cost(i, j);
            result.assignment.push_back(a);
            total += a.amount * a.cost;
        }
    }
    result.objective = total;
    result.optimal = solution.status == MipStatus::optimal;
    result.bound = result.optimal ? std::min(total, std::max(solution.bound, solution.objective))
                                  : std::min(total, solution.bound);
    result.gap = relative_gap(result.objective, result.bound);
    if (result.optimal)
        result.gap = relative_gap(result.objective, std::max(solution.bound, result.bound));
    result.method = result.optimal ? "cbc" : "cbc (time limit)";
    return result;
}

}  // namespace muster::detail

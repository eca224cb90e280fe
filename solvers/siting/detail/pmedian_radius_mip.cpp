#include "solvers/siting/detail/pmedian_radius_mip.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace muster::detail {
namespace {

/// A z variable's value in the starting solution.
struct ZStart {
    int var;
    double value;
};

/// The radius formulation as it is built, with the starting solution beside its variables.
struct RadiusModel {
    MipModel mip;
    std::vector<int> y;           ///< per site: its variable, -1 for a fixed site
    std::vector<int> free_vars;   ///< the y variables, by site
    std::size_t open_count = 0;   ///< fixed-open sites
    double constant = 0;          ///< the objective's constant: Σ_i D_1 (or the cap)
    std::vector<char> in_start;   ///< per site: open in the starting solution
    std::vector<ZStart> z_start;  ///< per z variable
    std::vector<int> vars;        ///< scratch: the row being added
    std::vector<double> coefs;    ///< scratch: the row being added
};

/// One binary y per site that is neither fixed open nor fixed closed; counts the fixed-open ones.
void add_site_variables(RadiusModel& model, const PMedianData& data,
                        const std::vector<char>& fixed_open,
                        const std::vector<char>& fixed_closed) {
    model.y.assign(data.m, -1);
    for (std::size_t j = 0; j < data.m; ++j) {
        if (fixed_open[j]) {
            ++model.open_count;
        } else if (!fixed_closed[j]) {
            model.y[j] = model.mip.add_variable(0, 1, 0, true);
            model.free_vars.push_back(model.y[j]);
        }
    }
}

/// The free sites that may serve i, by cost then index, cut where the nearest fixed-open site
/// serves i as cheaply; returns that site's cost (the cap), or 2 far when there is none.
double candidate_sites(const PMedianData& data, std::size_t i, const std::vector<char>& fixed_open,
                       const std::vector<char>& fixed_closed, std::vector<std::size_t>& sites) {
    const double* row = &data.by_demand[i * data.m];
    sites.clear();
    double cap = data.far * 2;
    for (std::size_t j = 0; j < data.m; ++j) {
        if (!data.allowed[i * data.m + j] || fixed_closed[j])
            continue;
        if (fixed_open[j])
            cap = std::min(cap, row[j]);
        else
            sites.push_back(j);
    }
    std::sort(sites.begin(), sites.end(), [&](std::size_t a, std::size_t b) {
        return row[a] != row[b] ? row[a] < row[b] : a < b;
    });
    while (!sites.empty() && row[sites.back()] >= cap)
        sites.pop_back();
    return cap;
}

/// The levels of demand point i: the distinct costs of `sites` (its candidate sites by cost),
/// then the cap if a fixed-open site serves i. One z and one row per level; the last level has
/// no z when no fixed-open site is there to fall back on. False when nothing can serve i.
bool add_demand_levels(RadiusModel& model, const PMedianData& data, std::size_t i,
                       const std::vector<std::size_t>& sites, double cap) {
    const double* row = &data.by_demand[i * data.m];
    if (sites.empty()) {
        if (cap > data.far)
            return false;
        model.constant += cap;
        return true;
    }
    model.constant += row[sites.front()];
    int previous_z = -1;  // -1: z_i0 = 1 (constant)
    bool served_start = false;
    for (std::size_t first = 0; first < sites.size();) {
        const double level = row[sites[first]];
        std::size_t last = first;
        model.vars.clear();
        model.coefs.clear();
        for (; last < sites.size() && row[sites[last]] == level; ++last) {
            model.vars.push_back(model.y[sites[last]]);
            model.coefs.push_back(1);
            served_start = served_start || model.in_start[sites[last]];
        }
        const bool is_last = last == sites.size();
        // With no fixed-open fallback, i must be served by one of its candidate sites.
        const bool needs_z = !(is_last && cap > data.far);
        int z = -1;
        if (needs_z) {
            const double next_level = is_last ? cap : row[sites[last]];
            z = model.mip.add_variable(0, 1, next_level - level, false);
            model.z_start.push_back({z, served_start ? 0.0 : 1.0});
            model.vars.push_back(z);
            model.coefs.push_back(1);
        }
        if (previous_z >= 0)
            model.vars.push_back(previous_z), model.coefs.push_back(-1);
        model.mip.add_row(model.vars, model.coefs, 'G', previous_z >= 0 ? 0 : 1);
        if (!needs_z)
            break;
        previous_z = z;
        first = last;
    }
    return true;
}

/// The constant as a variable fixed at 1 (so that CBC's values include it), the cardinality row,
/// the starting solution and CBC's settings.
void finish_model(RadiusModel& model, const PMedianData& data) {
    const int constant_var = model.mip.add_variable(1, 1, model.constant, false);
    model.mip.add_row(model.free_vars, std::vector<double>(model.free_vars.size(), 1.0), 'E',
                      double(data.p - model.open_count));
    std::vector<double> values(model.mip.variable_count(), 0.0);
    for (std::size_t j = 0; j < data.m; ++j) {
        if (model.y[j] >= 0)
            values[model.y[j]] = model.in_start[j] ? 1 : 0;
    }
    for (const ZStart& s : model.z_start)
        values[s.var] = s.value;
    values[constant_var] = 1;
    model.mip.set_start(std::move(values));
    model.mip.disable_heuristics_and_preprocessing();
    if (data.integral)
        model.mip.set_absolute_gap(1 - 1e-6);
}

/// The open sites and their value from CBC's solution.
PMedianExact collect(const MipSolution& solution, const PMedianData& data,
                     const std::vector<char>& fixed_open, const std::vector<int>& y) {
    PMedianExact exact;
    exact.status = solution.status;
    exact.bound = solution.bound;
    exact.root_lp_finished = solution.root_lp_bound > -std::numeric_limits<double>::infinity();
    if (solution.status == MipStatus::optimal || solution.status == MipStatus::feasible) {
        for (std::size_t j = 0; j < data.m; ++j) {
            if (fixed_open[j] || (y[j] >= 0 && solution.values[y[j]] > 0.5))
                exact.open.push_back(j);
        }
        exact.value = pmedian_value(data, exact.open);
    }
    return exact;
}

PMedianExact infeasible() {
    PMedianExact exact;
    exact.status = MipStatus::infeasible;
    return exact;
}

}  // namespace

PMedianExact pmedian_radius_mip(const PMedianData& data, const std::vector<char>& fixed_open,
                                const std::vector<char>& fixed_closed,
                                const std::vector<std::size_t>& start, double time_limit_s) {
    RadiusModel model;
    add_site_variables(model, data, fixed_open, fixed_closed);
    if (model.open_count > data.p || model.open_count + model.free_vars.size() < data.p)
        return infeasible();
    model.in_start.assign(data.m, 0);
    for (std::size_t j : start)
        model.in_start[j] = 1;
    std::vector<std::size_t> sites;
    for (std::size_t i = 0; i < data.n; ++i) {
        const double cap = candidate_sites(data, i, fixed_open, fixed_closed, sites);
        if (!add_demand_levels(model, data, i, sites, cap))
            return infeasible();
    }
    finish_model(model, data);
    return collect(model.mip.solve(time_limit_s), data, fixed_open, model.y);
}

}  // namespace muster::detail

#include "solvers/siting/detail/pmedian_radius_mip.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace muster::detail {

PMedianExact pmedian_radius_mip(const PMedianData& data, const std::vector<char>& fixed_open,
                                const std::vector<char>& fixed_closed,
                                const std::vector<std::size_t>& start, double time_limit_s) {
    MipModel mip;
    std::vector<int> y(data.m, -1);
    std::size_t open_count = 0;
    std::vector<int> free_vars;
    for (std::size_t j = 0; j < data.m; ++j) {
        if (fixed_open[j]) {
            ++open_count;
        } else if (!fixed_closed[j]) {
            y[j] = mip.add_variable(0, 1, 0, true);
            free_vars.push_back(y[j]);
        }
    }
    PMedianExact exact;
    if (open_count > data.p || open_count + free_vars.size() < data.p) {
        exact.status = MipStatus::infeasible;
        return exact;
    }
    double constant = 0;
    std::vector<char> in_start(data.m, 0);
    for (std::size_t j : start)
        in_start[j] = 1;
    std::vector<double> start_values;  // filled beside the variables; y first
    std::vector<std::size_t> sites(data.m);
    std::vector<int> vars;
    std::vector<double> coefs;
    struct ZStart {
        int var;
        double value;
    };
    std::vector<ZStart> z_start;
    for (std::size_t i = 0; i < data.n; ++i) {
        const double* row = &data.by_demand[i * data.m];
        // Candidate sites of i by cost; levels stop at the nearest fixed-open site.
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
        // Levels: distinct costs of the remaining sites, then the cap (if any).
        std::size_t first = 0;
        int previous_z = -1;  // -1: z_i0 = 1 (constant)
        double previous_level = 0;
        bool served_start = false;
        double start_z = 1;
        if (sites.empty()) {
            if (cap > data.far) {  // nothing can serve i: infeasible
                exact.status = MipStatus::infeasible;
                return exact;
            }
            constant += cap;
            continue;
        }
        constant += row[sites.front()];
        previous_level = row[sites.front()];
        while (first < sites.size()) {
            const double level = row[sites[first]];
            std::size_t last = first;
            vars.clear();
            coefs.clear();
            while (last < sites.size() && row[sites[last]] == level) {
                vars.push_back(y[sites[last]]);
                coefs.push_back(1);
                served_start = served_start || in_start[sites[last]];
                ++last;
            }
            const bool is_last = last == sites.size();
            const double next_level = is_last ? cap : row[sites[last]];
            if (is_last && cap > data.far) {
                // No fixed-open fallback: i must be served by one of its candidate sites.
                if (previous_z >= 0)
                    vars.push_back(previous_z), coefs.push_back(-1);
                mip.add_row(vars, coefs, 'G', previous_z >= 0 ? 0 : 1);
                break;
            }
            const int z = mip.add_variable(0, 1, next_level - level, false);
            start_z = served_start ? 0 : 1;
            z_start.push_back({z, start_z});
            vars.push_back(z);
            coefs.push_back(1);
            if (previous_z >= 0)
                vars.push_back(previous_z), coefs.push_back(-1);
            mip.add_row(vars, coefs, 'G', previous_z >= 0 ? 0 : 1);
            previous_z = z;
            previous_level = next_level;
            first = last;
        }
        (void)previous_level;
    }
    // The constant part of the objective as a fixed variable, so CBC's values include it.
    const int constant_var = mip.add_variable(1, 1, constant, false);
    mip.add_row(free_vars, std::vector<double>(free_vars.size(), 1.0), 'E',
                double(data.p - open_count));

    std::vector<double> values(mip.variable_count(), 0.0);
    for (std::size_t j = 0; j < data.m; ++j) {
        if (y[j] >= 0)
            values[y[j]] = in_start[j] ? 1 : 0;
    }
    for (const ZStart& s : z_start)
        values[s.var] = s.value;
    values[constant_var] = 1;
    mip.set_start(std::move(values));
    mip.disable_heuristics_and_preprocessing();
    if (data.integral)
        mip.set_absolute_gap(1 - 1e-6);

    const MipSolution solution = mip.solve(time_limit_s);
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

}  // namespace muster::detail

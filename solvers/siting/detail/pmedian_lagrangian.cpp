#include "solvers/siting/detail/pmedian_lagrangian.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "solvers/siting/detail/pmedian_local_search.hpp"

namespace muster::detail {
namespace {

/// L(u) and the sites it opens: forced ones plus the p - forced smallest rho among the others.
struct Relaxed {
    double value = 0;
    std::vector<double> rho;
    std::vector<std::size_t> open;        // ascending
    std::vector<std::size_t> free_order;  // free sites by (rho, index)
    std::size_t free_open = 0;            // the first free_open of free_order are open
};

void relax(const PMedianData& data, const std::vector<double>& u, Relaxed& out) {
    out.rho.assign(data.m, 0.0);
    for (std::size_t j = 0; j < data.m; ++j) {
        const double* column = &data.by_site[j * data.n];
        double rho = 0;
        for (std::size_t i = 0; i < data.n; ++i)
            rho += std::min(0.0, column[i] - u[i]);
        out.rho[j] = rho;
    }
    out.free_order.clear();
    out.open.clear();
    double value = std::accumulate(u.begin(), u.end(), 0.0);
    for (std::size_t j = 0; j < data.m; ++j) {
        if (data.forced[j]) {
            out.open.push_back(j);
            value += out.rho[j];
        } else {
            out.free_order.push_back(j);
        }
    }
    std::sort(out.free_order.begin(), out.free_order.end(), [&](std::size_t a, std::size_t b) {
        return out.rho[a] != out.rho[b] ? out.rho[a] < out.rho[b] : a < b;
    });
    out.free_open = std::min(data.p - std::min(data.p, out.open.size()), out.free_order.size());
    for (std::size_t k = 0; k < out.free_open; ++k) {
        out.open.push_back(out.free_order[k]);
        value += out.rho[out.free_order[k]];
    }
    std::sort(out.open.begin(), out.open.end());
    out.value = value;
}

double rounded_bound(const PMedianData& data, double value) {
    return data.integral ? std::ceil(value - 1e-6) : value;
}

}  // namespace

double pmedian_tolerance(const PMedianData& data, double upper) {
    return data.integral ? 1 - 1e-6 : 1e-9 * std::max(1.0, std::abs(upper));
}

PMedianLagrangian pmedian_lagrangian(const PMedianData& data, std::vector<std::size_t> start,
                                     int max_iterations, double time_limit_s) {
    const auto started = std::chrono::steady_clock::now();
    PMedianLagrangian result;
    result.incumbent = std::move(start);
    result.upper = pmedian_value(data, result.incumbent);

    // u_i starts at the incumbent's cost of i: a good dual guess for the assignment rows.
    std::vector<double> u(data.n, 0.0);
    for (std::size_t i = 0; i < data.n; ++i) {
        double best = data.far;
        for (std::size_t j : result.incumbent)
            best = std::min(best, data.at(i, j));
        u[i] = best;
    }
    std::vector<double> best_u = u;
    double best_value = -std::numeric_limits<double>::infinity();
    double step = 2.0;
    int without_progress = 0;
    Relaxed relaxed;
    std::vector<double> g(data.n);
    std::vector<std::vector<std::size_t>> tried;
    for (int iteration = 0; iteration < max_iterations; ++iteration) {
        result.iterations = iteration + 1;
        relax(data, u, relaxed);
        if (iteration == 0 || relaxed.value > best_value + 1e-12 * std::abs(best_value)) {
            best_value = relaxed.value;
            best_u = u;
            without_progress = 0;
        } else if (++without_progress >= 20) {
            step /= 2;
            without_progress = 0;
        }
        if (rounded_bound(data, best_value) >= result.upper - pmedian_tolerance(data, result.upper))
            break;
        // The relaxation's sites, improved by interchange, as a new incumbent (each set once).
        if (iteration % 10 == 0 && relaxed.open.size() == data.p &&
            std::find(tried.begin(), tried.end(), relaxed.open) == tried.end()) {
            tried.push_back(relaxed.open);
            std::vector<std::size_t> candidate = pmedian_interchange(data, relaxed.open);
            const double value = pmedian_value(data, candidate);
            if (value < result.upper - pmedian_tolerance(data, result.upper)) {
                result.upper = value;
                result.incumbent = std::move(candidate);
            }
        }
        double norm = 0;
        for (std::size_t i = 0; i < data.n; ++i) {
            int served = 0;
            const double* row = &data.by_demand[i * data.m];
            for (std::size_t j : relaxed.open)
                served += row[j] < u[i] ? 1 : 0;
            g[i] = 1.0 - served;
            norm += g[i] * g[i];
        }
        if (norm == 0)
            break;  // the relaxation's solution is feasible: L(u) is its value
        if (step < 1e-4)
            break;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (elapsed > time_limit_s)
            break;
        const double t = step * (result.upper - relaxed.value) / norm;
        for (std::size_t i = 0; i < data.n; ++i)
            u[i] += t * g[i];
    }
    result.bound = std::min(rounded_bound(data, best_value), result.upper);

    // Reduced-cost fixing at the best multipliers.
    relax(data, best_u, relaxed);
    result.fixed_open.assign(data.forced.begin(), data.forced.end());
    result.fixed_closed.assign(data.m, 0);
    const double limit = result.upper - pmedian_tolerance(data, result.upper);
    const auto& order = relaxed.free_order;
    const std::size_t k = relaxed.free_open;
    if (k > 0 && k < order.size()) {
        const double last_in = relaxed.rho[order[k - 1]];
        const double first_out = relaxed.rho[order[k]];
        for (std::size_t a = 0; a < order.size(); ++a) {
            const std::size_t j = order[a];
            if (a < k) {
                if (rounded_bound(data, relaxed.value - relaxed.rho[j] + first_out) > limit)
                    result.fixed_open[j] = 1;
            } else {
                if (rounded_bound(data, relaxed.value + relaxed.rho[j] - last_in) > limit)
                    result.fixed_closed[j] = 1;
            }
        }
    } else if (k == order.size()) {
        for (std::size_t j : order)
            result.fixed_open[j] = 1;
    } else {
        for (std::size_t j : order)
            result.fixed_closed[j] = 1;
    }
    return result;
}

}  // namespace muster::detail

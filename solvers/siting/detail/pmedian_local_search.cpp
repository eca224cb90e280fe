#include "solvers/siting/detail/pmedian_local_search.hpp"

#include <algorithm>
#include <limits>

namespace muster::detail {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

/// Nearest and second-nearest open site of every demand point.
struct Nearest {
    std::vector<double> d1, d2;
    std::vector<std::size_t> c1;

    void compute(const PMedianData& data, const std::vector<std::size_t>& open) {
        d1.assign(data.n, data.far);
        d2.assign(data.n, data.far);
        c1.assign(data.n, kNone);
        for (std::size_t i = 0; i < data.n; ++i) {
            const double* row = &data.by_demand[i * data.m];
            for (std::size_t j : open) {
                const double c = row[j];
                if (c < d1[i] || (c == d1[i] && (c1[i] == kNone || j < c1[i]))) {
                    if (c1[i] != kNone)
                        d2[i] = d1[i];
                    d1[i] = c;
                    c1[i] = j;
                } else if (c < d2[i]) {
                    d2[i] = c;
                }
            }
        }
    }
};

}  // namespace

std::vector<std::size_t> pmedian_greedy(const PMedianData& data) {
    std::vector<std::size_t> open;
    std::vector<char> is_open(data.m, 0);
    for (std::size_t j = 0; j < data.m; ++j) {
        if (data.forced[j])
            open.push_back(j), is_open[j] = 1;
    }
    std::vector<double> d1(data.n, data.far);
    for (std::size_t i = 0; i < data.n; ++i) {
        for (std::size_t j : open)
            d1[i] = std::min(d1[i], data.at(i, j));
    }
    while (open.size() < data.p) {
        std::size_t best = kNone;
        double best_saving = -1;
        for (std::size_t j = 0; j < data.m; ++j) {
            if (is_open[j])
                continue;
            const double* column = &data.by_site[j * data.n];
            double saving = 0;
            for (std::size_t i = 0; i < data.n; ++i)
                saving += std::max(0.0, d1[i] - column[i]);
            if (saving > best_saving)
                best_saving = saving, best = j;
        }
        if (best == kNone)
            break;
        open.push_back(best);
        is_open[best] = 1;
        const double* column = &data.by_site[best * data.n];
        for (std::size_t i = 0; i < data.n; ++i)
            d1[i] = std::min(d1[i], column[i]);
    }
    std::sort(open.begin(), open.end());
    return open;
}

std::vector<std::size_t> pmedian_interchange(const PMedianData& data,
                                             std::vector<std::size_t> open) {
    std::vector<char> is_open(data.m, 0);
    for (std::size_t j : open)
        is_open[j] = 1;
    Nearest nearest;
    std::vector<double> loss(data.m, 0.0), extra(data.m, 0.0);
    for (;;) {
        nearest.compute(data, open);
        const double value_scale = 1e-12 * (1 + [&] {
                                       double s = 0;
                                       for (double d : nearest.d1)
                                           s += d;
                                       return s;
                                   }());
        // loss[r]: the cost of removing open site r alone (its demand moves to the second nearest).
        std::fill(loss.begin(), loss.end(), 0.0);
        for (std::size_t i = 0; i < data.n; ++i)
            loss[nearest.c1[i]] += nearest.d2[i] - nearest.d1[i];
        double best_profit = value_scale;
        std::size_t best_in = kNone, best_out = kNone;
        for (std::size_t f = 0; f < data.m; ++f) {
            if (is_open[f])
                continue;
            const double* column = &data.by_site[f * data.n];
            double gain = 0;
            for (std::size_t r : open)
                extra[r] = 0;
            for (std::size_t i = 0; i < data.n; ++i) {
                const double c = column[i];
                if (c < nearest.d1[i])
                    gain += nearest.d1[i] - c;
                if (c < nearest.d2[i])
                    extra[nearest.c1[i]] += nearest.d2[i] - std::max(c, nearest.d1[i]);
            }
            for (std::size_t r : open) {
                if (data.forced[r])
                    continue;
                const double profit = gain - loss[r] + extra[r];
                if (profit > best_profit)
                    best_profit = profit, best_in = f, best_out = r;
            }
        }
        if (best_in == kNone)
            break;
        is_open[best_out] = 0;
        is_open[best_in] = 1;
        std::replace(open.begin(), open.end(), best_out, best_in);
    }
    std::sort(open.begin(), open.end());
    return open;
}

}  // namespace muster::detail

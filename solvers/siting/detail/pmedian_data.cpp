#include "solvers/siting/detail/pmedian_data.hpp"

#include <algorithm>
#include <cmath>

namespace muster::detail {

PMedianData make_pmedian_data(const SitingInstance& instance, std::size_t p) {
    PMedianData data;
    data.n = instance.demand_count();
    data.m = instance.site_count();
    data.p = p;
    data.forced.assign(instance.forced_open.begin(), instance.forced_open.end());
    data.by_demand.assign(data.n * data.m, 0.0);
    data.allowed.assign(data.n * data.m, 0);
    double total = 0;
    data.integral = true;
    for (std::size_t i = 0; i < data.n; ++i) {
        double largest = 0;
        for (std::size_t j = 0; j < data.m; ++j) {
            const double c = instance.cost(i, j);
            if (c == kNoCost)
                continue;
            const double wc = instance.weights[i] * c;
            data.by_demand[i * data.m + j] = wc;
            data.allowed[i * data.m + j] = 1;
            largest = std::max(largest, wc);
            if (wc != std::floor(wc))
                data.integral = false;
        }
        total += largest;
    }
    // Larger than the value of any solution that uses allowed pairs only.
    data.far = 2 * total + 1;
    if (data.integral)
        data.far = std::ceil(data.far);
    for (std::size_t k = 0; k < data.by_demand.size(); ++k) {
        if (!data.allowed[k])
            data.by_demand[k] = data.far;
    }
    data.by_site.resize(data.n * data.m);
    for (std::size_t i = 0; i < data.n; ++i) {
        for (std::size_t j = 0; j < data.m; ++j)
            data.by_site[j * data.n + i] = data.by_demand[i * data.m + j];
    }
    return data;
}

double pmedian_value(const PMedianData& data, const std::vector<std::size_t>& open) {
    double value = 0;
    for (std::size_t i = 0; i < data.n; ++i) {
        double best = data.far;
        for (std::size_t j : open)
            best = std::min(best, data.at(i, j));
        value += best;
    }
    return value;
}

}  // namespace muster::detail

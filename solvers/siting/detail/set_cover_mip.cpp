#include "solvers/siting/detail/set_cover_mip.hpp"

#include <algorithm>
#include <cmath>

namespace muster::detail {

std::vector<std::size_t> greedy_cover(const SitingInstance& instance,
                                      const std::vector<char>& covers) {
    const std::size_t n = instance.demand_count();
    const std::size_t m = instance.site_count();
    std::vector<char> covered(n, 0), open(m, 0);
    std::size_t remaining = n;
    auto open_site = [&](std::size_t j) {
        open[j] = 1;
        for (std::size_t i = 0; i < n; ++i) {
            if (covers[i * m + j] && !covered[i])
                covered[i] = 1, --remaining;
        }
    };
    for (std::size_t j = 0; j < m; ++j) {
        if (instance.forced_open[j])
            open_site(j);
    }
    while (remaining > 0) {
        std::size_t best = m, best_count = 0;
        for (std::size_t j = 0; j < m; ++j) {
            if (open[j])
                continue;
            std::size_t count = 0;
            for (std::size_t i = 0; i < n; ++i)
                count += covers[i * m + j] && !covered[i] ? 1 : 0;
            if (count > best_count)
                best_count = count, best = j;
        }
        if (best == m)
            return {};
        open_site(best);
    }
    std::vector<std::size_t> result;
    for (std::size_t j = 0; j < m; ++j) {
        if (open[j])
            result.push_back(j);
    }
    return result;
}

CoverSolution min_cover(const SitingInstance& instance, const std::vector<char>& covers,
                        double time_limit_s) {
    const std::size_t n = instance.demand_count();
    const std::size_t m = instance.site_count();
    CoverSolution result;
    const std::vector<std::size_t> greedy = greedy_cover(instance, covers);
    if (greedy.empty()) {
        result.status = MipStatus::infeasible;
        return result;
    }
    MipModel mip;
    for (std::size_t j = 0; j < m; ++j)
        mip.add_variable(instance.forced_open[j] ? 1 : 0, 1, 1, true);
    std::vector<int> vars;
    for (std::size_t i = 0; i < n; ++i) {
        vars.clear();
        for (std::size_t j = 0; j < m; ++j) {
            if (covers[i * m + j])
                vars.push_back(static_cast<int>(j));
        }
        mip.add_row(vars, std::vector<double>(vars.size(), 1.0), 'G', 1);
    }
    std::vector<double> start(m, 0.0);
    for (std::size_t j : greedy)
        start[j] = 1;
    mip.set_start(std::move(start));
    mip.set_absolute_gap(1 - 1e-6);
    const MipSolution solution = mip.solve(time_limit_s);
    result.status = solution.status;
    result.bound = std::ceil(solution.bound - 1e-6);
    if (solution.status == MipStatus::optimal || solution.status == MipStatus::feasible) {
        for (std::size_t j = 0; j < m; ++j) {
            if (solution.values[j] > 0.5)
                result.open.push_back(j);
        }
    } else {
        // CBC found nothing in time: the greedy cover stands, with the bound CBC proved.
        result.status = MipStatus::feasible;
        result.open = greedy;
    }
    if (result.status == MipStatus::optimal)
        result.bound = static_cast<double>(result.open.size());
    return result;
}

}  // namespace muster::detail

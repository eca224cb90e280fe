// p-center (Hakimi 1965), unweighted: the leat radius r such that p sites cover every demand
// point within r. The optimum i one of the distinct allowed costs; a binary search over them asks
// the et-covering MIP for the fewest sites at each candidate radius (Minieka 1970).

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/errors.hpp"
#include "solvers/siting/detail/nearest_assignment.hpp"
#include "solvers/siting/detail/parameters.hpp"
#include "solvers/siting/detail/set_cover_mip.hpp"
#include "solvers/siting/siting_models.hpp"

namespace muster {

SitingResult solve_p_center(const SitingInstance& instance, const SitingOptions& options) {
    validate_siting_instance(instance);
    detail::require_p(instance, options, "pcenter");
    detail::require_time_limit(options);
    detail::require_servable(instance, std::numeric_limits<double>::quiet_NaN(), "pcenter");
    const auto started = std::chrono::steady_clock::now();
    const auto remaining = [&] {
        const double used =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return std::max(0.01, options.time_limit_s - used);
    };

    std::vector<double> radii;
    for (double c : instance.costs) {
        if (c != kNoCost)
            radii.push_back(c);
    }
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());

    // Invariant: radii[hi] needs at most p sites (`best`); below lo every radius needs more
    // (proven), so radii[lo] is a lower bound of the optimum.
    std::size_t lo = 0, hi = radii.size() - 1;
    detail::CoverSolution best =
        detail::min_cover(instance, detail::coverage_matrix(instance, radii[hi]), remaining());
    if (best.open.empty() || best.open.size() > options.p) {
        throw InputError("pcenter: " + std::to_string(options.p) +
                         " sites cannot serve every demand point with the costs given");
    }
    bool proven = true;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const detail::CoverSolution cover =
            detail::min_cover(instance, detail::coverage_matrix(instance, radii[mid]), remaining());
        if (cover.status != detail::MipStatus::infeasible && !cover.open.empty() &&
            cover.open.size() <= options.p) {
            hi = mid;
            best = cover;
        } else if (cover.status == detail::MipStatus::infeasible ||
                   cover.bound > static_cast<double>(options.p)) {
            lo = mid + 1;
        } else {
            // Neither proven: keep the radius as unresolved and stop narrowing from below.
            proven = false;
            lo = mid + 1;
        }
    }
    // Open p sites in all: the cover, then the sites that lower the total weighted cost most.
    std::vector<std::size_t> open = best.open;
    std::vector<double> nearest(instance.demand_count(), kNoCost);
    for (std::size_t i = 0; i < instance.demand_count(); ++i) {
        for (std::size_t j : open)
            nearest[i] = std::min(nearest[i], instance.cost(i, j));
    }
    while (open.size() < options.p) {
        std::size_t best_site = instance.site_count();
        double best_saving = -1;
        for (std::size_t j = 0; j < instance.site_count(); ++j) {
            if (std::find(open.begin(), open.end(), j) != open.end())
                continue;
            double saving = 0;
            for (std::size_t i = 0; i < instance.demand_count(); ++i) {
                const double c = instance.cost(i, j);
                if (c < nearest[i])
                    saving += instance.weights[i] * (nearest[i] - c);
            }
            if (saving > best_saving)
                best_saving = saving, best_site = j;
        }
        open.push_back(best_site);
        for (std::size_t i = 0; i < instance.demand_count(); ++i) {
            nearest[i] = std::min(nearest[i], instance.cost(i, best_site));
        }
    }
    std::sort(open.begin(), open.end());

    SitingResult result;
    result.model = SitingModel::pcenter;
    result.open_sites = open;
    result.assignment =
        detail::assign_to_nearest(instance, open, std::numeric_limits<double>::quiet_NaN());
    double largest = 0;
    for (const SitingAssignment& a : result.assignment)
        largest = std::max(largest, a.cost);
    result.objective = largest;
    result.bound = proven ? largest : std::min(largest, radii[0]);
    result.gap = relative_gap(result.objective, result.bound);
    result.optimal = proven;
    result.method = proven ? "cbc set covering search" : "cbc set covering search (time limit)";
    return result;
}

}  // namespace muster

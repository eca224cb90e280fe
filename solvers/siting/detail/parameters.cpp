#include "solvers/siting/detail/parameters.hpp"

#include <cmath>
#include <sstream>

#include "engine/errors.hpp"

namespace muster::detail {

void require_p(const SitingInstance& instance, const SitingOptions& options,
               std::string_view model) {
    std::ostringstream message;
    if (options.p == 0) {
        message << model << ": parameter p must be at least 1";
    } else if (options.p > instance.site_count()) {
        message << model << ": parameter p = " << options.p
                << " is larger than the number of sites (" << instance.site_count() << ")";
    } else if (options.p < instance.forced_open_count()) {
        message << model << ": parameter p = " << options.p
                << " is smaller than the number of forced-open sites ("
                << instance.forced_open_count() << ")";
    } else {
        return;
    }
    throw InputError(message.str());
}

void require_radius(const SitingOptions& options, std::string_view model) {
    if (!std::isfinite(options.radius) || options.radius < 0) {
        throw InputError(
            std::string(model) + ": parameter radius must be a number >= 0 (got " +
            (std::isnan(options.radius) ? std::string("none") : std::to_string(options.radius)) +
            ")");
    }
}

void require_time_limit(const SitingOptions& options) {
    if (!(options.time_limit_s > 0)) {
        throw InputError("parameter time limit must be > 0 seconds (got " +
                         std::to_string(options.time_limit_s) + ")");
    }
}

void require_servable(const SitingInstance& instance, double radius, std::string_view model) {
    for (std::size_t i = 0; i < instance.demand_count(); ++i) {
        bool servable = false;
        for (std::size_t j = 0; j < instance.site_count() && !servable; ++j) {
            const double c = instance.cost(i, j);
            servable = c != kNoCost && (std::isnan(radius) || c <= radius);
        }
        if (!servable) {
            std::ostringstream message;
            message << model << ": demand '" << instance.demand_ids[i] << "' has no site";
            if (!std::isnan(radius))
                message << " within radius " << radius;
            else
                message << " that may serve it (no cost given)";
            throw InputError(message.str());
        }
    }
}

}  // namespace muster::detail

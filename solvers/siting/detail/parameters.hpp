#pragma once
// Checks of the parameters the siting models share; each throws muster::InputError naming the
// parameter and the value.

#include <string_view>

#include "solvers/siting/siting_instance.hpp"
#include "solvers/siting/siting_result.hpp"

namespace muster::detail {

/// 1 <= p <= sites and p >= forced-open sites.
void require_p(const SitingInstance& instance, const SitingOptions& options,
               std::string_view model);
/// A finite radius >= 0.
void require_radius(const SitingOptions& options, std::string_view model);
/// A time limit > 0.
void require_time_limit(const SitingOptions& options);
/// Every demand point with an allowed site (within `radius` if given); names the first without.
void require_servable(const SitingInstance& instance, double radius, std::string_view model);

}  // namespace muster::detail

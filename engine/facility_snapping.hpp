#pragma once
// Checks that facilities can use the road network: each snaps within the limit, and not onto a
// small strongly connected component from which it could not reach (or be reached from) the rest.

#include <span>
#include <string>
#include <vector>

#include "engine/components.hpp"
#include "engine/problem.hpp"
#include "engine/snapping.hpp"

namespace muster {

/// A facility to check: its kind ("shelters", "teams", ...), source id and location.
struct FacilityRef {
    std::string kind;
    std::string id;
    LonLat location;
};

/// One problem per facility that snap_to_network (engine/network_snapping.hpp) cannot place on
/// the main network as it would any point: farther than limit_m from every road; nearest to a
/// small component with no road of the main network within limit_m (it stays there); or nearest
/// to a small component and so snapped to the main network's nearest road instead (a note: the
/// facility is routable, from a little farther away). Problems have kind "network" and name the
/// facility's kind and id. O(facilities · log S).
std::vector<Problem> snapping_problems(const SnapIndex& index, const Components& components,
                                       std::span<const FacilityRef> facilities,
                                       double limit_m = kDefaultSnapLimitM);

}  // namespace muster

#pragma once
// Snapping that avoids small isolated parts of the network, as OSRM does: a point whose nearest
// road lies on a small strongly connected component (a car park, a badly joined one-way stub)
// could not reach, or be reached from, the rest of the network. It snaps to the nearest road of
// the main network instead when that is within the limit, and says so.

#include <cstdint>
#include <optional>

#include "engine/components.hpp"
#include "engine/snapping.hpp"

namespace muster {

/// Where a point meets the network when small components are avoided.
struct NetworkSnap {
    /// The snap: the nearest road if it is not on a small component (components.is_small), else
    /// the nearest road off small components within the limit (its passed_small_m set to the
    /// small road's distance), else the small road itself. Empty if no road is within the limit.
    std::optional<Snap> snap;
    /// The snap lies on a small component: no road of the main network is within the limit.
    bool on_small_component = false;
    /// The node count of the small component the nearest road lies on; 0 if it is on none.
    std::uint32_t small_component_nodes = 0;
};

/// The rule above for `p` within limit_m metres. Throws ContractError for a limit that is
/// negative or not finite. O(log S) when the nearest road is on the main network; otherwise a
/// second search over the segments nearer than the main network's road.
NetworkSnap snap_to_network(const SnapIndex& index, const Components& components, LonLat p,
                            double limit_m = kDefaultSnapLimitM);

/// Whether the road piece lies on a small component (either end of its edges does).
bool piece_on_small_component(const RoadNetwork& network, const Components& components,
                              PieceId piece);

}  // namespace muster

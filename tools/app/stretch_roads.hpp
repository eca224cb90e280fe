#pragma once
// What the network's road stretches are in the office's own road table: their names, and the
// bridges and tunnels along them. The network keeps neither, so its pieces are matched back to
// the stored roads: a piece is a run of consecutive points of one road, so its first segment
// names the road it came from.

#include <span>
#include <string>
#include <vector>

#include "geodata/resource_db.hpp"
#include "solvers/response/road_criticality.hpp"

namespace muster::tools {

struct StretchRoads {
    std::string name;     ///< the road names along it, longest first, joined by " / "; "" if none
    double bridge_m = 0;  ///< length over bridges
    double tunnel_m = 0;  ///< length through tunnels
    /// "bridge", "tunnel", "bridge, tunnel" or "" for none: what a closure may be about.
    std::string structures() const;
};

/// Each stretch's names and structures, from the roads its pieces were cut from. A piece whose
/// first segment is no stored road's (a database imported by an older muster, say) adds nothing.
/// O(road points + stretch pieces).
std::vector<StretchRoads> stretch_roads(const RoadNetwork& network,
                                        std::span<const RoadStretch> stretches,
                                        std::span<const StoredRoad> roads);

}  // namespace muster::tools

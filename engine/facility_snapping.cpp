#include "engine/facility_snapping.hpp"

#include <cmath>

#include "engine/network_snapping.hpp"

namespace muster {

std::vector<Problem> snapping_problems(const SnapIndex& index, const Components& components,
                                       std::span<const FacilityRef> facilities, double limit_m) {
    std::vector<Problem> problems;
    const RoadNetwork& network = index.network();
    const std::string profile(to_string(network.profile()));
    const auto metres = [](double m) { return std::to_string(std::lround(m)) + " m"; };
    const auto nodes = [](std::uint32_t n) {
        return std::to_string(n) + (n == 1 ? " node" : " nodes");
    };
    for (const FacilityRef& f : facilities) {
        const NetworkSnap found = snap_to_network(index, components, f.location, limit_m);
        if (!found.snap) {
            problems.push_back({"network", f.kind, f.id, "",
                                "farther than " + metres(limit_m) + " from any road of the " +
                                    profile + " network: not routable",
                                f.location});
        } else if (found.on_small_component) {
            problems.push_back(
                {"network", f.kind, f.id, "",
                 "snaps onto a small isolated part of the " + profile + " network (" +
                     nodes(found.small_component_nodes) + ", " + metres(found.snap->distance_m) +
                     " away) and no road of the main network is within " + metres(limit_m),
                 f.location});
        } else if (found.snap->passed_small_m) {
            problems.push_back({"network", f.kind, f.id, "",
                                "nearest road is on a small isolated part of the " + profile +
                                    " network (" + nodes(found.small_component_nodes) + ", " +
                                    metres(*found.snap->passed_small_m) +
                                    " away): snapped to the main network, " +
                                    metres(found.snap->distance_m) + " away",
                                f.location});
        }
    }
    return problems;
}

}  // namespace muster

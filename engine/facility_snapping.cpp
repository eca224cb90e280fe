#include "engine/facility_snapping.hpp"

#include <cmath>

namespace muster {

std::vector<Problem> snapping_problems(const SnapIndex& index, const Components& components,
                                       std::span<const FacilityRef> facilities, double limit_m) {
    std::vector<Problem> problems;
    const RoadNetwork& network = index.network();
    const std::string profile(to_string(network.profile()));
    for (const FacilityRef& f : facilities) {
        auto snap = index.nearest(f.location, limit_m);
        if (!snap) {
            problems.push_back({"network", f.kind, f.id, "",
                                "farther than " + std::to_string(std::lround(limit_m)) + " m from any road of the " +
                                    profile + " network: not routable",
                                f.location});
            continue;
        }
        const PieceId piece = snap->piece;
        const EdgeId along = network.piece_edge(piece, false);
        const EdgeId against = network.piece_edge(piece, true);
        const EdgeId edge = along != kInvalidEdge ? along : against;
        if (components.edge_on_small(network, edge)) {
            // Report the small end: the edge's tail may be the small one (a node that can only be
            // left) while its head is on the main network.
            const auto tail_component = components.of_node[network.tail(edge)];
            const auto component = components.is_small(tail_component)
                                       ? tail_component
                                       : components.of_node[network.head(edge)];
            problems.push_back({"network", f.kind, f.id, "",
                                "snaps onto a small isolated part of the " + profile + " network (" +
                                    std::to_string(components.size[component]) + (components.size[component] == 1 ? " node, " : " nodes, ") +
                                    std::to_string(std::lround(snap->distance_m)) + " m away)",
                                f.location});
        }
    }
    return problems;
}

}  // namespace muster

#include "engine/network_snapping.hpp"

namespace muster {

bool piece_on_small_component(const RoadNetwork& network, const Components& components,
                              PieceId piece) {
    const EdgeId along = network.piece_edge(piece, false);
    return components.edge_on_small(
        network, along != kInvalidEdge ? along : network.piece_edge(piece, true));
}

NetworkSnap snap_to_network(const SnapIndex& index, const Components& components, LonLat p,
                            double limit_m) {
    const RoadNetwork& network = index.network();
    NetworkSnap result;
    result.snap = index.nearest(p, limit_m);
    if (!result.snap || !piece_on_small_component(network, components, result.snap->piece))
        return result;

    // Report the small end: an edge's tail may be on the small component (a node that can only
    // be left) while its head is on the main network.
    const EdgeId along = network.piece_edge(result.snap->piece, false);
    const EdgeId edge =
        along != kInvalidEdge ? along : network.piece_edge(result.snap->piece, true);
    const auto tail = components.of_node[network.tail(edge)];
    const auto small = components.is_small(tail) ? tail : components.of_node[network.head(edge)];
    result.small_component_nodes = components.size[small];

    auto main = index.nearest_accepted(p, limit_m, [&](PieceId piece) {
        return !piece_on_small_component(network, components, piece);
    });
    if (main) {
        main->passed_small_m = result.snap->distance_m;
        result.snap = main;
    } else {
        result.on_small_component = true;
    }
    return result;
}

}  // namespace muster

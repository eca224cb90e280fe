#include "geodata/routing_loader.hpp"

#include <stdexcept>

#include "engine/errors.hpp"
#include "geodata/field_map.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"

namespace muster {

RoadNetwork load_network(const ResourceDb& db, Profile profile) {
    auto network = db.network(profile);
    if (!network) {
        throw InputError(db.path() + ": no " + std::string(to_string(profile)) +
                         " network stored (import roads first: muster import DB --roads SRC)");
    }
    return std::move(*network);
}

RoutingGraph load_routing_graph(const ResourceDb& db, Profile profile, Progress* progress) {
    const std::string name(to_string(profile));
    const ProgressStep load(progress, "load the " + name + " network", "nodes");
    RoadNetwork network = load_network(db, profile);
    std::vector<NodeId> order = db.cch_order(profile);
    load.finish(network.node_count());
    try {
        const std::size_t nodes = network.node_count();
        const ProgressStep build(
            progress,
            "build the " + name +
                " routing graph (snapping index, components, customized hierarchy)",
            "nodes");
        RoutingGraph graph(std::move(network), std::move(order));
        build.finish(nodes);
        return graph;
    } catch (const ContractError& e) {
        throw DataError(db.path() + ": the stored " + std::string(to_string(profile)) +
                        " network's contraction order is damaged: " + e.what());
    }
}

ReadResult<HazardZone> read_hazard_source(std::string_view spec) {
    VectorLayer layer(parse_source_spec(spec));
    return read_hazards(layer, FieldMap::defaults());
}

}  // namespace muster

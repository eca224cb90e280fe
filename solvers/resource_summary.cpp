#include "solvers/resource_summary.hpp"

#include "engine/components.hpp"

namespace muster {

ResourceSummary summarize(const Resources& r) {
    ResourceSummary s;
    s.townships = r.townships.size();
    for (const Township& t : r.townships) {
        if (t.population) {
            s.population += *t.population;
        } else {
            ++s.townships_without_population;
        }
        s.bounds.extend(t.location);
    }
    s.shelters = r.shelters.size();
    for (const Shelter& shelter : r.shelters) {
        s.shelter_capacity += shelter.capacity;
        auto& figures = s.shelters_by_class[std::string(to_string(shelter.shelter_class))];
        ++figures.count;
        figures.capacity += shelter.capacity;
        s.bounds.extend(shelter.location);
    }
    s.depots = r.depots.size();
    for (const Depot& d : r.depots) {
        ++s.depots_by_tier[std::string(to_string(d.tier))];
        for (const InventoryItem& item : d.inventory)
            s.stock[item.item][item.unit] += item.quantity;
        s.bounds.extend(d.location);
    }
    s.teams = r.teams.size();
    for (const Team& t : r.teams) {
        auto& [total, available] = s.teams_by_kind[t.kind];
        ++total;
        if (is_available(t))
            ++available;
        s.bounds.extend(t.location);
    }
    s.hospitals = r.hospitals.size();
    for (const Hospital& h : r.hospitals) {
        s.beds_red += h.beds_red;
        s.beds_yellow += h.beds_yellow;
        s.beds_green += h.beds_green;
        s.beds_surge += h.beds_surge;
        s.bounds.extend(h.location);
    }
    s.hazards = r.hazards.size();
    for (const HazardZone& z : r.hazards) {
        if (z.effect == HazardEffect::closed)
            ++s.hazards_closed;
    }
    return s;
}

NetworkSummary summarize(const RoadNetwork& network) {
    NetworkSummary s;
    s.nodes = network.node_count();
    s.edges = network.edge_count();
    for (PieceId p : network.pieces()) {
        EdgeId e = network.piece_edge(p, false);
        if (e == kInvalidEdge)
            e = network.piece_edge(p, true);
        s.length_m += network.length_m(e);
        s.length_m_by_class[network.road_class(e)] += network.length_m(e);
    }
    for (NodeId u : network.nodes())
        s.bounds.extend(network.coordinate(u).lon_lat());
    const Components components = strongly_connected_components(network);
    s.components = components.count();
    if (s.components > 0)
        s.largest_component_nodes = components.size[components.largest];
    for (std::uint32_t c = 0; c < components.count(); ++c)
        s.small_components += components.is_small(c);
    return s;
}

}  // namespace muster

#include "solvers/detail/path_route.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/path_geometry.hpp"

namespace muster::detail {
namespace {

// Appends the stretch [from, to] of edge e to the route; an empty stretch (a point that is a
// node, or a partial edge of length 0) is not travelled and not listed.
void append(const RoadNetwork& network, EdgeId e, double from, double to, Route& route) {
    if (e == kInvalidEdge || !(from < to))
        return;
    route.edges.push_back(e);
    append_edge_geometry(network, e, from, to, route.geometry);
}

// The stretch of edge e from the snapped point `at` to e's head (leaving) or from e's tail to
// `at` (arriving); an empty stretch is not travelled and not listed.
void append_leaving(const RoadNetwork& network, EdgeId e, const Snap& at, Route& route) {
    if (e == kInvalidEdge || !(edge_fraction(network, e, piece_fraction(at)) < 1.0))
        return;
    route.edges.push_back(e);
    append_edge_after(network, e, at, route.geometry);
}

void append_arriving(const RoadNetwork& network, EdgeId e, const Snap& at, Route& route) {
    if (e == kInvalidEdge || !(0.0 < edge_fraction(network, e, piece_fraction(at))))
        return;
    route.edges.push_back(e);
    append_edge_before(network, e, at, route.geometry);
}

// A route has at least one point: where it starts (and ends, if it does not move); the node
// itself for a point at a node, as a route that moves starts there.
void ensure_point(const RoadNetwork& network, const Snap& at, Route& route) {
    if (!route.geometry.empty())
        return;
    const auto node = node_at(network, at);
    route.geometry.push_back(node ? network.coordinate(*node).lon_lat() : at.point);
}

// The source seed the search started `node` from: the one at that node with its duration and
// length (a point at a node has that node as its only seed; two partial edges can tie only on a
// piece that loops back to its first node).
const Seed& source_at(std::span<const Seed> sources, const Dijkstra& search, NodeId node) {
    const Seed* found = nullptr;
    for (const Seed& s : sources) {
        if (s.node != node || s.duration_ms != search.duration_ms(node) ||
            s.length_mm != search.length_mm(node))
            continue;
        if (!found || (found->edge == kInvalidEdge && s.edge != kInvalidEdge))
            found = &s;
    }
    if (!found)
        throw ContractError("a search tree's root is none of its sources");
    return *found;
}

}  // namespace

double edge_fraction(const RoadNetwork& network, EdgeId e, double piece_t) {
    return network.reversed(e) ? 1 - piece_t : piece_t;
}

Route direct_route(const RoadNetwork& network, const Seed& direct, const Snap& from,
                   const Snap& to) {
    Route route;
    route.duration_s = static_cast<double>(direct.duration_ms) / 1000.0;
    route.distance_m = static_cast<double>(direct.length_mm) / 1000.0;
    if (direct.edge != kInvalidEdge) {
        append(network, direct.edge, edge_fraction(network, direct.edge, piece_fraction(from)),
               edge_fraction(network, direct.edge, piece_fraction(to)), route);
    }
    ensure_point(network, from, route);
    return route;
}

Route tree_route(const RoadNetwork& network, const ReverseGraph& reverse, const Dijkstra& search,
                 std::span<const Seed> sources, const Snap& origin, const Seed& end,
                 const Snap& other) {
    Route route;
    route.duration_s = static_cast<double>(search.duration_ms(end.node) + end.duration_ms) / 1000.0;
    route.distance_m = static_cast<double>(search.length_mm(end.node) + end.length_mm) / 1000.0;

    if (search.direction() == Direction::forward) {
        // The tree path runs from a source to end.node; collect it backwards, then travel it.
        std::vector<EdgeId> path;
        NodeId v = end.node;
        for (EdgeId e = search.parent_edge(v); e != kInvalidEdge; e = search.parent_edge(v)) {
            path.push_back(e);
            v = reverse.tail(e);
        }
        const Seed& start = source_at(sources, search, v);
        std::reverse(path.begin(), path.end());
        append_leaving(network, start.edge, origin, route);
        route.edges.insert(route.edges.end(), path.begin(), path.end());
        append_path_geometry(network, path, route.geometry);
        append_arriving(network, end.edge, other, route);
        ensure_point(network, origin, route);
    } else {
        // Backward: parent edges lead from end.node towards the origin, in travel order.
        append_leaving(network, end.edge, other, route);
        NodeId v = end.node;
        for (EdgeId e = search.parent_edge(v); e != kInvalidEdge; e = search.parent_edge(v)) {
            append(network, e, 0.0, 1.0, route);
            v = network.head(e);
        }
        const Seed& last = source_at(sources, search, v);
        append_arriving(network, last.edge, origin, route);
        ensure_point(network, other, route);
    }
    return route;
}

Route path_route(const RoadNetwork& network, const Seed& start, std::span<const EdgeId> path,
                 const Seed& end, const Snap& from, const Snap& to, std::uint64_t duration_ms,
                 std::uint64_t length_mm) {
    Route route;
    route.duration_s = static_cast<double>(duration_ms) / 1000.0;
    route.distance_m = static_cast<double>(length_mm) / 1000.0;
    append_leaving(network, start.edge, from, route);
    route.edges.insert(route.edges.end(), path.begin(), path.end());
    append_path_geometry(network, path, route.geometry);
    append_arriving(network, end.edge, to, route);
    ensure_point(network, from, route);
    return route;
}

}  // namespace muster::detail

#include "solvers/detail/area_field.hpp"

#include <algorithm>
#include <cmath>

#include "engine/errors.hpp"
#include "engine/path_geometry.hpp"

namespace muster::detail {

// The scratch of this thread's areas, kept from one query to the next.
struct AreaScratch {
    TravelTimeField field;
    std::vector<std::pair<NodeId, double>> landings;
    std::vector<LonLat> line;
    std::vector<double> times;
};

namespace {

// A field's and its part's.
AreaScratch& scratch() {
    thread_local AreaScratch kept;
    return kept;
}
AreaScratch& part_scratch() {
    thread_local AreaScratch kept;
    return kept;
}

}  // namespace

AreaField::AreaField(const RoutingGraph& graph, const Snap& origin, bool forward,
                     std::span<const NodeId> nodes, std::span<const EdgeId> own)
    : m_graph(graph),
      m_cells(graph.cells()),
      m_origin(origin),
      m_forward(forward),
      m_window(nullptr),
      m_field(scratch().field),
      m_landings(scratch().landings),
      m_line(scratch().line),
      m_times(scratch().times) {
    const RoadNetwork& network = graph.network();
    const CellGrid& grid = m_cells.grid();
    CellGrid::Cell low = grid.cell_of(origin.point), high = low;
    const auto extend = [&](CellGrid::Cell c, std::int64_t by) {
        low = {std::min(low.column, c.column - by), std::min(low.row, c.row - by)};
        high = {std::max(high.column, c.column + by), std::max(high.row, c.row + by)};
    };
    const auto extend_by_box = [&](EdgeId e) {
        const RoadCells::EdgeCells edge = m_cells.of(e);
        if (!edge.ferry) {
            extend(edge.box_min, 0);
            extend(edge.box_max, 0);
        }
    };
    for (EdgeId e : own) {
        if (e != kInvalidEdge)
            extend_by_box(e);
    }
    for (NodeId u : nodes) {
        const unsigned reach = m_cells.reach(u);
        if (reach < RoadCells::kFarReach) {
            extend(grid.cell_of(network.coordinate(u).lon_lat()), reach);
            continue;
        }
        // Only the edges the search marks from u: out of it forward, into it backward.
        extend(grid.cell_of(network.coordinate(u).lon_lat()), 0);
        if (forward) {
            for (EdgeId e : network.out_edges(u))
                extend_by_box(e);
        } else {
            for (EdgeId e : graph.reverse().in_edges(u))
                extend_by_box(e);
        }
    }
    m_field.reset(grid, low, high, kServiceAreaMaxCells);
    m_landings.clear();
    const double zero = 0;
    m_field.add_road(std::span(&origin.point, 1), std::span(&zero, 1));
}

AreaField::AreaField(const AreaField& whole, AreaScratch& scratch)
    : m_graph(whole.m_graph),
      m_cells(whole.m_cells),
      m_origin(whole.m_origin),
      m_forward(whole.m_forward),
      m_window(&whole.m_field),
      m_field(scratch.field),
      m_landings(scratch.landings),
      m_line(scratch.line),
      m_times(scratch.times) {}

AreaField AreaField::part() const {
    return AreaField(*this, part_scratch());
}

void AreaField::clear() {
    if (!m_window)
        throw ContractError("only a part of a service area's field is cleared");
    m_field.reset_like(*m_window);
    m_landings.clear();
}

void AreaField::merge(const AreaField& part) {
    if (part.m_window != &m_field)
        throw ContractError("a service area's field merges only its own part");
    m_field.merge(part.m_field);
    m_landings.insert(m_landings.end(), part.m_landings.begin(), part.m_landings.end());
}

void AreaField::add_crossing(EdgeId e, NodeId from, double start_s, double duration_s, double r) {
    m_landings.emplace_back(from, start_s);
    if (r >= 1) {
        m_landings.emplace_back(m_forward ? m_graph.network().head(e) : m_graph.network().tail(e),
                                start_s + duration_s);
    }
}

void AreaField::add_own_line(const ReachedSegment& s) {
    m_line.clear();
    append_edge_geometry(m_graph.network(), s.edge, s.from_fraction, s.to_fraction, m_line);
    const LocalFrame frame(m_origin.point);
    m_times.assign(m_line.size(), 0.0);
    for (std::size_t k = 1; k < m_line.size(); ++k) {
        const auto a = frame.to_xy(m_line[k - 1]), b = frame.to_xy(m_line[k]);
        m_times[k] = m_times[k - 1] + std::hypot(b.x - a.x, b.y - a.y);
    }
}

void AreaField::draw(std::vector<ServiceAreaBand>& bands, const std::stop_token& stop) {
    // A landing is a node with a road as well as the crossing; a ferry route's own nodes at sea
    // are not land reached.
    const RoadNetwork& network = m_graph.network();
    const auto by_road = [&](EdgeId e) { return !network.ferry(e); };
    for (const auto& [v, time_s] : m_landings) {
        if (std::ranges::none_of(network.out_edges(v), by_road) &&
            std::ranges::none_of(m_graph.reverse().in_edges(v), by_road))
            continue;
        const LonLat p = network.coordinate(v).lon_lat();
        m_field.add_road(std::span(&p, 1), std::span(&time_s, 1));
    }
    m_field.spread(kServiceAreaOffRoadMps);
    const double min_hole_m2 = kServiceAreaMinHoleCells * m_field.cell_m() * m_field.cell_m();
    for (ServiceAreaBand& band : bands) {
        throw_if_stopped(stop, "the service area");
        band.area = m_field.contour(band.limit_s, min_hole_m2);
    }
}

}  // namespace muster::detail

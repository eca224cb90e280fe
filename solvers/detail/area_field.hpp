#pragma once
// A service area's travel-time field (engine/travel_time_field.hpp), drawn from what its search
// reached and contoured into each band's polygon. An edge travelled from one end marks the cells
// its piece is known to cross (RoutingGraph::cells()) with the time where it is first in each;
// the point's own edges, travelled from the point, are cut and rasterized; a ferry crossing marks
// its landings alone: the area is land reached, not the sea crossed. A part() of the field, over
// the same window, lets a helper thread mark some of the edges at the same time; merge() takes
// its cells in. The field's buffers, and its part's, are kept per thread from one query to the
// next.

#include <cstdint>
#include <span>
#include <stop_token>
#include <utility>
#include <vector>

#include "engine/routing_graph.hpp"
#include "engine/travel_time_field.hpp"
#include "solvers/nearest.hpp"
#include "solvers/service_area.hpp"

namespace muster::detail {

struct AreaScratch;

class AreaField {
  public:
    /// Clears this thread's field to a window of the network's grid that holds the point, the
    /// cells of the `own` edges (the point's; kInvalidEdge is skipped) and those of every edge in
    /// and out of `nodes` (by their RoadCells::reach, or their boxes for a far one).
    /// `forward`: the area is reached from the point, else it reaches the point. O(nodes).
    AreaField(const RoutingGraph& graph, const Snap& origin, bool forward,
              std::span<const NodeId> nodes, std::span<const EdgeId> own);

    /// A second field over the same window, on this thread's second buffers, to mark some of the
    /// edges on a helper thread: cleared there by clear(), joined back by merge(). Made on this
    /// field's thread, as this one was.
    AreaField part() const;
    /// Clears a part() to its window (after which it is this field's alone). O(cells).
    void clear();
    /// Takes in what `part` (this field's part()) marked: its cells and ferry landings. O(cells).
    void merge(const AreaField& part);

    /// Edge e, not one of the point's own, reached from node `from` (its tail, or its head
    /// backward) at at_ms and travelled in duration_ms, as far as fraction r (<= 1) of it from
    /// that end. A cell whose part of the edge meets what is reached takes the time where the
    /// edge is first in it, if that is within r. A ferry crossing keeps its landings for draw():
    /// `from`, and the far one if the crossing is reached whole. O(cells crossed).
    void add_edge(EdgeId e, NodeId from, std::uint64_t at_ms, std::uint32_t duration_ms, double r) {
        // Multiplications, not divisions: a few per edge reached, tens of thousands a query.
        const double start_s = static_cast<double>(at_ms) * 1e-3;
        const RoadCells::EdgeCells edge = m_cells.of(e);
        if (edge.ferry) {
            add_crossing(e, from, start_s, duration_ms / 1000.0, r);
            return;
        }
        // In the paths' fixed-point fractions, from the end the edge is reached from.
        constexpr double kScale = CellCrossing::kFractionScale;
        const bool from_leave = m_forward == edge.reversed;
        const double reach = r * kScale, step_s = duration_ms * (1e-3 / kScale);
        if (r >= 1) {
            // Reached whole, as most edges are: every cell, with no test of its fraction.
            const auto start = static_cast<float>(start_s), step = static_cast<float>(step_s);
            if (from_leave) {
                m_field.mark_cells(edge.box_min, edge.box_max, edge.path,
                                   [&](std::uint32_t, std::uint32_t leave) {
                                       return start + static_cast<float>(kScale - leave) * step;
                                   });
            } else {
                m_field.mark_cells(edge.box_min, edge.box_max, edge.path,
                                   [&](std::uint32_t enter, std::uint32_t) {
                                       return start + static_cast<float>(enter) * step;
                                   });
            }
            return;
        }
        m_field.mark_cells(
            edge.box_min, edge.box_max, edge.path, [&](std::uint32_t enter, std::uint32_t leave) {
                const double offset = from_leave ? kScale - leave : enter;
                return offset <= reach ? static_cast<float>(start_s + offset * step_s)
                                       : TravelTimeField::kUnreached;
            });
    }

    /// A stretch of one of the point's own edges (not a ferry's), with its travel time at every
    /// fraction of the edge between s.from_fraction and s.to_fraction: `time_at(f)` (s).
    template <typename TimeAt>
    void add_own(const ReachedSegment& s, const TimeAt& time_at) {
        add_own_line(s);
        // Each inner point's time from its fraction of the edge, from its share of the
        // stretch's length (a stretch is cut from its edge in proportion to length).
        for (std::size_t k = 1; k + 1 < m_times.size(); ++k) {
            const double share = m_times.back() > 0 ? m_times[k] / m_times.back() : 0.0;
            m_times[k] = time_at(s.from_fraction + share * (s.to_fraction - s.from_fraction));
        }
        m_times.front() = s.start_s;
        m_times.back() = m_line.size() == 1 ? std::min(s.start_s, s.end_s) : s.end_s;
        m_field.add_road(m_line, m_times);
    }

    /// Each band's polygon: the field's contour at its limit, holes under
    /// kServiceAreaMinHoleCells cells filled, after the landings are marked and the field spread.
    /// Throws muster::Stopped once `stop` is requested (checked before each band).
    void draw(std::vector<ServiceAreaBand>& bands, const std::stop_token& stop);

  private:
    AreaField(const AreaField& whole, AreaScratch& scratch);
    void add_crossing(EdgeId e, NodeId from, double start_s, double duration_s, double r);
    // The stretch's polyline into m_line, and in m_times its points' distances from its start.
    void add_own_line(const ReachedSegment& s);

    const RoutingGraph& m_graph;
    const RoadCells& m_cells;
    const Snap& m_origin;
    bool m_forward;
    const TravelTimeField* m_window;  ///< a part's whole field, whose window it takes
    TravelTimeField& m_field;
    std::vector<std::pair<NodeId, double>>& m_landings;  ///< ferry landings and their times
    std::vector<LonLat>& m_line;
    std::vector<double>& m_times;
};

}  // namespace muster::detail

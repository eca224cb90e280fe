#pragma once
// Dijkstra's search over a RoadNetwork under a Metric, forward (out of its sources) or backward
// (into its sources, over incoming edges), from several sources with initial costs: a point
// snapped onto the middle of a road starts at both ends of its edge.
//
// The search settles one node at a time, so callers stop it where their question is answered
// (the k-th facility, the target, a time limit). State is reused between queries: clear() costs
// O(nodes touched), not O(network), and a steady state allocates nothing.
// Ties in duration are broken by node id, so results are deterministic.

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/metric.hpp"
#include "engine/reverse_graph.hpp"
#include "engine/road_network.hpp"

namespace muster {

enum class Direction { forward, backward };

class Dijkstra {
  public:
    /// `reverse` is needed (and used) only for a backward search (ContractError without
    /// it). Both must outlive the search. Allocates O(nodes) once.
    Dijkstra(const RoadNetwork& network, const ReverseGraph* reverse, Direction direction);

    /// Forgets everything of the previous query. O(1) amortised; keeps the memory.
    void clear();
    /// A source with its initial duration (ms) and length (mm); the smaller duration wins (at
    /// equal durations the shorter length).
    void add_source(NodeId node, std::uint64_t duration_ms, std::uint64_t length_mm);

    /// Settles and returns the next nearest node, or nothing when no node is left. Closed edges
    /// of `metric` are never relaxed; `metric` must have one duration per edge of the network
    /// and be the same throughout a query (ContractError if its size differs).
    /// O(degree · log queue).
    std::optional<NodeId> settle_next(const Metric& metric);
    /// Duration (ms) of the next node settle_next() would return, or UINT64_MAX when none is left.
    std::uint64_t next_duration_ms();

    /// Whether v has a tentative (or final) duration in this query.
    bool reached(NodeId v) const { return m_state[v].stamp >= m_round; }
    /// Whether v's duration is final.
    bool settled(NodeId v) const { return m_state[v].stamp == m_round + 1; }
    /// Duration (ms) and length (mm) of v; meaningful only if reached(v), final if settled(v).
    std::uint64_t duration_ms(NodeId v) const { return m_state[v].duration; }
    std::uint64_t length_mm(NodeId v) const { return m_state[v].length; }
    /// The edge by which v was reached (towards v forward, out of v backward); kInvalidEdge for a
    /// source.
    EdgeId parent_edge(NodeId v) const { return m_state[v].parent; }
    /// The node at the other end of parent_edge(v).
    NodeId parent_node(NodeId v) const;

    Direction direction() const { return m_direction; }
    const RoadNetwork& network() const { return m_network; }
    /// Nodes settled since clear(), in settling order.
    const std::vector<NodeId>& settled_nodes() const { return m_settled_order; }

  private:
    // What the search knows of a node, in one record so that relaxing an edge touches one cache
    // line. stamp: m_round if reached in this query, m_round + 1 once settled, less otherwise.
    struct NodeState {
        std::uint64_t duration = 0;
        std::uint64_t length = 0;
        EdgeId parent = kInvalidEdge;
        std::uint32_t stamp = 0;
    };
    struct Entry {
        std::uint64_t duration;
        NodeId node;
        // The queue's order: by duration, ties by node id.
        bool operator<(const Entry& other) const {
            return duration != other.duration ? duration < other.duration : node < other.node;
        }
    };
    void relax(NodeId v, std::uint64_t duration, std::uint64_t length, EdgeId via);
    void drop_stale();
    void push(Entry entry);
    void pop();

    const RoadNetwork& m_network;
    const ReverseGraph* m_reverse;
    Direction m_direction;
    std::uint32_t m_round = 2;  // even; m_round + 1 marks the settled
    IdVector<NodeId, NodeState> m_state;
    std::vector<NodeId> m_settled_order;
    std::vector<Entry> m_queue;  // a 4-ary min-heap (fewer levels than a binary one), reused
};

}  // namespace muster

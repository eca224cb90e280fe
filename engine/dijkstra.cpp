#include "engine/dijkstra.hpp"

#include <stdexcept>

namespace muster {

Dijkstra::Dijkstra(const RoadNetwork& network, const ReverseGraph* reverse, Direction direction)
    : m_network(network),
      m_reverse(reverse),
      m_direction(direction),
      m_stamp(network.node_count(), 0),
      m_duration(network.node_count()),
      m_length(network.node_count()),
      m_parent(network.node_count()),
      m_settled(network.node_count()) {
    if (direction == Direction::backward && !reverse) {
        throw std::invalid_argument("a backward search needs the reverse graph");
    }
}

void Dijkstra::clear() {
    if (++m_round == 0) {  // wrapped: forget every stamp once
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_round = 1;
    }
    m_settled_order.clear();
    m_queue = {};
}

void Dijkstra::relax(NodeId v, std::uint64_t duration, std::uint64_t length, EdgeId via) {
    if (reached(v)) {
        if (m_settled[v] || duration > m_duration[v] || (duration == m_duration[v] && length >= m_length[v])) return;
    } else {
        m_stamp[v] = m_round;
        m_settled[v] = false;
    }
    m_duration[v] = duration;
    m_length[v] = length;
    m_parent[v] = via;
    m_queue.emplace(duration, v);
}

void Dijkstra::add_source(NodeId node, std::uint64_t duration_ms, std::uint64_t length_mm) {
    relax(node, duration_ms, length_mm, kInvalidEdge);
}

void Dijkstra::drop_stale() {
    while (!m_queue.empty()) {
        const auto [duration, v] = m_queue.top();
        if (!m_settled[v] && duration == m_duration[v]) return;
        m_queue.pop();
    }
}

std::uint64_t Dijkstra::next_duration_ms() {
    drop_stale();
    return m_queue.empty() ? UINT64_MAX : m_queue.top().first;
}

std::optional<NodeId> Dijkstra::settle_next(const Metric& metric) {
    drop_stale();
    if (m_queue.empty()) return std::nullopt;
    const NodeId u = m_queue.top().second;
    m_queue.pop();
    m_settled[u] = true;
    m_settled_order.push_back(u);
    const std::uint64_t base = m_duration[u];
    const std::uint64_t base_length = m_length[u];
    if (m_direction == Direction::forward) {
        for (EdgeId e = m_network.first_out(u); e < m_network.end_out(u); ++e) {
            if (metric.closed(e)) continue;
            relax(m_network.head(e), base + metric.duration_ms[e], base_length + m_network.arrays().length_mm[e], e);
        }
    } else {
        for (EdgeId e : m_reverse->in_edges(u)) {
            if (metric.closed(e)) continue;
            relax(m_reverse->tail(e), base + metric.duration_ms[e], base_length + m_network.arrays().length_mm[e], e);
        }
    }
    return u;
}

NodeId Dijkstra::parent_node(NodeId v) const {
    const EdgeId e = m_parent[v];
    if (e == kInvalidEdge) return kInvalidNode;
    return m_direction == Direction::forward ? (m_reverse ? m_reverse->tail(e) : m_network.tail(e)) : m_network.head(e);
}

}  // namespace muster

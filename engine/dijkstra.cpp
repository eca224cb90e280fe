#include "engine/dijkstra.hpp"

#include "engine/errors.hpp"

#include <algorithm>
#include <functional>
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
        throw ContractError("a backward search needs the reverse graph");
    }
}

void Dijkstra::clear() {
    if (++m_round == 0) {  // wrapped: forget every stamp once
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_round = 1;
    }
    m_settled_order.clear();
    m_queue.clear();  // keeps its capacity: a steady state allocates nothing
}

void Dijkstra::relax(NodeId v, std::uint64_t duration, std::uint64_t length, EdgeId via) {
    if (reached(v)) {
        if (m_settled[v.value()] || duration > m_duration[v] ||
            (duration == m_duration[v] && length >= m_length[v]))
            return;
    } else {
        m_stamp[v] = m_round;
        m_settled[v.value()] = false;
    }
    m_duration[v] = duration;
    m_length[v] = length;
    m_parent[v] = via;
    m_queue.emplace_back(duration, v);
    std::push_heap(m_queue.begin(), m_queue.end(), std::greater<>{});
}

void Dijkstra::add_source(NodeId node, std::uint64_t duration_ms, std::uint64_t length_mm) {
    relax(node, duration_ms, length_mm, kInvalidEdge);
}

void Dijkstra::pop() {
    std::pop_heap(m_queue.begin(), m_queue.end(), std::greater<>{});
    m_queue.pop_back();
}

void Dijkstra::drop_stale() {
    while (!m_queue.empty()) {
        const auto [duration, v] = m_queue.front();
        if (!m_settled[v.value()] && duration == m_duration[v])
            return;
        pop();
    }
}

std::uint64_t Dijkstra::next_duration_ms() {
    drop_stale();
    return m_queue.empty() ? UINT64_MAX : m_queue.front().first;
}

std::optional<NodeId> Dijkstra::settle_next(const Metric& metric) {
    if (metric.duration_ms.size() != m_network.edge_count()) {
        throw ContractError("the metric is not one of this network: its edge count differs");
    }
    drop_stale();
    if (m_queue.empty())
        return std::nullopt;
    const NodeId u = m_queue.front().second;
    pop();
    m_settled[u.value()] = true;
    m_settled_order.push_back(u);
    const std::uint64_t base = m_duration[u];
    const std::uint64_t base_length = m_length[u];
    const auto& length_mm = m_network.arrays().length_mm;
    if (m_direction == Direction::forward) {
        for (EdgeId e : m_network.out_edges(u)) {
            if (metric.closed(e))
                continue;
            relax(m_network.head(e), base + metric.duration_ms[e], base_length + length_mm[e], e);
        }
    } else {
        for (EdgeId e : m_reverse->in_edges(u)) {
            if (metric.closed(e))
                continue;
            relax(m_reverse->tail(e), base + metric.duration_ms[e], base_length + length_mm[e], e);
        }
    }
    return u;
}

NodeId Dijkstra::parent_node(NodeId v) const {
    const EdgeId e = m_parent[v];
    if (e == kInvalidEdge)
        return kInvalidNode;
    return m_direction == Direction::forward ? (m_reverse ? m_reverse->tail(e) : m_network.tail(e))
                                             : m_network.head(e);
}

}  // namespace muster

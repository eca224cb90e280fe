#include "engine/dijkstra.hpp"

#include "engine/errors.hpp"

#include <algorithm>
#include <stdexcept>

namespace muster {

Dijkstra::Dijkstra(const RoadNetwork& network, const ReverseGraph* reverse, Direction direction)
    : m_network(network),
      m_reverse(reverse),
      m_direction(direction),
      m_state(network.node_count()) {
    if (direction == Direction::backward && !reverse) {
        throw ContractError("a backward search needs the reverse graph");
    }
}

void Dijkstra::clear() {
    m_round += 2;
    if (m_round < 2) {  // wrapped: forget every stamp once
        for (NodeState& state : m_state)
            state.stamp = 0;
        m_round = 2;
    }
    m_settled_order.clear();
    m_queue.clear();  // keeps its capacity: a steady state allocates nothing
}

void Dijkstra::relax(NodeId v, std::uint64_t duration, std::uint64_t length, EdgeId via) {
    NodeState& state = m_state[v];
    if (state.stamp >= m_round) {
        if (state.stamp != m_round || duration > state.duration ||
            (duration == state.duration && length >= state.length))
            return;
    } else {
        state.stamp = m_round;
    }
    state.duration = duration;
    state.length = length;
    state.parent = via;
    push({duration, v});
}

void Dijkstra::add_source(NodeId node, std::uint64_t duration_ms, std::uint64_t length_mm) {
    relax(node, duration_ms, length_mm, kInvalidEdge);
}

// A 4-ary heap: node k's children are 4k + 1 .. 4k + 4.
void Dijkstra::push(Entry entry) {
    std::size_t k = m_queue.size();
    m_queue.push_back(entry);
    while (k > 0) {
        const std::size_t parent = (k - 1) / 4;
        if (!(entry < m_queue[parent]))
            break;
        m_queue[k] = m_queue[parent];
        k = parent;
    }
    m_queue[k] = entry;
}

void Dijkstra::pop() {
    const Entry last = m_queue.back();
    m_queue.pop_back();
    const std::size_t n = m_queue.size();
    if (n == 0)
        return;
    std::size_t k = 0;
    for (;;) {
        const std::size_t first = 4 * k + 1;
        if (first >= n)
            break;
        std::size_t least = first;
        for (std::size_t c = first + 1; c < std::min(first + 4, n); ++c) {
            if (m_queue[c] < m_queue[least])
                least = c;
        }
        if (!(m_queue[least] < last))
            break;
        m_queue[k] = m_queue[least];
        k = least;
    }
    m_queue[k] = last;
}

void Dijkstra::drop_stale() {
    while (!m_queue.empty()) {
        const Entry& top = m_queue.front();
        const NodeState& state = m_state[top.node];
        if (state.stamp == m_round && top.duration == state.duration)
            return;
        pop();
    }
}

std::uint64_t Dijkstra::next_duration_ms() {
    drop_stale();
    return m_queue.empty() ? UINT64_MAX : m_queue.front().duration;
}

std::optional<NodeId> Dijkstra::settle_next(const Metric& metric) {
    if (metric.duration_ms.size() != m_network.edge_count()) {
        throw ContractError("the metric is not one of this network: its edge count differs");
    }
    drop_stale();
    if (m_queue.empty())
        return std::nullopt;
    const NodeId u = m_queue.front().node;
    pop();
    NodeState& state = m_state[u];
    state.stamp = m_round + 1;
    m_settled_order.push_back(u);
    const std::uint64_t base = state.duration;
    const std::uint64_t base_length = state.length;
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
    const EdgeId e = m_state[v].parent;
    if (e == kInvalidEdge)
        return kInvalidNode;
    return m_direction == Direction::forward ? (m_reverse ? m_reverse->tail(e) : m_network.tail(e))
                                             : m_network.head(e);
}

}  // namespace muster

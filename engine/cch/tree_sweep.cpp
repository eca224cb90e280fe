#include "engine/cch/tree_sweep.hpp"

#include <algorithm>

#include "engine/cch/arc_weight_runs.hpp"

namespace muster::cch {
namespace {

// Whether `a` was set before `b` by a sweep along one path, whose first writer keeps a tie:
// seeds first, then relaxations by increasing tail rank (arc ids are grouped by tail).
bool earlier(const auto& a, const auto& b) {
    if (a.weight != b.weight)
        return a.weight < b.weight;
    if (a.parent == kInvalidArc || b.parent == kInvalidArc)
        return a.parent == kInvalidArc && b.parent != kInvalidArc;
    return a.parent < b.parent;
}

}  // namespace

void TreeSweep::run(const CchMetric& metric, std::span<const Seed> seeds,
                    SweepDirection direction) {
    start(metric, seeds, direction);
    while (next() != kNoRank)
        settle(true);
}

void TreeSweep::start(const CchMetric& metric, std::span<const Seed> seeds,
                      SweepDirection direction) {
    m_slots.clear();
    m_paths.clear();
    m_cursors.clear();
    m_visited.clear();
    m_visited_weight.clear();
    m_metric = &metric;
    m_forward = direction == SweepDirection::forward;
    const CchTopology& topology = metric.topology();
    for (const Seed& s : seeds) {
        const Rank r = topology.rank(s.node);
        auto cursor = std::find_if(m_cursors.begin(), m_cursors.end(),
                                   [r](const Cursor& c) { return c.rank == r; });
        if (cursor == m_cursors.end()) {
            const std::uint32_t depth = topology.depth(r);
            m_paths.push_back({static_cast<std::uint32_t>(m_slots.size()), depth, 0});
            m_slots.resize(m_slots.size() + depth + 1);
            m_cursors.push_back({r, static_cast<std::uint32_t>(m_paths.size() - 1), depth});
            cursor = m_cursors.end() - 1;
        }
        Slot* at = slot(cursor->path, cursor->depth);
        at->rank = r;
        at->weight = std::min(at->weight, pack(s.duration_ms, s.length_mm));
    }
}

Rank TreeSweep::next() const {
    const auto at = lowest();
    return at == m_cursors.end() ? kNoRank : at->rank;
}

Weight TreeSweep::next_weight() const {
    const auto at = lowest();
    if (at == m_cursors.end())
        return kInfinity;
    return m_slots[slot_index(m_paths[at->path], at->depth)].weight;
}

// Aligned to a cache line: where the linker happens to put this function moved the sweeps by a
// quarter between builds of the same code on the province (docs/routing.md).
__attribute__((aligned(64))) void TreeSweep::settle(bool relax) {
    // Every upward neighbour of a rank is its ancestor: walking the seeds' tree paths in
    // increasing rank settles each node after all of its lower neighbours on these paths.
    const CchMetric& metric = *m_metric;
    const CchTopology& topology = metric.topology();
    const auto lowest = m_cursors.begin() + (this->lowest() - m_cursors.cbegin());
    const Cursor at = *lowest;
    const Rank x = at.rank;
    m_visited.push_back(x);
    // The path's slot of depth d is at path_top[-d]; every head of x lies on the path.
    Slot* const path_top = slot(at.path, 0);
    Slot& settled = path_top[-static_cast<std::ptrdiff_t>(at.depth)];
    settled.rank = x;
    const Weight base = settled.weight;
    m_visited_weight.push_back(base);
    if (relax && base != kInfinity) {
        const CchMetric::WeightView arc_weight = metric.weights(m_forward);
        const IdSpan<ArcId, const Rank> head = topology.up_heads();
        const IdSpan<Rank, const std::uint32_t> depth = topology.depths();
        const ArcId begin = topology.first_up(x), end = topology.first_up(x + 1);
        auto relax_arcs = [&](auto sum) {
            for_each_arc_weight(arc_weight, begin, end, [&](ArcId a, Weight arc) {
                if (arc == kInfinity)
                    return;
                const Weight w = sum(base, arc);
                const Rank y = head[a];
                Slot& to = path_top[-static_cast<std::ptrdiff_t>(depth[y])];
                if (w < to.weight)
                    to = {w, a, y};
            });
        };
        // The hot loop: without the limit checks when no sum can reach the limits.
        if (metric.sums_fit(base))
            relax_arcs([](Weight a, Weight b) { return a + b; });
        else
            relax_arcs(add_finite);
    }
    const Rank parent = topology.parent(x);
    if (parent == kNoRank) {
        m_cursors.erase(lowest);
        return;
    }
    const auto joined = std::find_if(m_cursors.begin(), m_cursors.end(),
                                     [parent](const Cursor& c) { return c.rank == parent; });
    if (joined == m_cursors.end()) {
        *lowest = {parent, at.path, at.depth - 1};
        return;
    }
    merge(at, joined->path);
    m_cursors.erase(lowest);
}

void TreeSweep::merge(const Cursor& from, std::uint32_t into) {
    // Above `from` both paths are one: the lighter slot of each depth goes on in `into`.
    for (std::uint32_t d = 0; d < from.depth; ++d) {
        const Slot& theirs = *slot(from.path, d);
        Slot& ours = *slot(into, d);
        if (theirs.rank != kNoRank && earlier(theirs, ours))
            ours = theirs;
    }
    m_paths[from.path].top = from.depth;
}

const TreeSweep::Slot* TreeSweep::find(Rank r) const {
    const std::uint32_t d = m_metric ? m_metric->topology().depth(r) : 0;
    for (const Path& path : m_paths) {
        if (d < path.top || d > path.bottom)
            continue;
        const Slot& s = m_slots[slot_index(path, d)];
        if (s.rank == r)
            return &s;
    }
    return nullptr;
}

}  // namespace muster::cch

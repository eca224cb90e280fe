#include "engine/cch/cch_buckets.hpp"

#include <algorithm>

namespace muster::cch {

std::vector<BucketEntry> sweep_item(const CchMetric& metric, std::span<const Seed> seeds,
                                    SweepDirection direction, TreeSweep& sweep) {
    sweep.run(metric, seeds, direction);
    std::vector<BucketEntry> entries;
    const std::vector<Weight>& weights = sweep.visited_weights();
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] != kInfinity)
            entries.push_back({sweep.visited()[i], weights[i]});
    }
    return entries;
}

void CchBuckets::build(const CchMetric& metric, std::span<const std::vector<Seed>> items,
                       SweepDirection direction, TreeSweep& sweep) {
    std::vector<std::vector<BucketEntry>> swept;
    swept.reserve(items.size());
    for (const std::vector<Seed>& seeds : items)
        swept.push_back(sweep_item(metric, seeds, direction, sweep));
    assemble(std::vector<std::span<const BucketEntry>>(swept.begin(), swept.end()));
}

void CchBuckets::assemble(std::span<const std::span<const BucketEntry>> items) {
    m_entries.clear();
    m_item_count = items.size();
    std::size_t total = 0;
    for (const auto& item : items)
        total += item.size();
    m_entries.reserve(total);
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        for (const BucketEntry& e : items[i])
            m_entries.push_back({e.rank, i, e.weight});
    }
    // Items in order and each by increasing rank: a stable sort by rank gives rank, then item.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
}

void CchBuckets::scan(const TreeSweep& sweep, std::span<Weight> best) const {
    std::fill(best.begin(), best.end(), kInfinity);
    auto it = m_entries.begin();
    const std::vector<Rank>& visited = sweep.visited();
    for (std::size_t i = 0; i < visited.size(); ++i) {  // increasing ranks: the cursor moves on
        const Rank r = visited[i];
        const Weight w = sweep.visited_weights()[i];
        if (w == kInfinity)
            continue;
        it = std::lower_bound(it, m_entries.end(), r,
                              [](const Entry& e, Rank rank) { return e.rank < rank; });
        for (auto e = it; e != m_entries.end() && e->rank == r; ++e) {
            const Weight total = add_saturating(w, e->weight);
            if (total < best[e->item])
                best[e->item] = total;
        }
    }
    for (const Weight w : best)
        fitting(w);
}

}  // namespace muster::cch

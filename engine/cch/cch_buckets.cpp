#include "engine/cch/cch_buckets.hpp"

#include <algorithm>

namespace muster::cch {

void CchBuckets::build(const CchMetric& metric, std::span<const std::vector<Seed>> items,
                       SweepDirection direction, TreeSweep& sweep) {
    m_entries.clear();
    m_item_count = items.size();
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        sweep.run(metric, items[i], direction);
        for (Rank r : sweep.visited()) {
            if (sweep.weight(r) != kInfinity)
                m_entries.push_back({r, i, sweep.weight(r)});
        }
    }
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.item < b.item;
    });
}

void CchBuckets::scan(const TreeSweep& sweep, std::span<Weight> best) const {
    std::fill(best.begin(), best.end(), kInfinity);
    auto it = m_entries.begin();
    for (Rank r : sweep.visited()) {  // increasing ranks: the bucket cursor only moves on
        const Weight w = sweep.weight(r);
        if (w == kInfinity)
            continue;
        it = std::lower_bound(it, m_entries.end(), r,
                              [](const Entry& e, Rank rank) { return e.rank < rank; });
        for (auto e = it; e != m_entries.end() && e->rank == r; ++e) {
            const Weight total = add(w, e->weight);
            if (total < best[e->item])
                best[e->item] = total;
        }
    }
}

}  // namespace muster::cch

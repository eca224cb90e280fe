#pragma once
// The sweeps' inner loop over a rank's upward arcs: their weights lie in chunks
// (engine/cow_array.hpp), and a rank's arcs nearly always in one. So the loop reads them a
// chunk's run at a time, contiguous as in a plain array, and the chunk table once a run rather
// than once an arc.

#include <algorithm>
#include <cstdint>
#include <span>

#include "engine/cch/cch_metric.hpp"

namespace muster::cch {

/// Calls f(a, weight of a) for every arc a in [begin, end), in order.
template <class F>
[[gnu::always_inline]] inline void for_each_arc_weight(CchMetric::WeightView weights, ArcId begin,
                                                       ArcId end, F&& f) {
    std::uint32_t a = begin.value();
    while (a < end.value()) {
        const std::span<const Weight> run = weights.run(ArcId(a));
        const auto stop = static_cast<std::uint32_t>(
            std::min<std::size_t>(end.value(), std::size_t{a} + run.size()));
        const Weight* w = run.data();
        for (; a < stop; ++a, ++w)
            f(ArcId(a), *w);
    }
}

}  // namespace muster::cch

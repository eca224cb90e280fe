#include "solvers/detail/reached_nodes.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace muster::detail {

std::optional<std::uint64_t> ReachedNodes::duration_ms(NodeId u) const {
    const auto at = std::lower_bound(by_id.begin(), by_id.end(), u);
    if (at == by_id.end() || *at != u)
        return std::nullopt;
    return by_id_ms[static_cast<std::size_t>(at - by_id.begin())];
}

std::size_t ReachedNodes::within(std::uint64_t limit_ms) const {
    return static_cast<std::size_t>(
        std::upper_bound(by_time_ms.begin(), by_time_ms.end(), limit_ms) - by_time_ms.begin());
}

ReachedNodes reached_nodes(const Dijkstra& search, std::uint64_t limit_ms) {
    ReachedNodes reached;
    for (NodeId u : search.settled_nodes()) {
        if (search.duration_ms(u) > limit_ms)
            break;
        reached.by_time.push_back(u);
        reached.by_time_ms.push_back(search.duration_ms(u));
    }
    // By id through a bit per node, set for those reached and cleared again on the way.
    thread_local std::vector<std::uint64_t> bits;
    bits.resize((search.network().node_count() + 63) / 64, 0);
    for (NodeId u : reached.by_time)
        bits[u.value() / 64] |= std::uint64_t{1} << (u.value() % 64);
    reached.by_id.reserve(reached.by_time.size());
    reached.by_id_ms.reserve(reached.by_time.size());
    for (std::size_t w = 0; w < bits.size(); ++w) {
        for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
            const NodeId u(static_cast<std::uint32_t>(w * 64 + std::countr_zero(word)));
            reached.by_id.push_back(u);
            reached.by_id_ms.push_back(search.duration_ms(u));
        }
        bits[w] = 0;
    }
    return reached;
}

ReachedNodes reached_nodes(const cch::BoundedSweep& sweep) {
    ReachedNodes reached;
    reached.by_id = sweep.reached();
    const std::size_t n = reached.by_id.size();
    reached.by_id_ms.reserve(n);
    for (NodeId u : reached.by_id)
        reached.by_id_ms.push_back(sweep.duration_ms(u));
    // Nearest first, ties by id: a stable radix sort of the list by id on the times, 11 bits a
    // pass, as many passes as the largest time needs.
    constexpr unsigned kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    std::vector<std::uint32_t> order(n), next(n);
    for (std::uint32_t k = 0; k < n; ++k)
        order[k] = k;
    const std::uint64_t largest =
        n == 0 ? 0 : *std::max_element(reached.by_id_ms.begin(), reached.by_id_ms.end());
    for (unsigned shift = 0; shift < 64 && (shift == 0 || (largest >> shift) != 0);
         shift += kBits) {
        std::array<std::uint32_t, kBuckets + 1> start{};
        for (std::uint64_t t : reached.by_id_ms)
            ++start[((t >> shift) & (kBuckets - 1)) + 1];
        for (std::size_t b = 1; b <= kBuckets; ++b)
            start[b] += start[b - 1];
        for (std::uint32_t k : order)
            next[start[(reached.by_id_ms[k] >> shift) & (kBuckets - 1)]++] = k;
        order.swap(next);
    }
    reached.by_time.reserve(n);
    reached.by_time_ms.reserve(n);
    for (std::uint32_t k : order) {
        reached.by_time.push_back(reached.by_id[k]);
        reached.by_time_ms.push_back(reached.by_id_ms[k]);
    }
    return reached;
}

}  // namespace muster::detail

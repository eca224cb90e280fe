#include "bench/bench_support.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <stdexcept>

#include "engine/geodesic.hpp"

namespace muster::bench {

Stats stats(std::vector<double> sample) {
    Stats s;
    s.count = sample.size();
    if (sample.empty())
        return s;
    std::sort(sample.begin(), sample.end());
    auto at = [&](double q) {
        // Nearest rank.
        const auto rank =
            static_cast<std::size_t>(std::ceil(q * static_cast<double>(sample.size())));
        return sample[std::clamp<std::size_t>(rank, 1, sample.size()) - 1];
    };
    s.median = at(0.5);
    s.p95 = at(0.95);
    s.min = sample.front();
    s.max = sample.back();
    s.mean =
        std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(sample.size());
    return s;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

double current_rss_mb() {
    malloc_trim(0);
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long long size = 0, resident = 0;
    const bool ok = std::fscanf(f, "%llu %llu", &size, &resident) == 2;
    std::fclose(f);
    return ok ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
                    (1024.0 * 1024.0)
              : 0;
}

namespace {

// A snap at the first (at_end false) or last point of piece p.
Snap snap_at_piece_end(const RoadNetwork& network, PieceId p, bool at_end) {
    const auto points = network.piece_points(p);
    double length = 0;
    for (std::size_t k = 0; k + 1 < points.size(); ++k)
        length += distance_m(points[k].lon_lat(), points[k + 1].lon_lat());
    Snap snap;
    snap.piece = p;
    snap.segment = at_end ? static_cast<std::uint32_t>(points.size() - 2) : 0;
    snap.fraction = at_end ? 1.0 : 0.0;
    snap.offset_m = at_end ? length : 0.0;
    snap.piece_length_m = length;
    snap.point = (at_end ? points.back() : points.front()).lon_lat();
    snap.distance_m = 0;
    return snap;
}

// A snap at the end of e's piece where node `at` (e's tail or head) is.
Snap snap_at_edge_end(const RoadNetwork& network, EdgeId e, bool at_head) {
    // Not reversed: the piece runs tail -> head, so the head is its last point.
    return snap_at_piece_end(network, network.piece(e), at_head != network.reversed(e));
}

}  // namespace

std::optional<Snap> departure_snap_at(const RoadNetwork& network, const ReverseGraph& reverse,
                                      NodeId u) {
    const auto in = reverse.in_edges(u);
    // A self-loop piece has u at both ends: its fraction would not say which end is meant.
    for (EdgeId e : in) {
        if (reverse.tail(e) != u)
            return snap_at_edge_end(network, e, true);
    }
    if (in.empty() && network.end_out(u) - network.first_out(u) == 1) {
        const EdgeId e = network.first_out(u);
        if (network.head(e) != u)
            return snap_at_edge_end(network, e, false);
    }
    return std::nullopt;
}

std::optional<Snap> arrival_snap_at(const RoadNetwork& network, const ReverseGraph& reverse,
                                    NodeId v) {
    for (EdgeId e : network.out_edges(v)) {
        if (network.head(e) != v)
            return snap_at_edge_end(network, e, false);
    }
    const auto in = reverse.in_edges(v);
    if (network.first_out(v) == network.end_out(v) && in.size() == 1 && reverse.tail(in[0]) != v) {
        return snap_at_edge_end(network, in[0], true);
    }
    return std::nullopt;
}

}  // namespace muster::bench

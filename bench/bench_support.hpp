#pragma once
// Shared by the routing benchmark and the pgRouting comparison: a portable seeded random source,
// timing statistics, peak memory, and points snapped exactly onto a node.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/reverse_graph.hpp"
#include "engine/road_network.hpp"
#include "engine/snapping.hpp"

namespace muster::bench {

/// SplitMix64: the same sequence on every platform and standard library (std::uniform_*
/// distributions are not specified bit for bit).
class Random {
  public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n), n > 0.
    std::uint64_t below(std::uint64_t n) {
        __extension__ using Wide = unsigned __int128;  // Lemire's multiply-shift, no modulo bias
        return static_cast<std::uint64_t>((static_cast<Wide>(next()) * n) >> 64);
    }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  private:
    std::uint64_t m_state;
};

/// Order statistics of a sample of timings (any unit).
struct Stats {
    std::size_t count = 0;
    double median = 0, p95 = 0, min = 0, max = 0, mean = 0;
};
Stats stats(std::vector<double> sample);

using Clock = std::chrono::steady_clock;
inline double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

/// Peak resident memory of this process so far, MB (getrusage).
double peak_rss_mb();
/// Resident memory of this process now, MB (/proc/self/statm; 0 where there is none), after
/// handing freed heap memory back to the system (glibc's malloc_trim).
double current_rss_mb();

/// A Snap exactly at node `u` for *leaving* it: departures() then seeds `u` itself at cost 0 (the
/// snap lies at the end of a piece with an edge into u), or, where u has no incoming edge but a
/// single outgoing one, the head of that edge at its full cost, which is the same. Nothing when u
/// has no incoming edge and several outgoing ones (no single snap stands for the node).
std::optional<Snap> departure_snap_at(const RoadNetwork& network, const ReverseGraph& reverse,
                                      NodeId u);

/// A Snap exactly at node `v` for *arriving* at it: arrivals() seeds `v` itself at cost 0 (the
/// snap lies at the end of a piece with an edge out of v), or, where v has no outgoing edge but a
/// single incoming one, its tail at its full cost. Nothing otherwise.
std::optional<Snap> arrival_snap_at(const RoadNetwork& network, const ReverseGraph& reverse,
                                    NodeId v);

}  // namespace muster::bench

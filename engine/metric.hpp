#pragma once
// A metric: the travel time of every edge of one network, in milliseconds. The base metric is the
// network's own durations; a hazard scenario derives another in which closed edges weigh
// kClosedMs and slowed ones more. Searches take the metric as a parameter, so closures never
// rebuild the network. A copy shares the durations until it changes them, chunk by chunk
// (cow_array.hpp): a scenario's metric holds the base's memory but where its zones lie.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cow_array.hpp"
#include "engine/road_network.hpp"

namespace muster {

/// Weight of a closed edge: never relaxed.
inline constexpr std::uint32_t kClosedMs = UINT32_MAX;

struct Metric {
    CowArray<EdgeId, std::uint32_t> duration_ms;  ///< per edge, kClosedMs if closed
    std::string label = "base";  ///< what it was computed under, e.g. the hazard ids

    bool closed(EdgeId e) const { return duration_ms[e] == kClosedMs; }
};

/// The network's own travel times.
inline Metric base_metric(const RoadNetwork& network) {
    const auto& durations = network.arrays().duration_ms;
    return {CowArray<EdgeId, std::uint32_t>(std::span(durations.data(), durations.size())), "base"};
}

}  // namespace muster

#include "tools/app/facility_buckets_cache.hpp"

#include <cstring>

#include "engine/network_snapping.hpp"

namespace muster::tools {
namespace {

// Bounds on what one hazard version keeps: past them the oldest state's sets and sweeps would
// only cost memory (teams that moved on), so they are dropped and the rest swept again.
constexpr std::size_t kMaxSets = 64;
constexpr std::size_t kMaxSweeps = 4096;
// Positions kept: past it (teams reporting ever new positions) they are dropped and snapped again.
constexpr std::size_t kMaxSnaps = 16384;

// The exact snapped positions and the direction, as bytes: equal keys, equal buckets.
std::string facilities_key(std::span<const Snap> facilities, TravelDirection direction) {
    std::string key(1, direction == TravelDirection::to_incident ? 't' : 'f');
    for (const Snap& s : facilities) {
        char bytes[sizeof s.piece + sizeof s.segment + sizeof s.fraction];
        std::memcpy(bytes, &s.piece, sizeof s.piece);
        std::memcpy(bytes + sizeof s.piece, &s.segment, sizeof s.segment);
        std::memcpy(bytes + sizeof s.piece + sizeof s.segment, &s.fraction, sizeof s.fraction);
        key.append(bytes, sizeof bytes);
    }
    return key;
}

}  // namespace

std::shared_ptr<const FacilityBuckets> FacilityBucketsCache::get(const cch::CchMetric& metric,
                                                                 std::uint64_t version,
                                                                 std::span<const Snap> facilities,
                                                                 TravelDirection direction) {
    const std::string key = facilities_key(facilities, direction);
    std::lock_guard lock(m_mutex);
    if (version > m_version) {
        m_version = version;
        m_sets.clear();
        m_sweeps.clear();
    }
    if (version < m_version)  // a query on a scenario already replaced
        return std::make_shared<const FacilityBuckets>(metric, facilities, direction);
    if (const auto found = m_sets.find(key); found != m_sets.end())
        return found->second;

    if (m_sweeps.size() + facilities.size() > kMaxSweeps)
        m_sweeps.clear();
    std::vector<std::shared_ptr<const Sweep>> sweeps;  // held while the set is assembled
    std::vector<std::span<const cch::BucketEntry>> parts;
    sweeps.reserve(facilities.size());
    parts.reserve(facilities.size());
    for (const Snap& facility : facilities) {
        auto& kept = m_sweeps[facilities_key({&facility, 1}, direction)];
        if (!kept) {
            kept = std::make_shared<const Sweep>(
                FacilityBuckets::sweep_facility(metric, facility, direction, m_scratch));
        }
        sweeps.push_back(kept);
        parts.emplace_back(*kept);
    }
    auto built = std::make_shared<const FacilityBuckets>(metric, facilities, direction, parts);
    if (m_sets.size() >= kMaxSets)
        m_sets.clear();
    m_sets.emplace(key, built);
    return built;
}

std::optional<Snap> FacilityBucketsCache::snap(const RoutingGraph& graph, LonLat location,
                                               double limit_m) {
    const auto key = std::make_tuple(location.lon, location.lat, limit_m);
    {
        std::lock_guard lock(m_snap_mutex);
        if (const auto found = m_snaps.find(key); found != m_snaps.end())
            return found->second;
    }
    auto snapped = snap_to_network(graph.snaps(), graph.components(), location, limit_m).snap;
    std::lock_guard lock(m_snap_mutex);
    if (m_snaps.size() >= kMaxSnaps)
        m_snaps.clear();
    m_snaps.emplace(key, snapped);
    return snapped;
}

}  // namespace muster::tools

#include "tools/app/facility_buckets_cache.hpp"

#include <cstring>

namespace muster::tools {
namespace {

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
    {
        std::lock_guard lock(m_mutex);
        if (version > m_version) {
            m_version = version;
            m_kept.clear();
        }
        if (version == m_version) {
            if (const auto found = m_kept.find(key); found != m_kept.end())
                return found->second;
        }
    }
    auto built = std::make_shared<const FacilityBuckets>(metric, facilities, direction);
    std::lock_guard lock(m_mutex);
    if (version == m_version)
        m_kept.emplace(key, built);
    return built;
}

}  // namespace muster::tools

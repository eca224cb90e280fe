#pragma once
// Facility sets prepared for nearest queries on the service's live contraction hierarchy
// (FacilityBuckets), kept while the hazard scenario they were built under is in force: a
// dispatcher's repeated questions about one set (the available ambulances of a kind) sweep the
// facilities once per hazard change instead of once per query.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "solvers/nearest.hpp"

namespace muster::tools {

class FacilityBucketsCache {
  public:
    /// The buckets of `facilities` (snapped) for `direction` on `metric`, the hierarchy of hazard
    /// scenario `version`: kept from an earlier call with the same facilities and direction under
    /// the same version, else built (O(facilities · tree height · degree)). A newer version
    /// drops everything kept; for an older one the buckets are built for the caller alone. The
    /// caller must hold the scenario, so `metric` stays as it is, while it uses them.
    /// Thread-safe; building happens outside the lock.
    std::shared_ptr<const FacilityBuckets> get(const cch::CchMetric& metric, std::uint64_t version,
                                               std::span<const Snap> facilities,
                                               TravelDirection direction);

  private:
    std::mutex m_mutex;
    std::uint64_t m_version = 0;
    std::map<std::string, std::shared_ptr<const FacilityBuckets>> m_kept;  // by facilities_key
};

}  // namespace muster::tools

#pragma once
// Facility sets prepared for nearest queries on the service's live contraction hierarchy
// (FacilityBuckets), kept while the hazard scenario they were built under is in force: a
// dispatcher's repeated questions about one set (the available ambulances of a kind) sweep the
// facilities once per hazard change instead of once per query. Each facility's sweep is kept too,
// by its snapped position: when a team moves or changes status, the next set is assembled from
// the sweeps already made and only the moved team is swept again. The facilities' snaps onto the
// network are kept as well, by position: they depend on the network alone, not on the hazards.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "engine/routing_graph.hpp"
#include "solvers/nearest.hpp"

namespace muster::tools {

class FacilityBucketsCache {
  public:
    /// The buckets of `facilities` (snapped) for `direction` on `metric`, the hierarchy of hazard
    /// scenario `version`: kept from an earlier call with the same facilities and direction under
    /// the same version, else assembled from the facilities' sweeps kept under that version and
    /// sweeps of the others (O(new facilities · tree height · degree + entries · log entries)). A
    /// newer version drops everything kept; for an older one the buckets are built for the
    /// caller alone. The caller must hold the scenario, so `metric` stays as it is, while it uses
    /// them. Thread-safe; one caller builds at a time, so facilities are swept once.
    std::shared_ptr<const FacilityBuckets> get(const cch::CchMetric& metric, std::uint64_t version,
                                               std::span<const Snap> facilities,
                                               TravelDirection direction);

    /// snap_to_network(...).snap of a facility at `location` within `limit_m` on `graph` (the
    /// cache's network, always the same), kept from an earlier call with the same position and
    /// limit, else computed. Thread-safe.
    std::optional<Snap> snap(const RoutingGraph& graph, LonLat location, double limit_m);

  private:
    using Sweep = std::vector<cch::BucketEntry>;

    std::mutex m_mutex;
    std::uint64_t m_version = 0;
    std::map<std::string, std::shared_ptr<const FacilityBuckets>> m_sets;  // by facilities_key
    std::map<std::string, std::shared_ptr<const Sweep>> m_sweeps;  // by facilities_key of one
    cch::TreeSweep m_scratch;                                      // for the sweeps, under m_mutex

    std::mutex m_snap_mutex;
    std::map<std::tuple<double, double, double>, std::optional<Snap>> m_snaps;  // lon, lat, limit
};

}  // namespace muster::tools

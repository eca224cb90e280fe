#pragma once
// The resource database's entities as the engine sees them. Each keeps the id and name it had in
// its source; its position in the model's vector is its dense internal index. Every entity has a
// WGS84 location (the point itself, or a point on the surface of its polygon) for snapping.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/geometry.hpp"

namespace muster {

/// A township (or any administrative unit) and the people who live there.
struct Township {
    std::string id;
    std::string name;
    std::optional<std::int64_t> population;  ///< unknown where the source has none
    std::string region;
    LonLat location;
    std::optional<MultiPolygon> area;  ///< absent when the source gives a point
    friend bool operator==(const Township&, const Township&) = default;
};

/// Shelter classes of GB 50413-2007 / GB 51143-2015.
enum class ShelterClass { emergency, fixed, central };

/// Where a shelter's capacity came from.
enum class CapacitySource { given, derived_from_area };

/// Whether a shelter takes people in.
enum class ShelterStatus { open, closed };

struct Shelter {
    std::string id;
    std::string name;
    ShelterClass shelter_class = ShelterClass::emergency;
    std::optional<double> area_m2;  ///< effective area
    std::int64_t capacity = 0;      ///< persons
    CapacitySource capacity_source = CapacitySource::given;
    ShelterStatus status = ShelterStatus::open;
    LonLat location;
    std::optional<MultiPolygon> footprint;
    /// Persons in it now (0 until the service is told otherwise). May exceed capacity: a full
    /// shelter does not turn people away in a disaster.
    std::int64_t occupancy = 0;
    friend bool operator==(const Shelter&, const Shelter&) = default;
};

/// The five tiers of relief stockpiles, from the nearest to the farthest.
enum class DepotTier { township, county, city, province, central };

struct InventoryItem {
    std::string item;
    double quantity = 0;
    std::string unit;
    friend bool operator==(const InventoryItem&, const InventoryItem&) = default;
};

struct Depot {
    std::string id;
    std::string name;
    std::string region;
    DepotTier tier = DepotTier::county;
    LonLat location;
    std::vector<InventoryItem> inventory;
    friend bool operator==(const Depot&, const Depot&) = default;
};

/// A rescue, ambulance, medical or fire team at its base.
struct Team {
    std::string id;
    std::string name;
    std::string kind;  ///< ambulance, medical, fire, rescue, or a kind of the source's own
    std::int64_t capacity = 0;
    std::string status;  ///< available, busy, out_of_service
    std::string region;
    LonLat location;
    friend bool operator==(const Team&, const Team&) = default;
};

/// Beds available per START triage category, plus surge beds.
struct Hospital {
    std::string id;
    std::string name;
    std::int64_t beds_red = 0;
    std::int64_t beds_yellow = 0;
    std::int64_t beds_green = 0;
    std::int64_t beds_surge = 0;
    std::string region;
    LonLat location;
    friend bool operator==(const Hospital&, const Hospital&) = default;
};

enum class HazardEffect { closed, slow };

/// A zone that closes the roads it touches or slows them by a factor.
struct HazardZone {
    std::string id;
    std::string name;
    std::string kind;  ///< flood, landslide, fire, ...
    HazardEffect effect = HazardEffect::closed;
    double speed_factor = 0;  ///< in (0, 1] for slow zones, 0 for closed ones
    MultiPolygon area;
    /// Empty: the zone acts on every road it touches. Else only on roads of this class (e.g.
    /// "ferry": a storm stops the crossings, not the coast roads); facilities in it stay open.
    std::string road_class;
    friend bool operator==(const HazardZone&, const HazardZone&) = default;
};

std::string_view to_string(ShelterClass c);
std::string_view to_string(DepotTier t);
std::string_view to_string(HazardEffect e);
std::string_view to_string(CapacitySource s);
std::string_view to_string(ShelterStatus s);

// Each parse_* takes the to_string name in any letter case and, except capacity sources, the
// other English and Chinese words of engine/vocabulary.hpp (紧急, Ⅱ类, 省级, 已启用, 封路, ...).
// nullopt for anything else.
std::optional<ShelterClass> parse_shelter_class(std::string_view text);
std::optional<DepotTier> parse_depot_tier(std::string_view text);
std::optional<HazardEffect> parse_hazard_effect(std::string_view text);
std::optional<CapacitySource> parse_capacity_source(std::string_view text);
/// "open" (开放, 已启用, ...) or "closed" (关闭, 停用, ...).
std::optional<ShelterStatus> parse_shelter_status(std::string_view text);

/// Whether a team can be sent out: its status is "available" or a word for it (可用, 待命, ...;
/// team_status_words()). The one place that decides what counts as available.
bool is_available(const Team& team);
/// is_available for a team status on its own (a filter's word, a flattened facility).
bool means_available(std::string_view team_status);

}  // namespace muster

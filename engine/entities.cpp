#include "engine/entities.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/text.hpp"

namespace muster {
namespace {

// English names and the Chinese terms of county work plans (紧急/固定/中心避难场所,
// 乡镇/县/市/省/中央储备库).
constexpr std::array<std::pair<std::string_view, ShelterClass>, 9> kShelterClassNames{{
    {"emergency", ShelterClass::emergency},
    {"紧急", ShelterClass::emergency},
    {"紧急避难场所", ShelterClass::emergency},
    {"fixed", ShelterClass::fixed},
    {"固定", ShelterClass::fixed},
    {"固定避难场所", ShelterClass::fixed},
    {"central", ShelterClass::central},
    {"中心", ShelterClass::central},
    {"中心避难场所", ShelterClass::central},
}};

constexpr std::array<std::pair<std::string_view, DepotTier>, 12> kDepotTierNames{{
    {"township", DepotTier::township},
    {"乡镇", DepotTier::township},
    {"county", DepotTier::county},
    {"县", DepotTier::county},
    {"县级", DepotTier::county},
    {"city", DepotTier::city},
    {"市", DepotTier::city},
    {"市级", DepotTier::city},
    {"province", DepotTier::province},
    {"省", DepotTier::province},
    {"central", DepotTier::central},
    {"中央", DepotTier::central},
}};

constexpr std::array<std::pair<std::string_view, ShelterStatus>, 6> kShelterStatusNames{{
    {"open", ShelterStatus::open},
    {"开放", ShelterStatus::open},
    {"启用", ShelterStatus::open},
    {"closed", ShelterStatus::closed},
    {"关闭", ShelterStatus::closed},
    {"停用", ShelterStatus::closed},
}};

constexpr std::array<std::pair<std::string_view, HazardEffect>, 2> kHazardEffectNames{{
    {"closed", HazardEffect::closed},
    {"slow", HazardEffect::slow},
}};

constexpr std::array<std::pair<std::string_view, CapacitySource>, 2> kCapacitySourceNames{{
    {"given", CapacitySource::given},
    {"derived_from_area", CapacitySource::derived_from_area},
}};

template <class Value, std::size_t N>
std::optional<Value> find_name(const std::array<std::pair<std::string_view, Value>, N>& names,
                               std::string_view text) {
    const std::string key = ascii_lower(text);
    for (auto [name, value] : names) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(ShelterClass c) {
    switch (c) {
        case ShelterClass::emergency:
            return "emergency";
        case ShelterClass::fixed:
            return "fixed";
        case ShelterClass::central:
            return "central";
    }
    return "?";
}

std::string_view to_string(DepotTier t) {
    switch (t) {
        case DepotTier::township:
            return "township";
        case DepotTier::county:
            return "county";
        case DepotTier::city:
            return "city";
        case DepotTier::province:
            return "province";
        case DepotTier::central:
            return "central";
    }
    return "?";
}

std::string_view to_string(HazardEffect e) {
    return e == HazardEffect::closed ? "closed" : "slow";
}

std::string_view to_string(CapacitySource s) {
    return s == CapacitySource::given ? "given" : "derived_from_area";
}

std::string_view to_string(ShelterStatus s) {
    return s == ShelterStatus::open ? "open" : "closed";
}

std::optional<ShelterClass> parse_shelter_class(std::string_view text) {
    return find_name(kShelterClassNames, text);
}

std::optional<DepotTier> parse_depot_tier(std::string_view text) {
    return find_name(kDepotTierNames, text);
}

std::optional<HazardEffect> parse_hazard_effect(std::string_view text) {
    return find_name(kHazardEffectNames, text);
}

std::optional<CapacitySource> parse_capacity_source(std::string_view text) {
    return find_name(kCapacitySourceNames, text);
}

std::optional<ShelterStatus> parse_shelter_status(std::string_view text) {
    return find_name(kShelterStatusNames, text);
}

bool is_available(const Team& team) {
    return means_available(team.status);
}

bool means_available(std::string_view team_status) {
    return ascii_lower(team_status) == "available";
}

}  // namespace muster

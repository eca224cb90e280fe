#include "engine/entities.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/text.hpp"
#include "engine/vocabulary.hpp"

namespace muster {
namespace {

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

// The enum value whose to_string is the vocabulary's canonical value for `text`.
template <class Value, std::size_t N>
std::optional<Value> from_words(const Vocabulary& words, const std::array<Value, N>& values,
                                std::string_view text) {
    const auto canonical = words.canonical(text);
    if (!canonical)
        return std::nullopt;
    for (Value value : values) {
        if (to_string(value) == *canonical)
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
    return from_words(
        shelter_class_words(),
        std::array{ShelterClass::emergency, ShelterClass::fixed, ShelterClass::central}, text);
}

std::optional<DepotTier> parse_depot_tier(std::string_view text) {
    return from_words(depot_tier_words(),
                      std::array{DepotTier::township, DepotTier::county, DepotTier::city,
                                 DepotTier::province, DepotTier::central},
                      text);
}

std::optional<HazardEffect> parse_hazard_effect(std::string_view text) {
    return from_words(hazard_effect_words(), std::array{HazardEffect::closed, HazardEffect::slow},
                      text);
}

std::optional<CapacitySource> parse_capacity_source(std::string_view text) {
    return find_name(kCapacitySourceNames, text);
}

std::optional<ShelterStatus> parse_shelter_status(std::string_view text) {
    return from_words(shelter_status_words(),
                      std::array{ShelterStatus::open, ShelterStatus::closed}, text);
}

bool is_available(const Team& team) {
    return means_available(team.status);
}

bool means_available(std::string_view team_status) {
    return team_status_words().canonical(team_status) == "available";
}

}  // namespace muster

#pragma once
// Beds per START triage category from a hospital's total beds, for sources that give only the
// total (床位数, 实际开放床位, 编制床位). Planning assumptions, documented in docs/vocabularies.md.

#include <cstdint>

namespace muster {

/// Share of a hospital's beds that can take casualties of a mass-casualty incident, per cent:
/// hospital bed surge capacity benchmarked at 18 % of staffed beds (Bayram, Zuabi & Subbarao,
/// "Disaster metrics: quantitative benchmarking of hospital surge capacity in trauma-related
/// multiple casualty events", Disaster Med Public Health Prep 2011;5(2):117-124).
inline constexpr std::int64_t kCasualtyBedPercent = 18;
/// How those beds divide among the categories, per cent (a planning assumption, not a standard):
/// red (immediate) 20, yellow (delayed) 30, green (minor) the rest, 50.
inline constexpr std::int64_t kRedBedPercent = 20;
inline constexpr std::int64_t kYellowBedPercent = 30;

struct TriageBeds {
    std::int64_t red = 0;
    std::int64_t yellow = 0;
    std::int64_t green = 0;
};

/// Casualty beds = ⌊total × 18 / 100⌋; red = ⌊casualty × 20 / 100⌋, yellow = ⌊casualty × 30 / 100⌋,
/// green = casualty − red − yellow. total ≥ 0.
inline TriageBeds split_total_beds(std::int64_t total) {
    const std::int64_t casualty = total * kCasualtyBedPercent / 100;
    TriageBeds beds;
    beds.red = casualty * kRedBedPercent / 100;
    beds.yellow = casualty * kYellowBedPercent / 100;
    beds.green = casualty - beds.red - beds.yellow;
    return beds;
}

}  // namespace muster

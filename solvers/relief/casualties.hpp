#pragma once
// Mass-casualty distribution: casualties of one or more incident sites, by START triage category,
// to hospitals within their beds, exactly, by a sequence of linear programs (docs/relief.md):
//
//  1. Place as many red (immediate) casualties as possible, only in hospitals that take red
//     (beds_red > 0) and are within the red transport limit; then, with that number fixed, as
//     many yellow; then as many green (each within its category's limit, none by default).
//  2. With the three numbers fixed, open as few surge beds as possible: hospitals open them when
//     their regular beds run out, so a patient takes one only where no regular bed of the
//     category is free within the limit.
//  3. With that number fixed too, minimise the severity-weighted transport time,
//     Σ weight(category) × duration_s × patients.
//
// A category's patients fill its own beds, then the hospital's surge beds, which every category
// shares. The model is a network flow, so the optimum is whole patients. What does not fit is
// reported as overflow, with the reason.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muster::relief {

/// START triage categories muster transports (black / expectant patients are not transported).
enum class Triage { red, yellow, green };
inline constexpr std::array<Triage, 3> kTriageOrder{Triage::red, Triage::yellow, Triage::green};

std::string_view to_string(Triage category);

/// Patients per category, whole numbers >= 0.
using TriageCounts = std::array<std::int64_t, 3>;  ///< indexed by Triage

/// An incident site and its casualties.
struct Incident {
    std::string id;
    TriageCounts casualties{};
};

/// A hospital's free beds.
struct ReceivingHospital {
    std::string id;
    TriageCounts beds{};     ///< beds per category
    std::int64_t surge = 0;  ///< extra beds any category may use
};

struct CasualtyProblem {
    std::vector<Incident> incidents;
    std::vector<ReceivingHospital> hospitals;
    /// Row-major incidents × hospitals, seconds; nothing where no road connects them.
    std::vector<std::optional<double>> duration_s;

    std::optional<double> duration(std::size_t incident, std::size_t hospital) const {
        return duration_s[incident * hospitals.size() + hospital];
    }
};

/// Red patients go no farther than this: 60 minutes, the "golden hour" of trauma care
/// (a planning default; configurable).
inline constexpr double kDefaultRedLimitS = 3600;
/// No transport limit: the default for yellow and green. START's delayed and minor patients are
/// stable and can wait hours, and no standard gives them a time limit; a limit would leave them
/// unplaced rather than carried farther, which is worse for them than a longer ride.
inline constexpr double kNoLimit = std::numeric_limits<double>::infinity();

struct CasualtyParameters {
    /// Longest transport per category (red, yellow, green), seconds: a category's patients go
    /// only to hospitals within it. kNoLimit for none.
    std::array<double, 3> limit_s{kDefaultRedLimitS, kNoLimit, kNoLimit};
    /// Weight of one second of transport per category (red, yellow, green): a planning
    /// assumption making a red patient's minute count four times a green one's.
    std::array<double, 3> weights{4, 2, 1};
};

/// Patients of one category from one incident to one hospital.
struct CasualtyFlow {
    std::size_t incident = 0;
    std::size_t hospital = 0;
    Triage category = Triage::red;
    std::int64_t patients = 0;
    double duration_s = 0;
};

/// Patients of one category at one incident that no hospital can take.
struct Overflow {
    std::size_t incident = 0;
    Triage category = Triage::red;
    std::int64_t patients = 0;
    /// "no hospital reachable", "no hospital with red beds within the red limit", "no hospital
    /// within the yellow (green) limit" or "beds full".
    std::string reason;
};

/// What a hospital receives.
struct HospitalLoad {
    TriageCounts patients{};      ///< per category
    TriageCounts surge{};         ///< per category: patients beyond its beds, in surge beds
    std::int64_t surge_used = 0;  ///< surge beds the hospital must open: Σ surge
};

struct CasualtyPlan {
    std::vector<CasualtyFlow> flows;      ///< by category, incident, hospital
    std::vector<Overflow> overflow;       ///< by incident, category
    std::vector<HospitalLoad> hospitals;  ///< per hospital of the problem
    TriageCounts placed{};
    TriageCounts total{};
    std::int64_t surge_used = 0;  ///< surge beds opened in all: Σ hospitals' surge_used
    double weighted_time_s = 0;   ///< Σ weight × duration_s × patients
};

/// Solves the distribution (stages above). Throws InputError for a matrix of the wrong size,
/// negative counts, beds or weights, a negative or NaN limit. Up to five LPs of
/// O(incidents × hospitals × 3) columns.
CasualtyPlan distribute_casualties(const CasualtyProblem& problem,
                                   const CasualtyParameters& parameters = {});

}  // namespace muster::relief

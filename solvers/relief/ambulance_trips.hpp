#pragma once
// Ambulance trips for a casualty plan: which unit carries which patients to which hospital, and
// when, by a greedy heuristic (docs/relief.md):
//
//  - Patients wait in a queue: red, then yellow, then green; within a category by incident (in
//    order), then by the hospital's transport time, shortest first.
//  - The next trip serves the head of the queue. It goes to the unit that can be at that incident
//    first: the time it is free plus its travel from where it is (its base at the start, else the
//    hospital of its last trip); ties go to the unit listed first.
//  - It loads, up to its capacity, the queued patients of that incident bound for that hospital,
//    in queue order (a red patient never waits for a yellow one; a free seat takes the next
//    patient to the same hospital).
//  - At the scene it spends scene_s, at the hospital handover_s; then it is free there. After its
//    last trip it drives back to base.
// Patients whose incident no unit can reach stay unserved and are reported.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "solvers/relief/casualties.hpp"

namespace muster::relief {

/// An ambulance unit at its base.
struct AmbulanceUnit {
    std::string id;
    std::int64_t capacity = 1;  ///< patients per trip, >= 1
};

/// Travel times the trips need, seconds, row-major; nothing where no road connects.
struct TripTimes {
    std::vector<std::optional<double>> base_to_incident;      ///< units × incidents
    std::vector<std::optional<double>> hospital_to_incident;  ///< hospitals × incidents
    std::vector<std::optional<double>> hospital_to_base;      ///< hospitals × units
};

/// Time at the scene (assessment and loading) and at the hospital (handover): 10 minutes each,
/// planning assumptions.
struct TripParameters {
    double scene_s = 600;
    double handover_s = 600;
};

/// One trip. Times in seconds from the moment units are dispatched.
struct AmbulanceTrip {
    std::size_t unit = 0;
    std::size_t number = 0;  ///< the unit's 1st, 2nd, ... trip
    std::size_t incident = 0;
    std::size_t hospital = 0;
    TriageCounts patients{};
    double depart_s = 0;  ///< leaves its base or last hospital
    double at_scene_s = 0;
    double at_hospital_s = 0;
    double free_s = 0;  ///< after handover
};

/// What a unit did.
struct UnitSummary {
    std::size_t trips = 0;
    std::optional<double> back_at_base_s;  ///< after its last trip; nothing if no trip or no road
};

struct TripPlan {
    std::vector<AmbulanceTrip> trips;  ///< in the order they were planned
    std::vector<UnitSummary> units;    ///< per unit
    TriageCounts unserved{};           ///< placed patients no unit could reach
    double last_arrival_s = 0;         ///< the last patient's arrival at hospital
};

/// Plans trips for `plan`'s flows (problem: its incidents, hospitals and incident → hospital
/// times). Throws InputError for matrices of the wrong size, a capacity < 1 or negative times.
/// O(trips × units).
TripPlan plan_ambulance_trips(const CasualtyProblem& problem, const CasualtyPlan& plan,
                              const std::vector<AmbulanceUnit>& units, const TripTimes& times,
                              const TripParameters& parameters = {});

}  // namespace muster::relief

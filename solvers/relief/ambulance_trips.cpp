#include "solvers/relief/ambulance_trips.hpp"

#include <algorithm>
#include <limits>

#include "engine/errors.hpp"

namespace muster::relief {
namespace {

struct Waiting {
    std::size_t incident;
    std::size_t hospital;
    int category;
    double duration_s;
    std::int64_t patients;  // still waiting
};

}  // namespace

TripPlan plan_ambulance_trips(const CasualtyProblem& problem, const CasualtyPlan& plan,
                              const std::vector<AmbulanceUnit>& units, const TripTimes& times,
                              const TripParameters& parameters) {
    const std::size_t n_units = units.size();
    const std::size_t n_inc = problem.incidents.size();
    const std::size_t n_hosp = problem.hospitals.size();
    if (times.base_to_incident.size() != n_units * n_inc ||
        times.hospital_to_incident.size() != n_hosp * n_inc ||
        times.hospital_to_base.size() != n_hosp * n_units) {
        throw InputError("ambulance trips: a travel-time matrix has the wrong size");
    }
    for (const AmbulanceUnit& u : units) {
        if (u.capacity < 1)
            throw InputError("ambulance '" + u.id + "': capacity must be >= 1");
    }
    if (!(parameters.scene_s >= 0) || !(parameters.handover_s >= 0))
        throw InputError("ambulance trips: scene and handover times must be >= 0");

    std::vector<Waiting> queue;
    for (const CasualtyFlow& f : plan.flows)
        queue.push_back(
            {f.incident, f.hospital, static_cast<int>(f.category), f.duration_s, f.patients});
    std::stable_sort(queue.begin(), queue.end(), [](const Waiting& a, const Waiting& b) {
        if (a.category != b.category)
            return a.category < b.category;
        if (a.incident != b.incident)
            return a.incident < b.incident;
        if (a.duration_s != b.duration_s)
            return a.duration_s < b.duration_s;
        return a.hospital < b.hospital;
    });

    TripPlan out;
    out.units.assign(n_units, {});
    std::vector<double> free_at(n_units, 0.0);
    std::vector<std::optional<std::size_t>> at_hospital(n_units);  // nothing: at base
    auto travel_to = [&](std::size_t u, std::size_t k) -> std::optional<double> {
        return at_hospital[u] ? times.hospital_to_incident[*at_hospital[u] * n_inc + k]
                              : times.base_to_incident[u * n_inc + k];
    };

    for (std::size_t head = 0; head < queue.size(); ++head) {
        while (queue[head].patients > 0) {
            const std::size_t k = queue[head].incident;
            const std::size_t h = queue[head].hospital;
            std::optional<std::size_t> best;
            double best_arrival = std::numeric_limits<double>::infinity();
            for (std::size_t u = 0; u < n_units; ++u) {
                const auto t = travel_to(u, k);
                if (t && free_at[u] + *t < best_arrival) {
                    best_arrival = free_at[u] + *t;
                    best = u;
                }
            }
            if (!best) {
                out.unserved[queue[head].category] += queue[head].patients;
                queue[head].patients = 0;
                break;
            }
            const std::size_t u = *best;
            AmbulanceTrip trip;
            trip.unit = u;
            trip.number = ++out.units[u].trips;
            trip.incident = k;
            trip.hospital = h;
            trip.depart_s = free_at[u];
            trip.at_scene_s = best_arrival;
            std::int64_t seats = units[u].capacity;
            for (std::size_t q = head; q < queue.size() && seats > 0; ++q) {
                Waiting& w = queue[q];
                if (w.incident != k || w.hospital != h || w.patients == 0)
                    continue;
                const std::int64_t take = std::min(seats, w.patients);
                trip.patients[w.category] += take;
                w.patients -= take;
                seats -= take;
            }
            trip.at_hospital_s = trip.at_scene_s + parameters.scene_s + queue[head].duration_s;
            trip.free_s = trip.at_hospital_s + parameters.handover_s;
            free_at[u] = trip.free_s;
            at_hospital[u] = h;
            out.last_arrival_s = std::max(out.last_arrival_s, trip.at_hospital_s);
            out.trips.push_back(trip);
        }
    }
    for (std::size_t u = 0; u < n_units; ++u) {
        if (!at_hospital[u])
            continue;
        if (const auto back = times.hospital_to_base[*at_hospital[u] * n_units + u])
            out.units[u].back_at_base_s = free_at[u] + *back;
    }
    return out;
}

}  // namespace muster::relief

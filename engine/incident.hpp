#pragma once
// An incident a dispatcher records — a fire, a collapse, a crash — and the teams sent to it.
// Times are UTC ISO 8601 with milliseconds ("2026-12-04T10:00:00.000Z"), as the event log's.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"

namespace muster {

/// Casualties by START triage category: whole numbers >= 0.
struct Casualties {
    std::int64_t red = 0;     ///< immediate
    std::int64_t yellow = 0;  ///< delayed
    std::int64_t green = 0;   ///< minor
    std::int64_t black = 0;   ///< expectant or dead
    friend bool operator==(const Casualties&, const Casualties&) = default;
};

/// One team sent to an incident, with its drive there as estimated when it was sent.
struct Dispatch {
    std::string team_id;
    double eta_s = 0;       ///< drive time from the team's position under the hazards then in force
    double distance_m = 0;  ///< of that drive
    std::string dispatched_time;
    std::string arrival_time;   ///< dispatched_time + eta_s
    std::string dispatched_by;  ///< the user who sent it
    friend bool operator==(const Dispatch&, const Dispatch&) = default;
};

/// An incident. Invariant: status is "open" or "closed"; closed_time is empty while it is open.
struct Incident {
    std::string id;    ///< "INC-<n>" unless the dispatcher gave one
    std::string kind;  ///< free text: fire, collapse, traffic, ...
    LonLat location;
    Casualties casualties;
    std::string note;
    std::string status = "open";
    std::string created_time;
    std::string updated_time;
    std::string closed_time;
    std::vector<Dispatch> dispatches;  ///< in the order the teams were sent
    friend bool operator==(const Incident&, const Incident&) = default;
};

}  // namespace muster

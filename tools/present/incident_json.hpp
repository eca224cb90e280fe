#pragma once
// An incident as the HTTP service shows it and its events store it. Coordinates are WGS84.

#include <nlohmann/json.hpp>

#include "engine/incident.hpp"

namespace muster::tools {

/// {"id", "kind", "location": [lon, lat], "casualties": {"red", "yellow", "green", "black"},
/// "note", "status", "created_time", "updated_time", "closed_time" (null while open),
/// "dispatches": [{"team", "eta_s", "distance_m", "dispatched_time", "arrival_time",
/// "dispatched_by"}]}.
nlohmann::json incident_json(const Incident& incident);

/// One dispatch as incident_json lists it.
nlohmann::json dispatch_json(const Dispatch& dispatch);

}  // namespace muster::tools

#pragma once
// Incident requests as a client sends them (POST /incidents, PATCH /incidents/{id}, POST
// /incidents/{id}/dispatch), JSON objects with WGS84 coordinates:
//
//   create:   {"id"?, "kind", "location": [lon, lat], "casualties"?: {"red", "yellow", "green",
//              "black"}, "note"?}           (missing categories count 0)
//   update:   any of {"kind", "location", "casualties", "note"}; casualties given replace only the
//              categories they name
//   dispatch: {"teams": ["amb-1", ...]} or {"nearest": k, "kind"?: "ambulance"}
//
// Each parser checks the JSON's shape and types and throws QueryError: InvalidJson for a body
// that is not an object, InvalidValue naming the member for anything else (an unknown member, a
// member of the wrong type, a count that is not a whole number). Values' ranges are
// tools/app/live_incidents.hpp's to check.

#include <nlohmann/json.hpp>

#include "tools/app/live_incidents.hpp"

namespace muster::tools {

IncidentDraft parse_incident_draft(const nlohmann::json& body);
IncidentChange parse_incident_change(const nlohmann::json& body);
DispatchOrder parse_dispatch_order(const nlohmann::json& body);

}  // namespace muster::tools

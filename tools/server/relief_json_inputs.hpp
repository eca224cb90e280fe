#pragma once
// The relief queries' inputs as the HTTP service takes them: JSON bodies with the command line's
// option names, the files of the command line (ration table, demand table, incidents layer)
// given inline. Nothing here reads a file: a client must not make the server open one.
//
//   POST /allocate {"to": "shelters", "days": 3, "share": 1,
//                   "eta-target-h": 6 | "county=6,city=8" | {"county": 6, "city": 8},
//                   "no-local-first": false,
//                   "persons": [{"destination": "s1", "persons": 120}, ...],
//                   "demand": [{"destination": "s1", "item": "water", "quantity": 1000}, ...],
//                   "ration": [{"item": "water", "quantity": 15, "unit": "L",
//                               "per": "per_person_day", "source": "..."}, ...]}
//   POST /mci      {"incidents": FeatureCollection of points | [{"id", "name",
//                   "location": [lon, lat], "red", "yellow", "green"}, ...],
//                   "red-limit-min": 60, "yellow-limit-min": null, "green-limit-min": null,
//                   "scene-min": 10, "handover-min": 10}
//
// Every error is a QueryError whose message starts with the JSON path of the field at fault
// ("demand[2].quantity: ..."): InvalidValue for a wrong type or value, UnknownParameter
// (tools/app/error_codes.hpp) for a member the body or a row does not take.

#include <nlohmann/json.hpp>

#include <span>
#include <string_view>
#include <vector>

#include "solvers/relief/ration_table.hpp"
#include "tools/app/inputs/relief_inputs.hpp"
#include "tools/app/relief_query.hpp"

namespace muster::tools {

/// Demand rows: an array of objects {destination, item, quantity} (quantity a number >= 0,
/// destination and item non-empty strings); each row's `where` is "FIELD[K]". Throws QueryError
/// as above. O(rows).
std::vector<DemandRow> demand_rows_from_json(const nlohmann::json& value, std::string_view field);

/// Persons rows: an array of objects {destination, persons} (persons a whole number >= 0,
/// destination a non-empty string or an integer); each row's `where` is "FIELD[K]". Throws
/// QueryError as above. O(rows).
std::vector<PersonsRow> persons_rows_from_json(const nlohmann::json& value, std::string_view field);

/// A ration table: an array of objects {item, quantity (> 0), unit, per (per_person_day or
/// per_person; default per_person_day), source}. Throws QueryError as above, also for an item
/// listed twice. O(rows).
relief::RationTable ration_table_from_json(const nlohmann::json& value, std::string_view field);

/// Incident sites: a GeoJSON FeatureCollection of Point features whose properties carry id,
/// name, red, yellow, green (other properties are ignored, as a GIS layer's other fields are),
/// or an array of such Features or of plain objects {id, name, location: [lon, lat], red,
/// yellow, green} (no other members). Counts are whole numbers >= 0, a missing one 0, but each
/// incident gives at least one; a missing id becomes the incident's 1-based position. Throws
/// QueryError as above. O(incidents).
std::vector<IncidentSite> incidents_from_json(const nlohmann::json& value, std::string_view field);

/// ETA targets per depot tier from `value`: hours for every tier (a number), the command line's
/// text ("county=6,city=8", parse_eta_targets) or an object {TIER: hours} (tiers not named keep
/// their defaults). Throws QueryError (InvalidValue) naming `field` (and the member) for another
/// type, an unknown tier or hours that are not > 0 (a number's range is left to
/// answer_allocate). O(tiers).
relief::EtaTargets eta_targets_from_json(const nlohmann::json& value, std::string_view field);

/// The body of POST /allocate (a JSON object; members as above, each optional) as a query whose
/// messages name JSON fields. Members named in `also` (e.g. "profile") are left to the caller.
/// Throws QueryError as above, also for a "to" other than shelters or townships; days, share
/// and eta-target-h out of range are left to answer_allocate, whose messages then name the same
/// fields.
AllocateQuery allocate_query_from_json(const nlohmann::json& body,
                                       std::span<const std::string_view> also = {});

/// The body of POST /mci (incidents required). As allocate_query_from_json; the minutes must be
/// numbers >= 0.
MciQuery mci_query_from_json(const nlohmann::json& body,
                             std::span<const std::string_view> also = {});

}  // namespace muster::tools

#pragma once
// A facility's change as a client sends it: PATCH with a JSON object of the members to change.
//
//   PATCH /shelters/{id}   {"status": "closed" | "关闭" | ... (shelter status words),
//                           "occupancy": 420}
//   PATCH /hospitals/{id}  {"beds_red": 0, "beds_yellow": 12, "beds_green": 40, "beds_surge": 10}
//   PATCH /depots/{id}     {"stock": {"items": [{"item": "water", "quantity": 1200, "unit": "L"},
//                                               ...]}}
//
// At least one member; counts are whole numbers >= 0 (an occupancy above the capacity is taken:
// a full shelter does not turn people away); a quantity is a finite number >= 0, an item's unit
// optional. Each parser throws QueryError (InvalidJson for a body that is not an object,
// InvalidValue naming the member at fault for anything else: an unknown member, a wrong type, a
// count below 0, an empty change). The status word is update_shelter's to check.

#include <nlohmann/json.hpp>

#include "tools/app/facility_changes.hpp"

namespace muster::tools {

ShelterChange parse_shelter_change(const nlohmann::json& body);
HospitalChange parse_hospital_change(const nlohmann::json& body);
StockChange parse_stock_change(const nlohmann::json& body);

}  // namespace muster::tools

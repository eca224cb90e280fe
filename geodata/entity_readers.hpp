#pragma once
// Reading each entity kind from a vector layer: field mapping, validation, geometry checks.
//
// Coded values (shelter class and status, depot tier, team kind and status, hazard effect) are
// translated to muster's canonical values: the office's own words of the --fields file first,
// then engine/vocabulary.hpp's English and Chinese words.
//
// Fatal (throws InputError naming layer, feature and field): a missing required field, a value
// that is not a number, negative or not whole where a count is needed, an unknown class / tier /
// status / effect (the message lists the accepted words), a geometry of the wrong type, a
// duplicate id. Skippable (a Problem, the feature skipped or repaired): a missing geometry, an
// invalid polygon, a missing population, capacity or bed count. Layer-wide warnings: an absent
// optional field, team kinds muster has no word for (kept as written), hospital beds split from a
// total.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/domain_defaults.hpp"
#include "engine/entities.hpp"
#include "engine/problem.hpp"
#include "geodata/field_map.hpp"
#include "geodata/vector_layer.hpp"

namespace muster {

template <class T>
struct ReadResult {
    std::vector<T> items;
    std::size_t features = 0;           ///< features read from the layer
    std::vector<Problem> problems;      ///< per-feature problems (skipped or repaired)
    std::vector<std::string> warnings;  ///< layer-wide notes, e.g. an absent optional field
};

/// One inventory row: an item held by a depot, keyed by the depot's source id.
struct InventoryRow {
    std::string depot_id;
    InventoryItem item;
    std::int64_t fid = 0;  ///< the source feature (row) it came from, for messages
};

ReadResult<Township> read_townships(VectorLayer& layer, const FieldMap& map);
ReadResult<Shelter> read_shelters(VectorLayer& layer, const FieldMap& map,
                                  double per_capita_area_m2 = kPerCapitaShelterAreaM2);
ReadResult<Depot> read_depots(VectorLayer& layer, const FieldMap& map);
ReadResult<InventoryRow> read_inventory(VectorLayer& layer, const FieldMap& map);
ReadResult<Team> read_teams(VectorLayer& layer, const FieldMap& map);
ReadResult<Hospital> read_hospitals(VectorLayer& layer, const FieldMap& map);
ReadResult<HazardZone> read_hazards(VectorLayer& layer, const FieldMap& map);

}  // namespace muster

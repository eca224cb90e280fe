#pragma once
// Loading what routing queries run on: the routable network of a profile from the resource
// database, and hazard zones from an ad-hoc polygon source given to a command.

#include <string_view>

#include "engine/routing_graph.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/progress.hpp"
#include "geodata/resource_db.hpp"

namespace muster {

/// The stored network of `profile`. Throws InputError naming the database if it holds none
/// (import roads first), DataError if the stored arrays fail their invariants.
RoadNetwork load_network(const ResourceDb& db, Profile profile);

/// The stored network of `profile` with its snapping index, components and contraction
/// hierarchy (on the stored order, customized for the network's travel times).
/// Throws InputError naming the database if it holds no network of that profile (import roads
/// first), DataError if the stored arrays or order fail their invariants. O(n + m log m +
/// triangles). Tells `progress` (if any) the loading and the building as two steps.
RoutingGraph load_routing_graph(const ResourceDb& db, Profile profile,
                                Progress* progress = nullptr);

/// Hazard zones read from a polygon source, PATH[:LAYER][?WHERE] (any GDAL vector format), with
/// muster's default field names (docs/fields.md). Invalid polygons are repaired or skipped and
/// reported in `problems`. Throws InputError naming the source, feature and field for what
/// cannot be read.
ReadResult<HazardZone> read_hazard_source(std::string_view spec);

}  // namespace muster

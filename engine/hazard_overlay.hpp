#pragma once
// Hazard zones applied to a network without rebuilding it: a metric in which every edge whose
// road runs through a closed zone is closed and every edge through a slow zone takes longer, and a
// test of whether a facility stands inside a closed zone (and is so unavailable).

#include <span>
#include <vector>

#include "engine/entities.hpp"
#include "engine/metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// The slowest a slow zone may make its roads: a hundredth of the usual speed (a factor of 0.01).
/// Slower is a closed road in all but name, and would let the travel times of long routes overflow
/// the 32-bit milliseconds a contraction hierarchy sums them in (2^32 ms: 49 days, which a route
/// slowed a hundredfold reaches only after 11.9 hours of usual driving through the zone).
inline constexpr double kMinSpeedFactor = 0.01;

/// The zone that takes every ferry out of service, as a storm does: id "ferries", closed, over
/// the whole globe, acting on kFerryClass roads only.
HazardZone all_ferries_closed();

/// `base` with the hazards applied: both edges of a road piece whose polyline intersects (crosses,
/// runs inside or touches) a closed zone (of the piece's class, for a zone with a road_class) get
/// kClosedMs; those of a piece intersecting slow zones
/// get their duration (ms) divided by the smallest of those zones' speed factors, rounded to the
/// nearest millisecond. Closed wins over slow; an edge closed in `base` stays closed. The label is
/// "hazards:" and the sorted hazard ids, comma-separated; no hazards give `base` unchanged.
/// Candidates come from the snapping index's R-tree, each tested exactly with GEOS:
/// O(edges + pieces near the zones × their points). Throws InputError naming the hazard for a
/// slow zone whose factor is not in [kMinSpeedFactor, 1] or a polygon GEOS cannot use.
Metric apply_hazards(const RoutingGraph& graph, const Metric& base,
                     std::span<const HazardZone> hazards);

/// Brings `metric` up to date inside `box` after a change of zones there: `metric` must be
/// `base` with `hazards` applied everywhere outside `box` (every zone added or lifted since
/// lies inside it). Every edge of a piece with a segment whose bounding box meets `box` gets
/// its duration under `hazards` exactly as apply_hazards gives it; returns those whose duration
/// changed, sorted, for partial customization. Sets the label. Throws as apply_hazards does
/// (before changing anything for a bad factor), ContractError for metrics of two sizes.
/// O(pieces near the box × zones meeting it × their points).
std::vector<EdgeId> reapply_hazards(const RoutingGraph& graph, const Metric& base,
                                    std::span<const HazardZone> hazards, const BoundingBox& box,
                                    Metric& metric);

/// The bounding box of a zone's outer rings (degrees).
BoundingBox hazard_bounds(const HazardZone& zone);

/// Whether `point` lies inside (or on the edge of) a closed zone: a facility there is unavailable.
/// Slow zones and zones acting on one road class do not count. O(zone vertices).
bool inside_closed_zone(std::span<const HazardZone> hazards, LonLat point);

}  // namespace muster

#pragma once
// Hazard zones applied to a network without rebuilding it: a metric in which every edge whose
// road runs through a closed zone is closed and every edge through a slow zone takes longer, and a
// test of whether a facility stands inside a closed zone (and is so unavailable).

#include <span>

#include "engine/entities.hpp"
#include "engine/metric.hpp"
#include "engine/routing_graph.hpp"

namespace muster {

/// `base` with the hazards applied: an edge whose geometry intersects a closed zone gets kClosedMs;
/// one intersecting slow zones gets its duration divided by the smallest of their speed factors.
/// The label lists the hazard ids. O(edges near the zones), through the snapping index.
Metric apply_hazards(const RoutingGraph& graph, const Metric& base, std::span<const HazardZone> hazards);

/// Whether `point` lies inside (or on the edge of) a closed zone.
bool inside_closed_zone(std::span<const HazardZone> hazards, LonLat point);

}  // namespace muster

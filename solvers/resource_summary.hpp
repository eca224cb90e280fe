#pragma once
// What a resource database holds, in figures: what `muster info` prints.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "engine/coordinate.hpp"
#include "engine/resources.hpp"
#include "engine/road_network.hpp"

namespace muster {

struct NetworkSummary {
    std::size_t nodes = 0;
    std::size_t edges = 0;  ///< directed
    double length_m = 0;    ///< of roads, each counted once whatever its directions
    std::map<std::string, double> length_m_by_class;
    std::size_t components = 0;  ///< strongly connected
    std::size_t largest_component_nodes = 0;
    std::size_t small_components = 0;
    BoundingBox bounds;
};

struct ClassFigures {
    std::size_t count = 0;
    std::int64_t capacity = 0;
};

struct ResourceSummary {
    std::size_t townships = 0;
    std::int64_t population = 0;  ///< of townships whose population is known
    std::size_t townships_without_population = 0;
    std::size_t shelters = 0;
    std::int64_t shelter_capacity = 0;
    std::map<std::string, ClassFigures> shelters_by_class;
    std::size_t depots = 0;
    std::map<std::string, std::size_t> depots_by_tier;
    /// item -> unit -> total quantity. An item held in two units (water in L and in m3) has two
    /// totals: quantities in different units are never added.
    std::map<std::string, std::map<std::string, double>> stock;
    std::size_t teams = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>>
        teams_by_kind;  ///< kind -> total, available
    std::size_t hospitals = 0;
    std::int64_t beds_red = 0, beds_yellow = 0, beds_green = 0, beds_surge = 0;
    std::size_t hazards = 0;
    std::size_t hazards_closed = 0;
    BoundingBox bounds;  ///< of every entity's location
};

/// Counts and totals over the entities. O(entities).
ResourceSummary summarize(const Resources& resources);

/// Nodes, edges, length by class, components and extent of a network. O(n + m).
NetworkSummary summarize(const RoadNetwork& network);

}  // namespace muster

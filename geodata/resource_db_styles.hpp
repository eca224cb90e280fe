#pragma once
// The resource database's layers as an analyst opens them in QGIS: each table's geometry
// columns with a default style in the database's layer_styles table (the table QGIS's
// SpatiaLite provider reads): townships outlined and named, shelters by class, depots by tier,
// teams by status, hospitals, hazard zones by effect, roads by class (OSM's and the Chinese
// standards' classes alike), import problems.

#include <string>

#include "geodata/detail/sql.hpp"
#include "geodata/layer_style.hpp"

namespace muster {

/// Roads by the class in `field`: main roads wide and warm, minor ones thin and grey; the Chinese
/// standards' classes (城市主干道, 一级公路 ...) drawn as the OSM class they stand for.
LayerStyle road_class_style(const std::string& field);

}  // namespace muster

namespace muster::detail {

/// Creates layer_styles if it is missing and writes muster's default style of every layer of
/// the database, replacing muster's earlier ones; styles an analyst saved stay. Run inside the
/// caller's transaction.
void write_resource_styles(Connection& db);

}  // namespace muster::detail

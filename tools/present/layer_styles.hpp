#pragma once
// The default look of every layer muster writes, as an analyst would set it up in QGIS before
// putting the map in a report: graduated bands for service areas (the largest drawn first), a
// choropleth of coverage by township, shelters by utilisation, relief flows as wide as their
// quantity, casualty flows in triage colours side by side, names as labels. Colour ramps are
// ColorBrewer's (Cynthia Brewer, colorbrewer2.org): RdYlGn for shares and fill rates, YlOrRd for
// travel times.

#include "geodata/feature_table.hpp"

namespace muster::tools {

/// `table` with its default style (FeatureTable::style), chosen by its name (docs/outputs.md's
/// layers) and, where classes follow the data (a service area's breaks), its rows. A table this
/// catalogue does not know keeps no style. Legend labels are in the output language.
FeatureTable with_style(FeatureTable table);

}  // namespace muster::tools

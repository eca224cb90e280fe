#pragma once
// Names on the map, placed in order of priority: a label that would overlap one already placed,
// or leave the map, is left out, so that no two labels ever cover each other.

#include <cairo.h>

#include <string>
#include <vector>

#include "engine/coordinate.hpp"
#include "tools/report/map_frame.hpp"

namespace muster::tools {

struct MapLabel {
    LonLat at;  ///< the label's centre
    std::string text;
};

/// Draws the labels centred on their points, the first first, each with a white halo, skipping
/// those that would overlap a placed one or cross the map's edge. Returns how many were drawn.
/// O(labels²).
std::size_t draw_map_labels(cairo_t* cr, const MapFrame& frame,
                            const std::vector<MapLabel>& labels);

}  // namespace muster::tools

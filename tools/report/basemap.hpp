#pragma once
// The basemap of every map: the database's own roads by class (the drive network's pieces as
// GET /map/roads gives them: tools/app/road_map_query and road_map_geometry) and the township
// outlines. No tiles and no network: what the database holds is what the map shows.

#include <cairo.h>

#include <vector>

#include "engine/resources.hpp"
#include "engine/routing_graph.hpp"
#include "tools/app/road_map_geometry.hpp"
#include "tools/report/legend.hpp"
#include "tools/report/map_frame.hpp"

namespace muster::tools {

class Basemap {
  public:
    /// The roads of `graph` (simplified once, at every level of RoadMapGeometry) and the
    /// townships of `resources`. Both must outlive this object.
    Basemap(const RoutingGraph& graph, const Resources& resources);

    /// The townships' areas (their points where they have none), or else the roads' extent.
    BoundingBox extent() const;

    /// Draws the roads in the frame's visible box, the lowest classes first, each drawn within
    /// half a point of its line.
    void draw_roads(cairo_t* cr, const MapFrame& frame) const;

    /// Draws the townships' outlines.
    void draw_townships(cairo_t* cr, const MapFrame& frame) const;

    /// The legend entries of the road classes and the township outline.
    std::vector<LegendEntry> legend() const;

  private:
    const RoutingGraph* m_graph;
    const Resources* m_resources;
    RoadMapGeometry m_geometry;
};

}  // namespace muster::tools

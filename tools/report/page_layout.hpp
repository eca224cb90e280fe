#pragma once
// One page of the report, A4 landscape: the title and the date at the top, the map panel on the
// left (the map, and under it a strip with the legend, the scale bar and the north arrow, so that
// nothing is drawn over the data), the table on the right, the sources and the OpenStreetMap
// attribution at the foot. The map panel alone is the page's PNG.

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "tools/report/basemap.hpp"
#include "tools/report/legend.hpp"
#include "tools/report/map_frame.hpp"
#include "tools/report/report_table.hpp"

namespace muster::tools {

/// A4 landscape in points.
inline constexpr double kPageWidthPt = 841.89;
inline constexpr double kPageHeightPt = 595.28;

/// The attribution the roads' licence asks for (samples/README.md).
inline constexpr const char* kOsmAttribution = "© OpenStreetMap contributors (ODbL)";

/// What a page shows; the layout is the same for every page.
struct ReportPage {
    std::string title;
    std::string summary;    ///< one line under the title: the figures that matter most
    std::string file_stem;  ///< of its PNG: "1-shelter-coverage"
    BoundingBox extent;     ///< what the map must show
    /// Layers under the roads (areas) and over them (lines, points); either may be empty.
    std::function<void(cairo_t*, const MapFrame&)> under_roads;
    std::function<void(cairo_t*, const MapFrame&)> over_roads;
    std::vector<LegendEntry> legend;  ///< the page's own; the basemap's follow
    ReportTable table;
    std::string sources;  ///< "Sources: ..." in the output language
};

/// What every page shares.
struct PageFrame {
    const Basemap* basemap = nullptr;
    std::string date;  ///< YYYY-MM-DD
    std::string report_title;
};

/// The size of the map panel (map, legend strip) in points.
PageRect map_panel_size();

/// Draws the map panel into `panel`: a thin frame, the map, the legend strip.
void draw_map_panel(cairo_t* cr, const ReportPage& page, const PageFrame& frame,
                    const PageRect& panel);

/// Draws the whole page (does not show it).
void draw_page(cairo_t* cr, const ReportPage& page, const PageFrame& frame, int number, int count);

}  // namespace muster::tools

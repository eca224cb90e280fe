#include "tools/report/page_layout.hpp"

#include <algorithm>

#include "tools/present/messages.hpp"
#include "tools/report/north_arrow.hpp"
#include "tools/report/scale_bar.hpp"

namespace muster::tools {
namespace {

constexpr double kMarginPt = 28;
constexpr double kHeaderPt = 50;  // title and summary, below the margin
constexpr double kFooterPt = 30;  // sources and attribution, above the margin
constexpr double kPanelWidthPt = 470;
constexpr double kFurniturePt = 100;  // scale bar and north arrow, right of the legend
constexpr double kMinStripPt = 62;    // the strip under the map: legend, scale bar, north arrow

void fill_rect(cairo_t* cr, const PageRect& r, Rgb colour) {
    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    set_colour(cr, colour);
    cairo_fill(cr);
    cairo_restore(cr);
}

void stroke_rect(cairo_t* cr, const PageRect& r, double width) {
    cairo_save(cr);
    cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
    cairo_restore(cr);
}

}  // namespace

PageRect map_panel_size() {
    return {0, 0, kPanelWidthPt, kPageHeightPt - 2 * kMarginPt - kHeaderPt - kFooterPt};
}

void draw_map_panel(cairo_t* cr, const ReportPage& page, const PageFrame& frame,
                    const PageRect& panel) {
    fill_rect(cr, panel, {1, 1, 1});
    std::vector<LegendEntry> legend = page.legend;
    for (const LegendEntry& e : frame.basemap->legend())
        legend.push_back(e);
    const double legend_width = panel.width - kFurniturePt - 12;
    // The strip grows with the legend (and the attribution under it); the map takes the rest.
    const double strip = std::max(kMinStripPt, legend_height(cr, legend, legend_width) + 20);
    const PageRect map{panel.x, panel.y, panel.width, panel.height - strip};
    fill_rect(cr, map, {0.975, 0.975, 0.965});
    const MapFrame map_frame(page.extent, map);
    cairo_save(cr);
    cairo_rectangle(cr, map.x, map.y, map.width, map.height);
    cairo_clip(cr);
    if (page.under_roads)
        page.under_roads(cr, map_frame);
    frame.basemap->draw_roads(cr, map_frame);
    frame.basemap->draw_townships(cr, map_frame);
    if (page.over_roads)
        page.over_roads(cr, map_frame);
    cairo_restore(cr);
    stroke_rect(cr, map, 0.6);

    // The strip: legend on the left, scale bar and north arrow on the right, attribution under.
    draw_legend(cr, legend, panel.x + 6, map.y + map.height + 5, legend_width);
    const double right = panel.x + panel.width - 8;
    draw_north_arrow(cr, right - 10, map.y + map.height + 6, 26);
    draw_scale_bar(cr, map_frame, right - kFurniturePt + 4, map.y + map.height + 44, 70);
    TextStyle attribution;
    attribution.size_pt = 6;
    attribution.colour = {0.35, 0.35, 0.35};
    attribution.align = Align::right;
    draw_text(cr, kOsmAttribution, right, panel.y + panel.height - 10, attribution);
    stroke_rect(cr, panel, 0.8);
}

void draw_page(cairo_t* cr, const ReportPage& page, const PageFrame& frame, int number, int count) {
    fill_rect(cr, {0, 0, kPageWidthPt, kPageHeightPt}, {1, 1, 1});
    const double width = kPageWidthPt - 2 * kMarginPt;
    TextStyle title;
    title.size_pt = 15;
    title.bold = true;
    draw_text(cr, page.title, kMarginPt, kMarginPt - 4, title, width - 200);
    TextStyle meta;
    meta.size_pt = 8;
    meta.colour = {0.35, 0.35, 0.35};
    meta.align = Align::right;
    draw_text(cr, frame.report_title, kMarginPt + width - 200, kMarginPt - 2, meta, 200);
    draw_text(cr, frame.date + "   " + std::to_string(number) + " / " + std::to_string(count),
              kMarginPt + width - 200, kMarginPt + 10, meta, 200);
    TextStyle summary;
    summary.size_pt = 8.5;
    summary.colour = {0.25, 0.25, 0.25};
    draw_text(cr, page.summary, kMarginPt, kMarginPt + 18, summary, width);
    cairo_save(cr);
    cairo_move_to(cr, kMarginPt, kMarginPt + kHeaderPt - 8);
    cairo_line_to(cr, kMarginPt + width, kMarginPt + kHeaderPt - 8);
    cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    cairo_restore(cr);

    PageRect panel = map_panel_size();
    panel.x = kMarginPt;
    panel.y = kMarginPt + kHeaderPt;
    draw_map_panel(cr, page, frame, panel);
    const double table_x = panel.x + panel.width + 16;
    draw_report_table(cr, page.table, table_x, panel.y, kMarginPt + width - table_x);

    TextStyle foot;
    foot.size_pt = 6.5;
    foot.colour = {0.35, 0.35, 0.35};
    const double foot_y = kPageHeightPt - kMarginPt - kFooterPt + 6;
    const double used = draw_text(cr, page.sources, kMarginPt, foot_y, foot, width).height;
    draw_text(cr,
              std::string(tr("Roads and basemap")) + std::string(colon(output_language())) +
                  kOsmAttribution,
              kMarginPt, foot_y + used + 1, foot, width);
}

}  // namespace muster::tools

#include "tools/report/basemap.hpp"

#include <array>
#include <span>

#include "tools/app/road_map_query.hpp"
#include "tools/present/messages.hpp"
#include "tools/report/area_path.hpp"

namespace muster::tools {
namespace {

/// How a group of road classes is drawn: greys, wider and darker for the higher classes, so the
/// thematic layers above them keep the colour.
struct RoadStyle {
    int up_to_rank;  ///< the group's lowest class (road_class_rank)
    double width_pt;
    Rgb colour;
    const char* label;
};

constexpr std::array<RoadStyle, 4> kRoadStyles{{
    {1, 1.5, {0.33, 0.33, 0.33}, "motorway, trunk"},
    {3, 1.0, {0.45, 0.45, 0.45}, "primary, secondary"},
    {4, 0.7, {0.58, 0.58, 0.58}, "tertiary"},
    {kUnknownRoadRank, 0.3, {0.70, 0.70, 0.70}, "other roads"},
}};

// Ferries cross water: dashed, so that they do not read as roads.
constexpr Rgb kFerryColour{0.35, 0.55, 0.75};
constexpr double kFerryDash[] = {3, 2};

bool is_ferry(std::string_view road_class) {
    return road_class == "ferry";
}

void append_piece(cairo_t* cr, const MapFrame& frame, std::span<const Coordinate> points) {
    for (std::size_t k = 0; k < points.size(); ++k) {
        const PagePoint xy = frame.to_page(points[k].lon_lat());
        if (k == 0)
            cairo_move_to(cr, xy.x, xy.y);
        else
            cairo_line_to(cr, xy.x, xy.y);
    }
}

const RoadStyle& style_of_rank(int rank) {
    for (const RoadStyle& s : kRoadStyles) {
        if (rank <= s.up_to_rank)
            return s;
    }
    return kRoadStyles.back();
}

}  // namespace

Basemap::Basemap(const RoutingGraph& graph, const Resources& resources)
    : m_graph(&graph), m_resources(&resources), m_geometry(graph.network()) {}

BoundingBox Basemap::extent() const {
    BoundingBox box;
    for (const Township& t : m_resources->townships) {
        if (!t.area) {
            box.extend(t.location);
            continue;
        }
        for (const Polygon& polygon : t.area->polygons) {
            for (const LonLat& p : polygon.rings.front())
                box.extend(p);
        }
    }
    if (box.empty()) {
        const RoadNetwork& network = m_graph->network();
        std::vector<Coordinate> scratch;
        for (const PieceId p : network.pieces()) {
            for (const Coordinate c : m_geometry.points(p, kMaxRoadMapToleranceM, scratch))
                box.extend(c.lon_lat());
        }
    }
    return box;
}

void Basemap::draw_roads(cairo_t* cr, const MapFrame& frame) const {
    RoadMapQuery query;
    query.box = frame.visible();
    const RoadMapAnswer answer = answer_road_map(*m_graph, query);
    const double tolerance_m = std::min(frame.metres_per_point() / 2, kMaxRoadMapToleranceM);
    const RoadNetwork& network = m_graph->network();
    std::vector<Coordinate> scratch;
    cairo_save(cr);
    cairo_rectangle(cr, frame.area().x, frame.area().y, frame.area().width, frame.area().height);
    cairo_clip(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // The answer is by rank, highest first: draw it backwards, so major roads lie on top.
    for (auto style = kRoadStyles.rbegin(); style != kRoadStyles.rend(); ++style) {
        for (auto p = answer.pieces.rbegin(); p != answer.pieces.rend(); ++p) {
            const std::string& road_class = network.piece_class(*p);
            if (!is_ferry(road_class) && &style_of_rank(road_class_rank(road_class)) == &*style)
                append_piece(cr, frame, m_geometry.points(*p, tolerance_m, scratch));
        }
        set_colour(cr, style->colour);
        cairo_set_line_width(cr, style->width_pt);
        cairo_stroke(cr);
    }
    for (const PieceId p : answer.pieces) {
        if (is_ferry(network.piece_class(p)))
            append_piece(cr, frame, m_geometry.points(p, tolerance_m, scratch));
    }
    set_colour(cr, kFerryColour);
    cairo_set_line_width(cr, 0.6);
    cairo_set_dash(cr, kFerryDash, 2, 0);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void Basemap::draw_townships(cairo_t* cr, const MapFrame& frame) const {
    cairo_save(cr);
    cairo_new_path(cr);
    for (const Township& t : m_resources->townships) {
        if (t.area)
            append_area(cr, frame, *t.area);
    }
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.3);
    cairo_set_line_width(cr, 0.6);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_restore(cr);
}

std::vector<LegendEntry> Basemap::legend() const {
    std::vector<LegendEntry> entries;
    for (const RoadStyle& s : kRoadStyles) {
        LegendEntry e;
        e.kind = LegendEntry::Kind::line;
        e.label = tr(s.label);
        e.colour = s.colour;
        e.line_width = std::max(s.width_pt, 0.6);
        entries.push_back(e);
    }
    LegendEntry ferry;
    ferry.kind = LegendEntry::Kind::line;
    ferry.label = tr("ferry");
    ferry.colour = kFerryColour;
    ferry.line_width = 0.6;
    ferry.dashed = true;
    entries.push_back(ferry);
    LegendEntry outline;
    outline.kind = LegendEntry::Kind::fill;
    outline.label = tr("township boundary");
    outline.colour = {1, 1, 1};
    outline.alpha = 0;
    outline.outline = {0.25, 0.25, 0.3};
    entries.push_back(outline);
    return entries;
}

}  // namespace muster::tools

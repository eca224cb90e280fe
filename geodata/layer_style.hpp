#pragma once
// A layer's default look, format-free, and its two file forms: QGIS's QML (what QGIS loads as a
// layer's default style, from a GeoPackage's `layer_styles` table or a `.qml` beside the file)
// and OGC SLD 1.1 (for GeoServer, ArcGIS Pro, and QGIS on request).
//
// Three renderers, as a GIS analyst uses them: one symbol; graduated (a numeric field cut into
// ranges, each with its colour); categorized (a field's values, each with its colour). Any of
// them may label the features with a field and draw them in a field's order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muster {

enum class GeometryType;

/// An sRGB colour with opacity.
struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

/// "#rrggbb": the colour, opacity aside. Throws InputError on any other text.
Rgba rgb(std::string_view hex, std::uint8_t alpha = 255);

/// How one class of features is drawn. Sizes are millimetres on the page.
struct Symbol {
    Rgba fill{};        ///< polygons' fill, points' fill; lines' colour
    Rgba outline{};     ///< polygons' and points' outline
    double size = 0;    ///< a point's diameter, a line's width, a polygon outline's width
    double offset = 0;  ///< a line's offset to its right (negative: left), so that lines on
                        ///< the same road stay apart
    /// A QGIS expression giving the size per feature instead (flows by quantity), empty for none.
    /// Fields in it are double-quoted ("quantity"), so that a writer can rename them.
    std::string size_expression = {};
};

/// One class of a graduated or categorized renderer (or the one symbol of a single one).
struct StyleClass {
    std::string label = {};  ///< the legend's text
    Symbol symbol = {};
    double lower = 0;  ///< graduated: the range, lower < value <= upper (the first includes lower)
    double upper = 0;
    std::string value = {};  ///< categorized: the field's value
};

enum class Renderer { single, graduated, categorized };

/// A layer's default style.
struct LayerStyle {
    std::string name = {};  ///< the style's name in QGIS's style manager ("muster")
    Renderer renderer = Renderer::single;
    std::string field = {};  ///< graduated and categorized: the field classified
    /// Categorized on a 0 / 1 flag: classes "0" and "1" match it whether a reader sees an integer
    /// (Shapefile) or a boolean (GeoPackage, which QGIS reads as true / false).
    bool field_is_flag = false;
    std::vector<StyleClass> classes = {};  ///< single: exactly one
    std::string label_field = {};          ///< labels from this field, empty for none
    std::string order_field = {};          ///< features drawn in this field's order, empty for none
    bool order_descending = false;         ///< largest first, so that small areas stay on top
    /// Graduated and categorized: how features whose field is NULL (or, categorized, any value
    /// not listed) are drawn; none: they are not drawn.
    std::optional<StyleClass> other_class = std::nullopt;

    bool empty() const { return classes.empty(); }
};

/// The style as a QGIS QML document (QGIS 3.x) for a layer of `geometry`.
std::string qml_document(const LayerStyle& style, GeometryType geometry);

/// The style as an OGC SLD 1.1 StyledLayerDescriptor for the layer named `layer`.
std::string sld_document(const LayerStyle& style, GeometryType geometry, std::string_view layer);

}  // namespace muster

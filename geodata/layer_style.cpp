#include "geodata/layer_style.hpp"

#include <cstdio>
#include <sstream>

#include "engine/errors.hpp"
#include "geodata/feature_table.hpp"

namespace muster {
namespace {

/// What a graduated style's NULL becomes, below any value a layer holds.
constexpr double kNullValue = -1e15;

/// Text as XML character data or an attribute value.
std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

/// A number as QGIS and SLD read it: "C" locale, no exponent for the sizes and breaks used here.
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

/// QGIS's colour form: "r,g,b,a".
std::string qgis_colour(Rgba c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," +
           std::to_string(c.a);
}

std::string hex_colour(Rgba c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

std::string opacity(std::uint8_t alpha) {
    return number(static_cast<double>(alpha) / 255.0);
}

std::string prop(std::string_view key, std::string_view value) {
    return "<prop k=\"" + std::string(key) + "\" v=\"" + xml_escaped(value) + "\"/>";
}

/// A data-defined property of a symbol layer: `key` (QGIS's name, e.g. "outlineWidth") from an
/// expression, or none.
std::string data_defined(std::string_view key, std::string_view expression) {
    std::string out =
        "<data_defined_properties><Option type=\"Map\">"
        "<Option type=\"QString\" name=\"name\" value=\"\"/>";
    if (expression.empty()) {
        out += "<Option name=\"properties\"/>";
    } else {
        out += "<Option type=\"Map\" name=\"properties\"><Option type=\"Map\" name=\"" +
               std::string(key) +
               "\"><Option type=\"bool\" name=\"active\" value=\"true\"/>"
               "<Option type=\"QString\" name=\"expression\" value=\"" +
               xml_escaped(expression) +
               "\"/><Option type=\"int\" name=\"type\" value=\"3\"/></Option></Option>";
    }
    return out +
           "<Option type=\"QString\" name=\"type\" value=\"collection\"/></Option>"
           "</data_defined_properties>";
}

/// One QML <symbol> named `name` for a layer of `geometry`.
std::string qml_symbol(const Symbol& s, GeometryType geometry, std::size_t name) {
    std::string type, layer;
    switch (geometry) {
        case GeometryType::point:
            type = "marker";
            layer = "<layer class=\"SimpleMarker\" pass=\"0\" enabled=\"1\" locked=\"0\">" +
                    prop("name", "circle") + prop("color", qgis_colour(s.fill)) +
                    prop("outline_color", qgis_colour(s.outline)) + prop("outline_width", "0.2") +
                    prop("outline_width_unit", "MM") + prop("outline_style", "solid") +
                    prop("size", number(s.size)) + prop("size_unit", "MM") +
                    data_defined("size", s.size_expression) + "</layer>";
            break;
        case GeometryType::line_string:
            type = "line";
            layer = "<layer class=\"SimpleLine\" pass=\"0\" enabled=\"1\" locked=\"0\">" +
                    prop("line_color", qgis_colour(s.fill)) + prop("line_width", number(s.size)) +
                    prop("line_width_unit", "MM") + prop("line_style", "solid") +
                    prop("offset", number(s.offset)) + prop("offset_unit", "MM") +
                    prop("capstyle", "round") + prop("joinstyle", "round") +
                    data_defined("outlineWidth", s.size_expression) + "</layer>";
            break;
        case GeometryType::multi_polygon:
        case GeometryType::none:
            type = "fill";
            layer = "<layer class=\"SimpleFill\" pass=\"0\" enabled=\"1\" locked=\"0\">" +
                    prop("color", qgis_colour(s.fill)) + prop("style", "solid") +
                    prop("outline_color", qgis_colour(s.outline)) +
                    prop("outline_width", number(s.size)) + prop("outline_width_unit", "MM") +
                    prop("outline_style", "solid") + prop("joinstyle", "round") +
                    data_defined("", "") + "</layer>";
            break;
    }
    return "<symbol type=\"" + type + "\" name=\"" + std::to_string(name) +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">" + data_defined("", "") + layer +
           "</symbol>";
}

std::string qml_renderer(const LayerStyle& style, GeometryType geometry) {
    std::ostringstream out;
    const bool ordered = !style.order_field.empty();
    out << "<renderer-v2 forceraster=\"0\" symbollevels=\"0\" enableorderby=\"" << (ordered ? 1 : 0)
        << "\"";
    switch (style.renderer) {
        case Renderer::single:
            out << " type=\"singleSymbol\">";
            break;
        case Renderer::graduated:
            // QGIS's graduated renderer has no class for NULL: the field is classified through
            // coalesce(), NULL becoming a value below every range, which the extra range holds.
            out << " type=\"graduatedSymbol\" graduatedMethod=\"GraduatedColor\" attr=\""
                << xml_escaped(style.other_class
                                   ? "coalesce(\"" + style.field + "\", " + number(kNullValue) + ")"
                                   : style.field)
                << "\"><ranges>";
            for (std::size_t i = 0; i < style.classes.size(); ++i) {
                const StyleClass& c = style.classes[i];
                out << "<range render=\"true\" symbol=\"" << i << "\" lower=\"" << number(c.lower)
                    << "\" upper=\"" << number(c.upper) << "\" label=\"" << xml_escaped(c.label)
                    << "\"/>";
            }
            if (style.other_class) {
                out << "<range render=\"true\" symbol=\"" << style.classes.size() << "\" lower=\""
                    << number(kNullValue - 1) << "\" upper=\"" << number(kNullValue + 1)
                    << "\" label=\"" << xml_escaped(style.other_class->label) << "\"/>";
            }
            out << "</ranges>";
            break;
        case Renderer::categorized:
            out << " type=\"categorizedSymbol\" attr=\""
                << xml_escaped(style.field_is_flag ? "to_int(\"" + style.field + "\")"
                                                   : style.field)
                << "\"><categories>";
            for (std::size_t i = 0; i < style.classes.size(); ++i) {
                const StyleClass& c = style.classes[i];
                out << "<category render=\"true\" symbol=\"" << i << "\" value=\""
                    << xml_escaped(c.value) << "\" label=\"" << xml_escaped(c.label) << "\"/>";
            }
            // An empty value is QGIS's "all other values", NULL included.
            if (style.other_class) {
                out << "<category render=\"true\" symbol=\"" << style.classes.size()
                    << "\" value=\"\" label=\"" << xml_escaped(style.other_class->label) << "\"/>";
            }
            out << "</categories>";
            break;
    }
    out << "<symbols>";
    const std::size_t symbols = style.renderer == Renderer::single ? 1 : style.classes.size();
    for (std::size_t i = 0; i < symbols; ++i)
        out << qml_symbol(style.classes[i].symbol, geometry, i);
    if (style.renderer != Renderer::single && style.other_class)
        out << qml_symbol(style.other_class->symbol, geometry, symbols);
    out << "</symbols>";
    if (ordered) {
        out << "<orderby><orderByClause asc=\"" << (style.order_descending ? 0 : 1)
            << "\" nullsFirst=\"0\">&quot;" << xml_escaped(style.order_field)
            << "&quot;</orderByClause></orderby>";
    }
    out << "</renderer-v2>";
    return out.str();
}

/// Labels from a field: dark text with a white halo, placed as QGIS places by default for the
/// geometry (around a point, along a line, inside a polygon).
std::string qml_labels(const LayerStyle& style, GeometryType geometry) {
    // QGIS's placement codes: 6 around a point (cartographic), 2 along a line, 0 around the
    // centroid (over a polygon).
    const char* placement = geometry == GeometryType::point         ? "6"
                            : geometry == GeometryType::line_string ? "2"
                                                                    : "0";
    // A short road at a county's scale is shorter than its name: the label may run past its
    // ends, or QGIS leaves it out.
    const char* overrun = geometry == GeometryType::line_string
                              ? "overrunDistance=\"40\" overrunDistanceUnit=\"MM\" "
                              : "";
    return "<labeling type=\"simple\"><settings calloutType=\"simple\">"
           "<text-style fieldName=\"" +
           xml_escaped(style.label_field) +
           "\" isExpression=\"0\" fontFamily=\"Sans Serif\" fontSize=\"8\" "
           "fontSizeUnit=\"Point\" textColor=\"40,40,40,255\" textOpacity=\"1\">"
           "<text-buffer bufferDraw=\"1\" bufferSize=\"0.7\" bufferSizeUnits=\"MM\" "
           "bufferColor=\"255,255,255,255\" bufferOpacity=\"0.9\"/></text-style>"
           "<placement placement=\"" +
           placement + "\" " + overrun +
           "placementFlags=\"10\" polygonPlacementFlags=\"2\" dist=\"1\" "
           "distUnits=\"MM\" priority=\"5\" quadOffset=\"4\" centroidInside=\"1\" "
           "centroidWhole=\"0\" fitInPolygonOnly=\"0\" maxCurvedCharAngleIn=\"25\" "
           "maxCurvedCharAngleOut=\"-25\" repeatDistance=\"0\" offsetType=\"0\" "
           "predefinedPositionOrder=\"TR,TL,BR,BL,R,L,TSR,BSR\" preserveRotation=\"1\" "
           "layerType=\"UnknownGeometry\" geometryGeneratorEnabled=\"0\" "
           "geometryGeneratorType=\"PointGeometry\" lineAnchorPercent=\"0.5\" "
           "lineAnchorType=\"0\"/>"
           "<rendering drawLabels=\"1\" obstacle=\"1\" obstacleFactor=\"1\" "
           "obstacleType=\"1\" displayAll=\"0\" scaleVisibility=\"0\" scaleMin=\"0\" "
           "scaleMax=\"0\" limitNumLabels=\"0\" maxNumLabels=\"2000\" minFeatureSize=\"0\" "
           "fontLimitPixelSize=\"0\" fontMinPixelSize=\"0\" fontMaxPixelSize=\"10000\" "
           "mergeLines=\"0\" labelPerPart=\"0\" upsidedownLabels=\"0\" zIndex=\"0\" "
           "unplacedVisibility=\"0\"/></settings></labeling>";
}

// SLD's sizes are pixels of 0.28 mm (SLD 1.1, "standardized rendering pixel").
std::string pixels(double mm) {
    return number(mm / 0.28);
}

std::string sld_filter(const LayerStyle& style, const StyleClass& c, bool first) {
    const std::string field =
        "<ogc:PropertyName>" + xml_escaped(style.field) + "</ogc:PropertyName>";
    switch (style.renderer) {
        case Renderer::single:
            return "";
        case Renderer::categorized:
            return "<ogc:Filter><ogc:PropertyIsEqualTo>" + field + "<ogc:Literal>" +
                   xml_escaped(c.value) + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>";
        case Renderer::graduated:
            return std::string("<ogc:Filter><ogc:And>") +
                   (first ? "<ogc:PropertyIsGreaterThanOrEqualTo>"
                          : "<ogc:PropertyIsGreaterThan>") +
                   field + "<ogc:Literal>" + number(c.lower) + "</ogc:Literal>" +
                   (first ? "</ogc:PropertyIsGreaterThanOrEqualTo>"
                          : "</ogc:PropertyIsGreaterThan>") +
                   "<ogc:PropertyIsLessThanOrEqualTo>" + field + "<ogc:Literal>" + number(c.upper) +
                   "</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo></ogc:And></ogc:Filter>";
    }
    return "";
}

std::string svg(std::string_view name, std::string_view value) {
    return "<se:SvgParameter name=\"" + std::string(name) + "\">" + std::string(value) +
           "</se:SvgParameter>";
}

std::string sld_symbolizer(const Symbol& s, GeometryType geometry) {
    switch (geometry) {
        case GeometryType::point:
            return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle"
                   "</se:WellKnownName><se:Fill>" +
                   svg("fill", hex_colour(s.fill)) + svg("fill-opacity", opacity(s.fill.a)) +
                   "</se:Fill><se:Stroke>" + svg("stroke", hex_colour(s.outline)) +
                   svg("stroke-width", pixels(0.2)) + "</se:Stroke></se:Mark><se:Size>" +
                   pixels(s.size) + "</se:Size></se:Graphic></se:PointSymbolizer>";
        case GeometryType::line_string:
            return "<se:LineSymbolizer><se:Stroke>" + svg("stroke", hex_colour(s.fill)) +
                   svg("stroke-opacity", opacity(s.fill.a)) + svg("stroke-width", pixels(s.size)) +
                   svg("stroke-linejoin", "round") + svg("stroke-linecap", "round") +
                   "</se:Stroke>" +
                   (s.offset != 0 ? "<se:PerpendicularOffset>" + pixels(s.offset) +
                                        "</se:PerpendicularOffset>"
                                  : "") +
                   "</se:LineSymbolizer>";
        case GeometryType::multi_polygon:
        case GeometryType::none:
            return "<se:PolygonSymbolizer><se:Fill>" + svg("fill", hex_colour(s.fill)) +
                   svg("fill-opacity", opacity(s.fill.a)) + "</se:Fill><se:Stroke>" +
                   svg("stroke", hex_colour(s.outline)) +
                   svg("stroke-opacity", opacity(s.outline.a)) +
                   svg("stroke-width", pixels(s.size)) + "</se:Stroke></se:PolygonSymbolizer>";
    }
    return "";
}

}  // namespace

Rgba rgb(std::string_view hex, std::uint8_t alpha) {
    unsigned r = 0, g = 0, b = 0;
    if (hex.size() != 7 || hex[0] != '#' ||
        std::sscanf(std::string(hex).c_str(), "#%2x%2x%2x", &r, &g, &b) != 3)
        throw InputError("'" + std::string(hex) + "' is not a colour of the form #rrggbb");
    return {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
            static_cast<std::uint8_t>(b), alpha};
}

std::string qml_document(const LayerStyle& style, GeometryType geometry) {
    const bool labelled = !style.label_field.empty();
    std::string out =
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        "<qgis version=\"3.22.16\" styleCategories=\"Symbology|Labeling\" "
        "labelsEnabled=\"";
    out += labelled ? "1" : "0";
    out += "\">" + qml_renderer(style, geometry);
    if (labelled)
        out += qml_labels(style, geometry);
    return out + "</qgis>\n";
}

std::string sld_document(const LayerStyle& style, GeometryType geometry, std::string_view layer) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" "
        "xmlns:se=\"http://www.opengis.net/se\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://www.opengis.net/sld "
        "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">"
        "<NamedLayer><se:Name>" +
        xml_escaped(layer) + "</se:Name><UserStyle><se:Name>" + xml_escaped(style.name) +
        "</se:Name><se:FeatureTypeStyle>";
    for (std::size_t i = 0; i < style.classes.size(); ++i) {
        const StyleClass& c = style.classes[i];
        out += "<se:Rule><se:Name>" + xml_escaped(c.label) +
               "</se:Name><se:Description><se:Title>" + xml_escaped(c.label) +
               "</se:Title></se:Description>" + sld_filter(style, c, i == 0) +
               sld_symbolizer(c.symbol, geometry) + "</se:Rule>";
        if (style.renderer == Renderer::single)
            break;
    }
    if (style.renderer != Renderer::single && style.other_class) {
        const StyleClass& c = *style.other_class;
        const std::string filter = style.renderer == Renderer::graduated
                                       ? "<ogc:Filter><ogc:PropertyIsNull><ogc:PropertyName>" +
                                             xml_escaped(style.field) +
                                             "</ogc:PropertyName></ogc:PropertyIsNull></ogc:Filter>"
                                       : "<se:ElseFilter/>";
        out += "<se:Rule><se:Name>" + xml_escaped(c.label) +
               "</se:Name><se:Description><se:Title>" + xml_escaped(c.label) +
               "</se:Title></se:Description>" + filter + sld_symbolizer(c.symbol, geometry) +
               "</se:Rule>";
    }
    if (!style.label_field.empty()) {
        out += "<se:Rule><se:TextSymbolizer><se:Label><ogc:PropertyName>" +
               xml_escaped(style.label_field) + "</ogc:PropertyName></se:Label><se:Font>" +
               svg("font-family", "Sans Serif") + svg("font-size", "11") +
               "</se:Font><se:Halo><se:Radius>2</se:Radius><se:Fill>" + svg("fill", "#ffffff") +
               "</se:Fill></se:Halo><se:Fill>" + svg("fill", "#282828") +
               "</se:Fill></se:TextSymbolizer></se:Rule>";
    }
    return out + "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>\n";
}

}  // namespace muster

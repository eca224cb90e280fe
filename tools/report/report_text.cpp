#include "tools/report/report_text.hpp"

#include <pango/pangocairo.h>

#include <memory>

namespace muster::tools {
namespace {

struct LayoutDeleter {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

Layout make_layout(cairo_t* cr, std::string_view text, const TextStyle& style, double width) {
    Layout layout(pango_cairo_create_layout(cr));
    // Metrics unhinted, so that a page lays out alike in the PDF and in a PNG of any resolution.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout.get()), options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout.get());

    PangoFontDescription* font =
        pango_font_description_from_string(report_font_family(output_language()));
    // Absolute: in user units, which are points on every surface of the report.
    pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    if (width > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        if (style.ellipsize)
            pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        else
            pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), style.align == Align::left ? PANGO_ALIGN_LEFT
                                                 : style.align == Align::centre
                                                     ? PANGO_ALIGN_CENTER
                                                     : PANGO_ALIGN_RIGHT);
    }
    return layout;
}

TextSize logical_size(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE,
            static_cast<double>(logical.height) / PANGO_SCALE};
}

}  // namespace

void set_colour(cairo_t* cr, Rgb colour, double alpha) {
    cairo_set_source_rgba(cr, colour.r, colour.g, colour.b, alpha);
}

const char* report_font_family(Language language) {
    return language == Language::zh ? "WenQuanYi Micro Hei, DejaVu Sans, sans-serif"
                                    : "DejaVu Sans, WenQuanYi Micro Hei, sans-serif";
}

TextSize measure_text(cairo_t* cr, std::string_view text, const TextStyle& style, double width) {
    return logical_size(make_layout(cr, text, style, width).get());
}

TextSize draw_text(cairo_t* cr, std::string_view text, double x, double y, const TextStyle& style,
                   double width) {
    const Layout layout = make_layout(cr, text, style, width);
    const TextSize size = logical_size(layout.get());
    double left = x;
    if (width <= 0 && style.align == Align::centre)
        left = x - size.width / 2;
    else if (width <= 0 && style.align == Align::right)
        left = x - size.width;
    cairo_save(cr);
    set_colour(cr, style.colour);
    cairo_move_to(cr, left, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    return size;
}

TextSize draw_text_with_halo(cairo_t* cr, std::string_view text, double x, double y,
                             const TextStyle& style, double halo_pt) {
    const Layout layout = make_layout(cr, text, style, 0);
    const TextSize size = logical_size(layout.get());
    const double left = style.align == Align::centre  ? x - size.width / 2
                        : style.align == Align::right ? x - size.width
                                                      : x;
    cairo_save(cr);
    cairo_move_to(cr, left, y);
    pango_cairo_layout_path(cr, layout.get());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, 2 * halo_pt);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    set_colour(cr, style.colour);
    cairo_move_to(cr, left, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    return size;
}

}  // namespace muster::tools

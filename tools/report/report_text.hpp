#pragma once
// Text on a report page through pango: one font list per language (a CJK font first for
// Chinese, found through fontconfig; cairo embeds the glyphs used), sizes in points.

#include <cairo.h>

#include <string_view>

#include "tools/present/messages.hpp"

namespace muster::tools {

/// A colour, each channel in [0, 1].
struct Rgb {
    double r = 0, g = 0, b = 0;
};

/// Sets the cairo source to `colour`, with `alpha` in [0, 1].
void set_colour(cairo_t* cr, Rgb colour, double alpha = 1);

enum class Align { left, centre, right };

struct TextStyle {
    double size_pt = 9;
    bool bold = false;
    Rgb colour{0.13, 0.13, 0.13};
    Align align = Align::left;
    /// Within a width: cut with an ellipsis (table cells) rather than wrapped (paragraphs).
    bool ellipsize = false;
};

struct TextSize {
    double width = 0, height = 0;  ///< points
};

/// The pango font list of a language: "WenQuanYi Micro Hei" first for Chinese, "DejaVu Sans"
/// first for English, each with the other and "sans-serif" as fallbacks.
const char* report_font_family(Language language);

/// The size `text` takes in `style`, wrapped (or cut) at `width` points when width > 0.
TextSize measure_text(cairo_t* cr, std::string_view text, const TextStyle& style, double width = 0);

/// Draws `text` with its top at y: from x (width <= 0, aligned about x by style.align), or
/// aligned within [x, x + width], wrapped or cut there. Returns the size drawn. The font is
/// report_font_family(output_language()).
TextSize draw_text(cairo_t* cr, std::string_view text, double x, double y, const TextStyle& style,
                   double width = 0);

/// As draw_text from (x, y) without a width, with a white halo `halo_pt` wide around the glyphs:
/// a label that stays legible on roads and fills.
TextSize draw_text_with_halo(cairo_t* cr, std::string_view text, double x, double y,
                             const TextStyle& style, double halo_pt = 2);

}  // namespace muster::tools

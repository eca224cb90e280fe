#include "tools/report/legend.hpp"

#include <algorithm>

namespace muster::tools {
namespace {

constexpr double kRowPt = 12;
constexpr double kSwatchPt = 14;
constexpr double kGapPt = 14;  // swatch to label, and between columns
constexpr std::size_t kMaxColumns = 3;

TextStyle label_style() {
    TextStyle style;
    style.size_pt = 7.5;
    style.ellipsize = true;
    return style;
}

std::size_t columns_for(cairo_t* cr, const std::vector<LegendEntry>& entries, double width) {
    double widest = 0;
    for (const LegendEntry& e : entries)
        widest = std::max(widest, measure_text(cr, e.label, label_style()).width);
    const double column = kSwatchPt + 5 + widest + kGapPt;
    const auto fit = static_cast<std::size_t>(std::max(1.0, width / column));
    return std::clamp<std::size_t>(std::min(fit, entries.size()), 1, kMaxColumns);
}

void draw_swatch(cairo_t* cr, const LegendEntry& e, double x, double y) {
    const double mid = y + kRowPt / 2;
    cairo_save(cr);
    switch (e.kind) {
        case LegendEntry::Kind::fill:
            cairo_rectangle(cr, x, mid - 4, kSwatchPt, 8);
            set_colour(cr, e.colour, e.alpha);
            cairo_fill_preserve(cr);
            set_colour(cr, e.outline);
            cairo_set_line_width(cr, 0.5);
            cairo_stroke(cr);
            break;
        case LegendEntry::Kind::line:
            cairo_move_to(cr, x, mid);
            cairo_line_to(cr, x + kSwatchPt, mid);
            set_colour(cr, e.colour, e.alpha);
            cairo_set_line_width(cr, e.line_width);
            if (e.dashed) {
                const double dash[] = {3, 2};
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
            cairo_stroke(cr);
            break;
        case LegendEntry::Kind::marker:
            draw_marker(cr, e.marker, x + kSwatchPt / 2, mid);
            break;
    }
    cairo_restore(cr);
}

}  // namespace

double legend_height(cairo_t* cr, const std::vector<LegendEntry>& entries, double width) {
    const std::size_t columns = columns_for(cr, entries, width);
    const std::size_t rows = (entries.size() + columns - 1) / columns;
    return static_cast<double>(rows) * kRowPt;
}

double draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, double x, double y,
                   double width) {
    const std::size_t columns = columns_for(cr, entries, width);
    const std::size_t rows = (entries.size() + columns - 1) / columns;
    const double column_width = width / static_cast<double>(columns);
    const TextStyle style = label_style();
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const double cx = x + static_cast<double>(k / rows) * column_width;
        const double cy = y + static_cast<double>(k % rows) * kRowPt;
        draw_swatch(cr, entries[k], cx, cy);
        draw_text(cr, entries[k].label, cx + kSwatchPt + 5, cy + 1.5, style,
                  column_width - kSwatchPt - 5);
    }
    return static_cast<double>(rows) * kRowPt;
}

}  // namespace muster::tools

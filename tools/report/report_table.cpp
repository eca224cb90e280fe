#include "tools/report/report_table.hpp"

#include <algorithm>

namespace muster::tools {
namespace {

constexpr double kFontPt = 7.5;
constexpr double kPadPt = 2.5;

void rule(cairo_t* cr, double x, double y, double width, double line_width) {
    cairo_save(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + width, y);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, line_width);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// One row of cells; returns its height.
double draw_row(cairo_t* cr, const ReportTable& table, const std::vector<std::string>& cells,
                double x, double y, double width, bool bold) {
    double total_weight = 0;
    for (const ReportColumn& c : table.columns)
        total_weight += c.weight;
    TextStyle style;
    style.size_pt = kFontPt;
    style.bold = bold;
    style.ellipsize = true;
    double left = x, height = 0;
    for (std::size_t k = 0; k < table.columns.size(); ++k) {
        const double column = width * table.columns[k].weight / total_weight;
        style.align = table.columns[k].align;
        const std::string& text = k < cells.size() ? cells[k] : std::string();
        height = std::max(
            height,
            draw_text(cr, text, left + kPadPt, y + kPadPt, style, column - 2 * kPadPt).height);
        left += column;
    }
    return height + 2 * kPadPt;
}

}  // namespace

double draw_report_table(cairo_t* cr, const ReportTable& table, double x, double y, double width) {
    double top = y;
    if (!table.title.empty()) {
        TextStyle title;
        title.size_pt = 9;
        title.bold = true;
        top += draw_text(cr, table.title, x, top, title, width).height + 4;
    }
    // Headers wrap (a Chinese header may be long); cells are cut.
    {
        double total_weight = 0;
        for (const ReportColumn& c : table.columns)
            total_weight += c.weight;
        TextStyle style;
        style.size_pt = kFontPt;
        style.bold = true;
        double left = x, height = 0;
        for (const ReportColumn& c : table.columns) {
            const double column = width * c.weight / total_weight;
            style.align = c.align;
            height = std::max(height, draw_text(cr, c.header, left + kPadPt, top + kPadPt, style,
                                                column - 2 * kPadPt)
                                          .height);
            left += column;
        }
        top += height + 2 * kPadPt;
    }
    rule(cr, x, top, width, 0.8);
    const std::size_t first_total =
        table.rows.size() - std::min(table.total_rows, table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (r == first_total && table.total_rows > 0)
            rule(cr, x, top, width, 0.5);
        const double row_height = kFontPt * 1.25 + 2 * kPadPt;
        if (r % 2 == 1 && r < first_total) {
            cairo_save(cr);
            cairo_rectangle(cr, x, top, width, row_height);
            cairo_set_source_rgb(cr, 0.94, 0.95, 0.96);
            cairo_fill(cr);
            cairo_restore(cr);
        }
        top += std::max(row_height,
                        draw_row(cr, table, table.rows[r], x, top, width, r >= first_total));
    }
    rule(cr, x, top, width, 0.8);
    top += 4;
    TextStyle note;
    note.size_pt = 6.5;
    note.colour = {0.35, 0.35, 0.35};
    for (const std::string& text : table.notes)
        top += draw_text(cr, text, x, top, note, width).height + 1;
    return top - y;
}

}  // namespace muster::tools

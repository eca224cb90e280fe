#pragma once
// The table beside a map: a bold header over a rule, rows in light bands, figures right-aligned,
// text cut with an ellipsis where a column is too narrow; the last rows may be totals.

#include <cairo.h>

#include <string>
#include <vector>

#include "tools/report/report_text.hpp"

namespace muster::tools {

struct ReportColumn {
    std::string header;  ///< in the output language already
    double weight = 1;   ///< share of the table's width
    Align align = Align::right;
};

struct ReportTable {
    std::string title;  ///< above the table; may be empty
    std::vector<ReportColumn> columns;
    std::vector<std::vector<std::string>> rows;  ///< one cell per column
    std::size_t total_rows = 0;                  ///< the last rows, drawn bold above a rule
    std::vector<std::string> notes;              ///< small lines under the table
};

/// Draws the table from (x, y) across `width`; returns the height used.
double draw_report_table(cairo_t* cr, const ReportTable& table, double x, double y, double width);

}  // namespace muster::tools

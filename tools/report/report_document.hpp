#pragma once
// The report's files: the PDF of every page and, optionally, one PNG of each page's map panel.
// Each is written beside its final name first and renamed only when all are written, so that a
// failure leaves no half-written report.

#include <string>
#include <vector>

#include "tools/report/page_layout.hpp"

namespace muster::tools {

/// Where the report goes and how it is dated.
struct ReportOutput {
    std::string pdf;      ///< ends with .pdf
    std::string png_dir;  ///< empty: no PNGs
    double png_dpi = 150;
};

/// Checks the outputs before any work: --out ends with .pdf (InputError) in a folder that
/// exists and can be written (WriteError); --png-dir is a folder or can be made one (InputError
/// for a file of that name, WriteError where it cannot be made or written). Makes nothing:
/// write_report makes --png-dir, so that a report that fails before leaves no empty folder.
void check_report_output(const ReportOutput& output);

/// "YYYY-MM-DD" as given, checked (InputError naming `option` otherwise).
std::string parse_report_date(const std::string& text, const std::string& option);

/// The date of SOURCE_DATE_EPOCH (seconds since 1970, UTC) where it is set, else today's (UTC).
std::string default_report_date();

/// Draws every page into the PDF (its metadata: the report title, muster as creator, and the
/// report date as the creation date, so that the same inputs give the same bytes) and each map
/// panel into PNG_DIR/STEM.png. Returns the files written. Throws WriteError naming the file
/// that could not be written.
std::vector<std::string> write_report(const std::vector<ReportPage>& pages, const PageFrame& frame,
                                      const ReportOutput& output);

}  // namespace muster::tools

#include "tools/report/report_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "engine/errors.hpp"

namespace muster::tools {
namespace {

namespace fs = std::filesystem;

/// Removes the files it holds unless released: the parts of a report that failed.
class PartialFiles {
  public:
    ~PartialFiles() {
        for (const std::string& path : m_paths) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    }
    const std::string& add(std::string path) { return m_paths.emplace_back(std::move(path)); }
    void release() { m_paths.clear(); }

  private:
    std::vector<std::string> m_paths;
};

void check_cairo(cairo_status_t status, const std::string& path) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw WriteError("cannot write '" + path + "': " + cairo_status_to_string(status));
}

bool writable_folder(const fs::path& folder) {
    return ::access((folder.empty() ? fs::path(".") : folder).c_str(), W_OK) == 0;
}

void write_pdf(const std::vector<ReportPage>& pages, const PageFrame& frame,
               const std::string& path) {
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageWidthPt, kPageHeightPt);
    check_cairo(cairo_surface_status(surface), path);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, frame.report_title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "muster report");
    // The report's date, not the clock's: the same inputs give the same bytes.
    const std::string date = frame.date + "T00:00:00Z";
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    cairo_t* cr = cairo_create(surface);
    for (std::size_t k = 0; k < pages.size(); ++k) {
        draw_page(cr, pages[k], frame, static_cast<int>(k + 1), static_cast<int>(pages.size()));
        cairo_show_page(cr);
    }
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t finished = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    check_cairo(drawn, path);
    check_cairo(finished, path);
}

void write_png(const ReportPage& page, const PageFrame& frame, double dpi,
               const std::string& path) {
    const PageRect panel = map_panel_size();
    const double scale = dpi / 72;
    cairo_surface_t* surface = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(panel.width * scale)),
        static_cast<int>(std::lround(panel.height * scale)));
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    draw_map_panel(cr, page, frame, panel);
    const cairo_status_t drawn = cairo_status(cr);
    cairo_destroy(cr);
    const cairo_status_t written =
        drawn == CAIRO_STATUS_SUCCESS ? cairo_surface_write_to_png(surface, path.c_str()) : drawn;
    cairo_surface_destroy(surface);
    check_cairo(written, path);
}

}  // namespace

void check_report_output(const ReportOutput& output) {
    const fs::path pdf(output.pdf);
    if (pdf.extension() != ".pdf" || pdf.stem().empty())
        throw InputError("--out: '" + output.pdf + "' is not a .pdf file");
    std::error_code error;
    if (fs::is_directory(pdf, error))
        throw InputError("--out: '" + output.pdf + "' is a folder");
    const fs::path folder = pdf.parent_path();
    if (!folder.empty() && !fs::is_directory(folder, error))
        throw WriteError("--out: cannot write '" + output.pdf + "': no folder '" + folder.string() +
                         "'");
    if (!writable_folder(folder))
        throw WriteError("--out: cannot write '" + output.pdf + "': folder not writable");
    if (output.png_dir.empty())
        return;
    const fs::path dir(output.png_dir);
    if (fs::exists(dir, error) && !fs::is_directory(dir, error))
        throw InputError("--png-dir: '" + output.png_dir + "' is a file, not a folder");
    // A folder still to make (write_report makes it, so that a report that fails leaves none):
    // the nearest folder above that exists must be one that can be written.
    fs::path existing = fs::absolute(dir, error);
    while (!fs::exists(existing, error) && existing.has_parent_path() &&
           existing.parent_path() != existing)
        existing = existing.parent_path();
    if (!fs::is_directory(existing, error)) {
        throw WriteError("--png-dir: cannot make '" + output.png_dir + "': '" + existing.string() +
                         "' is not a folder");
    }
    if (!writable_folder(existing))
        throw WriteError("--png-dir: cannot write into '" + existing.string() + "'");
}

std::string parse_report_date(const std::string& text, const std::string& option) {
    std::tm tm{};
    int year = 0, month = 0, day = 0;
    char rest = 0;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3;
    if (shaped) {
        tm.tm_year = year - 1900;
        tm.tm_mon = month - 1;
        tm.tm_mday = day;
        tm.tm_hour = 12;
        std::tm normal = tm;
        // A day that does not exist (02-30) comes back as another one.
        if (timegm(&normal) != -1 && normal.tm_mday == day && normal.tm_mon == month - 1)
            return text;
    }
    throw InputError(option + ": '" + text + "' is not a date YYYY-MM-DD");
}

std::string default_report_date() {
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (*end != '\0' || seconds < 0)
            throw InputError("SOURCE_DATE_EPOCH: '" + std::string(epoch) +
                             "' is not seconds since 1970");
        now = static_cast<std::time_t>(seconds);
    }
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

std::vector<std::string> write_report(const std::vector<ReportPage>& pages, const PageFrame& frame,
                                      const ReportOutput& output) {
    PartialFiles parts;
    std::vector<std::pair<std::string, std::string>> renames;  // part, final
    const std::string pdf_part = parts.add(output.pdf + ".part");
    write_pdf(pages, frame, pdf_part);
    renames.emplace_back(pdf_part, output.pdf);
    if (!output.png_dir.empty()) {
        std::error_code error;
        fs::create_directories(output.png_dir, error);
        if (error)
            throw WriteError("--png-dir: cannot make '" + output.png_dir + "': " + error.message());
        for (const ReportPage& page : pages) {
            const std::string path =
                (fs::path(output.png_dir) / (page.file_stem + ".png")).string();
            const std::string part = parts.add(path + ".part");
            write_png(page, frame, output.png_dpi, part);
            renames.emplace_back(part, path);
        }
    }
    std::vector<std::string> written;
    for (const auto& [part, path] : renames) {
        std::error_code error;
        fs::rename(part, path, error);
        if (error)
            throw WriteError("cannot write '" + path + "': " + error.message());
        written.push_back(path);
    }
    parts.release();
    return written;
}

}  // namespace muster::tools

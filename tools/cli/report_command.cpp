// `muster report DB --out REPORT.pdf [--png-dir DIR] [--incidents SRC] [--title TEXT]
//  [--date YYYY-MM-DD] [--hazards SRC] [--no-db-hazards] [--no-ferries]`: the planning report,
// a PDF of map pages (shelter coverage, hospital service areas, relief flows, and the
// mass-casualty plan given incidents) and one PNG per map, in the output language (--lang), all
// under the same hazards. docs/report.md.

#include <chrono>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/routing_options.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"
#include "tools/report/report_document.hpp"
#include "tools/report/report_pages.hpp"

namespace muster::tools {
namespace {

struct ReportCliOptions {
    std::string database;
    ReportOutput output;
    std::string incidents;
    std::string title;
    std::string date;
    HazardCliOptions hazards;
};

void run_report(const ReportCliOptions& options) {
    check_report_output(options.output);
    PageFrame frame;
    frame.date =
        options.date.empty() ? default_report_date() : parse_report_date(options.date, "--date");
    frame.report_title =
        options.title.empty() ? tr("Emergency shelter and relief planning report") : options.title;

    const auto started = std::chrono::steady_clock::now();
    const ReportData data =
        gather_report_data(options.database, options.incidents, options.hazards.options());
    if (!data.drive->hazard_problems().empty())
        print_problems(std::cout, data.drive->hazard_problems(), 10);
    const Basemap basemap(data.drive->graph(), data.drive->context().resources);
    frame.basemap = &basemap;
    std::vector<ReportPage> pages{coverage_page(data, basemap), service_area_page(data, basemap),
                                  relief_page(data, basemap)};
    if (data.mci)
        pages.push_back(mci_page(data, basemap));
    const std::vector<std::string> written = write_report(pages, frame, options.output);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (const std::string& path : written)
        std::cout << tr("wrote") << " " << path << '\n';
    std::cout << pages.size() << " " << tr("pages") << tr(", ")
              << static_cast<int>(seconds * 10) / 10.0 << " s\n";
}

}  // namespace

void add_report_command(CLI::App& app) {
    auto options = std::make_shared<ReportCliOptions>();
    auto* cmd = app.add_subcommand(
        "report", "planning report: map pages as a PDF (and a PNG per map), in --lang zh or en");
    cmd->add_option("database", options->database, kDatabaseHelp)->required();
    cmd->add_option("--out", options->output.pdf, "the report, FILE.pdf")->required();
    cmd->add_option("--png-dir", options->output.png_dir,
                    "also write each page's map as a PNG (150 dpi) into this folder");
    cmd->add_option("--incidents", options->incidents,
                    "add the mass-casualty page for these incidents (as muster mci takes them), "
                    "PATH[:LAYER][?WHERE]");
    cmd->add_option("--title", options->title, "the report's title, on every page");
    add_hazard_options(*cmd, options->hazards);
    cmd->add_option("--date", options->date,
                    "the date printed and stored in the PDF, YYYY-MM-DD (default: "
                    "SOURCE_DATE_EPOCH's, else today's)");
    cmd->callback([options] { run_report(*options); });
}

}  // namespace muster::tools

// `muster import DB --roads SRC [--townships SRC] ... [--fields MAP]`

#include <charconv>
#include <cmath>
#include <iostream>
#include <sstream>

#include "geodata/importer.hpp"
#include "tools/cli/commands.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

void print_summary(const ImportRequest& request, const ImportSummary& summary) {
    std::cout << "imported into " << request.database << " (run " << summary.run << ")\n";
    TextTable table({"kind", "source", "features", "imported", "problems"});
    for (const auto& e : summary.entries) {
        table.add({e.kind, e.source + (e.filter.empty() ? "" : "?" + e.filter),
                   with_commas(e.features), with_commas(e.imported), with_commas(e.problems)});
    }
    table.print(std::cout);
    for (const auto& e : summary.entries) {
        std::istringstream warnings(e.warnings);
        for (std::string line; std::getline(warnings, line);)
            std::cout << "note (" << e.kind << "): " << line << '\n';
    }
    for (const auto& [name, figures] :
         {std::pair{"drive", summary.drive}, std::pair{"walk", summary.walk}}) {
        if (figures) {
            std::cout << name << " network: " << with_commas(figures->nodes) << " nodes, "
                      << with_commas(figures->edges) << " edges, "
                      << with_commas(figures->components) << " strongly connected components\n";
        }
    }
    print_problems(std::cout, summary.problems, 15);
}

// A finite number of metres > 0. (CLI::PositiveNumber lets "nan" through, since every comparison
// with NaN is false, and a NaN limit would silently turn the snap-distance check off.)
std::string positive_metres(const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || !std::isfinite(value) || value <= 0) {
        return "must be a positive number of metres, not '" + text + "'";
    }
    return {};
}

}  // namespace

void add_import_command(CLI::App& app) {
    auto request = std::make_shared<ImportRequest>();
    auto* cmd = app.add_subcommand("import",
                                   "import GIS sources into a resource database (one transaction)");
    cmd->add_option("database", request->database,
                    "SpatiaLite resource database (created if missing)")
        ->required();
    for (SourceKind kind : kAllSourceKinds) {
        const std::string name(to_string(kind));
        cmd->add_option_function<std::string>(
            "--" + name,
            [request, kind](const std::string& spec) { request->sources[kind] = spec; },
            name + " source: PATH[:LAYER][?WHERE], any GDAL vector format");
    }
    cmd->add_option_function<std::string>(
        "--fields", [request](const std::string& path) { request->fields_file = path; },
        "JSON field-name mapping (docs/fields.md)");
    cmd->add_option("--snap-limit", request->snap_limit_m,
                    "metres beyond which a facility is not routable")
        ->check(positive_metres);
    cmd->callback([request] { print_summary(*request, run_import(*request)); });
}

}  // namespace muster::tools

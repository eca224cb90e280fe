// `muster import DB --roads SRC [--townships SRC] ... [--fields MAP] [--encoding [KIND=]NAME]
//  [--coordinates [KIND=]SYSTEM]`

#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "engine/china_coordinates.hpp"
#include "geodata/importer.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/terminal_progress.hpp"
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

// "[KIND=]VALUE" split into its kind (nothing: every kind) and value. Encoding names and
// coordinate systems hold no '=' of their own.
std::pair<std::optional<SourceKind>, std::string> kind_and_value(const std::string& text) {
    const auto equals = text.find('=');
    if (equals != std::string::npos) {
        const std::string kind = text.substr(0, equals);
        for (SourceKind k : kAllSourceKinds) {
            if (to_string(k) == kind)
                return {k, text.substr(equals + 1)};
        }
    }
    return {std::nullopt, text};
}

std::string kind_names() {
    std::string names;
    for (SourceKind kind : kAllSourceKinds)
        names += (names.empty() ? "" : ", ") + std::string(to_string(kind));
    return names;
}

std::string check_kind_and_value(const std::string& text) {
    const auto equals = text.find('=');
    if (equals != std::string::npos && !kind_and_value(text).first) {
        return "'" + text.substr(0, equals) + "' is not a kind of source (" + kind_names() + ")";
    }
    if (kind_and_value(text).second.empty())
        return "names nothing in '" + text + "'";
    return {};
}

std::string check_coordinates(const std::string& text) {
    if (auto error = check_kind_and_value(text); !error.empty())
        return error;
    if (!parse_coordinate_system(kind_and_value(text).second)) {
        return "'" + kind_and_value(text).second +
               "' is not a coordinate system (wgs84, cgcs2000, gcj02, bd09)";
    }
    return {};
}

// A value given per kind, or for every kind: the per-kind one wins, whatever the order.
template <class T>
struct PerKind {
    std::optional<T> all;
    std::map<SourceKind, T> kinds;

    void set(std::optional<SourceKind> kind, T value) {
        if (kind)
            kinds[*kind] = std::move(value);
        else
            all = std::move(value);
    }
    std::map<SourceKind, T> resolved(const std::map<SourceKind, std::string>& sources) const {
        std::map<SourceKind, T> out;
        for (const auto& [kind, source] : sources) {
            if (auto it = kinds.find(kind); it != kinds.end())
                out[kind] = it->second;
            else if (all)
                out[kind] = *all;
        }
        return out;
    }
};

}  // namespace

void add_import_command(CLI::App& app) {
    auto request = std::make_shared<ImportRequest>();
    auto encodings = std::make_shared<PerKind<std::string>>();
    auto coordinates = std::make_shared<PerKind<CoordinateSystem>>();
    auto* cmd = app.add_subcommand("import",
                                   "import GIS sources into a resource database (one transaction)");
    cmd->add_option("database", request->database,
                    std::string(kDatabaseHelp) + " (a file is created if missing)")
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
    cmd->add_option_function<std::vector<std::string>>(
           "--encoding",
           [encodings](const std::vector<std::string>& values) {
               for (const auto& value : values) {
                   auto [kind, name] = kind_and_value(value);
                   encodings->set(kind, name);
               }
           },
           "[KIND=]NAME: the encoding of a source's text (GBK, GB18030, UTF-8, ...), for every "
           "source or one kind; repeatable (default: what the file says, else UTF-8, else "
           "GB18030)")
        ->allow_extra_args(false)
        ->check(check_kind_and_value);
    cmd->add_option_function<std::vector<std::string>>(
           "--coordinates",
           [coordinates](const std::vector<std::string>& values) {
               for (const auto& value : values) {
                   auto [kind, name] = kind_and_value(value);
                   coordinates->set(kind, *parse_coordinate_system(name));
               }
           },
           "[KIND=]SYSTEM: the system of a source's lon/lat: wgs84 (default; cgcs2000 alike), "
           "gcj02 (AMap, Tencent) or bd09 (Baidu), shifted to WGS84 on import; repeatable")
        ->allow_extra_args(false)
        ->check(check_coordinates);
    cmd->callback([request, encodings, coordinates] {
        request->encodings = encodings->resolved(request->sources);
        request->coordinates = coordinates->resolved(request->sources);
        // Each long step on stderr as it goes, the summary on stdout after.
        TerminalProgress progress(stderr);
        ImportRequest shown = *request;
        shown.progress = &progress;
        print_summary(*request, run_import(shown));
    });
}

}  // namespace muster::tools

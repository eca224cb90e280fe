// `muster copy SRC DST`: a resource database into a new one, between a SpatiaLite file and
// PostgreSQL with PostGIS either way (geodata/resource_db_copy.hpp); prints the rows per table.

#include <iostream>
#include <memory>
#include <string>

#include "geodata/resource_db_copy.hpp"
#include "tools/app/number_text.hpp"
#include "tools/cli/commands.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {
namespace {

struct CopyOptions {
    std::string source;
    std::string destination;
};

void run_copy(const CopyOptions& options) {
    const auto copied = copy_resource_db(options.source, options.destination);
    TextTable table({"table", "rows"});
    for (const auto& [name, rows] : copied)
        table.add({name, with_commas(rows)});
    std::cout << "copied " << options.source << " into " << options.destination << "\n\n";
    table.print(std::cout);
}

}  // namespace

void add_copy_command(CLI::App& app) {
    auto options = std::make_shared<CopyOptions>();
    auto* cmd = app.add_subcommand(
        "copy",
        "copy a resource database into a new one, between a SpatiaLite file and PostgreSQL with "
        "PostGIS either way, every table and row (one transaction)");
    cmd->add_option("source", options->source, kDatabaseHelp)->required();
    cmd->add_option("destination", options->destination,
                    "the new database: a file that does not exist, or a PostgreSQL database "
                    "without muster's tables (PostGIS installed)")
        ->required();
    cmd->callback([options] { run_copy(*options); });
}

}  // namespace muster::tools

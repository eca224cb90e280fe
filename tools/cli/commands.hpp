#pragma once
// The subcommands of `muster`. Each registers its options on the app and runs when chosen.

#include <CLI/CLI.hpp>

namespace muster::tools {

/// What every command's database argument is: a file, or a PostgreSQL database.
inline constexpr const char* kDatabaseHelp =
    "resource database: a SpatiaLite file, or PostgreSQL with PostGIS as "
    "'PG:dbname=NAME host=HOST' or postgresql://USER@HOST/NAME";

void add_import_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_nearest_command(CLI::App& app);
void add_route_command(CLI::App& app);
void add_matrix_command(CLI::App& app);
void add_isochrone_command(CLI::App& app);
void add_network_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_coverage_command(CLI::App& app);
void add_response_command(CLI::App& app);
void add_station_command(CLI::App& app);
void add_criticality_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_allocate_command(CLI::App& app);
void add_mci_command(CLI::App& app);
void add_site_command(CLI::App& app);
void add_token_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_copy_command(CLI::App& app);

}  // namespace muster::tools

#pragma once
// What the routing commands (nearest, route, matrix, isochrone) share on the command line: the
// database, --profile, hazards (--hazards SRC, --no-db-hazards, --no-ferries), --format and --out,
// --coordinates (the system LON,LAT are given and answered in), and how an answer is printed and
// written.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/feature_table.hpp"
#include "tools/app/response_query.hpp"
#include "tools/app/routing_session.hpp"

namespace muster::tools {

/// Which hazards apply, as parsed by CLI11: --hazards SRC (repeatable), --no-db-hazards,
/// --no-ferries.
struct HazardCliOptions {
    std::vector<std::string> sources;  ///< ad-hoc polygon sources
    bool no_db_hazards = false;
    bool no_ferries = false;

    HazardOptions options() const {
        return {.stored = !no_db_hazards, .sources = sources, .ferries_closed = no_ferries};
    }
};

/// Registers the hazard options on a command that loads a network (the routing commands,
/// report).
void add_hazard_options(CLI::App& command, HazardCliOptions& options);

/// The shared options, as parsed by CLI11.
struct RoutingCliOptions {
    std::string database;
    std::string profile = "drive";
    HazardCliOptions hazards;
    std::string format = "table";       ///< table, json or geojson
    std::string out;                    ///< PATH[:LAYER] of a GIS file, or empty
    std::string coordinates = "wgs84";  ///< the system of the LON,LAT given and shown (if taken)
};

/// An ambulance response target as the command line takes it, in minutes (docs/response.md).
struct ResponseMinutes {
    double target = 12;  ///< turnout plus drive
    double turnout = 3;
};

/// Registers --target-min and --turnout-min (response, stations, criticality, compare).
void add_response_minutes_options(CLI::App& command, ResponseMinutes& minutes);

/// Registers --kind, --status, --region and --cell-m: the units that respond and the demand grid
/// they respond to (response, criticality).
void add_response_unit_options(CLI::App& command, ResponseQuery& query);

/// Registers the shared options on a routing subcommand.
void add_routing_options(CLI::App& command, RoutingCliOptions& options);

/// Registers --coordinates, on the commands that take LON,LAT points (nearest, route, matrix,
/// isochrone).
void add_coordinates_option(CLI::App& command, RoutingCliOptions& options);

/// The --coordinates of the options. Throws QueryError (InvalidValue) for an unknown system.
CoordinateSystem coordinate_system(const RoutingCliOptions& options);

/// Checks --out before any work: a format GDAL can write, and not the resource database itself
/// (writing a layer there could replace one of its tables). Throws InputError naming the file.
void check_output(const std::string& out, const std::string& database);

/// Loads the database, the network of the profile and the hazards the options ask for; notes
/// problems of ad-hoc hazard sources on the notes stream.
std::unique_ptr<RoutingSession> open_session(const RoutingCliOptions& options);

/// Where notes go: stdout under a table, stderr when stdout carries JSON.
std::ostream& notes(const RoutingCliOptions& options);

/// How one answer is shown.
struct AnswerViews {
    std::function<nlohmann::json()> json;               ///< --format json
    std::function<std::vector<FeatureTable>()> layers;  ///< --format geojson and --out
    std::function<void(std::ostream&)> table;           ///< --format table
};

/// Prints the answer in the chosen format and writes --out (naming the files written), the layers
/// described with the command and the session's hazards (tools/cli/layer_output.hpp); notes the
/// coordinate system when it is not WGS84.
void emit(const RoutingCliOptions& options, const RoutingSession& session,
          const AnswerViews& views);

}  // namespace muster::tools

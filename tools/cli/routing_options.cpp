#include "tools/cli/routing_options.hpp"

#include <filesystem>
#include <iostream>

#include "engine/errors.hpp"
#include "geodata/result_writer.hpp"
#include "tools/app/query_params.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/layer_output.hpp"
#include "tools/present/geojson.hpp"
#include "tools/present/text_table.hpp"

namespace muster::tools {

void add_routing_options(CLI::App& command, RoutingCliOptions& options) {
    command.add_option("database", options.database, kDatabaseHelp)->required();
    command.add_option("--profile", options.profile, "travel profile: drive (default) or walk")
        ->check(CLI::IsMember({"drive", "walk"}));
    add_hazard_options(command, options.hazards);
    command.add_option("--format", options.format, "table (default), json or geojson")
        ->check(CLI::IsMember({"table", "json", "geojson"}));
    command.add_option(
        "--out", options.out,
        "also write the result as a GIS layer: FILE.gpkg[:LAYER], .shp, .geojson, .csv, ...");
}

void add_response_minutes_options(CLI::App& command, ResponseMinutes& minutes) {
    command.add_option("--target-min", minutes.target,
                       "response target, minutes: turnout plus drive (default 12)");
    command.add_option("--turnout-min", minutes.turnout,
                       "minutes until the crew leaves (default 3)");
}

void add_response_unit_options(CLI::App& command, ResponseQuery& query) {
    command.add_option("--kind", query.units.kind, "team kind that responds (default ambulance)");
    command.add_option("--status", query.units.status,
                       "team status (default available; 'any' for all)");
    command.add_option("--region", query.units.region, "only teams of this region");
    command.add_option("--cell-m", query.grid.cell_m, "demand grid cell, metres (default 250)");
}

void add_coordinates_option(CLI::App& command, RoutingCliOptions& options) {
    command.add_option("--coordinates", options.coordinates,
                       "the system of the LON,LAT given, and of the answer's positions: wgs84 "
                       "(default; also cgcs2000), gcj02 (AMap/Gaode, Tencent) or bd09 (Baidu)");
}

CoordinateSystem coordinate_system(const RoutingCliOptions& options) {
    return parse_coordinates(options.coordinates, "--coordinates");
}

void add_hazard_options(CLI::App& command, HazardCliOptions& options) {
    command
        .add_option("--hazards", options.sources,
                    "ad-hoc hazard polygons, PATH[:LAYER][?WHERE], any GDAL format (repeatable); "
                    "applied on top of the database's hazards")
        ->allow_extra_args(false);
    command.add_flag("--no-db-hazards", options.no_db_hazards,
                     "ignore the hazard zones stored in the database (they apply by default)");
    command.add_flag("--no-ferries", options.no_ferries,
                     "take every ferry out of service, as a storm does (a closure named "
                     "'ferries', on top of the other hazards)");
}

std::ostream& notes(const RoutingCliOptions& options) {
    return options.format == "table" ? std::cout : std::cerr;
}

void check_output(const std::string& out, const std::string& database) {
    check_output_target(out);
    const std::string path = parse_output_target(out).path;
    std::error_code error;
    if (std::filesystem::equivalent(path, database, error)) {
        throw InputError(path + ": is the resource database; write results to another file");
    }
}

std::unique_ptr<RoutingSession> open_session(const RoutingCliOptions& options) {
    if (!options.out.empty())
        check_output(options.out, options.database);  // before the work, not after it
    auto session = std::make_unique<RoutingSession>(
        options.database, parse_profile(options.profile, "--profile"), options.hazards.options());
    if (!session->hazard_problems().empty())
        print_problems(notes(options), session->hazard_problems(), 10);
    return session;
}

void emit(const RoutingCliOptions& options, const RoutingSession& session,
          const AnswerViews& views) {
    const CoordinateSystem system = coordinate_system(options);
    std::vector<FeatureTable> layers;
    if (options.format == "geojson" || !options.out.empty())
        layers = views.layers();
    if (options.format == "json") {
        std::cout << views.json().dump(2) << '\n';
    } else if (options.format == "geojson") {
        std::cout << feature_collection(layers).dump(2) << '\n';
    } else {
        views.table(std::cout);
        if (system != CoordinateSystem::wgs84)
            std::cout << "coordinates: " << to_string(system) << '\n';
    }
    if (!options.out.empty()) {
        for (const std::string& written :
             write_layers(options.out, std::move(layers), hazard_summary(session.hazards()))) {
            notes(options) << "wrote " << written << '\n';
        }
        if (system != CoordinateSystem::wgs84) {
            notes(options) << "note: the layers' positions are in " << to_string(system)
                           << " (column coord_sys), though the files declare WGS84\n";
        }
    }
}

}  // namespace muster::tools

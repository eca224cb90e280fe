#pragma once
// A planning scenario to compare with the database as it is: hazard zones, teams out of service,
// depots emptied and shelters closed, read from a small JSON file:
//
//   {"name": "Flood of the Msida valley",
//    "hazards": ["msida-flood.geojson"],          (GDAL sources, relative to the file)
//    "teams_out_of_service": ["amb-n1-1"],
//    "depots_emptied": ["dep-3"],
//    "shelters_closed": ["sh-12"]}

#include <string>
#include <vector>

#include "engine/resources.hpp"

namespace muster::tools {

struct Scenario {
    std::string name;
    std::vector<std::string> hazard_sources;  ///< resolved against the file's folder
    std::vector<std::string> teams_out_of_service;
    std::vector<std::string> depots_emptied;
    std::vector<std::string> shelters_closed;
};

/// Reads a scenario file. Throws InputError naming the file and the key for a missing or
/// unreadable file, JSON that is not an object, an unknown key, or a value of the wrong type.
Scenario read_scenario(const std::string& path);

/// The resources with the scenario's changes: its teams out of service, its depots without
/// stock, its shelters closed. Throws InputError naming the scenario key and the id for an id
/// the resources do not hold.
Resources apply_scenario(Resources resources, const Scenario& scenario);

}  // namespace muster::tools

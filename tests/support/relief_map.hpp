#pragma once
// The relief map of tests/fixtures/relief (drawn and worked out by hand in
// tests/tools/cli/test_relief_cli.cpp) imported with the built `muster`, and a command's JSON
// answer: shared by the command-line and the service tests of allocate and mci.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

/// A file of the relief fixture, quoted for the shell.
inline std::string relief_source(const std::string& name) {
    return quote(fixture("relief/" + name));
}

/// Imports the whole relief map (roads, townships, shelters, depots, inventory, hospitals,
/// teams) into DIR/relief.sqlite; returns its path.
inline std::string import_relief_map(const TempDir& dir) {
    const std::string db = dir.file("relief.sqlite");
    const Run run = run_muster(
        "import " + quote(db) + " --roads " + relief_source("roads.geojson") + " --townships " +
        relief_source("townships.geojson") + " --shelters " + relief_source("shelters.geojson") +
        " --depots " + relief_source("depots.geojson") + " --inventory " +
        relief_source("inventory.csv") + " --hospitals " + relief_source("hospitals.geojson") +
        " --teams " + relief_source("teams.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return db;
}

/// `muster COMMAND DB ARGS --format json`, parsed; the command must succeed.
inline nlohmann::json muster_json(const std::string& command, const std::string& db,
                                  const std::string& args) {
    const Run run = run_muster(command + " " + quote(db) + " " + args + " --format json");
    INFO(command + " " + args + "\n" + run.output);
    REQUIRE(run.status == 0);
    return nlohmann::json::parse(run.output);
}

}  // namespace muster::test

#pragma once
// Test support for the tests of replicas of `muster serve` on one PostgreSQL database: the Malta
// sample imported into it, and answers awaited at a version.

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "tests/tools/server/test_serve_support.hpp"

namespace muster::test {

/// The Malta sample's roads, teams, hazards and hospitals imported into `target`.
inline std::string import_malta(const std::string& target) {
    const auto src = [](const std::string& file) { return quote(sample("malta/" + file)); };
    const Run run =
        run_muster("import " + quote(target) + " --roads " + src("malta-latest.osm.pbf") +
                   " --teams " + src("teams.geojson") + " --hazards " + src("hazards.geojson") +
                   " --hospitals " + src("hospitals.geojson"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    return target;
}

/// GET `target` from `port` until the answer names state version `version` or later (5 s at
/// most): the replica has applied the change.
inline json once_at_version(int port, const std::string& target, std::int64_t version) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        json body = get_ok(port, target);
        if (body.at("state").at("version").get<std::int64_t>() >= version)
            return body;
        REQUIRE(std::chrono::steady_clock::now() < until);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace muster::test

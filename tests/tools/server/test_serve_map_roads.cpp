// GET /map/roads on the routing map of tests/support/routing_map.hpp: the pieces of road whose
// segments meet the box, worked out from the map's drawing. Each road there joins two junctions,
// so each is one piece: r1 A-B, r2 B-C on the equator; r4 D-E at 0.01° N; r3, r5 north-south at
// 0.01° and 0.02° E; the oneway r6 C-F.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

/// Each feature as "class [lon,lat]-[lon,lat]", its ends in west-to-east, south-to-north order
/// (a piece runs in its own direction, either way along its road), sorted.
std::vector<std::string> roads_of(const json& collection) {
    REQUIRE(collection.at("type") == "FeatureCollection");
    std::vector<std::string> out;
    for (const json& feature : collection.at("features")) {
        CHECK(feature.at("geometry").at("type") == "LineString");
        const json& line = feature.at("geometry").at("coordinates");
        // Each end as numbers (0 and 0.0 alike), then as "[lon,lat]" in %g.
        std::vector<std::pair<double, double>> ends;
        for (const json& end : {line.front(), line.back()})
            ends.emplace_back(end.at(0).get<double>(), end.at(1).get<double>());
        std::sort(ends.begin(), ends.end());  // by lon, then lat
        std::string text = feature.at("properties").at("class").get<std::string>() + " ";
        for (std::size_t i = 0; i < ends.size(); ++i) {
            char position[64];
            std::snprintf(position, sizeof position, "[%g,%g]", ends[i].first, ends[i].second);
            text += (i == 0 ? "" : "-") + std::string(position);
        }
        out.push_back(text);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("serve /map/roads answers the pieces of road in a box, by class") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {});
    const int port = server.port();

    // Around the middle of r1 only: r1, primary, from A (0,0) to B (0.01,0).
    const json r1 = get_ok(port, "/map/roads?bbox=0.002,-0.001,0.008,0.001");
    CHECK(roads_of(r1) == std::vector<std::string>{"primary [0,0]-[0.01,0]"});
    CHECK(r1.at("truncated") == false);
    CHECK(r1.at("features")[0].at("properties").at("rank") == 2);

    // Around the middle of r4 only: residential, D (0.01,0.01) to E (0.02,0.01).
    CHECK(roads_of(get_ok(port, "/map/roads?bbox=0.012,0.009,0.018,0.011")) ==
          std::vector<std::string>{"residential [0.01,0.01]-[0.02,0.01]"});
    // ... which min_class=tertiary leaves out, and min_class=residential keeps.
    CHECK(get_ok(port, "/map/roads?bbox=0.012,0.009,0.018,0.011&min_class=tertiary")
              .at("features")
              .empty());
    CHECK(get_ok(port, "/map/roads?bbox=0.012,0.009,0.018,0.011&min_class=residential")
              .at("features")
              .size() == 1);

    // Between r1 and r3, touching neither (west of 0.01 E, north of the equator): nothing.
    CHECK(get_ok(port, "/map/roads?bbox=0.002,0.002,0.008,0.008").at("features").empty());

    // The whole map: six roads, six pieces; tertiary and up leaves out r4 only.
    const std::vector<std::string> all{
        "primary [0,0]-[0.01,0]",        "primary [0.01,0]-[0.02,0]",
        "primary [0.02,0]-[0.03,0]",     "residential [0.01,0.01]-[0.02,0.01]",
        "tertiary [0.01,0]-[0.01,0.01]", "tertiary [0.02,0]-[0.02,0.01]"};
    CHECK(roads_of(get_ok(port, "/map/roads?bbox=-1,-1,1,1")) == all);
    // The highest classes come first: the three primary pieces, then the two tertiary ones.
    const json major = get_ok(port, "/map/roads?bbox=-1,-1,1,1&min_class=tertiary");
    std::vector<int> ranks;
    for (const json& feature : major.at("features"))
        ranks.push_back(feature.at("properties").at("rank").get<int>());
    CHECK(ranks == std::vector<int>{2, 2, 2, 4, 4});
}

TEST_CASE("serve /map/roads refuses a bad bbox, class or tolerance, naming it") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {});
    const int port = server.port();
    const Reply missing = get(port, "/map/roads");
    CHECK(missing.status == 400);
    CHECK(missing.body.at("code") == "MissingParameter");
    for (const std::string bbox :
         {"0,0,1", "0,0,1,1,2", "a,0,1,1", "0,0,nan,1", "0,0,inf,1", "1,0,0,1", "0,1,1,0",
          "0,0,0,1", "-181,0,1,1", "0,-91,1,1", "0,0,181,1", "0,0,1,91", ""}) {
        INFO(bbox);
        const Reply reply = get(port, "/map/roads?bbox=" + bbox);
        CHECK(reply.status == 400);
        CHECK(reply.body.at("code") == "InvalidValue");
        CHECK(reply.body.at("message").get<std::string>().starts_with("bbox: "));
    }
    const Reply bad_class = get(port, "/map/roads?bbox=0,0,1,1&min_class=highway");
    CHECK(bad_class.status == 400);
    CHECK(bad_class.body.at("message").get<std::string>().starts_with("min_class: "));
    for (const std::string tolerance : {"-1", "1000.5", "x", "nan", ""}) {
        INFO(tolerance);
        const Reply reply = get(port, "/map/roads?bbox=0,0,1,1&tolerance_m=" + tolerance);
        CHECK(reply.status == 400);
        CHECK(reply.body.at("message").get<std::string>().starts_with("tolerance_m: "));
    }
    // Its roads are straight: any tolerance draws the same two ends of each.
    CHECK(roads_of(get_ok(port, "/map/roads?bbox=-1,-1,1,1&tolerance_m=1000")) ==
          roads_of(get_ok(port, "/map/roads?bbox=-1,-1,1,1")));
    const Reply unknown = get(port, "/map/roads?bbox=0,0,1,1&zoom=3");
    CHECK(unknown.status == 400);
    CHECK(unknown.body.at("code") == "UnknownParameter");
}

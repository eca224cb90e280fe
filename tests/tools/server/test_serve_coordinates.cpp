// coordinates= on the service's routing endpoints: points given in GCJ-02 or BD-09 are answered
// as the same points in WGS84, and the answer comes back in the system they were given in; an
// unknown system is a 400 naming the ones taken.
//
// The map is the clip of central Nanjing's roads (tests/fixtures/coordinates), inside China. The
// GCJ-02 and BD-09 points are made from known WGS84 points by the forward formulas, which
// tests/engine/test_china_coordinates.cpp checks against eviltransform's and coordtransform's
// published pairs.

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "engine/china_coordinates.hpp"
#include "engine/geodesic.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/nanjing_clip.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using muster::LonLat;
using namespace muster::test;
using namespace muster::test::nanjing_clip;
using nlohmann::json;

}  // namespace

TEST_CASE("serve takes coordinates=gcj02 or bd09 and answers in that system") {
    TempDir dir;
    Server server(import_nanjing(dir), dir.file("serve.log"), {"--threads", "1"});
    const int port = server.port();
    const LonLat start_gcj = muster::wgs84_to_gcj02(kStart), end_gcj = muster::wgs84_to_gcj02(kEnd);

    const json wgs = get_ok(port, "/route?from=" + text(kStart) + "&to=" + text(kEnd));
    CHECK_FALSE(wgs.contains("coordinates"));
    const json gcj = get_ok(
        port, "/route?from=" + text(start_gcj) + "&to=" + text(end_gcj) + "&coordinates=gcj02");
    CHECK(gcj.at("coordinates") == "gcj02");
    CHECK(gcj.at("duration_s").get<double>() == Approx(wgs.at("duration_s").get<double>()));
    CHECK(gcj.at("distance_m").get<double>() == Approx(wgs.at("distance_m").get<double>()));
    const LonLat from = position(gcj.at("from").at("location"));
    CHECK(from.lon == Approx(start_gcj.lon).margin(kRoundingDeg));
    CHECK(from.lat == Approx(start_gcj.lat).margin(kRoundingDeg));
    // The route's first point: the WGS84 answer's, moved by the forward formula, a real shift.
    const LonLat first_wgs = position(wgs.at("geometry").at("coordinates").at(0));
    const LonLat first_gcj = position(gcj.at("geometry").at("coordinates").at(0));
    const LonLat expected = muster::wgs84_to_gcj02(first_wgs);
    CHECK(first_gcj.lon == Approx(expected.lon).margin(2 * kRoundingDeg));
    CHECK(first_gcj.lat == Approx(expected.lat).margin(2 * kRoundingDeg));
    CHECK(muster::distance_m(first_wgs, first_gcj) > 26);

    // A POST carries it as a member of the body; BD-09 (Baidu) and nearest likewise.
    const LonLat at_bd = muster::gcj02_to_bd09(start_gcj);
    const Reply posted =
        post(port, "/nearest",
             json{{"at", text(at_bd)}, {"to", "hospitals"}, {"coordinates", "bd09"}}.dump());
    INFO(posted.body.dump());
    REQUIRE(posted.status == 200);
    CHECK(posted.body.at("coordinates") == "bd09");
    const LonLat incident = position(posted.body.at("incident"));
    CHECK(incident.lon == Approx(at_bd.lon).margin(kRoundingDeg));
    CHECK(incident.lat == Approx(at_bd.lat).margin(kRoundingDeg));
    const json nearest_wgs = get_ok(port, "/nearest?at=" + text(kStart) + "&to=hospitals");
    REQUIRE(posted.body.at("results").size() == nearest_wgs.at("results").size());
    CHECK(posted.body.at("results")[0].at("id") == nearest_wgs.at("results")[0].at("id"));
    CHECK(posted.body.at("results")[0].at("duration_s").get<double>() ==
          Approx(nearest_wgs.at("results")[0].at("duration_s").get<double>()));

    // matrix and isochrone take it too.
    const json matrix = get_ok(port, "/matrix?sources=" + text(start_gcj) +
                                         "&targets=" + text(end_gcj) + "&coordinates=gcj02");
    CHECK(matrix.at("coordinates") == "gcj02");
    CHECK(matrix.at("durations_s")[0][0].get<double>() ==
          Approx(wgs.at("duration_s").get<double>()));
    const json isochrone =
        get_ok(port, "/isochrone?at=" + text(start_gcj) + "&minutes=2&coordinates=amap");
    CHECK(isochrone.at("coordinates") == "gcj02");
    const LonLat origin = position(isochrone.at("origin"));
    CHECK(origin.lon == Approx(start_gcj.lon).margin(kRoundingDeg));
}

TEST_CASE("serve refuses an unknown coordinates= with a 400 naming the systems it takes") {
    TempDir dir;
    Server server(import_nanjing(dir), dir.file("serve.log"), {"--threads", "1"});
    const int port = server.port();
    for (const std::string target :
         {"/route?from=118.778,32.04&to=118.788,32.048&coordinates=mars",
          "/nearest?at=118.778,32.04&to=hospitals&coordinates=",
          "/matrix?sources=118.778,32.04&targets=hospitals&coordinates=utm50"}) {
        const Reply reply = get(port, target);
        INFO(target << " -> " << reply.body.dump());
        CHECK(reply.status == 400);
        CHECK(reply.body.at("code") == "InvalidValue");
        const std::string message = reply.body.at("message");
        CHECK(message.find("coordinates: '") == 0);
        CHECK(message.find("is not a coordinate system") != std::string::npos);
        for (const char* word : {"wgs84", "gcj02", "bd09"})
            CHECK(message.find(word) != std::string::npos);
    }
}

// GET /isochrone around a set of the database's facilities, as rings, and its refusals: a set it
// does not know, a band shape it does not know, a file (never read for a client). The map is
// tests/fixtures/routing's (tests/support/routing_map.hpp).

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

void check_refused(const Reply& reply, const std::string& message) {
    INFO(reply.body.dump());
    CHECK(reply.status == 400);
    CHECK(reply.body.at("code") == "InvalidValue");
    CHECK(contains_text(reply.body.at("message").get<std::string>(), message));
}

}  // namespace

TEST_CASE("serve draws an isochrone around each hospital, as disks or rings") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    Server server(db, dir.file("serve.log"), {"--no-db-hazards"});
    const int port = server.port();

    // The fixture's hospitals h-south and h-north, one area each, named.
    const json disks = get_ok(port, "/isochrone?at=hospitals&minutes=1,2");
    REQUIRE(disks.at("areas").size() == 2);
    CHECK(disks.at("areas")[0].at("facility_id") == "h-south");
    CHECK(disks.at("areas")[1].at("facility_name") == "North Hospital");
    const json rings = get_ok(port, "/isochrone?at=hospitals&minutes=1,2&bands=rings");
    CHECK(rings.at("band_shape") == "rings");
    const json& ring = rings.at("areas")[1].at("bands");
    CHECK(ring[1].at("from_min") == 1.0);
    CHECK(ring[0].at("area_m2").get<double>() + ring[1].at("area_m2").get<double>() ==
          Approx(disks.at("areas")[1].at("bands")[1].at("area_m2").get<double>()).margin(2));
    // One entity: its keys at the top too, as for a point.
    const json one = get_ok(port, "/isochrone?at=hospital:h-north&minutes=1");
    CHECK(one.at("facility_name") == "North Hospital");
    CHECK(one.at("bands").size() == 1);

    check_refused(get(port, "/isochrone?at=hydrants&minutes=1"), "at: 'hydrants' is neither");
    check_refused(get(port, "/isochrone?at=0.005,0&minutes=1&bands=squares"),
                  "bands: 'squares' is not a band shape");
    // A path is never opened for a client.
    check_refused(get(port, "/isochrone?at=" + db + "&minutes=1"), "at: '");
}

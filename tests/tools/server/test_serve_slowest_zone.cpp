// The slowest zone muster takes, speed_factor 0.01, over the whole of Malta, through `muster
// serve` (at its start with --hazards, and added with POST /hazards) and the command line. Every
// road is then a hundred times slower: the fastest routes are the same and take a hundred times
// as long (to the 0.1 s the rounding of the partial roads at either end allows), and a service
// area of 120 minutes is what the usual speed reaches in 1.2. Walking from the west of Gozo to
// the south of Malta so takes 2·10^9 ms, half of what a CCH weight holds.
//
// Beyond, on roads of 670 km: a route longer than a CCH weight holds is no route (422), and so
// is one that needs a shortcut of the hierarchy past that bound; the zone is taken all the same.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

/// A slow zone at a hundredth of the usual speed over the box, as a Feature.
std::string crawl_zone(const std::string& id, double west, double south, double east,
                       double north) {
    const auto corner = [](double lon, double lat) {
        return "[" + std::to_string(lon) + ", " + std::to_string(lat) + "]";
    };
    return R"({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[)" +
           corner(west, south) + ", " + corner(east, south) + ", " + corner(east, north) + ", " +
           corner(west, north) + ", " + corner(west, south) +
           R"(]]}, "properties": {"effect": "slow", "speed_factor": 0.01, "id": ")" + id + "\"}}";
}

std::string collection(const std::string& feature) {
    return R"({"type": "FeatureCollection", "name": "hazards", "features": [)" + feature + "]}";
}

/// Every road of Malta's sample, Gozo's and Comino's and the ferries between them.
std::string all_of_malta() {
    return crawl_zone("crawl", 14.10, 35.75, 14.65, 36.10);
}

json cli_json(const std::string& db, const std::string& args) {
    const Run run = run_muster(args.substr(0, args.find(' ')) + " " + quote(db) +
                               args.substr(args.find(' ')) + " --format json");
    INFO(args + "\n" + run.output.substr(0, 2000));
    REQUIRE(run.status == 0);
    return json::parse(run.output);
}

double duration_s(const json& route) {
    return route.at("duration_s").get<double>();
}

// Across the island: Cirkewwa to Marsaxlokk, and the west of Gozo to Birzebbuga.
const std::string kCirkewwa = "14.3296,35.9897", kMarsaxlokk = "14.5426,35.8413";
const std::string kGozoWest = "14.2397,36.0444", kBirzebbuga = "14.5322,35.8255";

}  // namespace

TEST_CASE("a zone at a hundredth of the speed over Malta slows every answer a hundredfold") {
    TempDir dir;
    const std::string db = import_malta_roads(dir);
    const std::string zones = dir.write("crawl.geojson", collection(all_of_malta()));
    const std::string crawl = " --hazards " + quote(zones);

    // The command line: the usual speed, then under the zone.
    const std::string drive = "route --from " + kCirkewwa + " --to " + kMarsaxlokk;
    const std::string walk = "route --profile walk --from " + kGozoWest + " --to " + kBirzebbuga;
    const double drive_s = duration_s(cli_json(db, drive));
    const double walk_s = duration_s(cli_json(db, walk));
    CHECK(duration_s(cli_json(db, drive + crawl)) == Approx(100 * drive_s).margin(0.1));
    CHECK(duration_s(cli_json(db, walk + crawl)) == Approx(100 * walk_s).margin(0.1));
    CHECK(100 * walk_s > 1.5e6);  // above 1.5·10^9 ms: within a factor 3 of the bound

    const std::string matrix = "matrix --sources '" + kCirkewwa + ";" + kGozoWest +
                               "' --targets '" + kMarsaxlokk + ";" + kBirzebbuga + "'";
    const json usual = cli_json(db, matrix).at("durations_s");
    const json slowed = cli_json(db, matrix + crawl).at("durations_s");
    for (std::size_t s = 0; s < 2; ++s) {
        for (std::size_t t = 0; t < 2; ++t)
            CHECK(slowed[s][t].get<double>() ==
                  Approx(100 * usual[s][t].get<double>()).margin(0.1));
    }
    const std::string area = "isochrone --at 14.5146,35.8989 --minutes ";
    const auto nodes = [&](const json& answer) {
        return answer.at("bands").at(0).at("nodes").get<std::size_t>();
    };
    const std::size_t crawl_nodes = nodes(cli_json(db, area + "120" + crawl));
    CHECK(crawl_nodes >= nodes(cli_json(db, area + "1.19")));
    CHECK(crawl_nodes <= nodes(cli_json(db, area + "1.21")));

    // serve, started with the zone: it starts and answers as the command line does.
    {
        Server server(db, dir.file("serve-start.log"), {"--hazards", zones});
        const int port = server.port();
        CHECK(duration_s(get_ok(port, "/route?from=" + kCirkewwa + "&to=" + kMarsaxlokk)) ==
              Approx(100 * drive_s).margin(0.1));
        CHECK(duration_s(get_ok(port, "/route?profile=walk&from=" + kGozoWest + "&to=" +
                                          kBirzebbuga)) == Approx(100 * walk_s).margin(0.1));
        CHECK(get_ok(port, "/isochrone?at=14.5146,35.8989&minutes=120")
                  .at("bands")
                  .at(0)
                  .at("nodes") == crawl_nodes);
    }
    // serve, the zone added while it runs.
    Server server(db, dir.file("serve.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    const Reply added = post_as_dispatcher(port, "/hazards", all_of_malta());
    INFO(added.body.dump());
    REQUIRE(added.status == 201);
    CHECK(duration_s(get_ok(port, "/route?from=" + kCirkewwa + "&to=" + kMarsaxlokk)) ==
          Approx(100 * drive_s).margin(0.1));
    CHECK(duration_s(get_ok(port, "/route?profile=walk&from=" + kGozoWest +
                                      "&to=" + kBirzebbuga)) == Approx(100 * walk_s).margin(0.1));
    const json served = get_ok(port, "/matrix?profile=walk&sources=" + kCirkewwa + ";" + kGozoWest +
                                         "&targets=" + kMarsaxlokk + ";" + kBirzebbuga);
    const json walked = cli_json(db, matrix + " --profile walk" + crawl);
    CHECK(served.at("durations_s") == walked.at("durations_s"));
    CHECK(get_ok(port, "/isochrone?profile=walk&at=14.5146,35.8989&minutes=60,120")
              .at("bands")
              .size() == 2);
}

TEST_CASE("a route beyond a CCH weight is no route, a zone making such a shortcut taken") {
    TempDir dir;
    // Residential roads of 668 km (26.7 hours at the usual speed; at a hundredth, each takes the
    // most an open road can, 2^32 - 2 ms): a line of two, whose middle node is the top of the
    // hierarchy, so only a route's two halves add up beyond the bound; and a square of four, whose
    // hierarchy has a shortcut over two.
    const auto road = [](const std::string& id, int x1, int y1, int x2, int y2) {
        return R"({"type": "Feature", "properties": {"id": ")" + id +
               R"(", "class": "residential"}, "geometry": {"type": "LineString", "coordinates": )" +
               "[[" + std::to_string(x1) + ", " + std::to_string(y1) + "], [" + std::to_string(x2) +
               ", " + std::to_string(y2) + "]]}}";
    };
    const auto import = [&](const std::string& name, const std::string& features) {
        const std::string roads = dir.write(
            name + ".geojson",
            R"({"type": "FeatureCollection", "name": "roads", "features": [)" + features + "]}");
        const std::string db = dir.file(name + ".sqlite");
        const Run imported = run_muster("import " + quote(db) + " --roads " + quote(roads));
        INFO(imported.output);
        REQUIRE(imported.status == 0);
        return db;
    };
    const std::string line =
        import("line", road("w1", 0, 0, 6, 0) + ", " + road("w2", 6, 0, 12, 0));
    const std::string square =
        import("square", road("w1", 0, 0, 6, 0) + ", " + road("w2", 6, 0, 6, 6) + ", " +
                             road("w3", 6, 6, 0, 6) + ", " + road("w4", 0, 6, 0, 0));
    const std::string zone = crawl_zone("crawl", -1, -1, 13, 7);
    const std::string zones = dir.write("crawl.geojson", collection(zone));
    const std::string bound = "longer than a CCH weight holds (2^32 - 1 ms, 49.7 days";

    // The line: serve starts with the zone, and the route across is no route, naming the bound.
    const Run across =
        run_muster("route " + quote(line) + " --from 0,0 --to 12,0 --hazards " + quote(zones));
    INFO(across.output);
    CHECK(across.status == 1);
    CHECK(contains(across.output, bound));
    {
        Server server(line, dir.file("line-start.log"), {"--hazards", zones});
        const Reply route = get(server.port(), "/route?from=0,0&to=12,0");
        INFO(route.body.dump());
        CHECK(route.status == 422);
        CHECK(route.body.at("code") == "NoRoute");
        CHECK(contains(route.body.at("message").get<std::string>(), bound));
        CHECK(get(server.port(), "/matrix?sources=0,0&targets=12,0").status == 422);
        CHECK(get_ok(server.port(), "/route?from=0,0&to=6,0").at("duration_s") > 0);  // half
    }

    // The square: under the zone its hierarchy's shortcut over two roads passes the bound. That
    // is no error: the zone is taken by the command line, at serve's start and by POST /hazards,
    // a route over one road is a route, and one over two is no route, naming the bound.
    const Run round =
        run_muster("route " + quote(square) + " --from 0,0 --to 6,6 --hazards " + quote(zones));
    INFO(round.output);
    CHECK(round.status == 1);
    CHECK(contains(round.output, bound));
    const Run side =
        run_muster("route " + quote(square) + " --from 0,0 --to 6,0 --hazards " + quote(zones));
    INFO(side.output);
    CHECK(side.status == 0);
    const auto check_square_under_zone = [&](int port) {
        const Reply across = get(port, "/route?from=0,0&to=6,6");
        INFO(across.body.dump());
        CHECK(across.status == 422);
        CHECK(across.body.at("code") == "NoRoute");
        CHECK(contains(across.body.at("message").get<std::string>(), bound));
        CHECK(get_ok(port, "/route?from=0,0&to=6,0").at("duration_s") > 0);
    };
    {
        Server started(square, dir.file("square-start.log"), {"--hazards", zones});
        check_square_under_zone(started.port());
    }
    Server server(square, dir.file("square.log"), with_dispatcher(dir, {}));
    const int port = server.port();
    CHECK(duration_s(get_ok(port, "/route?from=0,0&to=6,6")) > 0);
    const Reply added = post_as_dispatcher(port, "/hazards", zone);
    INFO(added.body.dump());
    CHECK(added.status == 201);
    check_square_under_zone(port);
}

// The report's map furniture and output checks on cases worked by hand: the scale bar's round
// lengths, the map frame's fit, the report date and the checks of --out and --png-dir.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/report/map_frame.hpp"
#include "tools/report/report_document.hpp"
#include "tools/report/scale_bar.hpp"

using muster::InputError;
using muster::WriteError;
using namespace muster::tools;

TEST_CASE("the scale bar's length is the longest 1, 2 or 5 x 10^k metres that fits") {
    // At 100 m a point, 70 pt is 7,000 m: 5 km; at 30 m, 2,100 m: 2 km; at 10 m, 700 m: 500 m.
    CHECK(round_scale_length_m(100, 70) == 5000);
    CHECK(round_scale_length_m(30, 70) == 2000);
    CHECK(round_scale_length_m(10, 70) == 500);
    CHECK(round_scale_length_m(1000, 70) == 50000);
    // 1,400 m fits 1 km but not 2 km.
    CHECK(round_scale_length_m(20, 70) == 1000);
    // Too short for 10 m: 10 m all the same.
    CHECK(round_scale_length_m(0.1, 70) == 10);
}

TEST_CASE("the map frame fits the extent, centred and north up, at the ground's scale") {
    // 0.2° of latitude (about 22.2 km) is taller than 0.2° of longitude at 36° N (about 18 km)
    // is wide: in a 400 × 300 pt rectangle the height decides, 22.2 km / 300 pt = 74 m a point.
    muster::BoundingBox extent;
    extent.extend({14.0, 35.8});
    extent.extend({14.2, 36.0});
    const PageRect area{50, 20, 400, 300};
    const MapFrame frame(extent, area, 0);
    const PagePoint south_west = frame.to_page({14.0, 35.8});
    const PagePoint north_east = frame.to_page({14.2, 36.0});
    CHECK(south_west.y == Approx(320).margin(1e-6));  // the bottom edge
    CHECK(north_east.y == Approx(20).margin(1e-6));   // the top edge
    // Centred across: as far from the left edge as from the right.
    CHECK(south_west.x - 50 == Approx(450 - north_east.x));
    CHECK(north_east.x - south_west.x < 400);
    // North up: the same longitude straight above.
    CHECK(frame.to_page({14.1, 35.9}).x == Approx(frame.to_page({14.1, 35.95}).x));
    // 0.2° of latitude at 35.9° N is 22,190 m on the ellipsoid (Karney's geodesic, 110.95 km a
    // degree there): 73.97 m a point.
    CHECK(frame.metres_per_point() == Approx(22190.0 / 300).epsilon(0.002));
    // The scale bar measures on the ellipsoid: across the map's centre its metres a point match
    // the frame's within 0.1 %.
    CHECK(ground_metres_per_point(frame) == Approx(frame.metres_per_point()).epsilon(0.001));
    // Page points go back to where they came from.
    const muster::LonLat back = frame.to_lon_lat(frame.to_page({14.05, 35.93}));
    CHECK(back.lon == Approx(14.05));
    CHECK(back.lat == Approx(35.93));
}

TEST_CASE("the report date is a real day as YYYY-MM-DD, or SOURCE_DATE_EPOCH's") {
    CHECK(parse_report_date("2024-02-29", "--date") == "2024-02-29");
    CHECK_THROWS_AS(parse_report_date("2023-02-29", "--date"), InputError);
    CHECK_THROWS_AS(parse_report_date("2026-1-05", "--date"), InputError);
    CHECK_THROWS_AS(parse_report_date("2026-01-05x", "--date"), InputError);
    CHECK_THROWS_WITH(parse_report_date("tomorrow", "--date"), Catch::Contains("--date"));
    // 1,700,000,000 s after 1970 is 2023-11-14 22:13:20 UTC; 86,400 s is the second day.
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    CHECK(default_report_date() == "2023-11-14");
    setenv("SOURCE_DATE_EPOCH", "86400", 1);
    CHECK(default_report_date() == "1970-01-02");
    setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
    CHECK_THROWS_AS(default_report_date(), InputError);
    unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("the report's outputs are checked before any work, naming the option") {
    const muster::test::TempDir dir;
    const auto pdf = [&](const std::string& name) {
        ReportOutput output;
        output.pdf = dir.file(name);
        return output;
    };
    CHECK_NOTHROW(check_report_output(pdf("report.pdf")));
    CHECK_THROWS_AS(check_report_output(pdf("report.png")), InputError);
    CHECK_THROWS_WITH(check_report_output(pdf("report.png")), Catch::Contains("--out"));
    CHECK_THROWS_AS(check_report_output(pdf("missing/report.pdf")), WriteError);
    ReportOutput to_file = pdf("report.pdf");
    to_file.png_dir = dir.write("a-file", "text");
    CHECK_THROWS_AS(check_report_output(to_file), InputError);
    CHECK_THROWS_WITH(check_report_output(to_file), Catch::Contains("--png-dir"));
    ReportOutput new_dir = pdf("report.pdf");
    new_dir.png_dir = dir.file("maps/2026");
    CHECK_NOTHROW(check_report_output(new_dir));
    // Made when the maps are written, not by the check: a report that fails leaves no folder.
    CHECK_FALSE(std::filesystem::exists(dir.file("maps")));
    ReportOutput under_file = pdf("report.pdf");
    under_file.png_dir = dir.file("a-file/maps");
    CHECK_THROWS_AS(check_report_output(under_file), WriteError);
    CHECK_THROWS_WITH(check_report_output(under_file), Catch::Contains("--png-dir"));
}

// Which roads each profile uses, in which directions, at what speed.
//
// Expected speeds are OSRM's car.lua defaults (motorway 90, trunk 85, primary 65, secondary 55,
// tertiary 40, residential 25, service 15, living_street 10 km/h), unit conversions are the
// international definitions (1 mile = 1.609344 km), and access rules follow the OSM wiki
// (oneway, junction=roundabout, access hierarchy motorcar > motor_vehicle > vehicle > access).

#include <catch2/catch.hpp>

#include "engine/road_profile.hpp"

using muster::Tags;
using muster::WayAccess;

TEST_CASE("default_drive_speed_kmh gives OSRM's car defaults per highway class") {
    REQUIRE(muster::default_drive_speed_kmh("motorway") == 90.0);
    REQUIRE(muster::default_drive_speed_kmh("trunk") == 85.0);
    REQUIRE(muster::default_drive_speed_kmh("primary") == 65.0);
    REQUIRE(muster::default_drive_speed_kmh("secondary") == 55.0);
    REQUIRE(muster::default_drive_speed_kmh("tertiary") == 40.0);
    REQUIRE(muster::default_drive_speed_kmh("residential") == 25.0);
    REQUIRE(muster::default_drive_speed_kmh("service") == 15.0);
    REQUIRE(muster::default_drive_speed_kmh("living_street") == 10.0);
}

TEST_CASE("default_drive_speed_kmh gives nothing for classes cars do not use") {
    REQUIRE_FALSE(muster::default_drive_speed_kmh("footway").has_value());
    REQUIRE_FALSE(muster::default_drive_speed_kmh("cycleway").has_value());
    REQUIRE_FALSE(muster::default_drive_speed_kmh("").has_value());
}

TEST_CASE("is_walkable_class excludes motorways and includes footways and ordinary roads") {
    REQUIRE_FALSE(muster::is_walkable_class("motorway"));
    REQUIRE_FALSE(muster::is_walkable_class("motorway_link"));
    REQUIRE_FALSE(muster::is_walkable_class("railway"));
    REQUIRE(muster::is_walkable_class("footway"));
    REQUIRE(muster::is_walkable_class("steps"));
    REQUIRE(muster::is_walkable_class("residential"));
    REQUIRE(muster::is_walkable_class("primary"));
}

TEST_CASE("parse_maxspeed_kmh reads plain numbers, km/h and mph") {
    REQUIRE(muster::parse_maxspeed_kmh("50") == 50.0);
    REQUIRE(muster::parse_maxspeed_kmh("50 km/h") == 50.0);
    REQUIRE(muster::parse_maxspeed_kmh("80kmh") == 80.0);
    // 30 mph × 1.609344 km/mile = 48.28032 km/h.
    REQUIRE(muster::parse_maxspeed_kmh("30 mph").value() == Approx(48.28032).margin(1e-9));
    // 10 knots × 1.852 km/nmi = 18.52 km/h.
    REQUIRE(muster::parse_maxspeed_kmh("10 knots").value() == Approx(18.52).margin(1e-9));
}

TEST_CASE("parse_maxspeed_kmh reads walk as walking speed") {
    REQUIRE(muster::parse_maxspeed_kmh("walk") == muster::kWalkingSpeedKmh);
    REQUIRE(muster::kWalkingSpeedKmh == 5.0);
}

TEST_CASE("parse_maxspeed_kmh gives nothing for values that are not a speed") {
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("none").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("signals").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("MT:urban").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("0").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("-30").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("50 furlongs").has_value());
    // from_chars accepts these as doubles; a speed must still be finite.
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("nan").has_value());
    REQUIRE_FALSE(muster::parse_maxspeed_kmh("inf").has_value());
}

TEST_CASE("parse_oneway reads OSM values and Chinese yes and no") {
    REQUIRE(muster::parse_oneway("yes") == 1);
    REQUIRE(muster::parse_oneway("true") == 1);
    REQUIRE(muster::parse_oneway("1") == 1);
    REQUIRE(muster::parse_oneway("YES") == 1);
    REQUIRE(muster::parse_oneway("是") == 1);
    REQUIRE(muster::parse_oneway("-1") == -1);
    REQUIRE(muster::parse_oneway("reverse") == -1);
    REQUIRE(muster::parse_oneway("no") == 0);
    REQUIRE(muster::parse_oneway("false") == 0);
    REQUIRE(muster::parse_oneway("0") == 0);
    REQUIRE(muster::parse_oneway("否") == 0);
    REQUIRE_FALSE(muster::parse_oneway("reversible").has_value());
    REQUIRE_FALSE(muster::parse_oneway("").has_value());
}

TEST_CASE("osm_road_structure: bridge and tunnel tags of any value but no") {
    using muster::osm_road_structure;
    using muster::RoadStructure;
    CHECK(osm_road_structure({{"highway", "primary"}}) == RoadStructure::none);
    CHECK(osm_road_structure({{"bridge", "yes"}}) == RoadStructure::bridge);
    CHECK(osm_road_structure({{"bridge", "viaduct"}}) == RoadStructure::bridge);
    CHECK(osm_road_structure({{"bridge", "no"}}) == RoadStructure::none);
    CHECK(osm_road_structure({{"tunnel", "building_passage"}}) == RoadStructure::tunnel);
    CHECK(osm_road_structure({{"tunnel", "no"}, {"bridge", "no"}}) == RoadStructure::none);
    CHECK(osm_road_structure({{"tunnel", "yes"}, {"bridge", "yes"}}) == RoadStructure::bridge);
}

TEST_CASE("parse_road_structure reads English and a register's Chinese words") {
    using muster::parse_road_structure;
    using muster::RoadStructure;
    CHECK(parse_road_structure("Bridge") == RoadStructure::bridge);
    CHECK(parse_road_structure("桥梁") == RoadStructure::bridge);
    CHECK(parse_road_structure("高架桥") == RoadStructure::bridge);
    CHECK(parse_road_structure("隧道") == RoadStructure::tunnel);
    CHECK(parse_road_structure(" 地道 ") == RoadStructure::tunnel);
    CHECK(parse_road_structure("无") == RoadStructure::none);
    CHECK(parse_road_structure("") == RoadStructure::none);
    CHECK_FALSE(parse_road_structure("涵洞").has_value());
    CHECK(muster::to_string(RoadStructure::bridge) == "bridge");
    CHECK(muster::to_string(RoadStructure::none).empty());
}

TEST_CASE("osm_drive_access: a plain residential road is two-way at its class speed") {
    const WayAccess a = muster::osm_drive_access({{"highway", "residential"}});
    REQUIRE(a.forward);
    REQUIRE(a.backward);
    REQUIRE(a.speed_kmh == 25.0);
}

TEST_CASE("osm_drive_access: oneway=yes is forward only, oneway=-1 backward only") {
    const WayAccess yes = muster::osm_drive_access({{"highway", "primary"}, {"oneway", "yes"}});
    REQUIRE(yes.forward);
    REQUIRE_FALSE(yes.backward);

    const WayAccess reverse = muster::osm_drive_access({{"highway", "primary"}, {"oneway", "-1"}});
    REQUIRE_FALSE(reverse.forward);
    REQUIRE(reverse.backward);
    REQUIRE(reverse.speed_kmh == 65.0);
}

TEST_CASE("osm_drive_access: motorways and roundabouts are implied oneway") {
    const WayAccess motorway = muster::osm_drive_access({{"highway", "motorway"}});
    REQUIRE(motorway.forward);
    REQUIRE_FALSE(motorway.backward);
    REQUIRE(motorway.speed_kmh == 90.0);

    const WayAccess roundabout =
        muster::osm_drive_access({{"highway", "tertiary"}, {"junction", "roundabout"}});
    REQUIRE(roundabout.forward);
    REQUIRE_FALSE(roundabout.backward);
}

TEST_CASE("osm_drive_access: oneway=no on a motorway keeps it two-way") {
    const WayAccess a = muster::osm_drive_access({{"highway", "motorway"}, {"oneway", "no"}});
    REQUIRE(a.forward);
    REQUIRE(a.backward);
}

TEST_CASE("osm_drive_access: reversible ways are not used") {
    REQUIRE_FALSE(
        muster::osm_drive_access({{"highway", "primary"}, {"oneway", "reversible"}}).usable());
}

TEST_CASE("osm_drive_access: access=private and access=no exclude the way") {
    REQUIRE_FALSE(
        muster::osm_drive_access({{"highway", "service"}, {"access", "private"}}).usable());
    REQUIRE_FALSE(muster::osm_drive_access({{"highway", "service"}, {"access", "no"}}).usable());
}

TEST_CASE("osm_drive_access: a more specific motor_vehicle=yes overrides access=no") {
    const WayAccess a = muster::osm_drive_access(
        {{"highway", "residential"}, {"access", "no"}, {"motor_vehicle", "yes"}});
    REQUIRE(a.forward);
    REQUIRE(a.backward);
    // And the other way round: motor_vehicle=no wins over access=yes.
    REQUIRE_FALSE(muster::osm_drive_access(
                      {{"highway", "residential"}, {"access", "yes"}, {"motor_vehicle", "no"}})
                      .usable());
}

TEST_CASE("osm_drive_access: maxspeed overrides the class speed") {
    REQUIRE(muster::osm_drive_access({{"highway", "primary"}, {"maxspeed", "40"}}).speed_kmh ==
            40.0);
    // 20 mph = 32.18688 km/h on a residential road (class default 25).
    REQUIRE(
        muster::osm_drive_access({{"highway", "residential"}, {"maxspeed", "20 mph"}}).speed_kmh ==
        Approx(32.18688).margin(1e-9));
    // An unreadable maxspeed falls back to the class speed.
    REQUIRE(muster::osm_drive_access({{"highway", "primary"}, {"maxspeed", "none"}}).speed_kmh ==
            65.0);
}

TEST_CASE("osm_drive_access: footways and untagged ways are not drivable") {
    REQUIRE_FALSE(muster::osm_drive_access({{"highway", "footway"}}).usable());
    REQUIRE_FALSE(muster::osm_drive_access({{"name", "no highway tag"}}).usable());
}

TEST_CASE("osm_walk_access: a footway is walkable both ways at 5 km/h even if tagged oneway") {
    const WayAccess a = muster::osm_walk_access({{"highway", "footway"}, {"oneway", "yes"}});
    REQUIRE(a.forward);
    REQUIRE(a.backward);
    REQUIRE(a.speed_kmh == 5.0);
    // A oneway street is two-way for pedestrians too.
    const WayAccess street = muster::osm_walk_access({{"highway", "primary"}, {"oneway", "-1"}});
    REQUIRE(street.forward);
    REQUIRE(street.backward);
}

TEST_CASE("osm_walk_access: motorways are not walkable") {
    REQUIRE_FALSE(muster::osm_walk_access({{"highway", "motorway"}}).usable());
}

TEST_CASE("osm_walk_access: foot=no excludes the way") {
    REQUIRE_FALSE(muster::osm_walk_access({{"highway", "primary"}, {"foot", "no"}}).usable());
}

TEST_CASE("osm_walk_access: access=private is walkable only if foot=yes") {
    REQUIRE_FALSE(
        muster::osm_walk_access({{"highway", "service"}, {"access", "private"}}).usable());
    const WayAccess a =
        muster::osm_walk_access({{"highway", "service"}, {"access", "private"}, {"foot", "yes"}});
    REQUIRE(a.forward);
    REQUIRE(a.backward);
}

TEST_CASE("canonical_road_class maps Chinese road classes to OSM classes") {
    REQUIRE(muster::canonical_road_class("国道") == "trunk");
    REQUIRE(muster::canonical_road_class("高速公路") == "motorway");
    REQUIRE(muster::canonical_road_class("省道") == "primary");
    REQUIRE(muster::canonical_road_class("支路") == "residential");
    REQUIRE(muster::canonical_road_class("人行道") == "footway");
}

TEST_CASE("canonical_road_class passes OSM names through, lower-cased") {
    REQUIRE(muster::canonical_road_class("primary") == "primary");
    REQUIRE(muster::canonical_road_class("Motorway") == "motorway");
    REQUIRE(muster::canonical_road_class("footway") == "footway");
}

TEST_CASE("canonical_road_class gives nothing for an unknown name") {
    REQUIRE_FALSE(muster::canonical_road_class("lane of mystery").has_value());
    REQUIRE_FALSE(muster::canonical_road_class("铁路").has_value());  // railway: not a road class
}

TEST_CASE("plain_drive_access: an unknown class is drivable both ways at the assumed speed") {
    const WayAccess a = muster::plain_drive_access("lane of mystery", std::nullopt, std::nullopt);
    REQUIRE(a.forward);
    REQUIRE(a.backward);
    REQUIRE(a.speed_kmh == muster::kUnknownClassSpeedKmh);
    REQUIRE(muster::kUnknownClassSpeedKmh == 30.0);
}

TEST_CASE("plain_drive_access: class speed, given speed and given oneway") {
    // 国道 → trunk → 85 km/h, two-way.
    const WayAccess trunk = muster::plain_drive_access("国道", std::nullopt, std::nullopt);
    REQUIRE(trunk.speed_kmh == 85.0);
    REQUIRE(trunk.forward);
    REQUIRE(trunk.backward);
    // A given speed wins over the class speed; a given oneway of -1 drives against the line.
    const WayAccess given = muster::plain_drive_access("国道", 60.0, -1);
    REQUIRE(given.speed_kmh == 60.0);
    REQUIRE_FALSE(given.forward);
    REQUIRE(given.backward);
    // A zero speed field is not a speed: the class speed stays.
    REQUIRE(muster::plain_drive_access("支路", 0.0, std::nullopt).speed_kmh == 25.0);
    // A motorway is oneway unless the layer says otherwise.
    const WayAccess motorway = muster::plain_drive_access("高速公路", std::nullopt, std::nullopt);
    REQUIRE(motorway.forward);
    REQUIRE_FALSE(motorway.backward);
    REQUIRE(muster::plain_drive_access("高速公路", std::nullopt, 0).backward);
}

TEST_CASE("plain_drive_access and plain_walk_access: footways are for walking only") {
    REQUIRE_FALSE(muster::plain_drive_access("人行道", std::nullopt, std::nullopt).usable());
    const WayAccess walk = muster::plain_walk_access("人行道");
    REQUIRE(walk.forward);
    REQUIRE(walk.backward);
    REQUIRE(walk.speed_kmh == 5.0);
    REQUIRE_FALSE(muster::plain_walk_access("高速公路").usable());
}

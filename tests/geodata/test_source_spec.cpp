// Naming a vector source on the command line: PATH[:LAYER][?WHERE] (geodata/source_spec.hpp).

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "engine/errors.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/temp_dir.hpp"

using muster::parse_source_spec;
using muster::test::TempDir;

TEST_CASE("A source spec splits PATH:LAYER at the colon") {
    // county.gpkg does not exist, so the colon cannot belong to the path.
    const auto spec = parse_source_spec("county.gpkg:shelters");
    REQUIRE(spec.path == "county.gpkg");
    REQUIRE(spec.layer == "shelters");
    REQUIRE(spec.where.empty());
    REQUIRE(spec.describe() == "county.gpkg:shelters");
}

TEST_CASE("A source spec takes everything after the first '?' as the attribute filter") {
    const auto spec = parse_source_spec("county.gpkg:townships?pop > 10");
    REQUIRE(spec.path == "county.gpkg");
    REQUIRE(spec.layer == "townships");
    REQUIRE(spec.where == "pop > 10");
    // The filter is not part of the description used in messages and the import log.
    REQUIRE(spec.describe() == "county.gpkg:townships");

    SECTION("a colon inside the filter stays in the filter") {
        const auto quoted = parse_source_spec("county.gpkg:roads?name = 'Route 1: north'");
        REQUIRE(quoted.path == "county.gpkg");
        REQUIRE(quoted.layer == "roads");
        REQUIRE(quoted.where == "name = 'Route 1: north'");
    }
    SECTION("a filter without a layer") {
        const auto plain = parse_source_spec("roads.shp?highway IS NOT NULL");
        REQUIRE(plain.path == "roads.shp");
        REQUIRE(plain.layer.empty());
        REQUIRE(plain.where == "highway IS NOT NULL");
    }
}

TEST_CASE("A plain path has no layer and no filter") {
    const auto spec = parse_source_spec("data/roads.shp");
    REQUIRE(spec.path == "data/roads.shp");
    REQUIRE(spec.layer.empty());
    REQUIRE(spec.where.empty());
    REQUIRE(spec.describe() == "data/roads.shp");
}

TEST_CASE("A colon belongs to the path when the path with it names an existing file") {
    TempDir dir;
    const std::string path = dir.write("survey:2024.geojson", "{}");

    SECTION("the whole text is the path") {
        const auto spec = parse_source_spec(path);
        REQUIRE(spec.path == path);
        REQUIRE(spec.layer.empty());
    }
    SECTION("with a filter, the text before the '?' is the path") {
        const auto spec = parse_source_spec(path + "?pop > 10");
        REQUIRE(spec.path == path);
        REQUIRE(spec.layer.empty());
        REQUIRE(spec.where == "pop > 10");
    }
    SECTION("a layer after the existing file's name is still split off at the last colon") {
        const auto spec = parse_source_spec(path + ":shelters");
        REQUIRE(spec.path == path);
        REQUIRE(spec.layer == "shelters");
    }
}

TEST_CASE("A file whose name contains a colon opens as a layer") {
    // End to end: GDAL must be handed the path with its colon, not a path cut at it.
    TempDir dir;
    const std::string path = dir.file("roads:2024.geojson");
    std::filesystem::copy_file(muster::test::fixture("geodata/roads.geojson"), path);
    muster::VectorLayer layer(parse_source_spec(path));
    REQUIRE(layer.spec().path == path);
    REQUIRE(layer.layer_name() == "roads");  // the GeoJSON's "name" member
}

TEST_CASE("A source spec without a path is an InputError") {
    REQUIRE_THROWS_AS(parse_source_spec(""), muster::InputError);
    REQUIRE_THROWS_AS(parse_source_spec(":shelters"), muster::InputError);
    REQUIRE_THROWS_AS(parse_source_spec("?pop > 10"), muster::InputError);
}

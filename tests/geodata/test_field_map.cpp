// Field mapping: muster's default field names (English and the Chinese names county data carry)
// and a JSON mapping file whose names are tried first (geodata/field_map.hpp, docs/fields.md).

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/entity_readers.hpp"
#include "geodata/field_map.hpp"
#include "geodata/vector_layer.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using muster::FieldMap;
using muster::SourceKind;
using muster::test::TempDir;

namespace {

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The message of the InputError that `action` throws; fails the test if it throws nothing.
template <class Action>
std::string input_error(Action&& action) {
    try {
        action();
    } catch (const muster::InputError& e) {
        return e.what();
    }
    FAIL("expected an InputError");
    return {};
}

// Two shelters, each with a `capacity` field and a `CAP_PERS` field that disagree.
const char* const kTwoCapacityFields =
    R"({"type": "FeatureCollection", "name": "shelters", "features": [
 {"type": "Feature", "properties": {"id": "S1", "class": "fixed", "capacity": 100, "CAP_PERS": 700},
  "geometry": {"type": "Point", "coordinates": [14.5, 35.9]}},
 {"type": "Feature", "properties": {"id": "S2", "class": "emergency", "capacity": 200, "CAP_PERS": 900},
  "geometry": {"type": "Point", "coordinates": [14.6, 35.9]}}]})";

}  // namespace

TEST_CASE("The default field names include the Chinese names county data carry") {
    const FieldMap map = FieldMap::defaults();
    CHECK(has(map.candidates(SourceKind::townships, "name"), "名称"));
    CHECK(has(map.candidates(SourceKind::townships, "population"), "人口"));
    CHECK(has(map.candidates(SourceKind::shelters, "capacity"), "容量"));
    CHECK(has(map.candidates(SourceKind::shelters, "area_m2"), "面积"));
    CHECK(has(map.candidates(SourceKind::shelters, "class"), "类别"));
    CHECK(has(map.candidates(SourceKind::depots, "tier"), "级别"));
    CHECK(has(map.candidates(SourceKind::inventory, "quantity"), "数量"));
    CHECK(has(map.candidates(SourceKind::teams, "kind"), "类型"));
    // And the English names, first.
    CHECK(map.candidates(SourceKind::townships, "population").front() == "population");
    CHECK(map.candidates(SourceKind::shelters, "capacity").front() == "capacity");
}

TEST_CASE("Every source kind has the attributes its reader needs") {
    const FieldMap map = FieldMap::defaults();
    auto attributes = [&](SourceKind kind) { return map.attributes(kind); };
    CHECK(has(attributes(SourceKind::roads), "class"));
    CHECK(has(attributes(SourceKind::roads), "oneway"));
    CHECK(has(attributes(SourceKind::townships), "population"));
    CHECK(has(attributes(SourceKind::shelters), "area_m2"));
    CHECK(has(attributes(SourceKind::inventory), "depot_id"));
    CHECK(has(attributes(SourceKind::hospitals), "beds_surge"));
    CHECK(has(attributes(SourceKind::hazards), "speed_factor"));
    // Inventory rows belong to a depot; they have no id of their own.
    CHECK_FALSE(has(attributes(SourceKind::inventory), "id"));
    REQUIRE_THROWS_AS(map.candidates(SourceKind::townships, "capacity"), muster::ContractError);
}

TEST_CASE("Default names also match the 10-character field names of a Shapefile's DBF") {
    // DBF field names hold at most 10 characters; GDAL truncates longer ones when it writes a
    // Shapefile (ogr2ogr: "Normalized/laundered field name: 'beds_yellow' to 'beds_yello'").
    const FieldMap map = FieldMap::defaults();
    CHECK(has(map.candidates(SourceKind::hospitals, "beds_yellow"), "beds_yello"));
    CHECK(has(map.candidates(SourceKind::hazards, "speed_factor"), "speed_fact"));
}

TEST_CASE("A mapping file's names are tried before the defaults") {
    TempDir dir;
    const std::string path =
        dir.write("fields.json",
                  R"({"shelters": {"capacity": ["容纳人数", "CAP_PERS"], "name": "SHELTER_NM"}})");
    const FieldMap defaults = FieldMap::defaults();
    const FieldMap map = FieldMap::from_file(path);

    std::vector<std::string> expected{"容纳人数", "CAP_PERS"};
    const auto& default_capacity = defaults.candidates(SourceKind::shelters, "capacity");
    expected.insert(expected.end(), default_capacity.begin(), default_capacity.end());
    REQUIRE(map.candidates(SourceKind::shelters, "capacity") == expected);

    // A single name may be given as a string.
    REQUIRE(map.candidates(SourceKind::shelters, "name").front() == "SHELTER_NM");
    REQUIRE(map.candidates(SourceKind::shelters, "name").size() ==
            defaults.candidates(SourceKind::shelters, "name").size() + 1);
    // Attributes and kinds the file does not mention keep the defaults.
    REQUIRE(map.candidates(SourceKind::shelters, "class") ==
            defaults.candidates(SourceKind::shelters, "class"));
    REQUIRE(map.candidates(SourceKind::townships, "name") ==
            defaults.candidates(SourceKind::townships, "name"));
}

TEST_CASE("A mapped field wins over a default-named field in the same layer") {
    TempDir dir;
    const std::string source = dir.write("shelters.geojson", kTwoCapacityFields);
    const std::string mapping =
        dir.write("fields.json", R"({"shelters": {"capacity": "cap_pers"}})");

    SECTION("defaults: the field called capacity") {
        muster::VectorLayer layer(muster::parse_source_spec(source));
        const auto read = muster::read_shelters(layer, FieldMap::defaults());
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].capacity == 100);
        CHECK(read.items[1].capacity == 200);
    }
    SECTION("mapping file: CAP_PERS, matched case-insensitively") {
        muster::VectorLayer layer(muster::parse_source_spec(source));
        const auto read = muster::read_shelters(layer, FieldMap::from_file(mapping));
        REQUIRE(read.items.size() == 2);
        CHECK(read.items[0].capacity == 700);
        CHECK(read.items[1].capacity == 900);
    }
}

TEST_CASE("A bad mapping file is an InputError naming the file and what is wrong") {
    TempDir dir;
    SECTION("missing file") {
        const std::string path = dir.file("no-such-fields.json");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }), Contains(path));
    }
    SECTION("malformed JSON") {
        const std::string path = dir.write("fields.json", R"({"shelters": {"capacity": ["a", )");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }),
                   Contains(path) && Contains("not valid JSON"));
    }
    SECTION("unknown kind (a typo of shelters)") {
        const std::string path = dir.write("fields.json", R"({"shelter": {"capacity": "CAP"}})");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }),
                   Contains(path) && Contains("unknown source kind 'shelter'"));
    }
    SECTION("unknown attribute of a known kind") {
        const std::string path = dir.write("fields.json", R"({"townships": {"pop_total": "P"}})");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }),
                   Contains(path) && Contains("townships") && Contains("'pop_total'"));
    }
    SECTION("a name that is not text") {
        const std::string path = dir.write("fields.json", R"({"shelters": {"capacity": 5}})");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }),
                   Contains(path) && Contains("shelters.capacity"));
    }
    SECTION("not an object at the top") {
        const std::string path = dir.write("fields.json", R"(["shelters"])");
        CHECK_THAT(input_error([&] { FieldMap::from_file(path); }), Contains(path));
    }
}

// The ration table's item names in Chinese (solvers/relief/ration_table.hpp): the default table's
// items under the names Chinese county inventories use, written out here by hand, and units that
// count the same.

#include <catch2/catch.hpp>

#include <string>

#include "engine/errors.hpp"
#include "solvers/relief/ration_table.hpp"

using namespace muster::relief;

namespace {

const Ration& default_item(const RationTable& table, const std::string& item) {
    for (const Ration& r : table) {
        if (r.item == item)
            return r;
    }
    FAIL("no default item " << item);
    return table.front();
}

}  // namespace

TEST_CASE("the default ration table knows its items by their Chinese names") {
    const RationTable table = default_ration_table();
    const std::pair<const char*, const char*> names[] = {
        {"water", "瓶装水"},
        {"water", "饮用水"},
        {"water", "矿泉水"},
        {"food_ration", "方便食品"},
        {"food_ration", "食品"},
        {"food_ration", "口粮"},
        {"tent", "帐篷"},
        {"blanket", "棉被"},
        {"blanket", "被子"},
        {"blanket", "毛毯"},
        {"first_aid_kit", "急救包"},
    };
    for (const auto& [item, chinese] : names) {
        INFO(item << " " << chinese);
        CHECK(names_item(default_item(table, item), chinese));
        for (const Ration& other : table) {
            if (other.item != item)
                CHECK_FALSE(names_item(other, chinese));
        }
    }
    CHECK(names_item(default_item(table, "water"), "Water"));  // ASCII case-insensitive
    CHECK_FALSE(names_item(default_item(table, "water"), "饼干"));
    // The Chinese names keep the English table's figures: 15 L of water a day, a tent per 5.
    CHECK(ration_demand(default_item(table, "water"), 10, 3) == 450);
    CHECK(ration_demand(default_item(table, "tent"), 10, 3) == 2);
}

TEST_CASE("a ration row named in either language finds the other language's names") {
    Ration water_in_chinese{"饮用水", "L", 10, RationBasis::per_person_day, "county plan"};
    CHECK(names_item(water_in_chinese, "water"));
    CHECK(names_item(water_in_chinese, "瓶装水"));
    CHECK(item_names(water_in_chinese).front() == "饮用水");
    Ration soap{"soap", "bar", 1, RationBasis::per_person, "", {"肥皂"}};
    CHECK(names_item(soap, "肥皂"));
    CHECK_FALSE(names_item(soap, "water"));
    // Two rows for one item under two names would double its demand.
    REQUIRE_THROWS_AS(check_ration_table({{"water", "L", 15, RationBasis::per_person_day, ""},
                                          {"瓶装水", "L", 15, RationBasis::per_person_day, ""}},
                                         "ration.csv"),
                      muster::InputError);
}

TEST_CASE("units count the same in Chinese and English, other units differ") {
    CHECK(same_unit("L", "升"));
    CHECK(same_unit("L", "l"));
    CHECK(same_unit("piece", "顶"));  // a tent
    CHECK(same_unit("piece", "床"));  // a quilt
    CHECK(same_unit("kit", "套"));
    CHECK(same_unit("ration", "份"));
    CHECK(same_unit("L", ""));
    CHECK_FALSE(same_unit("L", "瓶"));  // a bottle holds some litres, unknown how many
    CHECK_FALSE(same_unit("piece", "箱"));
    CHECK_FALSE(same_unit("ration", "kg"));
}

TEST_CASE("the known item names list both languages") {
    const std::string known = known_item_names();
    CHECK(known.find("water (瓶装水, 饮用水") != std::string::npos);
    CHECK(known.find("blanket (棉被") != std::string::npos);
    CHECK(known.find("first_aid_kit (急救包") != std::string::npos);
}

// The message catalogue (tools/present/messages.hpp): the language from the locale, labels and
// column titles in Chinese, English unchanged, and table headers in the output language.

#include <catch2/catch.hpp>

#include <sstream>

#include "engine/errors.hpp"
#include "tools/present/messages.hpp"
#include "tools/present/text_table.hpp"

using namespace muster::tools;

namespace {

// Restores the output language when a test ends.
struct LanguageGuard {
    Language saved = output_language();
    ~LanguageGuard() { set_output_language(saved); }
};

}  // namespace

TEST_CASE("the language of a locale is zh for zh_CN, zh_TW and zh, en otherwise") {
    CHECK(language_of_locale("zh_CN.UTF-8") == Language::zh);
    CHECK(language_of_locale("zh_TW") == Language::zh);
    CHECK(language_of_locale("zh") == Language::zh);
    CHECK(language_of_locale("en_US.UTF-8") == Language::en);
    CHECK(language_of_locale("C.UTF-8") == Language::en);
    CHECK(language_of_locale("") == Language::en);
    CHECK(parse_language("zh", "--lang") == Language::zh);
    CHECK(parse_language("en", "--lang") == Language::en);
    REQUIRE_THROWS_AS(parse_language("fr", "--lang"), muster::InputError);
}

TEST_CASE("labels in Chinese use the standard terms, English and unknown labels stay as given") {
    CHECK(tr("error", Language::zh) == "错误");
    CHECK(std::string(colon(Language::zh)) == "：");
    CHECK(tr("depot", Language::zh) == "储备库");
    CHECK(tr("shelter", Language::zh) == "应急避难场所");
    CHECK(tr("hospital", Language::zh) == "医院");
    CHECK(tr("red", Language::zh) == "红");
    CHECK(tr("yellow", Language::zh) == "黄");
    CHECK(tr("green", Language::zh) == "绿");
    CHECK(tr("  class", Language::zh) == "  道路等级");  // an indent is kept
    CHECK(tr("unit|ambulance", Language::zh) == "救护车");
    CHECK(tr("unit|ambulance", Language::en) == "unit");
    CHECK(tr("unit", Language::zh) == "单位");
    CHECK(tr("depot", Language::en) == "depot");
    CHECK(tr("no such label", Language::zh) == "no such label");
    CHECK(field_title("travel_time_min", Language::zh) == "行程时间（分钟）");
    CHECK(field_title("duration_s", Language::zh) == "行程时间（秒）");
    CHECK(field_title("distance_m", Language::zh) == "距离（米）");
    CHECK(field_title("travel_time_min", Language::en) == "travel time (min)");
    CHECK(field_title("no_such_field", Language::zh).empty());
}

TEST_CASE("a table's header and a layer's titles follow the output language") {
    LanguageGuard guard;
    set_output_language(Language::zh);
    TextTable table({"item", "quantity"});
    table.add({"瓶装水", "750"});
    std::ostringstream out;
    table.print(out);
    // 物资 is 4 columns wide, 瓶装水 6: the header padded to 6, two spaces, 数量 (4) over 750.
    CHECK(out.str() == "物资    数量\n瓶装水   750\n");

    muster::FeatureTable layer{"shipments",
                               muster::GeometryType::none,
                               {{"depot_name", muster::FieldType::text},
                                {"odd", muster::FieldType::text},
                                {"travel_time_min", muster::FieldType::real, "own title"}},
                               {}};
    const muster::FeatureTable titled = with_titles(layer);
    CHECK(titled.fields[0].title == "储备库名称");
    CHECK(titled.fields[1].title.empty());
    CHECK(titled.fields[2].title == "own title");
    // The description and the Shapefile name come from the catalogue too; a name that fits in
    // 10 characters has no short name.
    CHECK(titled.fields[0].description == "储备库名称");
    CHECK(titled.fields[0].short_name.empty());
    CHECK(titled.fields[1].description.empty());
    CHECK(titled.fields[2].short_name == "time_min");
    CHECK(titled.fields[2].description.find("分钟") != std::string::npos);
}

// Terminal tables with Chinese text: display widths counted by hand (a CJK character or a
// fullwidth form takes two columns, a combining mark none) and a table whose columns start at the
// same display column on every line.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "tools/present/display_width.hpp"
#include "tools/present/text_table.hpp"

using muster::tools::display_width;

TEST_CASE("display_width counts CJK ideographs and fullwidth forms as two columns") {
    CHECK(display_width("A1") == 2);
    CHECK(display_width("鼓楼医院") == 8);  // 4 ideographs
    CHECK(display_width("（备用）") == 8);  // fullwidth parentheses U+FF08, U+FF09
    CHECK(display_width("、。，") == 6);    // CJK punctuation U+3001, U+3002, U+FF0C
    CHECK(display_width("한글") == 4);      // Hangul syllables
    CHECK(display_width("カタ") == 4);      // Katakana
    CHECK(display_width("ｶﾀ") == 2);        // halfwidth Katakana U+FF76, U+FF80: narrow
    CHECK(display_width("H1 鼓楼医院（备用）") == 3 + 8 + 8);
    CHECK(display_width("") == 0);
}

TEST_CASE("display_width gives combining marks no column and stray bytes one") {
    CHECK(display_width("e\xCC\x81") == 1);     // e + U+0301 combining acute accent
    CHECK(display_width("\xE2\x80\x8B") == 0);  // U+200B zero-width space
    CHECK(display_width("Zürich") == 6);        // ü precomposed: one column
    CHECK(display_width("a\xFF"
                        "b") == 3);         // 0xFF starts no UTF-8 sequence
    CHECK(display_width("\xE4\xB8") == 2);  // a cut 3-byte sequence: two stray bytes
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("TextTable aligns columns of Chinese and Latin text at equal display columns") {
    muster::tools::TextTable table({"id", "名称", "beds"});
    table.add({"H1", "鼓楼医院", "120"});
    table.add({"H22", "Central", "8"});
    std::ostringstream out;
    table.print(out);
    // Widths by hand: id 3 (H22), name 8 (鼓楼医院), beds 4; two spaces between columns; the
    // numbers right-aligned. So the name starts at display column 5 and beds ends at column 19.
    const std::vector<std::string> expected{
        "id   名称      beds",
        "H1   鼓楼医院   120",
        "H22  Central      8",
    };
    REQUIRE(lines_of(out.str()) == expected);
    for (const std::string& line : expected)
        CHECK(display_width(line) == 19);
    CHECK(display_width("H1   ") == 5);
    CHECK(display_width("id   名称      ") == 15);
    CHECK(display_width("H1   鼓楼医院  ") == 15);
}

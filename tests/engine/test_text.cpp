// The UTF-8 decoder of engine/text.hpp: code points worked out by hand from the bytes (RFC 3629's
// table), and what it does with a byte that starts no complete sequence.

#include <catch2/catch.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/text.hpp"

using namespace muster;

namespace {

// Every code point of `text` in order, kInvalidUtf8 for each byte that starts no sequence.
std::vector<char32_t> decode(std::string_view text) {
    std::vector<char32_t> out;
    for (std::size_t pos = 0; pos < text.size();)
        out.push_back(next_code_point(text, pos));
    return out;
}

}  // namespace

TEST_CASE("next_code_point decodes one to four bytes and moves past them") {
    std::size_t pos = 0;
    CHECK(next_code_point("A", pos) == U'A');
    CHECK(pos == 1);
    pos = 0;
    CHECK(next_code_point("\xC3\xA9", pos) == 0xE9);  // é: 00011 101001
    CHECK(pos == 2);
    pos = 0;
    CHECK(next_code_point("\xE4\xB8\xAD", pos) == 0x4E2D);  // 中: 0100 111000 101101
    CHECK(pos == 3);
    pos = 0;
    CHECK(next_code_point("\xF0\x9F\x98\x80", pos) == 0x1F600);  // 000 011111 011000 000000
    CHECK(pos == 4);
    CHECK(decode("a\xE4\xB8\xAD") == std::vector<char32_t>{U'a', 0x4E2D});
}

TEST_CASE("next_code_point steps past a byte that starts no sequence as kInvalidUtf8") {
    using V = std::vector<char32_t>;
    CHECK(decode("\xFF") == V{kInvalidUtf8});                    // never in UTF-8
    CHECK(decode("\x80") == V{kInvalidUtf8});                    // a continuation byte alone
    CHECK(decode("\xC0\x80") == V{kInvalidUtf8, kInvalidUtf8});  // C0 starts nothing
    // A 3-byte sequence cut after two bytes: the lead, then the stray continuation byte.
    CHECK(decode("\xE4\xB8") == V{kInvalidUtf8, kInvalidUtf8});
    // A 2-byte lead followed by ASCII: the lead alone is invalid, the ASCII byte decodes.
    CHECK(decode("\xC3"
                 "A") == V{kInvalidUtf8, U'A'});
}

TEST_CASE("hex_digit reads 0-9, a-f and A-F, and nothing else") {
    CHECK(muster::hex_digit('0') == 0);
    CHECK(muster::hex_digit('9') == 9);
    CHECK(muster::hex_digit('a') == 10);
    CHECK(muster::hex_digit('F') == 15);
    for (char c : {'g', 'G', '/', ':', '@', '`', ' ', '%'})
        CHECK(muster::hex_digit(c) == -1);
}

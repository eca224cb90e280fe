#include "tools/present/display_width.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include "engine/text.hpp"

namespace muster::tools {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Zero width: combining marks (Mn of the main blocks), zero-width spaces and joiners, variation
// selectors. Checked before the wide ranges (the kana voicing marks U+3099–309A are inside them).
constexpr std::array<Range, 11> kZeroWidth{{
    {0x0300, 0x036F},    // combining diacritical marks
    {0x0483, 0x0489},    // Cyrillic combining marks
    {0x0591, 0x05BD},    // Hebrew points
    {0x1AB0, 0x1AFF},    // combining diacritical marks extended
    {0x1DC0, 0x1DFF},    // combining diacritical marks supplement
    {0x200B, 0x200F},    // zero-width space, joiners, direction marks
    {0x20D0, 0x20FF},    // combining marks for symbols
    {0x3099, 0x309A},    // combining kana voiced sound marks
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFE20, 0xFE2F},    // combining half marks
    {0xE0100, 0xE01EF},  // variation selectors supplement
}};

// East_Asian_Width W or F, in order.
constexpr std::array<Range, 17> kWide{{
    {0x1100, 0x115F},  // Hangul Jamo initial consonants
    {0x2E80, 0x303E},  // CJK radicals, Kangxi radicals, CJK symbols and punctuation (、。「」)
    {0x3041, 0x33FF},  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compat.
    {0x3400, 0x4DBF},  // CJK Unified Ideographs Extension A
    {0x4E00, 0x9FFF},  // CJK Unified Ideographs
    {0xA000, 0xA4CF},  // Yi syllables and radicals
    {0xA960, 0xA97F},  // Hangul Jamo Extended-A
    {0xAC00, 0xD7A3},  // Hangul syllables
    {0xF900, 0xFAFF},  // CJK compatibility ideographs
    {0xFE10, 0xFE19},  // vertical forms
    {0xFE30, 0xFE6F},  // CJK compatibility forms, small form variants
    {0xFF01, 0xFF60},  // fullwidth ASCII variants and brackets (，（）：)
    {0xFFE0, 0xFFE6},  // fullwidth signs (￥)
    {0x1F300, 0x1F64F},  // pictographs and emoticons
    {0x1F900, 0x1F9FF},  // supplemental symbols and pictographs
    {0x20000, 0x2FFFD},  // CJK Unified Ideographs Extensions B–F, compatibility supplement
    {0x30000, 0x3FFFD},  // CJK Unified Ideographs Extensions G–H
}};

bool in(char32_t c, const auto& ranges) {
    const auto it = std::upper_bound(ranges.begin(), ranges.end(), c,
                                     [](char32_t v, const Range& r) { return v < r.first; });
    return it != ranges.begin() && c <= std::prev(it)->last;
}

}  // namespace

int code_point_width(char32_t c) {
    if (c == 0 || in(c, kZeroWidth))
        return 0;
    return in(c, kWide) ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        // A stray byte: one column, as terminals show a replacement character.
        width += c == kInvalidUtf8 ? 1 : static_cast<std::size_t>(code_point_width(c));
    }
    return width;
}

}  // namespace muster::tools

#pragma once
// How many terminal columns a UTF-8 text takes, for aligning tables that mix Chinese and Latin
// text: East Asian Wide and Fullwidth characters (Unicode East_Asian_Width W or F: CJK
// ideographs, Hangul, kana, fullwidth forms, CJK punctuation such as 、。，（）) take two
// columns, combining marks and zero-width characters none, everything else one.

#include <string_view>

namespace muster::tools {

/// Columns the code point `c` takes on a terminal: 0, 1 or 2 (see the file comment). The ranges
/// are the main blocks of Unicode 15's EastAsianWidth.txt, not every scattered W symbol. O(1).
int code_point_width(char32_t c);

/// Columns `text` takes: the sum of code_point_width over its UTF-8 code points; a byte that does
/// not start a valid UTF-8 sequence counts as one column. O(length).
std::size_t display_width(std::string_view text);

}  // namespace muster::tools

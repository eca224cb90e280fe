#pragma once
// Small text helpers shared by every layer.

#include <cstddef>
#include <string>
#include <string_view>

namespace muster {

/// `c` in lower case if it is A–Z, else unchanged (a UTF-8 byte included).
inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` with A–Z turned into a–z and every other byte (UTF-8 included) unchanged: for matching
/// names, keys and file extensions case-insensitively, the same under any locale. O(length).
inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = ascii_lower(c);
    return out;
}

/// `text` without the spaces, tabs and line ends around it. O(length).
inline std::string_view trim_blanks(std::string_view text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return text;
}

/// The value of a hexadecimal digit (0-9, a-f, A-F), or -1 for any other character.
inline int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The length of the UTF-8 sequence that starts with `lead` (1 to 4), 0 for a byte that cannot
/// start one (a continuation byte, C0, C1, F5–FF).
inline std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

/// What next_code_point gives for a byte that starts no complete sequence (no code point is this).
inline constexpr char32_t kInvalidUtf8 = 0xFFFFFFFF;

/// The code point of the UTF-8 sequence at `pos` in `text`, with `pos` moved past it; for a byte
/// that starts none, or a sequence cut short or broken by a byte that is not a continuation byte,
/// kInvalidUtf8 with `pos` moved past that one byte. Only the lead and continuation bytes are
/// checked (an overlong form or a surrogate is decoded as it stands). `pos` < text.size().
inline char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    const std::size_t length = utf8_sequence_length(lead);
    bool valid = length > 0 && pos + length <= text.size();
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; valid && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[pos + k]);
        valid = (next & 0xC0) == 0x80;
        c = (c << 6) | (next & 0x3F);
    }
    if (!valid) {
        ++pos;
        return kInvalidUtf8;
    }
    pos += length;
    return c;
}

}  // namespace muster

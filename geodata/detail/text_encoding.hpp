#pragma once
// Bytes in a named encoding, checked and turned into UTF-8 with iconv. County files made on
// Chinese Windows hold GBK (code page 936) or GB18030, its superset, without saying so; muster
// stores UTF-8 only (JSON and GeoPackage require it).

#include <optional>
#include <string>
#include <string_view>

namespace muster::detail {

/// True when `bytes` are valid UTF-8 (ASCII included).
bool is_utf8(std::string_view bytes);

/// `bytes` in `encoding` (an iconv name: GB18030, GBK, CP936, BIG5, ...) as UTF-8; nothing if
/// iconv does not know the encoding or any byte sequence is invalid or incomplete in it.
std::optional<std::string> to_utf8(std::string_view bytes, const std::string& encoding);

/// UTF-8 text in `encoding`; nothing if a character has no form there or iconv does not know it.
std::optional<std::string> from_utf8(std::string_view utf8, const std::string& encoding);

/// True when iconv converts from `encoding` (a check of the name a user gives).
bool known_encoding(const std::string& encoding);

/// `text` without an incomplete UTF-8 sequence at its end (nothing else changed).
std::string_view without_incomplete_utf8_end(std::string_view text);

/// `text` without an incomplete UTF-8 sequence at its end (what a cut at a byte count leaves of
/// a last character), and with every other invalid sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace muster::detail

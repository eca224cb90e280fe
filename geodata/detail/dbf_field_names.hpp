#pragma once
// A dBASE file (a Shapefile's .dbf) keeps at most 10 bytes of a field name. Writers cut longer
// names there, in the file's encoding: in GBK 行政区划代码 (12 bytes) is left as 行政区划代, in
// UTF-8 道路等级 (12 bytes) as 道路等 and the first byte of 级, which a reader drops.

#include <string>
#include <string_view>
#include <vector>

namespace muster::detail {

/// The byte length at which dBASE cuts a field name.
inline constexpr std::size_t kDbfFieldNameBytes = 10;

/// The forms a dBASE writer leaves of `name` (UTF-8) when it is longer than 10 bytes in UTF-8 or
/// in GBK/GB18030: its whole characters within the first 10 bytes, in each encoding. Empty when
/// the name fits in both; no form is empty or equal to `name`.
std::vector<std::string> dbf_cut_forms(std::string_view name);

}  // namespace muster::detail

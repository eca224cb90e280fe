#pragma once
// Numbers as people read them in messages, tables and notes: thousands separators, fixed
// decimals.

#include <cstdint>
#include <string>

namespace muster::tools {

/// 413307 -> "413,307".
std::string with_commas(std::int64_t value);
inline std::string with_commas(std::size_t value) {
    return with_commas(static_cast<std::int64_t>(value));
}
/// Fixed decimals, e.g. fixed(1234.5, 1) -> "1,234.5".
std::string fixed(double value, int decimals);

}  // namespace muster::tools

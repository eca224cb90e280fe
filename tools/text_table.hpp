#pragma once
// Readable tables for the terminal: aligned columns, thousands separators.

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "engine/problem.hpp"

namespace muster::tools {

class TextTable {
  public:
    explicit TextTable(std::vector<std::string> header) : m_rows{std::move(header)} {}
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    /// Text columns left-aligned, columns that look numeric right-aligned.
    void print(std::ostream& out) const;

  private:
    std::vector<std::vector<std::string>> m_rows;
};

/// 413307 -> "413,307".
std::string with_commas(std::int64_t value);
inline std::string with_commas(std::size_t value) {
    return with_commas(static_cast<std::int64_t>(value));
}
/// Fixed decimals, e.g. fixed(1234.5, 1) -> "1,234.5".
std::string fixed(double value, int decimals);

/// "N problems" and the first `limit` of them, one per line.
void print_problems(std::ostream& out, std::span<const Problem> problems, std::size_t limit);

}  // namespace muster::tools

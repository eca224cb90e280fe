#pragma once
// Readable tables for the terminal: aligned columns; numbers as tools/app/number_text.hpp
// writes them.

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "engine/problem.hpp"
#include "tools/app/number_text.hpp"

namespace muster::tools {

class TextTable {
  public:
    /// The header's labels are shown in the output language (tools/present/messages.hpp).
    explicit TextTable(std::vector<std::string> header);
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    /// Text columns left-aligned, columns that look numeric right-aligned; widths in terminal
    /// columns (display_width: a Chinese character takes two).
    void print(std::ostream& out) const;

  private:
    std::vector<std::vector<std::string>> m_rows;
};

/// "N problems" and the first `limit` of them, one per line.
void print_problems(std::ostream& out, std::span<const Problem> problems, std::size_t limit);

}  // namespace muster::tools

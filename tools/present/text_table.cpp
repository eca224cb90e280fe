#include "tools/present/text_table.hpp"

#include <algorithm>
#include <cmath>

#include "tools/present/display_width.hpp"
#include "tools/present/messages.hpp"

namespace muster::tools {
namespace {

bool numeric(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == '.' || c == '-';
    });
}

}  // namespace

TextTable::TextTable(std::vector<std::string> header) {
    for (std::string& label : header)
        label = tr(label);
    m_rows.push_back(std::move(header));
}

void TextTable::print(std::ostream& out) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const auto& row = m_rows[r];
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string pad(widths[i] - display_width(row[i]), ' ');
            const bool right = r > 0 && numeric(row[i]);
            line +=
                (i ? "  " : "") + (right ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : ""));
        }
        out << line << '\n';
    }
}

void print_problems(std::ostream& out, std::span<const Problem> problems, std::size_t limit) {
    out << with_commas(problems.size()) << (problems.size() == 1 ? " problem" : " problems")
        << (problems.empty() ? "\n" : ":\n");
    for (std::size_t i = 0; i < std::min(limit, problems.size()); ++i) {
        const Problem& p = problems[i];
        out << "  " << p.kind << " " << p.source << " feature " << p.feature_id
            << (p.field.empty() ? "" : " field " + p.field) << ": " << p.message << '\n';
    }
    if (problems.size() > limit) {
        out << "  ... " << with_commas(problems.size() - limit)
            << " more in the database's problem table (a GIS layer)\n";
    }
}

}  // namespace muster::tools

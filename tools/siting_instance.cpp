#include "tools/siting_instance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <unordered_map>
#include <vector>

#include "engine/errors.hpp"
#include "engine/text.hpp"

namespace muster::tools {
namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t\r") + 1 - first);
}

/// A CSV file read row by row, with the line number of each row for messages.
class CsvFile {
  public:
    explicit CsvFile(const std::string& path) : m_path(path), m_in(path) {
        if (!m_in)
            throw InputError(path + ": cannot open the file");
        if (!next_row(m_header))
            throw InputError(path + ": the file is empty (a header row is expected)");
        if (!m_header.empty() && m_header[0].rfind("\xEF\xBB\xBF", 0) == 0)
            m_header[0].erase(0, 3);
        for (auto& name : m_header)
            name = ascii_lower(trim(name));
        m_header_line = m_line;
    }

    /// Index of the column named `name`; throws naming the columns found if it is missing.
    std::size_t column(const std::string& name) const {
        const auto index = find_column(name);
        if (index)
            return *index;
        std::string found;
        for (const auto& h : m_header)
            found += (found.empty() ? "" : ", ") + h;
        throw InputError(m_path + ":" + std::to_string(m_header_line) + ": missing column '" +
                         name + "' (columns: " + found + ")");
    }
    std::optional<std::size_t> find_column(const std::string& name) const {
        const auto it = std::find(m_header.begin(), m_header.end(), name);
        if (it == m_header.end())
            return std::nullopt;
        return static_cast<std::size_t>(it - m_header.begin());
    }

    /// The next non-blank row; false at the end of the file.
    bool next(std::vector<std::string>& row) {
        while (next_row(row)) {
            if (row.size() == 1 && trim(row[0]).empty())
                continue;
            return true;
        }
        return false;
    }

    /// "FILE:LINE: column 'NAME' (N)" for messages about a field of the current row.
    std::string where(std::size_t column) const {
        return m_path + ":" + std::to_string(m_line) + ": column '" + m_header[column] + "' (" +
               std::to_string(column + 1) + ")";
    }
    std::string where() const { return m_path + ":" + std::to_string(m_line); }
    /// Line number of the current row (of its last line, for a quoted field spanning lines).
    std::size_t line() const { return m_line; }

    /// The field of `row` in `column`, trimmed; throws if the row is too short.
    std::string field(const std::vector<std::string>& row, std::size_t column) const {
        if (column >= row.size()) {
            throw InputError(where() + ": the row has " + std::to_string(row.size()) +
                             " fields, column '" + m_header[column] + "' is number " +
                             std::to_string(column + 1));
        }
        return trim(row[column]);
    }

    /// The field as a finite number; throws naming the field otherwise.
    double number(const std::vector<std::string>& row, std::size_t column) const {
        const std::string text = field(row, column);
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
            !std::isfinite(value)) {
            throw InputError(where(column) + ": '" + text + "' is not a number");
        }
        return value;
    }

  private:
    /// One CSV record: fields separated by commas; "..." quotes (with "" for a quote) may span
    /// lines.
    bool next_row(std::vector<std::string>& row) {
        row.clear();
        std::string line;
        if (!std::getline(m_in, line))
            return false;
        ++m_line;
        std::string field;
        bool quoted = false;
        for (std::size_t k = 0;; ++k) {
            if (k == line.size()) {
                if (quoted) {
                    std::string more;
                    if (!std::getline(m_in, more)) {
                        throw InputError(m_path + ":" + std::to_string(m_line) +
                                         ": unterminated quoted field");
                    }
                    ++m_line;
                    field += '\n';
                    line += '\n' + more;
                    continue;
                }
                break;
            }
            const char c = line[k];
            if (quoted) {
                if (c == '"' && k + 1 < line.size() && line[k + 1] == '"')
                    field += '"', ++k;
                else if (c == '"')
                    quoted = false;
                else
                    field += c;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.push_back(field);
                field.clear();
            } else {
                field += c;
            }
        }
        row.push_back(field);
        return true;
    }

    std::string m_path;
    std::ifstream m_in;
    std::vector<std::string> m_header;
    std::size_t m_line = 0;
    std::size_t m_header_line = 1;
};

std::string required_id(const CsvFile& csv, const std::vector<std::string>& row,
                        std::size_t column) {
    std::string id = csv.field(row, column);
    if (id.empty())
        throw InputError(csv.where(column) + ": empty id");
    return id;
}

}  // namespace

SitingInstance read_siting_instance(const std::string& costs_path, const std::string& demand_path,
                                    const std::optional<std::string>& sites_path) {
    SitingInstance instance;
    std::unordered_map<std::string, std::size_t> demand_index, site_index;
    std::vector<std::string> row;

    CsvFile demand(demand_path);
    const std::size_t demand_id = demand.column("id"), weight = demand.column("weight");
    while (demand.next(row)) {
        const std::string id = required_id(demand, row, demand_id);
        const double w = demand.number(row, weight);
        if (w < 0)
            throw InputError(demand.where(weight) + ": negative weight " +
                             demand.field(row, weight));
        if (!demand_index.emplace(id, instance.demand_ids.size()).second) {
            throw InputError(demand.where(demand_id) + ": demand id '" + id + "' given twice");
        }
        instance.demand_ids.push_back(id);
        instance.weights.push_back(w);
    }
    if (instance.demand_ids.empty())
        throw InputError(demand_path + ": no demand rows");

    const auto add_site = [&](const std::string& id) {
        site_index.emplace(id, instance.site_ids.size());
        instance.site_ids.push_back(id);
        instance.capacity.push_back(std::numeric_limits<double>::infinity());
        instance.fixed_cost.push_back(0);
        instance.forced_open.push_back(0);
    };
    if (sites_path) {
        CsvFile sites(*sites_path);
        const std::size_t id_column = sites.column("id");
        const auto capacity = sites.find_column("capacity");
        const auto fixed_cost = sites.find_column("fixed_cost");
        const auto open = sites.find_column("open");
        while (sites.next(row)) {
            const std::string id = required_id(sites, row, id_column);
            if (site_index.count(id))
                throw InputError(sites.where(id_column) + ": site id '" + id + "' given twice");
            add_site(id);
            if (capacity && !sites.field(row, *capacity).empty()) {
                const double q = sites.number(row, *capacity);
                if (q <= 0)
                    throw InputError(sites.where(*capacity) +
                                     ": capacity must be > 0 (empty = unlimited)");
                instance.capacity.back() = q;
            }
            if (fixed_cost && !sites.field(row, *fixed_cost).empty()) {
                const double f = sites.number(row, *fixed_cost);
                if (f < 0)
                    throw InputError(sites.where(*fixed_cost) + ": negative fixed cost");
                instance.fixed_cost.back() = f;
            }
            if (open && !sites.field(row, *open).empty()) {
                const std::string flag = sites.field(row, *open);
                if (flag != "0" && flag != "1") {
                    throw InputError(sites.where(*open) + ": '" + flag + "' (0 or 1 expected)");
                }
                instance.forced_open.back() = flag == "1" ? 1 : 0;
            }
        }
        if (instance.site_ids.empty())
            throw InputError(*sites_path + ": no site rows");
    }

    // Costs: read once into triplets (sites may first appear here), then into the dense matrix.
    struct Pair {
        std::size_t demand, site;
        double cost;
        std::size_t line;
    };
    std::vector<Pair> pairs;
    CsvFile costs(costs_path);
    const std::size_t demand_column = costs.column("demand"), site_column = costs.column("site"),
                      cost_column = costs.column("cost");
    while (costs.next(row)) {
        const std::string d = required_id(costs, row, demand_column);
        const std::string s = required_id(costs, row, site_column);
        const auto di = demand_index.find(d);
        if (di == demand_index.end()) {
            throw InputError(costs.where(demand_column) + ": unknown demand id '" + d +
                             "' (not in " + demand_path + ")");
        }
        auto si = site_index.find(s);
        if (si == site_index.end()) {
            if (sites_path) {
                throw InputError(costs.where(site_column) + ": unknown site id '" + s +
                                 "' (not in " + *sites_path + ")");
            }
            add_site(s);
            si = site_index.find(s);
        }
        const double c = costs.number(row, cost_column);
        if (c < 0)
            throw InputError(costs.where(cost_column) + ": negative cost " +
                             costs.field(row, cost_column));
        pairs.push_back({di->second, si->second, c, costs.line()});
    }
    if (pairs.empty())
        throw InputError(costs_path + ": no cost rows");
    const std::size_t m = instance.site_ids.size();
    instance.costs.assign(instance.demand_ids.size() * m, kNoCost);
    for (const Pair& pair : pairs) {
        double& slot = instance.costs[pair.demand * m + pair.site];
        if (slot != kNoCost) {
            throw InputError(costs_path + ":" + std::to_string(pair.line) + ": the pair demand '" +
                             instance.demand_ids[pair.demand] + "', site '" +
                             instance.site_ids[pair.site] + "' is given twice");
        }
        slot = pair.cost;
    }
    validate_siting_instance(instance);
    return instance;
}

}  // namespace muster::tools

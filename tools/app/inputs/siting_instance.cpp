#include "tools/app/inputs/siting_instance.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "geodata/source_spec.hpp"
#include "geodata/vector_layer.hpp"

namespace muster::tools {
namespace {

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return "";
    return std::string(text.substr(first, text.find_last_not_of(" \t\r") + 1 - first));
}

/// The source of `path` once it is known to be readable: GDAL would say "not a vector source"
/// for both an unreadable and an empty file, which is less plain than these.
SourceSpec readable_source(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open the file");
    if (in.peek() == std::ifstream::traits_type::eof())
        throw InputError(path + ": the file is empty (a header row is expected)");
    return SourceSpec{path, "", ""};
}

/// A siting CSV file read through GDAL as a plain table, row by row, with its columns found by
/// name (trimmed, case-insensitive). Messages start "FILE:ROW:", the header being row 1; blank
/// lines are not rows, and a quoted field spanning lines stays in one row.
class CsvTable {
  public:
    explicit CsvTable(const std::string& path)
        : m_path(path),
          m_layer(readable_source(path), {}, VectorLayer::CsvColumns::attributes_only) {
        for (const std::string& name : m_layer.field_names())
            m_header.push_back(ascii_lower(trim(name)));
    }

    /// Index of the column named `name`; throws naming the columns found if it is missing.
    std::size_t column(const std::string& name) const {
        if (const auto index = find_column(name))
            return *index;
        std::string found;
        for (const auto& h : m_header)
            found += (found.empty() ? "" : ", ") + h;
        throw InputError(m_path + ":1: missing column '" + name + "' (columns: " + found + ")");
    }
    std::optional<std::size_t> find_column(const std::string& name) const {
        const auto it = std::find(m_header.begin(), m_header.end(), name);
        if (it == m_header.end())
            return std::nullopt;
        return static_cast<std::size_t>(it - m_header.begin());
    }

    /// Calls visit with each row that is not blank, in the file's order.
    void for_each(const std::function<void(const SourceFeature&)>& visit) {
        m_layer.for_each([&](const SourceFeature& row) {
            m_row = static_cast<std::size_t>(row.fid) + 1;  // GDAL numbers data rows from 1
            if (fields_in(row) == 1 && trim(*row.values[0]).empty())
                return;
            visit(row);
        });
    }

    /// "FILE:ROW: column 'NAME' (N)" for messages about a field of the current row.
    std::string where(std::size_t column) const {
        return where() + ": column '" + m_header[column] + "' (" + std::to_string(column + 1) + ")";
    }
    std::string where() const { return m_path + ":" + std::to_string(m_row); }
    /// Number of the current row (the header is row 1).
    std::size_t row() const { return m_row; }

    /// The field of `row` in `column`, trimmed; throws if the row is too short.
    std::string field(const SourceFeature& row, std::size_t column) const {
        const std::size_t fields = fields_in(row);
        if (column >= fields) {
            throw InputError(where() + ": the row has " + std::to_string(fields) +
                             " fields, column '" + m_header[column] + "' is number " +
                             std::to_string(column + 1));
        }
        return trim(*row.values[column]);
    }

    /// The field as a finite number; throws naming the field otherwise.
    double number(const SourceFeature& row, std::size_t column) const {
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
    /// GDAL leaves the columns past the end of a short row unset (an empty field is set, to "").
    static std::size_t fields_in(const SourceFeature& row) {
        std::size_t count = 0;
        while (count < row.values.size() && row.values[count])
            ++count;
        return count;
    }

    std::string m_path;
    VectorLayer m_layer;
    std::vector<std::string> m_header;
    std::size_t m_row = 1;
};

std::string required_id(const CsvTable& csv, const SourceFeature& row, std::size_t column) {
    std::string id = csv.field(row, column);
    if (id.empty())
        throw InputError(csv.where(column) + ": empty id");
    return id;
}

/// The instance as its files are read, with the index of every id seen so far.
struct InstanceReading {
    SitingInstance instance;
    std::unordered_map<std::string, std::size_t> demand_index, site_index;

    /// A site, uncapacitated, free and not forced open until its row says otherwise.
    void add_site(const std::string& id) {
        site_index.emplace(id, instance.site_ids.size());
        instance.site_ids.push_back(id);
        instance.capacity.push_back(std::numeric_limits<double>::infinity());
        instance.fixed_cost.push_back(0);
        instance.forced_open.push_back(0);
    }
};

/// The demand points and their weights, in the file's order.
void read_demand(const std::string& path, InstanceReading& reading) {
    CsvTable demand(path);
    const std::size_t id_column = demand.column("id"), weight = demand.column("weight");
    SitingInstance& instance = reading.instance;
    demand.for_each([&](const SourceFeature& row) {
        const std::string id = required_id(demand, row, id_column);
        const double w = demand.number(row, weight);
        if (w < 0)
            throw InputError(demand.where(weight) + ": negative weight " +
                             demand.field(row, weight));
        if (!reading.demand_index.emplace(id, instance.demand_ids.size()).second)
            throw InputError(demand.where(id_column) + ": demand id '" + id + "' given twice");
        instance.demand_ids.push_back(id);
        instance.weights.push_back(w);
    });
    if (instance.demand_ids.empty())
        throw InputError(path + ": no demand rows");
}

/// The optional columns of one site's row, over the defaults add_site gave it.
void read_site_terms(const CsvTable& sites, const SourceFeature& row,
                     std::optional<std::size_t> capacity, std::optional<std::size_t> fixed_cost,
                     std::optional<std::size_t> open, SitingInstance& instance) {
    if (capacity && !sites.field(row, *capacity).empty()) {
        const double q = sites.number(row, *capacity);
        if (q <= 0)
            throw InputError(sites.where(*capacity) + ": capacity must be > 0 (empty = unlimited)");
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
        if (flag != "0" && flag != "1")
            throw InputError(sites.where(*open) + ": '" + flag + "' (0 or 1 expected)");
        instance.forced_open.back() = flag == "1" ? 1 : 0;
    }
}

/// The candidate sites and their terms, in the file's order.
void read_sites(const std::string& path, InstanceReading& reading) {
    CsvTable sites(path);
    const std::size_t id_column = sites.column("id");
    const auto capacity = sites.find_column("capacity");
    const auto fixed_cost = sites.find_column("fixed_cost");
    const auto open = sites.find_column("open");
    sites.for_each([&](const SourceFeature& row) {
        const std::string id = required_id(sites, row, id_column);
        if (reading.site_index.count(id))
            throw InputError(sites.where(id_column) + ": site id '" + id + "' given twice");
        reading.add_site(id);
        read_site_terms(sites, row, capacity, fixed_cost, open, reading.instance);
    });
    if (reading.instance.site_ids.empty())
        throw InputError(path + ": no site rows");
}

/// One row of costs.csv, by index, with its row number for messages.
struct CostEntry {
    std::size_t demand, site;
    double cost;
    std::size_t row;
};

/// The rows of costs.csv. Without a sites file, a site id seen first here becomes a site.
std::vector<CostEntry> read_costs(const std::string& path, const std::string& demand_path,
                                  const std::optional<std::string>& sites_path,
                                  InstanceReading& reading) {
    std::vector<CostEntry> entries;
    CsvTable costs(path);
    const std::size_t demand_column = costs.column("demand"), site_column = costs.column("site"),
                      cost_column = costs.column("cost");
    costs.for_each([&](const SourceFeature& row) {
        const std::string d = required_id(costs, row, demand_column);
        const std::string s = required_id(costs, row, site_column);
        const auto di = reading.demand_index.find(d);
        if (di == reading.demand_index.end()) {
            throw InputError(costs.where(demand_column) + ": unknown demand id '" + d +
                             "' (not in " + demand_path + ")");
        }
        auto si = reading.site_index.find(s);
        if (si == reading.site_index.end()) {
            if (sites_path) {
                throw InputError(costs.where(site_column) + ": unknown site id '" + s +
                                 "' (not in " + *sites_path + ")");
            }
            reading.add_site(s);
            si = reading.site_index.find(s);
        }
        const double c = costs.number(row, cost_column);
        if (c < 0)
            throw InputError(costs.where(cost_column) + ": negative cost " +
                             costs.field(row, cost_column));
        entries.push_back({di->second, si->second, c, costs.row()});
    });
    if (entries.empty())
        throw InputError(path + ": no cost rows");
    return entries;
}

/// The dense demand x sites cost matrix (kNoCost where no row gives a pair).
void fill_costs(const std::string& path, const std::vector<CostEntry>& entries,
                SitingInstance& instance) {
    const std::size_t m = instance.site_ids.size();
    instance.costs.assign(instance.demand_ids.size() * m, kNoCost);
    for (const CostEntry& entry : entries) {
        double& slot = instance.costs[entry.demand * m + entry.site];
        if (slot != kNoCost) {
            throw InputError(path + ":" + std::to_string(entry.row) + ": the pair demand '" +
                             instance.demand_ids[entry.demand] + "', site '" +
                             instance.site_ids[entry.site] + "' is given twice");
        }
        slot = entry.cost;
    }
}

}  // namespace

SitingInstance read_siting_instance(const std::string& costs_path, const std::string& demand_path,
                                    const std::optional<std::string>& sites_path) {
    InstanceReading reading;
    read_demand(demand_path, reading);
    if (sites_path)
        read_sites(*sites_path, reading);
    // Costs are read whole before the matrix is sized: sites may first appear in them.
    const std::vector<CostEntry> entries = read_costs(costs_path, demand_path, sites_path, reading);
    fill_costs(costs_path, entries, reading.instance);
    validate_siting_instance(reading.instance);
    return std::move(reading.instance);
}

}  // namespace muster::tools

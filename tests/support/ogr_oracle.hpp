#pragma once
// Test support: GDAL's ogrinfo as an independent oracle. A query of GDAL's SQLite dialect run on
// a source file or on a resource database gives the figures muster's answers are checked against.

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"

namespace muster::test {

/// One result row of ogrinfo: field name -> value as printed ("(null)" for NULL).
using OgrRow = std::map<std::string, std::string>;

/// Runs a query of GDAL's SQLite dialect on a source and returns its rows.
inline std::vector<OgrRow> ogr_sql(const std::string& source, const std::string& sql,
                                   const std::string& open_options = {}) {
    const std::string command = "ogrinfo -ro -q " + open_options + " -dialect SQLite -sql " +
                                quote(sql) + " " + quote(source);
    std::string output;
    const int status = run_command(command, &output);
    INFO(command << "\n" << output);
    REQUIRE(status == 0);
    REQUIRE(output.find("ERROR") == std::string::npos);  // ogrinfo exits 0 after a bad query
    // ogrinfo -q prints "OGRFeature(SELECT):N" and then "  name (Type) = value" per field.
    std::vector<OgrRow> rows;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("OGRFeature(", 0) == 0) {
            rows.emplace_back();
            continue;
        }
        const auto name_begin = line.find_first_not_of(' ');
        const auto type_begin = line.find(" (");
        const auto value_begin = line.find(") = ");
        if (rows.empty() || name_begin == 0 || name_begin == std::string::npos ||
            type_begin == std::string::npos || value_begin == std::string::npos ||
            type_begin < name_begin || value_begin < type_begin) {
            continue;
        }
        rows.back()[line.substr(name_begin, type_begin - name_begin)] =
            line.substr(value_begin + 4);
    }
    REQUIRE(!rows.empty());
    return rows;
}

inline const std::string& value(const OgrRow& row, const std::string& name) {
    auto it = row.find(name);
    INFO("ogrinfo field " << name);
    REQUIRE(it != row.end());
    return it->second;
}

inline std::int64_t as_int(const OgrRow& row, const std::string& name) {
    const std::string& text = value(row, name);
    return text == "(null)" ? 0 : std::stoll(text);
}

inline double as_real(const OgrRow& row, const std::string& name) {
    const std::string& text = value(row, name);
    return text == "(null)" ? 0.0 : std::stod(text);
}

/// Rows of a GROUP BY keyed by the group column ("(null)" for the NULL group).
inline std::map<std::string, OgrRow> by_key(const std::vector<OgrRow>& rows,
                                            const std::string& key) {
    std::map<std::string, OgrRow> out;
    for (const OgrRow& row : rows)
        out[value(row, key)] = row;
    return out;
}

}  // namespace muster::test

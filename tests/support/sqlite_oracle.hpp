#pragma once
// Test support: reading and writing a database through SQLite's C API, not muster's, as another
// program would.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

namespace muster::test {

/// The outcome of one statement: SQLite's result code, the first column of each result row (one
/// per line, NULL as "NULL") and SQLite's message.
struct SqlResult {
    int code = SQLITE_OK;
    std::string rows;
    std::string message;
};

/// Runs one statement on `database` (created if it does not exist) and returns what happened.
/// `spatial`: with SpatiaLite's functions, loaded as any SQLite program loads them (the
/// mod_spatialite extension), for statements that touch geometry columns.
inline SqlResult try_sql(const std::string& database, const std::string& sql,
                         bool spatial = false) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open(database.c_str(), &raw);
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
    REQUIRE(opened == SQLITE_OK);
    if (spatial) {
        sqlite3_enable_load_extension(db.get(), 1);
        char* error = nullptr;
        const int loaded = sqlite3_load_extension(db.get(), "mod_spatialite", nullptr, &error);
        INFO("mod_spatialite: " << (error ? error : ""));
        sqlite3_free(error);
        REQUIRE(loaded == SQLITE_OK);
    }
    sqlite3_stmt* raw_statement = nullptr;
    const int prepared = sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw_statement, nullptr);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw_statement,
                                                                          sqlite3_finalize);
    SqlResult result;
    if (prepared != SQLITE_OK)
        return {prepared, "", sqlite3_errmsg(db.get())};
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement.get(), 0);
        result.rows += (text ? reinterpret_cast<const char*>(text) : "NULL") + std::string("\n");
    }
    result.code = rc == SQLITE_DONE ? SQLITE_OK : rc;
    if (rc != SQLITE_DONE)
        result.message = sqlite3_errmsg(db.get());
    return result;
}

/// Runs one statement that must succeed: the first column of each result row, one per line.
inline std::string run_sql(const std::string& database, const std::string& sql,
                           bool spatial = false) {
    const SqlResult result = try_sql(database, sql, spatial);
    INFO(sql << ": " << result.message);
    REQUIRE(result.code == SQLITE_OK);
    return result.rows;
}

/// Every row of a query on `database`, opened read-only, each value as text: NULL as "NULL",
/// blobs in hex as x'...'.
inline std::vector<std::vector<std::string>> all_rows(const std::string& database,
                                                      const std::string& sql) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
    REQUIRE(opened == SQLITE_OK);
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* raw_statement = nullptr;
    const int prepared = sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw_statement, nullptr);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw_statement,
                                                                          sqlite3_finalize);
    INFO(sql << ": " << sqlite3_errmsg(db.get()));
    REQUIRE(prepared == SQLITE_OK);
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(statement.get()); ++i) {
            const int type = sqlite3_column_type(statement.get(), i);
            std::string value;
            if (type == SQLITE_NULL) {
                value = "NULL";
            } else if (type == SQLITE_BLOB) {
                const auto* bytes =
                    static_cast<const unsigned char*>(sqlite3_column_blob(statement.get(), i));
                static const char* const kHex = "0123456789abcdef";
                value = "x'";
                for (int b = 0; b < sqlite3_column_bytes(statement.get(), i); ++b) {
                    value += kHex[bytes[b] >> 4];
                    value += kHex[bytes[b] & 15];
                }
                value += "'";
            } else {
                value = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), i));
            }
            row.push_back(std::move(value));
        }
        out.push_back(std::move(row));
    }
    REQUIRE(rc == SQLITE_DONE);
    return out;
}

}  // namespace muster::test

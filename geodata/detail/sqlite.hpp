#pragma once
// A thin RAII layer over SQLite's C API: a connection with SpatiaLite loaded, prepared statements
// with typed binds and columns. Every failure throws, carrying SQLite's message.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace muster::detail {

class Connection {
  public:
    /// Opens `path` (creating it if `create`), loads SpatiaLite. Throws WriteError if it cannot be
    /// created, InputError if an existing file cannot be opened.
    Connection(const std::string& path, bool create);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&&) = delete;
    Connection(const Connection&) = delete;

    /// Runs SQL without results. Throws WriteError if the file cannot be written, else DataError
    /// with the statement's first words, on failure.
    void exec(const std::string& sql);
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

  private:
    sqlite3* m_db = nullptr;
    void* m_spatialite = nullptr;  // SpatiaLite's per-connection cache
    std::string m_path;
};

class Statement {
  public:
    Statement(const Connection& db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::span<const unsigned char> blob);
    Statement& bind_null(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    /// Steps once: true while there is a row. Throws WriteError if the file cannot be written,
    /// else DataError, on failure.
    bool step();
    /// Runs to completion and resets for the next binds.
    void run();
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    /// The column's text; a sequence that is not UTF-8 (in a database written by an older muster)
    /// reads as U+FFFD.
    std::string text(int column) const;
    std::span<const unsigned char> blob(int column) const;

  private:
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    std::string m_path;  // for messages
};

}  // namespace muster::detail

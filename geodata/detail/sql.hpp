#pragma once
// The resource database's one way to SQL, over either of its stores: a SpatiaLite file (SQLite
// with SpatiaLite loaded) or a PostgreSQL database with PostGIS (libpq). A statement is written
// once, with `?` or `?N` placeholders, in the SQL both understand; the few phrases that differ
// are asked of dialect(). Every failure throws, carrying the store's own message.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace muster::detail {

enum class SqlDialect { spatialite, postgis };

/// What a column of a result row holds, as the store typed it.
enum class SqlValue { null, integer, real, text, blob };

/// Whether `target` names a PostgreSQL database rather than a file: GDAL's "PG:" form
/// ("PG:dbname=muster host=/run/postgresql") or a postgresql:// (postgres://) URI.
bool is_postgres_target(std::string_view target);

class StoreStatement;

/// What each store does for Connection: see geodata/detail/sqlite_store.cpp and
/// geodata/detail/postgres_store.cpp.
class Store {
  public:
    virtual ~Store() = default;
    virtual SqlDialect dialect() const = 0;
    virtual void exec(const std::string& sql) = 0;
    virtual void begin() = 0;
    virtual void begin_read() = 0;
    virtual bool in_transaction() const = 0;
    virtual std::unique_ptr<StoreStatement> prepare(const std::string& sql) = 0;
    /// Tells the listeners of every connection, once this transaction commits, that it did.
    virtual void notify_change() = 0;
    /// From now on, wait_for_change() hears of what other connections commit.
    virtual void listen() = 0;
    /// Waits up to `timeout` for another connection's commit since the last call: true if one
    /// came (PostgreSQL: a notification; SQLite: the file's data version moved).
    virtual bool wait_for_change(std::chrono::milliseconds timeout) = 0;
    /// The name in messages: the file, or the PostgreSQL target without its password.
    const std::string& name() const { return m_name; }

  protected:
    explicit Store(std::string name) : m_name(std::move(name)) {}

  private:
    std::string m_name;
};

class StoreStatement {
  public:
    virtual ~StoreStatement() = default;
    virtual void bind(int index, std::int64_t value) = 0;
    virtual void bind(int index, double value) = 0;
    virtual void bind(int index, const std::string& value) = 0;
    virtual void bind(int index, std::span<const unsigned char> blob) = 0;
    virtual void bind_null(int index) = 0;
    virtual bool step() = 0;
    /// The rows the statement inserted, updated or deleted, once it has run.
    virtual std::int64_t changes() const = 0;
    virtual void reset() = 0;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual std::string_view text(int column) const = 0;
    virtual std::span<const unsigned char> blob(int column) const = 0;
    virtual int column_count() const = 0;
    virtual std::string column_name(int column) const = 0;
    virtual SqlValue value_type(int column) const = 0;
};

/// A SpatiaLite file: opens `path` (creating it if `create`) and loads SpatiaLite. Throws
/// WriteError if it cannot be created, InputError if an existing file cannot be opened.
std::unique_ptr<Store> open_spatialite(const std::string& path, bool create);
/// A PostgreSQL database. Throws InputError naming the target (its password left out) if it
/// cannot be reached.
std::unique_ptr<Store> open_postgis(const std::string& target);

class Connection {
  public:
    /// Opens the store `target` names (is_postgres_target), as open_spatialite and open_postgis
    /// do; `create` is for a file only (a PostgreSQL database is created by its administrator).
    Connection(const std::string& target, bool create);

    SqlDialect dialect() const { return m_store->dialect(); }
    /// Runs SQL without results, one statement or several. Throws WriteError if the store cannot
    /// be written, else DataError with the statement's first words, on failure.
    void exec(const std::string& sql) { m_store->exec(sql); }
    /// Starts a write transaction: at once the only writer (SQLite's BEGIN IMMEDIATE).
    void begin() { m_store->begin(); }
    /// Starts a read-only transaction that sees one committed state throughout.
    void begin_read() { m_store->begin_read(); }
    bool in_transaction() const { return m_store->in_transaction(); }
    const std::string& path() const { return m_store->name(); }
    void notify_change() { m_store->notify_change(); }
    void listen() { m_store->listen(); }
    bool wait_for_change(std::chrono::milliseconds timeout) {
        return m_store->wait_for_change(timeout);
    }
    Store& store() const { return *m_store; }

  private:
    std::unique_ptr<Store> m_store;
};

class Statement {
  public:
    Statement(const Connection& db, const std::string& sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::span<const unsigned char> blob);
    Statement& bind_null(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    /// Steps once: true while there is a row. Throws WriteError if the store cannot be written,
    /// else DataError, on failure.
    bool step() { return m_statement->step(); }
    /// Runs to completion and resets for the next binds; the rows it inserted, updated or
    /// deleted.
    std::int64_t run();
    void reset() { m_statement->reset(); }

    bool is_null(int column) const { return m_statement->is_null(column); }
    std::int64_t integer(int column) const { return m_statement->integer(column); }
    double real(int column) const { return m_statement->real(column); }
    /// The column's text; a sequence that is not UTF-8 (in a database written by an older muster)
    /// reads as U+FFFD.
    std::string text(int column) const;
    std::span<const unsigned char> blob(int column) const { return m_statement->blob(column); }
    /// The result's columns, known once the statement has stepped.
    int column_count() const { return m_statement->column_count(); }
    std::string column_name(int column) const { return m_statement->column_name(column); }
    /// What the current row holds in a column.
    SqlValue value_type(int column) const { return m_statement->value_type(column); }

  private:
    std::unique_ptr<StoreStatement> m_statement;
};

}  // namespace muster::detail

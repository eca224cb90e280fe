// The SpatiaLite store (geodata/detail/sql.hpp): a SQLite file with SpatiaLite loaded.

#include <sqlite3.h>
// SpatiaLite's header needs SQLite's first.
#include <spatialite.h>

#include <thread>

#include "engine/errors.hpp"
#include "geodata/detail/sql.hpp"

namespace muster::detail {
namespace {

// SQLite's answers that say the file cannot be written (read-only file or folder, read-only
// media, no permission, a full disk), as opposed to a database that is corrupt or foreign.
bool is_write_failure(int code) {
    switch (code & 0xff) {  // the primary code of an extended one
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_FULL:
            return true;
        default:
            return false;
    }
}

// The error for a failed statement: WriteError when the file cannot be written, else DataError.
[[noreturn]] void throw_failure(int code, const std::string& path, const std::string& message,
                                const std::string& sql) {
    if (is_write_failure(code)) {
        throw WriteError(path + ": cannot write the resource database: " + message +
                         ((code & 0xff) == SQLITE_FULL
                              ? " (free some disk space)"
                              : " (the file or its folder is read-only for this user: check their "
                                "permissions, or copy the database somewhere writable)"));
    }
    throw DataError(path + ": " + message + " (in: " + sql.substr(0, 60) + ")");
}

class SqliteStatement final : public StoreStatement {
  public:
    SqliteStatement(sqlite3* db, const std::string& path, const std::string& sql)
        : m_db(db), m_path(path) {
        const int code = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_stmt, nullptr);
        if (code != SQLITE_OK)
            throw_failure(code, m_path, sqlite3_errmsg(m_db), sql);
    }
    ~SqliteStatement() override { sqlite3_finalize(m_stmt); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, std::int64_t value) override { sqlite3_bind_int64(m_stmt, index, value); }
    void bind(int index, double value) override { sqlite3_bind_double(m_stmt, index, value); }
    void bind(int index, const std::string& value) override {
        sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    void bind(int index, std::span<const unsigned char> blob) override {
        sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    }
    void bind_null(int index) override { sqlite3_bind_null(m_stmt, index); }

    bool step() override {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw_failure(rc, m_path, sqlite3_errmsg(m_db), sqlite3_sql(m_stmt));
    }
    std::int64_t changes() const override { return sqlite3_changes64(m_db); }
    void reset() override {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }

    bool is_null(int column) const override {
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
    }
    std::int64_t integer(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    std::string_view text(int column) const override {
        const auto* p = sqlite3_column_text(m_stmt, column);
        if (!p)
            return {};
        return {reinterpret_cast<const char*>(p),
                static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
    }
    std::span<const unsigned char> blob(int column) const override {
        const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, column));
        return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
    }

    int column_count() const override { return sqlite3_column_count(m_stmt); }
    std::string column_name(int column) const override {
        return sqlite3_column_name(m_stmt, column);
    }
    SqlValue value_type(int column) const override {
        switch (sqlite3_column_type(m_stmt, column)) {
            case SQLITE_NULL:
                return SqlValue::null;
            case SQLITE_INTEGER:
                return SqlValue::integer;
            case SQLITE_FLOAT:
                return SqlValue::real;
            case SQLITE_BLOB:
                return SqlValue::blob;
            default:
                return SqlValue::text;
        }
    }

  private:
    sqlite3* m_db;
    const std::string& m_path;  // the store's, which outlives its statements
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteStore final : public Store {
  public:
    SqliteStore(const std::string& path, bool create) : Store(path) {
        const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            const std::string reason = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            if (create) {
                throw WriteError(path + ": cannot create the resource database (" + reason +
                                 "; is its folder writable?)");
            }
            throw InputError(path + ": cannot open the resource database (" + reason + ")");
        }
        sqlite3_busy_timeout(m_db, 5000);
        m_spatialite = spatialite_alloc_connection();
        spatialite_init_ex(m_db, m_spatialite, 0);
    }
    ~SqliteStore() override {
        sqlite3_close(m_db);
        spatialite_cleanup_ex(m_spatialite);
    }
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    SqlDialect dialect() const override { return SqlDialect::spatialite; }
    void exec(const std::string& sql) override {
        char* error = nullptr;
        const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
        if (code != SQLITE_OK) {
            std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw_failure(code, name(), message, sql);
        }
    }
    void begin() override { exec("BEGIN IMMEDIATE"); }
    void begin_read() override { exec("BEGIN"); }  // a snapshot from its first read (WAL)
    // SQLite has already rolled back on some failures (a full disk, an I/O error).
    bool in_transaction() const override { return !sqlite3_get_autocommit(m_db); }
    std::unique_ptr<StoreStatement> prepare(const std::string& sql) override {
        return std::make_unique<SqliteStatement>(m_db, name(), sql);
    }

    void notify_change() override {}  // every commit moves the file's data version
    void listen() override { m_data_version = data_version(); }
    bool wait_for_change(std::chrono::milliseconds timeout) override {
        // SQLite tells no one: the file's data version, which another connection's commit
        // moves, is looked at every 20 ms.
        const auto until = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const std::int64_t now = data_version();
            if (now != m_data_version) {
                m_data_version = now;
                return true;
            }
            if (std::chrono::steady_clock::now() >= until)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

  private:
    std::int64_t data_version() {
        SqliteStatement pragma(m_db, name(), "PRAGMA data_version");
        pragma.step();
        return pragma.integer(0);
    }
    sqlite3* m_db = nullptr;
    void* m_spatialite = nullptr;  // SpatiaLite's per-connection cache
    std::int64_t m_data_version = 0;
};

}  // namespace

std::unique_ptr<Store> open_spatialite(const std::string& path, bool create) {
    return std::make_unique<SqliteStore>(path, create);
}

}  // namespace muster::detail

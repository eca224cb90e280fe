#include "geodata/detail/sqlite.hpp"

#include <spatialite.h>

#include "engine/errors.hpp"

namespace muster::detail {

Connection::Connection(const std::string& path, bool create) : m_path(path) {
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        const std::string reason = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        throw InputError(path + ": cannot open the resource database (" + reason + ")");
    }
    sqlite3_busy_timeout(m_db, 5000);
    m_spatialite = spatialite_alloc_connection();
    spatialite_init_ex(m_db, m_spatialite, 0);
}

Connection::Connection(Connection&& other) noexcept
    : m_db(other.m_db), m_spatialite(other.m_spatialite), m_path(std::move(other.m_path)) {
    other.m_db = nullptr;
    other.m_spatialite = nullptr;
}

Connection::~Connection() {
    if (m_db) sqlite3_close(m_db);
    if (m_spatialite) spatialite_cleanup_ex(m_spatialite);
}

void Connection::exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw DataError(m_path + ": " + message + " (in: " + sql.substr(0, 60) + ")");
    }
}

Statement::Statement(const Connection& db, const std::string& sql) : m_db(db.handle()) {
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK) {
        throw DataError(std::string(sqlite3_errmsg(m_db)) + " (in: " + sql.substr(0, 60) + ")");
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int index, std::span<const unsigned char> blob) {
    sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw DataError(std::string("database: ") + sqlite3_errmsg(m_db));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }
std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}
std::span<const unsigned char> Statement::blob(int column) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, column));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

}  // namespace muster::detail

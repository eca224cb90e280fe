#include "geodata/detail/sqlite.hpp"

#include <cpl_string.h>
#include <spatialite.h>
#include <nlohmann/json.hpp>

#include "engine/errors.hpp"

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

}  // namespace

Connection::Connection(const std::string& path, bool create) : m_path(path) {
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

Connection::Connection(Connection&& other) noexcept
    : m_db(other.m_db), m_spatialite(other.m_spatialite), m_path(std::move(other.m_path)) {
    other.m_db = nullptr;
    other.m_spatialite = nullptr;
}

Connection::~Connection() {
    if (m_db)
        sqlite3_close(m_db);
    if (m_spatialite)
        spatialite_cleanup_ex(m_spatialite);
}

void Connection::exec(const std::string& sql) {
    char* error = nullptr;
    const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw_failure(code, m_path, message, sql);
    }
}

Statement::Statement(const Connection& db, const std::string& sql)
    : m_db(db.handle()), m_path(db.path()) {
    const int code = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_stmt, nullptr);
    if (code != SQLITE_OK) {
        throw_failure(code, m_path, sqlite3_errmsg(m_db), sql);
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
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
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throw_failure(rc, m_path, sqlite3_errmsg(m_db), sqlite3_sql(m_stmt));
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

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}
std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    if (!p)
        return {};
    std::string value(reinterpret_cast<const char*>(p),
                      static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
    if (CPLIsUTF8(value.data(), static_cast<int>(value.size())))
        return value;
    // Written before imports refused text that is not UTF-8: JSON output needs UTF-8, so each
    // invalid sequence reads as U+FFFD (nlohmann::json's replacement, its JSON string undone).
    using nlohmann::json;
    const std::string quoted = json(value).dump(-1, ' ', false, json::error_handler_t::replace);
    return json::parse(quoted).get<std::string>();
}
std::span<const unsigned char> Statement::blob(int column) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, column));
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

}  // namespace muster::detail

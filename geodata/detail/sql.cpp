#include "geodata/detail/sql.hpp"

#include <cpl_string.h>
#include <nlohmann/json.hpp>

namespace muster::detail {

bool is_postgres_target(std::string_view target) {
    return target.starts_with("PG:") || target.starts_with("postgresql://") ||
           target.starts_with("postgres://");
}

Connection::Connection(const std::string& target, bool create)
    : m_store(is_postgres_target(target) ? open_postgis(target) : open_spatialite(target, create)) {
}

Statement::Statement(const Connection& db, const std::string& sql)
    : m_statement(db.store().prepare(sql)) {}

Statement& Statement::bind(int index, std::int64_t value) {
    m_statement->bind(index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    m_statement->bind(index, value);
    return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
    m_statement->bind(index, value);
    return *this;
}
Statement& Statement::bind(int index, std::span<const unsigned char> blob) {
    m_statement->bind(index, blob);
    return *this;
}
Statement& Statement::bind_null(int index) {
    m_statement->bind_null(index);
    return *this;
}

std::int64_t Statement::run() {
    while (step()) {
    }
    const std::int64_t changed = m_statement->changes();
    reset();
    return changed;
}

std::string Statement::text(int column) const {
    std::string value(m_statement->text(column));
    if (CPLIsUTF8(value.data(), static_cast<int>(value.size())))
        return value;
    // Written before imports refused text that is not UTF-8: JSON output needs UTF-8, so each
    // invalid sequence reads as U+FFFD (nlohmann::json's replacement, its JSON string undone).
    using nlohmann::json;
    const std::string quoted = json(value).dump(-1, ' ', false, json::error_handler_t::replace);
    return json::parse(quoted).get<std::string>();
}

}  // namespace muster::detail

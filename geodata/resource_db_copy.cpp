// Copies between the resource database's stores (geodata/resource_db.hpp): every table, row by
// row, as the source holds it. Geometry travels as WKB, so a SpatiaLite blob becomes a PostGIS
// geometry and back.

#include "geodata/resource_db_copy.hpp"

#include <filesystem>
#include <set>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"

namespace muster {
namespace {

using detail::SqlValue;
using detail::Statement;

struct CopiedTable {
    const char* name;
    const char* order;  ///< its key: rows keep their order and their numbers
    bool numbered;      ///< whether the key numbers itself (an identity column in PostgreSQL)
};

// Referenced tables before those that refer to them.
constexpr CopiedTable kTables[] = {
    {"township", "fid", true},
    {"shelter", "fid", true},
    {"depot", "fid", true},
    {"inventory", "fid", true},
    {"team", "fid", true},
    {"hospital", "fid", true},
    {"hazard", "fid", true},
    {"road", "fid", true},
    {"network", "profile", false},
    {"network_array", "profile, name, part", false},
    {"event", "seq", true},
    {"incident", "fid", true},
    {"incident_dispatch", "fid", true},
    {"import_log", "fid", true},
    {"problem", "fid", true},
};

// The registered geometry columns of `table`, in the current schema.
std::set<std::string> geometry_columns(const detail::Connection& db, const std::string& table) {
    Statement select(db, db.dialect() == detail::SqlDialect::spatialite
                             ? "SELECT f_geometry_column FROM geometry_columns WHERE "
                               "f_table_name = ?"
                             : "SELECT f_geometry_column FROM geometry_columns WHERE "
                               "f_table_name = ? AND f_table_schema = current_schema()");
    select.bind(1, table);
    std::set<std::string> columns;
    while (select.step())
        columns.insert(select.text(0));
    return columns;
}

std::vector<std::string> column_names(const detail::Connection& db, const std::string& table) {
    Statement probe(db, "SELECT * FROM " + table + " LIMIT 0");
    probe.step();
    std::vector<std::string> names;
    for (int i = 0; i < probe.column_count(); ++i)
        names.push_back(probe.column_name(i));
    return names;
}

}  // namespace

std::vector<std::pair<std::string, std::int64_t>> ResourceDb::copy_rows_from(
    const ResourceDb& source) {
    std::vector<std::pair<std::string, std::int64_t>> copied;
    for (const auto& [table, order, numbered] : kTables) {
        const std::vector<std::string> columns = column_names(source.m_db, table);
        const std::set<std::string> geometry = geometry_columns(source.m_db, table);
        std::string select = "SELECT ", insert = std::string("INSERT INTO ") + table + " (", values;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            // Quoted: a bare `user` is PostgreSQL's current user, not the column.
            const std::string c = "\"" + columns[i] + "\"";
            const bool shape = geometry.contains(columns[i]);
            const std::string separator = i ? ", " : "";
            select += separator + (shape ? "ST_AsBinary(" + c + ")" : c);
            insert += separator + c;
            values += separator + (shape ? "ST_GeomFromWKB(?, 4326)" : "?");
        }
        Statement rows(source.m_db, select + " FROM " + table + " ORDER BY " + order);
        Statement write(m_db, insert + ") VALUES (" + values + ")");
        std::int64_t count = 0;
        while (rows.step()) {
            for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
                switch (rows.value_type(i)) {
                    case SqlValue::null:
                        write.bind_null(i + 1);
                        break;
                    case SqlValue::integer:
                        write.bind(i + 1, rows.integer(i));
                        break;
                    case SqlValue::real:
                        write.bind(i + 1, rows.real(i));
                        break;
                    case SqlValue::text:
                        write.bind(i + 1, rows.text(i));
                        break;
                    case SqlValue::blob:
                        write.bind(i + 1, rows.blob(i));
                        break;
                }
            }
            write.run();
            ++count;
        }
        // PostgreSQL's identity columns go on from the highest number copied.
        if (m_db.dialect() == detail::SqlDialect::postgis && numbered) {
            m_db.exec(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', '" +
                      order + "'), COALESCE(MAX(" + order + "), 0) + 1, false) FROM " + table);
        }
        copied.emplace_back(table, count);
    }
    return copied;
}

std::vector<std::pair<std::string, std::int64_t>> copy_resource_db(const std::string& source,
                                                                   const std::string& destination) {
    const ResourceDb from = ResourceDb::open_existing(source);
    ResourceDb to = ResourceDb::create_new(destination);
    try {
        auto copied = to.copy_rows_from(from);
        to.commit();
        return copied;
    } catch (...) {
        to.rollback();
        if (!detail::is_postgres_target(destination))
            std::filesystem::remove(destination);
        throw;
    }
}

}  // namespace muster

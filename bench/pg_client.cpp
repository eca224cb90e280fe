#include "bench/pg_client.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>

namespace muster::bench {
namespace {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string shortened(const std::string& sql) {
    return sql.size() <= 300 ? sql : sql.substr(0, 300) + " ...";
}

}  // namespace

bool PgConnection::configured() {
    return std::getenv("PGHOST") != nullptr;
}

PgConnection::PgConnection() {
    m_conn = PQconnectdb("");
    if (PQstatus(m_conn) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(m_conn);
        PQfinish(m_conn);
        m_conn = nullptr;
        throw PgError("cannot connect to PostgreSQL (PGHOST=" +
                      std::string(std::getenv("PGHOST") ? std::getenv("PGHOST") : "") +
                      "): " + message);
    }
    query("SET client_min_messages = warning");
}

PgConnection::~PgConnection() {
    if (m_conn)
        PQfinish(m_conn);
}

PgRows PgConnection::query(const std::string& sql) {
    Result result(PQexec(m_conn, sql.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        throw PgError("PostgreSQL: " + std::string(PQresultErrorMessage(result.get())) +
                      "in: " + shortened(sql));
    }
    PgRows rows;
    const int n = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        auto& row = rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int j = 0; j < columns; ++j)
            row.emplace_back(PQgetvalue(result.get(), i, j));
    }
    return rows;
}

void PgConnection::copy_in(const std::string& copy_statement, const std::string& data) {
    Result start(PQexec(m_conn, copy_statement.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
        throw PgError("PostgreSQL: " + std::string(PQresultErrorMessage(start.get())) +
                      "in: " + copy_statement);
    }
    if (PQputCopyData(m_conn, data.data(), static_cast<int>(data.size())) != 1 ||
        PQputCopyEnd(m_conn, nullptr) != 1) {
        throw PgError("PostgreSQL COPY: " + std::string(PQerrorMessage(m_conn)));
    }
    Result end(PQgetResult(m_conn));
    if (PQresultStatus(end.get()) != PGRES_COMMAND_OK) {
        throw PgError("PostgreSQL COPY: " + std::string(PQresultErrorMessage(end.get())));
    }
    while (Result rest{PQgetResult(m_conn)}) {
    }
}

void load_edges(PgConnection& pg, std::span<const PgEdge> edges) {
    pg.execute(
        "DROP TABLE IF EXISTS edges;"
        "CREATE TABLE edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL,"
        " cost double precision NOT NULL, reverse_cost double precision NOT NULL DEFAULT -1)");
    std::string data;
    data.reserve(edges.size() * 40);
    for (const PgEdge& e : edges) {
        data += std::to_string(e.id) + ',' + std::to_string(e.source) + ',' +
                std::to_string(e.target) + ',' + e.cost + ",-1\n";
    }
    pg.copy_in("COPY edges (id, source, target, cost, reverse_cost) FROM STDIN (FORMAT csv)", data);
    pg.execute("ANALYZE edges");
}

std::string edges_sql(bool reversed) {
    return reversed
               ? "'SELECT id, target AS source, source AS target, cost, reverse_cost FROM edges'"
               : "'SELECT id, source, target, cost, reverse_cost FROM edges'";
}

}  // namespace muster::bench

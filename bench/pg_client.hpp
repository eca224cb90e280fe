#pragma once
// A minimal libpq client for the pgRouting comparison and benchmark: one connection, queries as
// text, results as strings. The connection comes from the libpq environment (PGHOST, PGPORT,
// PGUSER, PGDATABASE), which scripts/pg_private.sh sets for a private server on a unix
// socket.

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/road_network.hpp"

struct pg_conn;

namespace muster::bench {

/// A failed connection, query or COPY; the message carries PostgreSQL's.
class PgError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Rows of a query result, every value as text; NULL is an empty string.
using PgRows = std::vector<std::vector<std::string>>;

class PgConnection {
  public:
    /// Connects with the libpq environment. Throws PgError.
    PgConnection();
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Runs one or more statements; the rows of the last one. Throws PgError naming the SQL.
    PgRows query(const std::string& sql);
    /// Runs statements whose results are not needed.
    void execute(const std::string& sql) { query(sql); }
    /// COPY ... FROM STDIN with `data` (in the format the statement names). Throws PgError.
    void copy_in(const std::string& copy_statement, const std::string& data);

    /// Whether the libpq environment names a server (PGHOST is set).
    static bool configured();

  private:
    pg_conn* m_conn = nullptr;
};

/// A directed edge as pgRouting sees it. Ids are muster's plus one (pgRouting reserves no id, but
/// 0 and negative ids have special meanings in some of its outputs, e.g. edge -1 ends a path).
struct PgEdge {
    std::int64_t id = 0;
    std::int64_t source = 0;
    std::int64_t target = 0;
    std::string cost;  ///< seconds, as text: exactly what was exported, parsed by PostgreSQL
};

/// pgRouting's ids of muster's nodes and edges: one more (pgRouting counts from 1).
inline std::int64_t pg_vertex(NodeId node) {
    return static_cast<std::int64_t>(node.value()) + 1;
}
inline std::int64_t pg_edge(EdgeId edge) {
    return static_cast<std::int64_t>(edge.value()) + 1;
}
inline NodeId muster_node(std::int64_t vertex) {
    return NodeId(static_cast<std::uint32_t>(vertex - 1));
}

/// (Re)creates table `edges (id, source, target, cost, reverse_cost)` with reverse_cost = -1 (each
/// row is one directed edge) and fills it by COPY.
void load_edges(PgConnection& pg, std::span<const PgEdge> edges);

/// The edges query every pgRouting call takes; `reversed` swaps source and target (searches
/// towards a point, as muster's backward searches).
std::string edges_sql(bool reversed = false);

}  // namespace muster::bench

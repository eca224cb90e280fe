#pragma once
// Test support: a private PostgreSQL server (scripts/pg_private.sh: a unix socket in a temporary
// directory, no TCP) started on first use and stopped when the tests end, and a fresh database
// with PostGIS on it for each test. psql, not muster's client, is the tests' way in.

#include <string>

namespace muster::test {

class PostgisDatabase {
  public:
    /// A new, empty database with PostGIS on the private server, dropped at the end. Throws
    /// std::runtime_error if the server cannot be started.
    PostgisDatabase();
    ~PostgisDatabase();
    PostgisDatabase(const PostgisDatabase&) = delete;
    PostgisDatabase& operator=(const PostgisDatabase&) = delete;

    /// The database in GDAL's "PG:" form, as muster's commands take it.
    const std::string& target() const { return m_target; }
    const std::string& name() const { return m_name; }
    /// Runs SQL with psql: the rows, a line each, columns split by '|'. Throws
    /// std::runtime_error with psql's message if it fails.
    std::string psql(const std::string& sql) const;

  private:
    std::string m_name;
    std::string m_target;
};

}  // namespace muster::test

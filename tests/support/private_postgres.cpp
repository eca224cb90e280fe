#include "tests/support/private_postgres.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "tests/support/muster_cli.hpp"

namespace muster::test {
namespace {

// The server of this test process: started on first use, stopped at exit.
class PrivateServer {
  public:
    PrivateServer() {
        char parent[] = "/tmp/muster-pgtest.XXXXXX";
        if (!mkdtemp(parent))
            throw std::runtime_error("cannot make a temporary directory for PostgreSQL");
        m_parent = parent;
        std::filesystem::permissions(m_parent, std::filesystem::perms(0755));  // for postgres
        m_host = m_parent + "/pg";
        std::string output;
        if (run_command(script() + " start " + quote(m_host), &output) != 0) {
            std::filesystem::remove_all(m_parent);
            throw std::runtime_error("the private PostgreSQL did not start: " + output);
        }
    }
    ~PrivateServer() {
        run_command(script() + " stop " + quote(m_host));
        std::error_code ignored;
        std::filesystem::remove_all(m_parent, ignored);
    }
    const std::string& host() const { return m_host; }

  private:
    static std::string script() { return quote(std::string(MUSTER_SCRIPTS) + "/pg_private.sh"); }
    std::string m_parent;
    std::string m_host;
};

const PrivateServer& server() {
    static const PrivateServer started;
    return started;
}

std::string psql_on(const std::string& database, const std::string& sql) {
    std::string output;
    const std::string command = "psql -X -q -A -t -v ON_ERROR_STOP=1 -h " + quote(server().host()) +
                                " -U postgres -d " + quote(database) + " -c " + quote(sql) +
                                " 2>&1";
    if (run_command(command, &output) != 0)
        throw std::runtime_error("psql: " + sql + ": " + output);
    if (!output.empty() && output.back() == '\n')
        output.pop_back();
    return output;
}

}  // namespace

PostgisDatabase::PostgisDatabase() {
    static std::atomic<int> made = 0;
    m_name = "test_" + std::to_string(getpid()) + "_" + std::to_string(++made);
    psql_on("postgres", "CREATE DATABASE " + m_name);
    psql_on(m_name, "CREATE EXTENSION postgis");
    m_target = "PG:dbname=" + m_name + " host=" + server().host() + " user=postgres";
}

PostgisDatabase::~PostgisDatabase() {
    try {
        psql_on("postgres", "DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (const std::exception&) {
        // the server goes at exit, and the database with it
    }
}

std::string PostgisDatabase::psql(const std::string& sql) const {
    return psql_on(m_name, sql);
}

}  // namespace muster::test

// How fast replicas of `muster serve` on one PostgreSQL database follow each other's changes:
// `scripts/pg_private.sh run bench_replicas [CHANGES=200] [REPLICAS=3]` imports the Malta
// sample's teams and roads into a new database of the private server, starts REPLICAS replicas
// on it, then makes CHANGES team changes, each through the next replica in turn, and times each
// from that replica's 2xx until every other replica answers GET /teams/{id} at the version the
// change made. Prints the median, p95 and worst delay against the issue's 200 ms (p95).

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench/pg_client.hpp"
#include "tests/support/serve_process.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The dispatcher of tests/tools/server/test_serve_tokens.hpp.
constexpr const char* kToken = "dispatcher-test-token";
constexpr const char* kTokenSha256 =
    "a33802fb8c397031efabebff5a33d8a29b837f0e4e25ee187fca118486c5b2e3";

// A libpq environment variable, or `fallback` when it is not set.
std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value ? value : fallback;
}

std::int64_t version_of(const std::string& body) {
    return json::parse(body).at("state").at("version").get<std::int64_t>();
}

}  // namespace

int main(int argc, char** argv) {
    const int changes = argc > 1 ? std::atoi(argv[1]) : 200;
    const int replicas = argc > 2 ? std::atoi(argv[2]) : 3;
    if (!muster::bench::PgConnection::configured() || changes < 1 || replicas < 2) {
        std::fprintf(stderr,
                     "usage: scripts/pg_private.sh run bench_replicas [CHANGES] [REPLICAS>=2]\n");
        return 2;
    }
    const std::string name = "replicas_" + std::to_string(getpid());
    {
        muster::bench::PgConnection pg;
        pg.execute("CREATE DATABASE " + name);
    }
    const std::string target = std::string("PG:dbname=") + name + " host=" + std::getenv("PGHOST") +
                               " port=" + std::getenv("PGPORT") + " user=" + std::getenv("PGUSER");
    const std::string samples = MUSTER_SAMPLES "/malta/";
    const auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "tokens.tsv") << "dispatch-1\tdispatcher\tsha256:" << kTokenSha256 << "\n";
    const std::string import = std::string(MUSTER_BINARY) + " import '" + target + "' --roads '" +
                               samples + "malta-latest.osm.pbf' --teams '" + samples +
                               "teams.geojson' > /dev/null 2>&1";
    if (std::system(("psql -X -q -d " + name + " -c 'CREATE EXTENSION postgis'").c_str()) != 0 ||
        std::system(import.c_str()) != 0) {
        std::fprintf(stderr, "bench_replicas: the import into %s failed\n", target.c_str());
        return 2;
    }

    std::vector<std::unique_ptr<muster::test::ServeProcess>> servers;
    for (int r = 0; r < replicas; ++r) {
        servers.push_back(std::make_unique<muster::test::ServeProcess>(
            MUSTER_BINARY, target, (dir / ("replica" + std::to_string(r) + ".log")).string(),
            std::vector<std::string>{"--tokens", (dir / "tokens.tsv").string()}));
    }
    std::vector<std::unique_ptr<httplib::Client>> clients;
    for (const auto& server : servers)
        clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", server->port()));

    const std::vector<std::string> teams{"amb-n265043219-1", "amb-n265043219-2",
                                         "amb-n1149933546-1"};
    const httplib::Headers headers{{"Authorization", std::string("Bearer ") + kToken}};
    std::vector<double> delays_ms;
    for (int k = 0; k < changes; ++k) {
        const std::size_t writer = static_cast<std::size_t>(k % replicas);
        const std::string path = "/teams/" + teams[static_cast<std::size_t>(k) % teams.size()];
        const std::string body = k / 3 % 2 ? R"({"status": "available"})" : R"({"status": "busy"})";
        const auto changed =
            clients[writer]->Patch(path.c_str(), headers, body, "application/json");
        if (!changed || changed->status != 200) {
            std::fprintf(stderr, "bench_replicas: PATCH %s failed\n", path.c_str());
            return 1;
        }
        const auto acknowledged = Clock::now();
        const std::int64_t version = version_of(changed->body);
        for (std::size_t r = 0; r < clients.size(); ++r) {
            while (r != writer) {
                const auto read = clients[r]->Get(path.c_str());
                if (read && read->status == 200 && version_of(read->body) >= version)
                    break;
                if (Clock::now() - acknowledged > std::chrono::seconds(10)) {
                    std::fprintf(stderr, "bench_replicas: replica %zu never reached version %lld\n",
                                 r, static_cast<long long>(version));
                    return 1;
                }
            }
        }
        delays_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - acknowledged).count());
    }
    std::sort(delays_ms.begin(), delays_ms.end());
    const double median = delays_ms[delays_ms.size() / 2];
    const double p95 = delays_ms[std::min(delays_ms.size() - 1, delays_ms.size() * 95 / 100)];
    std::printf(
        "%d changes through %d replicas on PostGIS (Malta's teams): from the writer's 2xx to "
        "every other replica at the new version\n",
        changes, replicas);
    std::printf("  median %.1f ms, p95 %.1f ms, worst %.1f ms; target p95 <= 200 ms: %s\n", median,
                p95, delays_ms.back(), p95 <= 200 ? "met" : "MISSED");
    servers.clear();
    std::filesystem::remove_all(dir);
    muster::bench::PgConnection pg;
    pg.execute("DROP DATABASE " + name + " WITH (FORCE)");
    return 0;
}

#pragma once
// Test support for the tests of `muster serve`: the real binary started as a child process on
// 127.0.0.1 (--port 0, the port it prints; tests/support/serve_process.hpp), and cpp-httplib
// requests whose JSON answers are parsed.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

using nlohmann::json;

/// `muster serve DB --port 0 ARGS...` (tests/support/serve_process.hpp), its log written afresh.
class Server : public ServeProcess {
  public:
    Server(const std::string& db, const std::string& log, const std::vector<std::string>& args)
        : ServeProcess(MUSTER_BINARY, db, log, args) {}
};

struct Reply {
    int status = 0;
    json body;
    std::string allow;
};

inline Reply reply_of(const httplib::Result& result) {
    REQUIRE(result);  // a connection error otherwise
    Reply reply{result->status, json(), result->get_header_value("Allow")};
    INFO(result->body);
    REQUIRE(result->get_header_value("Content-Type") == "application/json");
    reply.body = json::parse(result->body);
    return reply;
}

inline Reply get(int port, const std::string& target) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Get(target.c_str()));
}

inline Reply post(int port, const std::string& path, const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Post(path.c_str(), body, "application/json"));
}

/// GET that must succeed.
inline json get_ok(int port, const std::string& target) {
    const Reply reply = get(port, target);
    INFO(target << " -> " << reply.body.dump());
    REQUIRE(reply.status == 200);
    return reply.body;
}

/// A database of Malta's roads alone (no resources), imported in `dir`.
inline std::string import_malta_roads(const TempDir& dir) {
    const std::string db = dir.file("malta.sqlite");
    const Run imported = run_muster("import " + quote(db) + " --roads " +
                                    quote(sample("malta/malta-latest.osm.pbf")));
    INFO(imported.output);
    REQUIRE(imported.status == 0);
    return db;
}

}  // namespace muster::test

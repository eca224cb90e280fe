// `muster serve DB [--port 8080] [--host 127.0.0.1] [--hazards SRC] [--no-db-hazards] [--threads
// N]`: the routing queries as a JSON API over HTTP (tools/server/http_service.hpp) on cpp-httplib's
// thread pool, with hazard zones added and lifted by requests while it runs. Prints "listening on
// http://HOST:PORT" on stdout once it accepts connections (with
// --port 0 the system picks the port), logs one line per request on stderr, and stops cleanly,
// finishing the requests under way, on SIGINT or SIGTERM.

#include <httplib.h>
#include <pthread.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include "engine/errors.hpp"
#include "tools/app/query_error.hpp"
#include "tools/cli/commands.hpp"
#include "tools/server/http_service.hpp"

namespace muster::tools {
namespace {

struct ServeOptions {
    std::string database;
    std::string host = "127.0.0.1";
    int port = 8080;
    std::vector<std::string> hazards;
    bool no_db_hazards = false;
    bool no_ferries = false;
    unsigned threads = 0;  ///< 0: the hardware's concurrency
    std::string tokens;    ///< who may write (tools/server/access_tokens.hpp); none: read-only
};

/// "2026-11-29T01:02:03.456Z".
std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return text;
}

/// One line to stderr in a single write, so that lines of concurrent requests do not interleave.
void log_line(std::string line) {
    line += '\n';
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

void send(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void serve_request(QueryService& service, const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    // The query string only: httplib also puts a form-encoded body into req.params (curl -d sends
    // JSON under that content type), and a POST's body is JSON.
    httplib::Params query;
    if (const auto mark = req.target.find('?'); mark != std::string::npos) {
        httplib::detail::parse_query_text(req.target.substr(mark + 1), query);
    }
    HttpRequest request{req.method,
                        req.path,
                        {query.begin(), query.end()},
                        req.body,
                        req.get_header_value("Authorization")};
    const HttpResponse response = service.handle(request);
    send(res, response.status, response.body);
    if (!response.allow.empty())
        res.set_header("Allow", response.allow);
    if (!response.www_authenticate.empty())
        res.set_header("WWW-Authenticate", response.www_authenticate);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f ms", ms);
    log_line(utc_now() + " " + req.method + " " + req.target + " " +
             std::to_string(response.status) + " " + duration);
}

void run_serve(const ServeOptions& options) {
    if (options.port < 0 || options.port > 65535) {
        throw QueryError(ErrorCode::InvalidValue, "--port: must be in 0..65535");
    }
    HazardOptions hazards;
    hazards.stored = !options.no_db_hazards;
    hazards.sources = options.hazards;
    hazards.ferries_closed = options.no_ferries;
    AccessPolicy access;
    if (!options.tokens.empty())
        access = AccessPolicy(TokenTable::read(options.tokens));
    QueryService service(options.database, hazards, std::cerr, std::move(access));

    // SIGINT and SIGTERM are blocked in every thread (the pool's threads inherit the mask) and
    // taken by one thread with sigwait, which stops the server outside any signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    const unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(std::size_t{1} << 20);
    // Answers go out at once: without it a keep-alive client's next request waited ~40 ms for
    // Nagle's algorithm and the delayed ACK (measured on /nearest: 44 ms instead of ~1 ms).
    server.set_tcp_nodelay(true);
    const auto handler = [&service](const httplib::Request& req, httplib::Response& res) {
        serve_request(service, req, res);
    };
    server.Get(".*", handler).Post(".*", handler).Put(".*", handler).Patch(".*", handler);
    server.Delete(".*", handler).Options(".*", handler);
    // What httplib refuses itself (a malformed request, an unknown method, a body over the limit)
    // still gets a JSON body.
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty())
            return;
        send(res, res.status,
             res.status == 413
                 ? error_json(ErrorCode::PayloadTooLarge, "the body is larger than 1 MiB")
                 : error_json(ErrorCode::BadRequest, "the HTTP request was refused (status " +
                                                         std::to_string(res.status) + ")"));
        log_line(utc_now() + " " + req.method + " " + req.target + " " +
                 std::to_string(res.status));
    });

    int port = options.port;
    if (port == 0) {
        port = server.bind_to_any_port(options.host);
    } else if (!server.bind_to_port(options.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        throw InputError("cannot listen on " + options.host + ":" + std::to_string(options.port));
    }

    std::thread waiter([&server, &stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
    });
    std::cout << "listening on http://" << options.host << ":" << port << " with " << threads
              << " threads" << std::endl;
    const bool ok = server.listen_after_bind();
    pthread_kill(waiter.native_handle(),
                 SIGTERM);  // wakes the waiter if the server stopped by itself
    waiter.join();
    log_line(utc_now() + " stopped");
    if (!ok)
        throw Error("the server stopped accepting connections");
}

}  // namespace

void add_serve_command(CLI::App& app) {
    auto options = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand(
        "serve",
        "answer nearest, route, matrix and isochrone queries over HTTP (JSON); hazard zones are "
        "added (POST /hazards) and lifted (DELETE /hazards/ID) while it runs");
    cmd->add_option("database", options->database, "SpatiaLite resource database")->required();
    cmd->add_option("--host", options->host, "address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", options->port,
                    "port to listen on (default 8080; 0: any free port, printed)");
    cmd->add_option("--hazards", options->hazards,
                    "ad-hoc hazard polygons, PATH[:LAYER][?WHERE], any GDAL format (repeatable); "
                    "applied on top "
                    "of the database's hazards to every query")
        ->allow_extra_args(false);
    cmd->add_flag("--no-db-hazards", options->no_db_hazards,
                  "ignore the hazard zones stored in the database (they apply by default)");
    cmd->add_flag("--no-ferries", options->no_ferries,
                  "start with every ferry out of service (zone 'ferries'; DELETE /hazards/ferries "
                  "puts them back)");
    cmd->add_option("--threads", options->threads,
                    "worker threads (default: the hardware's concurrency)")
        ->check(CLI::Range(1u, 1024u));
    cmd->add_option("--tokens", options->tokens,
                    "who may add and lift hazards: a file of `muster token` (without it the "
                    "service is read-only)");
    cmd->callback([options] { run_serve(*options); });
}

}  // namespace muster::tools

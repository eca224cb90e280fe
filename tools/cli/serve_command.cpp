// `muster serve DB [--port 8080] [--host 127.0.0.1] [--hazards SRC] [--no-db-hazards] [--threads
// N] [--header-timeout S] [--body-timeout S] [--idle-timeout S] [--console DIR]`: the routing
// queries as a JSON API over HTTP (tools/server/http_service.hpp) behind the event-driven front of
// tools/server/http_front.hpp (its deadlines and its way of stopping are documented there), with
// hazard zones added and lifted by requests while it runs, and the changes followed live on GET
// /events/stream (tools/server/event_stream.hpp), and the console's web page at /
// (tools/server/static_files.hpp). Prints "listening on http://HOST:PORT
// with N threads" on stdout once it accepts connections (with --port 0 the system picks the port),
// logs one line per request on stderr, and stops on SIGINT or SIGTERM within 5 s.

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "engine/errors.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/terminal_progress.hpp"
#include "tools/server/event_stream.hpp"
#include "tools/server/http_front.hpp"
#include "tools/server/http_service.hpp"
#include "tools/server/static_files.hpp"

// The console's folder in the source tree (tools/cli/CMakeLists.txt), served unless --console.
#ifndef MUSTER_CONSOLE_DIR
#define MUSTER_CONSOLE_DIR "console"
#endif

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
    double header_timeout_s = 10, body_timeout_s = 30, idle_timeout_s = 60;
    std::string console;                ///< the console's folder; empty: MUSTER_CONSOLE_DIR
    std::vector<std::string> profiles;  ///< the networks served; empty: every one stored
};

std::chrono::milliseconds milliseconds(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0 + 0.5));
}

/// Every connection is a file descriptor: take all the process may have (the soft limit is often
/// 1,024, the hard one much more).
void raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

/// The console's files: from --console DIR, which must hold index.html, or else from the source
/// tree's folder, which may be gone (GET / then answers 404, and a note says why).
StaticFiles console_files(const std::string& console) {
    const std::string folder = console.empty() ? MUSTER_CONSOLE_DIR : console;
    if (!std::filesystem::is_regular_file(std::filesystem::path(folder) / "index.html")) {
        if (!console.empty())
            throw InputError("--console: no index.html in " + folder);
        std::cerr << "note: no console in " << folder
                  << " (GET / answers 404; --console DIR names its folder)\n";
    }
    return StaticFiles(folder, std::string(kDebianLeafletDir));
}

void run_serve(const ServeOptions& options) {
    if (options.port < 0 || options.port > 65535) {
        throw QueryError(ErrorCode::InvalidValue, "--port: must be in 0..65535");
    }
    const StaticFiles console = console_files(options.console);
    HazardOptions hazards;
    hazards.stored = !options.no_db_hazards;
    hazards.sources = options.hazards;
    hazards.ferries_closed = options.no_ferries;
    AccessPolicy access;
    if (!options.tokens.empty())
        access = AccessPolicy(TokenTable::read(options.tokens));
    // A province's networks take a while to load: each step on stderr, as muster import's.
    TerminalProgress progress(stderr);
    std::vector<Profile> profiles;
    for (const std::string& name : options.profiles)
        profiles.push_back(parse_profile(name, "--profiles"));
    // Blocks of a megabyte or more (a province's per-node arrays, and the vectors they are built
    // in) are mapped on their own, so a freed one goes back to the system; glibc would otherwise
    // raise that threshold past each freed block and keep the next ones in its heap for good.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    QueryService service(options.database, hazards, std::cerr, std::move(access), &progress,
                         std::move(profiles));
    malloc_trim(0);  // what the start-up freed in the heaps' middles, as well as at their tops
    raise_open_file_limit();

    // SIGINT and SIGTERM are blocked in every thread (the front's threads inherit the mask) and
    // taken by one thread with sigwait, which stops the front outside any signal handler.
    const sigset_t stop_signals = stop_signal_set();
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    FrontOptions front_options;
    front_options.host = options.host;
    front_options.port = options.port;
    front_options.threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    front_options.header_timeout = milliseconds(options.header_timeout_s);
    front_options.body_timeout = milliseconds(options.body_timeout_s);
    front_options.idle_timeout = milliseconds(options.idle_timeout_s);
    EventSource events;
    events.events_since = [&service](std::int64_t seq, std::size_t limit) {
        return service.committed_events_since(seq, limit);
    };
    events.subscribe = [&service](EventFeed::Listener listener) {
        return service.subscribe(std::move(listener));
    };
    events.version = [&service] { return service.state_version(); };
    // The console's files first, then the endpoints.
    const auto handler = [&service, &console](const HttpRequest& request) {
        if (auto file = console.answer(request))
            return std::move(*file);
        return service.handle(request);
    };
    HttpFront front(handler, front_options, {event_stream_endpoint(std::move(events))});

    std::thread waiter([&front, &stop_signals] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        front.stop();
    });
    std::cout << "listening on http://" << options.host << ":" << front.port() << " with "
              << front_options.threads << " threads" << std::endl;
    const bool workers_idle = front.run();
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if the front stopped itself
    waiter.join();
    if (!workers_idle) {
        // A worker is still computing with the service: end here rather than destroy it under
        // the worker.
        std::cout.flush();
        std::_Exit(EXIT_SUCCESS);
    }
}

}  // namespace

void add_serve_command(CLI::App& app) {
    auto options = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand(
        "serve",
        "answer routing, coverage and relief queries over HTTP (JSON) and take changes to hazard "
        "zones, teams, incidents and facilities while it runs, each stored in the database and "
        "followed on /events (`muster serve --help` lists the endpoints)");
    // Every endpoint of tools/server/http_service.cpp's list (and the event stream), by group.
    cmd->footer(
        "endpoints (GET also HEAD; every write needs a token of --tokens):\n"
        "  queries     GET or POST /nearest, /route, /matrix, /isochrone, /coverage;\n"
        "              POST /allocate, /mci; GET /health\n"
        "  hazards     GET, POST /hazards; GET, DELETE /hazards/ID\n"
        "  teams       GET /teams; GET, PATCH /teams/ID\n"
        "  incidents   GET, POST /incidents; GET, PATCH /incidents/ID;\n"
        "              POST /incidents/ID/dispatch, /incidents/ID/close\n"
        "  facilities  GET /shelters, /hospitals, /depots;\n"
        "              GET, PATCH /shelters/ID, /hospitals/ID, /depots/ID\n"
        "  events      GET /events (paged), /events/stream (server-sent events)\n"
        "  map         GET /map/roads?bbox=MINLON,MINLAT,MAXLON,MAXLAT[&min_class=CLASS]\n"
        "              (the roads in the box as GeoJSON, at most 20,000, highest classes kept)\n"
        "  console     GET / (the console's web page), /console/FILE, /lib/leaflet/FILE\n"
        "              (Leaflet from Debian's libjs-leaflet, /usr/share/javascript/leaflet)");
    cmd->add_option("database", options->database, kDatabaseHelp)->required();
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
    cmd->add_option("--profiles", options->profiles,
                    "the networks to serve, drive and/or walk, comma-separated (default: each "
                    "one stored); a province's dispatch service may leave walking out")
        ->delimiter(',');
    cmd->add_option("--threads", options->threads,
                    "worker threads (default: the hardware's concurrency)")
        ->check(CLI::Range(1u, 1024u));
    cmd->add_option("--tokens", options->tokens,
                    "who may change hazards, teams, incidents and facilities: a file of `muster "
                    "token` (without it the service is read-only)");
    cmd->add_option("--header-timeout", options->header_timeout_s,
                    "seconds a request's headers may take from its first byte (default 10; then "
                    "408 and the connection closes)")
        ->check(CLI::Range(0.001, 3600.0));
    cmd->add_option("--body-timeout", options->body_timeout_s,
                    "seconds a request's body may take after its headers (default 30; then 408)")
        ->check(CLI::Range(0.001, 3600.0));
    cmd->add_option(
           "--idle-timeout", options->idle_timeout_s,
           "seconds a keep-alive connection may wait idle before it is closed (default 60)")
        ->check(CLI::Range(0.001, 3600.0));
    cmd->add_option(
        "--console", options->console,
        "folder of the console's web page served at / (index.html, its scripts and "
        "styles; default: the console/ folder of muster's source tree, " MUSTER_CONSOLE_DIR ")");
    cmd->callback([options] { run_serve(*options); });
}

}  // namespace muster::tools

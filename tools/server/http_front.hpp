#pragma once
// The HTTP front of `muster serve`: sockets in, HttpRequest to a handler (QueryService::handle),
// HttpResponse out (tools/server/http_service.hpp). Event-driven on Boost.Beast/Asio: one I/O
// thread accepts, reads and writes every connection asynchronously, and only a complete request
// goes to a pool of worker threads, so an idle or slow client holds a socket and a timer, never a
// worker. Thousands of open connections cost nothing to the others.
//
// Requests: the query string is decoded as cpp-httplib did (`+` is a space, %XX a byte; pairs
// sorted by name, a pair given twice identically counted once), the path %XX-decoded, the
// Authorization header passed on. GET, POST, PUT, PATCH, DELETE, OPTIONS and HEAD reach the
// handler; another method, a malformed request or headers over 64 KiB are answered 400, a body
// over the limit (1 MiB) 413, both with a JSON error body, and the connection is closed. Answers
// are `Content-Type: application/json` unless the handler gives a text of another type (the
// console's files), with `Allow` when the handler sets it; keep-alive and
// pipelining are supported, TCP_NODELAY is on. Each request is logged on stderr in one write():
// `<utc time> METHOD TARGET STATUS <ms> ms`, the time from the request read to its answer ready.
//
// Deadlines (FrontOptions): a request's headers must arrive within header_timeout (10 s) of its
// first byte, its body within body_timeout (30 s) of its headers, and a keep-alive connection
// idle for idle_timeout (60 s) is closed. A request over its deadline is answered 408 and its
// connection closed; an idle one is closed silently. The computation itself has no deadline, but
// a client that closes its connection before its answer (or resets it) stops it: the request's
// HttpRequest::stop is requested, the line logged with status 499 (nginx's "client closed
// request") and the connection closed.
//
// Streams (StreamEndpoint, e.g. GET /events/stream): a GET of a streamed path that its open()
// accepts becomes a stream connection (tools/server/stream_connection.hpp), sent what its source
// gives until either side ends it; a HEAD gets the stream's headers alone, another method 405.
//
// Stopping (stop(), from any thread, e.g. on SIGTERM): the listening socket closes at once, idle
// and half-read connections are closed, requests queued or computing get up to stop_grace (2 s)
// to finish; those still unanswered then get 503 {"code": "ServiceStopping", "message": "the
// service is stopping"} and their work is stopped (HttpRequest::stop), and run() returns within a
// second more. A worker still computing is
// abandoned: run() says so, and the caller must then end the process without destroying what the
// handler uses.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tools/server/http_service.hpp"

namespace muster::tools {

struct FrontOptions {
    std::string host = "127.0.0.1";
    int port = 8080;       ///< 0: any free port (port() says which)
    unsigned threads = 1;  ///< workers running the handler
    std::chrono::milliseconds header_timeout{10'000};
    std::chrono::milliseconds body_timeout{30'000};
    std::chrono::milliseconds idle_timeout{60'000};
    std::chrono::milliseconds stop_grace{2'000};
    std::size_t body_limit = std::size_t{1} << 20;
    std::chrono::milliseconds stream_heartbeat{15'000};
};

/// What an open stream's source may ask of the front.
struct StreamControl {
    /// Says the source has more to send: the front calls take() soon, on its I/O thread. Callable
    /// from any thread, cheap, never blocks (e.g. from the writer of the live state).
    std::function<void()> wake;
    /// Ends the stream (e.g. its client fell too far behind), even while a write is under way.
    /// From any thread, as wake.
    std::function<void()> end;
    /// Runs `task` on a worker (e.g. a database read), not on the I/O thread. A task not started
    /// when the front stops is dropped.
    std::function<void(std::function<void()> task)> run_in_background;
};

/// The content of one open stream. start() and take() are called on the front's I/O thread; the
/// source is destroyed there when the stream closes.
class StreamSource {
  public:
    virtual ~StreamSource() = default;
    /// The stream is open (its headers sent): call control.wake whenever there is more to take.
    virtual void start(StreamControl control) = 0;
    /// The text to send now (empty: nothing yet), or nothing to end the stream. Called after a
    /// wake and whenever the last text has been sent, never while text is being sent.
    virtual std::optional<std::string> take() = 0;
};

/// A path the front streams (see the top of this file).
struct StreamEndpoint {
    using Opened = std::variant<std::unique_ptr<StreamSource>, HttpResponse>;
    std::string path;
    /// The stream for a GET of `path`, or the answer refusing it (e.g. 400 for a bad parameter).
    /// Called on the I/O thread: it must not block.
    std::function<Opened(const HttpRequest&)> open;
};

class HttpFront {
  public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    /// Listens on options.host:options.port and starts the workers (block the signals they must
    /// not take before). Throws InputError if it cannot listen there.
    /// `streams`: the paths the front streams itself (StreamEndpoint).
    HttpFront(Handler handler, const FrontOptions& options,
              std::vector<StreamEndpoint> streams = {});
    HttpFront(const HttpFront&) = delete;
    HttpFront& operator=(const HttpFront&) = delete;
    /// Joins the workers: call it only when run() returned true.
    ~HttpFront();

    /// The port listened on.
    int port() const;

    /// Serves on the calling thread until stop(), then logs "<utc time> stopped". True if every
    /// worker is idle; false if one is still computing (abandoned: end the process with _Exit).
    bool run();

    /// Begins stopping (see above). Thread-safe, and safe before run().
    void stop();

    /// The sockets, timers and workers (http_front.cpp); public only so that the connections
    /// defined there can name it.
    struct Impl;

  private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace muster::tools

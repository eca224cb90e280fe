#include "tools/server/http_front.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "engine/utc_time.hpp"
#include "tools/app/error_codes.hpp"
#include "tools/server/front_core.hpp"
#include "tools/server/stream_connection.hpp"

namespace muster::tools {

void front::log_line(std::string line) {
    line += '\n';
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using front::log_line;

constexpr std::uint32_t kHeaderLimit = 64 * 1024;
/// How long a closing connection may take to send the rest of what it was sending (so that the
/// answer is not lost to a reset) when no request deadline applies.
constexpr std::chrono::seconds kLinger{2};
/// How long run() waits after the grace for the 503s to go out.
constexpr std::chrono::seconds kLastWrites{1};
/// The pause before accepting again when accept fails (out of file descriptors).
constexpr std::chrono::milliseconds kAcceptRetry{100};

/// %XX as a byte (a % without two hex digits stays as it is) and, if plus_is_space, + as a space.
std::string decode_url(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

/// The pairs of a query string, as cpp-httplib's parse_query_text gave them: split at '&' (empty
/// pieces skipped), NAME=VALUE at the first '=', a pair repeated verbatim counted once, pairs
/// without a name dropped, sorted by name (a multimap's order: equal names as given).
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::set<std::string_view> seen;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view piece = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (piece.empty() || !seen.insert(piece).second)
            continue;
        const auto eq = piece.find('=');
        const std::string_view name = piece.substr(0, eq);
        if (name.empty())
            continue;
        pairs.emplace_back(decode_url(name, true), eq == std::string_view::npos
                                                       ? std::string()
                                                       : decode_url(piece.substr(eq + 1), true));
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return pairs;
}

bool handled_method(std::string_view method) {
    static constexpr std::array<std::string_view, 7> kMethods{"GET",    "POST",    "PUT", "PATCH",
                                                              "DELETE", "OPTIONS", "HEAD"};
    return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

/// An answer as it is sent: the JSON body already written out as text.
struct WrittenAnswer {
    int status = 200;
    std::string body;
    std::string allow;             ///< the Allow header, if any
    std::string www_authenticate;  ///< the WWW-Authenticate header, if any
    std::string content_type = "application/json";
};

WrittenAnswer written(HttpResponse response) {
    if (response.text) {  // a file of the console, sent as it is
        return {response.status, std::move(*response.text), std::move(response.allow),
                std::move(response.www_authenticate), std::move(response.content_type)};
    }
    return {response.status, response.body.dump(), std::move(response.allow),
            std::move(response.www_authenticate)};
}

std::string seconds_text(std::chrono::milliseconds d) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", static_cast<double>(d.count()) / 1000.0);
    return text;
}

/// One client connection, driven by the I/O thread: wait for a request, read its headers and
/// body under their deadlines, hand it to a worker, write the answer, and again while it keeps
/// alive.
class Connection : public front::Session, public std::enable_shared_from_this<Connection> {
  public:
    Connection(HttpFront::Impl& front, tcp::socket socket)
        : m_front(front), m_socket(std::move(socket)), m_timer(front.io) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { forget(); }

    void start() {
        m_front.connections.emplace(this, weak_from_this());
        boost::system::error_code ignored;
        m_socket.set_option(tcp::no_delay(true), ignored);
        next_request();
    }

    void on_stop() override {
        if (m_state == State::Idle || m_state == State::Header || m_state == State::Body)
            close();
    }

    void on_grace_over() override {
        if (m_state == State::Working) {
            answer_error(503, ErrorCode::ServiceStopping, "the service is stopping");
            m_stop.request_stop();  // the worker's answer is no longer wanted
        }
    }

  private:
    enum class State { Idle, Header, Body, Working, Writing, Lingering, Closed };

    void next_request() {
        m_parser.emplace();
        m_parser->header_limit(kHeaderLimit);
        m_parser->body_limit(m_front.options.body_limit);
        m_method.clear();
        m_target.clear();
        if (m_buffer.size() > 0) {  // pipelined
            read_header();
            return;
        }
        m_state = State::Idle;
        arm(m_front.options.idle_timeout);
        m_socket.async_wait(tcp::socket::wait_read,
                            [self = shared_from_this()](const boost::system::error_code& ec) {
                                if (self->m_state != State::Idle)
                                    return;
                                if (ec)
                                    return self->close();
                                self->read_header();
                            });
    }

    void read_header() {
        m_state = State::Header;
        arm(m_front.options.header_timeout);
        http::async_read_header(
            m_socket, m_buffer, *m_parser,
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (self->m_state != State::Header)
                    return;
                if (ec)
                    return self->refuse(ec);
                self->on_header();
            });
    }

    void on_header() {
        const auto& request = m_parser->get();
        m_method = std::string(request.method_string());
        m_target = std::string(request.target());
        if (!handled_method(m_method)) {
            return answer_error(400, ErrorCode::BadRequest,
                                "the method " + m_method + " is not supported");
        }
        m_state = State::Body;
        arm(m_front.options.body_timeout);
        if (m_parser->is_done())
            return dispatch();
        const auto expect = request[http::field::expect];
        if (beast::iequals(expect, "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            return send_then(kContinue, &Connection::read_body);
        }
        read_body();
    }

    void read_body() {
        http::async_read(
            m_socket, m_buffer, *m_parser,
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (self->m_state != State::Body)
                    return;
                if (ec)
                    return self->refuse(ec);
                self->dispatch();
            });
    }

    /// A request that could not be read: the client went away, or it is refused.
    void refuse(const boost::system::error_code& ec) {
        if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted || ec == http::error::partial_message ||
            ec == asio::error::eof) {
            return close();
        }
        note_request_line();
        if (ec == http::error::body_limit) {
            return answer_error(413, ErrorCode::PayloadTooLarge, "the body is larger than 1 MiB");
        }
        answer_error(400, ErrorCode::BadRequest, "the HTTP request is malformed: " + ec.message());
    }

    /// The method and target of a request refused before its headers were all read, for the
    /// log (empty if its request line was not read either).
    void note_request_line() {
        if (m_method.empty()) {
            m_method = std::string(m_parser->get().method_string());
            m_target = std::string(m_parser->get().target());
        }
    }

    void dispatch() {
        m_state = State::Working;
        m_timer.cancel();
        m_ready = Clock::now();
        auto& message = m_parser->get();
        HttpRequest request;
        request.method = m_method;
        const std::string_view target = m_target;
        const auto mark = target.find('?');
        request.path = decode_url(target.substr(0, mark), false);
        if (mark != std::string_view::npos)
            request.query = parse_query(target.substr(mark + 1));
        request.body = std::move(message.body());
        request.authorization = std::string(message[http::field::authorization]);
        request.last_event_id = std::string(message["Last-Event-ID"]);
        m_stop = {};
        request.stop = m_stop.get_token();
        m_keep_alive = message.keep_alive();
        m_head = message.method() == http::verb::head;
        if (const StreamEndpoint* stream = m_front.stream_at(request.path))
            return open_stream(*stream, request);
        m_front.workers.submit([self = shared_from_this(), request = std::move(request)]() mutable {
            // The answer is written out as text (and its JSON freed) here, on the worker: the one
            // I/O thread serves every connection and must only send it.
            WrittenAnswer response;
            try {
                HttpResponse answer = self->m_front.handler(request);
                // Stopped meanwhile, the answer is dropped (its client gone, or the service
                // stopping): it is not written out, which for a large one takes a while.
                if (!request.stop.stop_requested())
                    response = written(std::move(answer));
            } catch (const std::exception& e) {
                response = written({500, error_json(ErrorCode::InternalError, e.what()), {}, {}});
            }
            // The connection is released on the I/O thread, the only one that may touch it.
            auto& io = self->m_front.io;
            asio::post(io, [self = std::move(self), response = std::move(response)]() mutable {
                if (self->m_state == State::Working)
                    self->answer(std::move(response));
            });
        });
        watch_for_hangup();
    }

    /// While a worker computes the answer: a client that closes its connection (a FIN, even a
    /// half-close, as nginx takes it, or a reset) has gone, and the work is stopped
    /// (HttpRequest::stop). A pipelined next request ends the watch: it is read after this answer.
    void watch_for_hangup() {
        m_socket.async_wait(tcp::socket::wait_read, [self = shared_from_this()](
                                                        const boost::system::error_code& ec) {
            if (ec || self->m_state != State::Working)
                return;
            char byte;
            const ssize_t n =
                ::recv(self->m_socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            if (n > 0)
                return;  // the next request
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
                return self->watch_for_hangup();
            self->hang_up();
        });
    }

    /// The client went before its answer: logged with nginx's 499 (client closed request), its
    /// work stopped, the connection closed; the worker's answer, when it comes, is dropped.
    void hang_up() {
        m_stop.request_stop();
        log_answer(499, " (client closed the connection)");
        close();
    }

    /// A request for a stream: opened, the socket goes to the stream and this connection ends;
    /// refused, answered as any request.
    void open_stream(const StreamEndpoint& stream, const HttpRequest& request) {
        if (request.method != "GET" && request.method != "HEAD") {
            m_keep_alive = false;
            return answer(
                written({405,
                         error_json(ErrorCode::MethodNotAllowed, request.path + " takes GET, HEAD"),
                         "GET, HEAD",
                         {}}));
        }
        StreamEndpoint::Opened opened;
        try {
            opened = stream.open(request);
        } catch (const std::exception& e) {
            opened = HttpResponse{500, error_json(ErrorCode::InternalError, e.what()), {}, {}};
        }
        if (auto* refusal = std::get_if<HttpResponse>(&opened))
            return answer(written(std::move(*refusal)));
        if (m_head)
            return answer_stream_head();
        log_answer(200, " (stream opened)");
        m_state = State::Closed;
        m_timer.cancel();
        front::open_stream(m_front, std::move(m_socket),
                           std::move(std::get<std::unique_ptr<StreamSource>>(opened)));
        forget();
    }

    /// A HEAD of a stream: the headers a GET would start with, then the connection closed (a
    /// stream has no length to announce). The stream opened to check the request is dropped.
    void answer_stream_head() {
        log_answer(200);
        m_state = State::Writing;
        m_keep_alive = false;
        arm(m_front.options.body_timeout);
        send_then(front::kStreamHeaders, &Connection::linger);
    }

    /// Sends `text` (which outlives the write), then calls `then` if the connection is still in
    /// the state it was in; a failed write closes it.
    void send_then(std::string_view text, void (Connection::*then)()) {
        asio::async_write(m_socket, asio::buffer(text.data(), text.size()),
                          [self = shared_from_this(), state = m_state, then](
                              const boost::system::error_code& ec, std::size_t) {
                              if (self->m_state != state)
                                  return;
                              if (ec)
                                  return self->close();
                              ((*self).*then)();
                          });
    }

    void answer_error(int status, ErrorCode code, const std::string& message) {
        m_keep_alive = false;
        if (m_state != State::Working)
            m_ready = Clock::now();
        answer(written({status, error_json(code, message), {}, {}}));
    }

    void answer(WrittenAnswer answer) {
        if (m_front.stopping)
            m_keep_alive = false;
        // A read, or the watch for a hangup, may still be pending: it ends with operation_aborted.
        const bool was_waiting =
            m_state == State::Header || m_state == State::Body || m_state == State::Working;
        m_state = State::Writing;
        m_timer.cancel();
        if (was_waiting) {
            boost::system::error_code ignored;
            m_socket.cancel(ignored);
        }
        m_response = {};
        m_response.result(static_cast<unsigned>(answer.status));
        m_response.set(http::field::content_type, answer.content_type);
        if (!answer.allow.empty())
            m_response.set(http::field::allow, answer.allow);
        if (!answer.www_authenticate.empty())
            m_response.set(http::field::www_authenticate, answer.www_authenticate);
        m_response.keep_alive(m_keep_alive);
        m_response.body() = std::move(answer.body);
        m_response.prepare_payload();
        if (m_head)
            m_response.body().clear();  // Content-Length stays the body's

        log_answer(answer.status);

        // A response that is too slow to leave (a client not reading) falls under the body
        // deadline.
        arm(m_front.options.body_timeout);
        http::async_write(
            m_socket, m_response,
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (self->m_state != State::Writing)
                    return;
                if (ec)
                    return self->close();
                if (!self->m_keep_alive || self->m_front.stopping)
                    return self->linger();
                self->m_head = false;
                self->next_request();
            });
    }

    /// The request's log line: time, method, target, status, the time from the request read.
    void log_answer(int status, std::string_view note = {}) {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - m_ready).count();
        char duration[32];
        std::snprintf(duration, sizeof duration, "%.3f ms", ms);
        log_line(utc_now_ms() + " " + (m_method.empty() ? "-" : m_method) + " " +
                 (m_target.empty() ? "-" : m_target) + " " + std::to_string(status) + " " +
                 duration + std::string(note));
    }

    /// Sends FIN and reads what the client still sends until it closes (or kLinger / the body
    /// deadline passes), so that the answer is not lost to a reset.
    void linger() {
        m_state = State::Lingering;
        boost::system::error_code ignored;
        m_socket.shutdown(tcp::socket::shutdown_send, ignored);
        arm(std::max<std::chrono::milliseconds>(kLinger, m_front.options.body_timeout));
        drain();
    }

    void drain() {
        m_socket.async_read_some(
            asio::buffer(m_scratch),
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (self->m_state != State::Lingering)
                    return;
                if (ec)
                    return self->close();
                self->drain();
            });
    }

    void close() {
        if (m_state == State::Closed)
            return;
        m_state = State::Closed;
        m_timer.cancel();
        boost::system::error_code ignored;
        m_socket.close(ignored);
        forget();
    }

    /// Out of the front's list of open connections (a worker may still hold this one while it
    /// computes an answer nobody will read).
    void forget() { m_front.forget(this); }

    /// The deadline of the current state: at `after` from now, if the state has not changed, a
    /// request under way is answered 408 and the connection closed.
    void arm(std::chrono::milliseconds after) {
        const State state = m_state;
        const unsigned generation = ++m_generation;
        m_timer.expires_after(after);
        m_timer.async_wait([self = shared_from_this(), state, generation,
                            after](const boost::system::error_code& ec) {
            if (ec || self->m_generation != generation || self->m_state != state)
                return;
            if (state == State::Header || state == State::Body) {
                self->note_request_line();
                return self->answer_error(408, ErrorCode::BadRequest,
                                          std::string("the request's ") +
                                              (state == State::Header ? "headers" : "body") +
                                              " did not arrive within " + seconds_text(after));
            }
            self->close();
        });
    }

    HttpFront::Impl& m_front;
    tcp::socket m_socket;
    asio::steady_timer m_timer;
    unsigned m_generation = 0;
    State m_state = State::Idle;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::string m_method, m_target;
    bool m_keep_alive = true;
    bool m_head = false;
    Clock::time_point m_ready;
    std::stop_source m_stop;  ///< of the request being computed
    http::response<http::string_body> m_response;
    std::array<char, 16 * 1024> m_scratch;
};

}  // namespace

void HttpFront::Impl::listen() {
    boost::system::error_code ec;
    tcp::resolver resolver(io);
    const auto endpoints =
        resolver.resolve(options.host, std::to_string(options.port),
                         tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    for (const auto& entry : endpoints) {
        acceptor.open(entry.endpoint().protocol(), ec);
        if (ec)
            continue;
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        acceptor.bind(entry.endpoint(), ec);
        if (!ec)
            acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (!ec)
            return;
        acceptor.close();
    }
    throw InputError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                     (ec ? " (" + ec.message() + ")" : std::string()));
}

void HttpFront::Impl::accept() {
    acceptor.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
        if (stopping)
            return;
        if (ec) {  // e.g. out of file descriptors: try again shortly rather than spin
            accept_retry.expires_after(kAcceptRetry);
            accept_retry.async_wait([this](const boost::system::error_code& wait_ec) {
                if (!wait_ec && !stopping)
                    accept();
            });
            return;
        }
        std::make_shared<Connection>(*this, std::move(socket))->start();
        accept();
    });
}

void HttpFront::Impl::begin_stop() {
    if (stopping)
        return;
    stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    accept_retry.cancel();
    for (auto& [address, weak] : std::vector(connections.begin(), connections.end())) {
        if (auto session = weak.lock())
            session->on_stop();
    }
    stop_timer.expires_after(options.stop_grace);
    stop_timer.async_wait([this](const boost::system::error_code& ec) {
        if (!ec)
            end_grace();
    });
    finish_if_done();
}

void HttpFront::Impl::end_grace() {
    for (auto& [address, weak] : std::vector(connections.begin(), connections.end())) {
        if (auto session = weak.lock())
            session->on_grace_over();
    }
    {
        // Dropped here, on the I/O thread, with the connections they hold.
        const auto dropped = workers.take_queued();
    }
    stop_timer.expires_after(kLastWrites);
    stop_timer.async_wait([this](const boost::system::error_code& ec) {
        if (!ec)
            io.stop();
    });
    finish_if_done();
}

void HttpFront::Impl::finish_if_done() {
    if (stopping && connections.empty())
        io.stop();
}

const StreamEndpoint* HttpFront::Impl::stream_at(std::string_view path) const {
    for (const StreamEndpoint& stream : streams) {
        if (stream.path == path)
            return &stream;
    }
    return nullptr;
}

void HttpFront::Impl::forget(const front::Session* session) {
    if (connections.erase(session) > 0)
        finish_if_done();
}

HttpFront::HttpFront(Handler handler, const FrontOptions& options,
                     std::vector<StreamEndpoint> streams)
    : m_impl(std::make_unique<Impl>(std::move(handler), options, std::move(streams))) {
    m_impl->listen();
}

HttpFront::~HttpFront() = default;

int HttpFront::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

bool HttpFront::run() {
    m_impl->accept();
    m_impl->io.run();
    log_line(utc_now_ms() + " stopped");
    return m_impl->workers.idle();
}

void HttpFront::stop() {
    asio::post(m_impl->io, [impl = m_impl.get()] { impl->begin_stop(); });
}

}  // namespace muster::tools

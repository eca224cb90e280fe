#include "tools/server/stream_connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace muster::tools::front {

const std::string_view kStreamHeaders =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream\r\n"
    "Cache-Control: no-cache\r\n"
    "X-Accel-Buffering: no\r\n"  // tells a proxy (nginx) not to hold the events back
    "Connection: close\r\n"
    "\r\n";

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kHeartbeat = ": keep-alive\n\n";

/// One open stream, driven by the I/O thread. At most one write is under way; what the source
/// has meanwhile waits in the source (which bounds it).
class StreamConnection : public Session, public std::enable_shared_from_this<StreamConnection> {
  public:
    StreamConnection(HttpFront::Impl& front, tcp::socket socket,
                     std::unique_ptr<StreamSource> source)
        : m_front(front),
          m_socket(std::move(socket)),
          m_heartbeat(front.io),
          m_source(std::move(source)),
          m_woken(std::make_shared<std::atomic<bool>>(false)) {}
    StreamConnection(const StreamConnection&) = delete;
    StreamConnection& operator=(const StreamConnection&) = delete;
    ~StreamConnection() override { m_front.forget(this); }

    void start() {
        m_front.connections.emplace(this, weak_from_this());
        watch_client();
        beat();
        m_out = kStreamHeaders;
        write();
        // The source wakes this connection from any thread (the live state's writer): the wake
        // only posts to the I/O thread, once until it has run, and holds the connection weakly
        // so that it is never the one to destroy it (its destruction unsubscribes, which must not
        // happen on the writer's thread while it tells its listeners).
        StreamControl control;
        control.wake = [woken = m_woken, weak = weak_from_this(), &io = m_front.io] {
            if (woken->exchange(true))
                return;
            asio::post(io, [woken, weak] {
                woken->store(false);
                if (auto self = weak.lock())
                    self->pump();
            });
        };
        control.end = [weak = weak_from_this(), &io = m_front.io] {
            asio::post(io, [weak] {
                if (auto self = weak.lock())
                    self->close();
            });
        };
        control.run_in_background = [&workers = m_front.workers](std::function<void()> task) {
            workers.submit(std::move(task));
        };
        m_source->start(std::move(control));
    }

    void on_stop() override { close(); }
    void on_grace_over() override {}

  private:
    /// Takes what the source has and sends it, unless a write is under way (then its end pumps).
    void pump() {
        if (m_closed || m_writing)
            return;
        std::optional<std::string> text = m_source->take();
        if (!text)
            return close();  // the source ends the stream
        if (text->empty())
            return;
        m_out = std::move(*text);
        write();
    }

    void write() {
        m_writing = true;
        m_write_start = Clock::now();
        asio::async_write(
            m_socket, asio::buffer(m_out),
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                self->m_writing = false;
                if (self->m_closed)
                    return;
                if (ec)
                    return self->close();
                self->pump();
            });
    }

    /// Every stream_heartbeat: a comment, or, if a write is under way, the end of the stream when
    /// it has stalled for body_timeout (a client that stopped reading without closing).
    void beat() {
        m_heartbeat.expires_after(m_front.options.stream_heartbeat);
        m_heartbeat.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
            if (ec || self->m_closed)
                return;
            if (self->m_writing) {
                if (Clock::now() - self->m_write_start >= self->m_front.options.body_timeout)
                    return self->close();
            } else {
                self->m_out = kHeartbeat;
                self->write();
            }
            self->beat();
        });
    }

    /// A stream's client sends nothing more: a read that ends means it has gone (what it sends
    /// anyway is read and ignored).
    void watch_client() {
        m_socket.async_read_some(
            asio::buffer(m_scratch),
            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                if (self->m_closed)
                    return;
                if (ec)
                    return self->close();
                self->watch_client();
            });
    }

    void close() {
        if (m_closed)
            return;
        m_closed = true;
        m_heartbeat.cancel();
        boost::system::error_code ignored;
        m_socket.shutdown(tcp::socket::shutdown_both, ignored);
        m_socket.close(ignored);
        m_source.reset();  // unsubscribes now, on the I/O thread
        m_front.forget(this);
    }

    HttpFront::Impl& m_front;
    tcp::socket m_socket;
    asio::steady_timer m_heartbeat;
    std::unique_ptr<StreamSource> m_source;
    std::shared_ptr<std::atomic<bool>> m_woken;  // a pump is posted and has not run yet
    std::string m_out;                           // the text being written
    bool m_writing = false;
    bool m_closed = false;
    Clock::time_point m_write_start;
    std::array<char, 4096> m_scratch;
};

}  // namespace

void open_stream(HttpFront::Impl& front, tcp::socket socket, std::unique_ptr<StreamSource> source) {
    std::make_shared<StreamConnection>(front, std::move(socket), std::move(source))->start();
}

}  // namespace muster::tools::front

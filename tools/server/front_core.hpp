#pragma once
// The inside of HttpFront (tools/server/http_front.hpp), shared by its two kinds of connection:
// the request/answer connections of http_front.cpp and the streams of stream_connection.cpp.
// Not for use outside tools/server.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tools/server/http_front.hpp"

namespace muster::tools {
namespace front {

/// One line to stderr in a single write, so that lines of concurrent requests do not interleave.
void log_line(std::string line);

/// Threads running tasks in order of submission. A task not yet started can be dropped.
class WorkerPool {
  public:
    using Task = std::function<void()>;

    explicit WorkerPool(unsigned threads) {
        for (unsigned i = 0; i < threads; ++i)
            m_threads.emplace_back([this] { work(); });
    }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool() {
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_wake.notify_all();
        for (std::thread& t : m_threads)
            t.join();
    }

    void submit(Task task) {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(task));
        }
        m_wake.notify_one();
    }

    /// The tasks not started, taken out of the queue (the caller destroys them, on its thread).
    std::deque<Task> take_queued() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_queue, {});
    }

    /// No task running or queued.
    bool idle() {
        std::lock_guard lock(m_mutex);
        return m_running == 0 && m_queue.empty();
    }

  private:
    void work() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_closing || !m_queue.empty(); });
            if (m_queue.empty())
                return;  // closing
            Task task = std::move(m_queue.front());
            m_queue.pop_front();
            ++m_running;
            lock.unlock();
            task();
            task = nullptr;
            lock.lock();
            --m_running;
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    unsigned m_running = 0;
    bool m_closing = false;
    std::vector<std::thread> m_threads;
};

/// An open connection as the front sees it when it stops. Only the I/O thread calls these.
class Session {
  public:
    virtual ~Session() = default;
    /// The front stops: close what is not a request being computed.
    virtual void on_stop() = 0;
    /// The grace is over: a request still queued or computing is answered 503.
    virtual void on_grace_over() = 0;
};

}  // namespace front

struct HttpFront::Impl {
    Impl(Handler handler_, const FrontOptions& options_, std::vector<StreamEndpoint> streams_)
        : handler(std::move(handler_)),
          options(options_),
          streams(std::move(streams_)),
          acceptor(io),
          accept_retry(io),
          stop_timer(io),
          workers(std::max(1u, options_.threads)) {}
    // The connections `io` still holds are destroyed with it, with nothing left to forget.
    ~Impl() { connections.clear(); }

    void listen();
    void accept();
    void begin_stop();
    void end_grace();
    /// Ends run() once stopping and every connection is closed.
    void finish_if_done();
    /// The streaming endpoint of `path`, or null.
    const StreamEndpoint* stream_at(std::string_view path) const;
    /// Takes `session` out of the open connections (and ends run() if it was the last while
    /// stopping).
    void forget(const front::Session* session);

    Handler handler;
    FrontOptions options;
    std::vector<StreamEndpoint> streams;
    bool stopping = false;
    // Every connection open, by address; only the I/O thread touches it. Declared before `io` so
    // that it outlives the handlers `io` destroys (which own connections).
    std::unordered_map<const front::Session*, std::weak_ptr<front::Session>> connections;
    boost::asio::io_context io{1};
    boost::asio::ip::tcp::acceptor acceptor;
    boost::asio::steady_timer accept_retry;
    boost::asio::steady_timer stop_timer;
    front::WorkerPool workers;  // last: its threads stop before the rest goes
};

}  // namespace muster::tools

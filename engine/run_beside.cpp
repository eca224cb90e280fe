#include "engine/run_beside.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace muster {
namespace {

// A helper thread, asleep until it is handed a part.
class Helper {
  public:
    Helper() : m_thread([this] { serve(); }) {}
    Helper(const Helper&) = delete;
    Helper& operator=(const Helper&) = delete;
    ~Helper() {
        {
            const std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

    /// Takes the helper for one part if no other caller has it.
    bool try_take() { return !m_taken.exchange(true, std::memory_order_acquire); }

    void start(detail::PartRef part) {
        {
            const std::lock_guard lock(m_mutex);
            m_part = part;
            m_pending = true;
            m_done = false;
        }
        m_wake.notify_one();
    }

    /// Waits for the part started, frees the helper and gives the part's exception, if any.
    std::exception_ptr finish() {
        std::unique_lock lock(m_mutex);
        m_finished.wait(lock, [this] { return m_done; });
        std::exception_ptr error = std::exchange(m_error, nullptr);
        lock.unlock();
        m_taken.store(false, std::memory_order_release);
        return error;
    }

  private:
    void serve() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_pending || m_quit; });
            if (m_quit)
                return;
            m_pending = false;
            const detail::PartRef part = m_part;
            lock.unlock();
            std::exception_ptr error;
            try {
                part();
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            m_error = error;
            m_done = true;
            m_finished.notify_one();
        }
    }

    std::atomic<bool> m_taken{false};
    std::mutex m_mutex;
    std::condition_variable m_wake, m_finished;
    detail::PartRef m_part{};
    bool m_pending = false, m_done = false, m_quit = false;
    std::exception_ptr m_error;
    std::thread m_thread;  // last: it starts once the members it reads are made
};

std::vector<std::unique_ptr<Helper>>& helpers() {
    static std::vector<std::unique_ptr<Helper>> made = [] {
        std::vector<std::unique_ptr<Helper>> threads;
        const unsigned cores = std::thread::hardware_concurrency();
        for (unsigned k = 1; k < cores; ++k)
            threads.push_back(std::make_unique<Helper>());
        return threads;
    }();
    return made;
}

}  // namespace

unsigned beside_helpers() {
    return static_cast<unsigned>(helpers().size());
}

namespace detail {

bool run_beside(PartRef own, PartRef side) {
    const auto idle = std::ranges::find_if(helpers(), [](const auto& h) { return h->try_take(); });
    if (idle == helpers().end())
        return false;
    Helper& helper = **idle;
    helper.start(side);
    std::exception_ptr own_error;
    try {
        own();
    } catch (...) {
        own_error = std::current_exception();
    }
    const std::exception_ptr side_error = helper.finish();
    if (own_error)
        std::rethrow_exception(own_error);
    if (side_error)
        std::rethrow_exception(side_error);
    return true;
}

}  // namespace detail
}  // namespace muster

#pragma once
// The progress of an import's long steps on stderr: on a terminal, a bar redrawn in place (at
// most ten times a second, and every second while a step without counts runs, such as the
// nested dissection); otherwise, as in a log or a pipe, one line per step when it ends.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "geodata/progress.hpp"

namespace muster::tools {

class TerminalProgress final : public Progress {
  public:
    /// Shows progress on `out`: as a bar if it is a terminal.
    explicit TerminalProgress(std::FILE* out);
    ~TerminalProgress() override = default;
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void begin(const std::string& step, std::uint64_t total, const std::string& unit) override;
    void advance(std::uint64_t done) override;
    void end(std::uint64_t done) override;
    void abandon() override;

  private:
    using Clock = std::chrono::steady_clock;
    void draw_locked();  // the bar, in place, with m_mutex held
    void tick(std::stop_token stop);

    std::FILE* m_out;
    bool m_terminal;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_running = false;
    std::string m_step, m_unit;
    std::uint64_t m_total = 0, m_done = 0;
    Clock::time_point m_start, m_drawn;
    std::jthread m_ticker;  // last: stopped before the rest goes
};

}  // namespace muster::tools

#include "tools/cli/terminal_progress.hpp"

#include <unistd.h>

#include "tools/present/progress_text.hpp"

namespace muster::tools {
namespace {

double seconds_between(std::chrono::steady_clock::time_point from,
                       std::chrono::steady_clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

}  // namespace

TerminalProgress::TerminalProgress(std::FILE* out)
    : m_out(out), m_terminal(isatty(fileno(out)) == 1) {
    if (m_terminal)
        m_ticker = std::jthread([this](std::stop_token stop) { tick(stop); });
}

void TerminalProgress::begin(const std::string& step, std::uint64_t total,
                             const std::string& unit) {
    const std::lock_guard lock(m_mutex);
    m_step = step;
    m_unit = unit;
    m_total = total;
    m_done = 0;
    m_start = Clock::now();
    m_running = true;
    if (m_terminal)
        draw_locked();
}

void TerminalProgress::advance(std::uint64_t done) {
    const std::lock_guard lock(m_mutex);
    m_done = done;
    if (m_terminal && Clock::now() - m_drawn >= std::chrono::milliseconds(100))
        draw_locked();
}

void TerminalProgress::end(std::uint64_t done) {
    const std::lock_guard lock(m_mutex);
    m_running = false;
    const std::string line =
        progress_line_text(m_step, done, m_unit, seconds_between(m_start, Clock::now()));
    // On a terminal the bar's line is cleared and replaced by the step's result.
    std::fprintf(m_out, "%s%s\n", m_terminal ? "\r\033[K" : "", line.c_str());
    std::fflush(m_out);
}

void TerminalProgress::abandon() {
    const std::lock_guard lock(m_mutex);
    m_running = false;
    if (m_terminal) {  // the bar goes; the error that stopped the step is someone else's to tell
        std::fprintf(m_out, "\r\033[K");
        std::fflush(m_out);
    }
}

void TerminalProgress::draw_locked() {
    m_drawn = Clock::now();
    const std::string bar =
        progress_bar_text(m_step, m_done, m_total, m_unit, seconds_between(m_start, m_drawn));
    std::fprintf(m_out, "\r\033[K%s", bar.c_str());
    std::fflush(m_out);
}

void TerminalProgress::tick(std::stop_token stop) {
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
        if (m_running && Clock::now() - m_drawn >= std::chrono::seconds(1))
            draw_locked();
    }
}

}  // namespace muster::tools

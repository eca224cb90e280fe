#pragma once
// How far a long step of an import has come (reading a source's features, ordering a network),
// told to whoever shows it: a bar on a terminal, a line per step in a log
// (tools/cli/terminal_progress.hpp). The steps do not know how it is shown.

#include <cstdint>
#include <string>

namespace muster {

class Progress {
  public:
    virtual ~Progress() = default;
    /// A step begins: what it does, how many units it has (0 when that is not known) and what
    /// they are ("features", "nodes").
    virtual void begin(const std::string& step, std::uint64_t total, const std::string& unit) = 0;
    /// `done` of the step's units are done (told every few thousand units, not each one).
    virtual void advance(std::uint64_t done) = 0;
    /// The step is done, with `done` units.
    virtual void end(std::uint64_t done) = 0;
    /// The step stopped without finishing (an error, told by whoever caught it): nothing more
    /// is shown of it.
    virtual void abandon() = 0;
};

/// One step on `progress` (which may be null) from construction to finish(); abandoned if it
/// goes out of scope unfinished, as when an exception leaves it.
class ProgressStep {
  public:
    ProgressStep(Progress* progress, const std::string& step, const std::string& unit,
                 std::uint64_t total = 0)
        : m_progress(progress) {
        if (m_progress)
            m_progress->begin(step, total, unit);
    }
    ~ProgressStep() {
        if (m_progress && !m_finished)
            m_progress->abandon();
    }
    ProgressStep(const ProgressStep&) = delete;
    ProgressStep& operator=(const ProgressStep&) = delete;

    void advance(std::uint64_t done) const {
        if (m_progress)
            m_progress->advance(done);
    }
    void finish(std::uint64_t done = 0) const {
        if (m_progress && !m_finished)
            m_progress->end(done);
        m_finished = true;
    }

  private:
    Progress* m_progress;
    mutable bool m_finished = false;
};

}  // namespace muster

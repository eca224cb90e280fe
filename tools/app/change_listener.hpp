#pragma once
// Keeps the live state up with what other writers commit to its database: replicas of the
// service on one PostgreSQL database, or another process on the file. A thread with its own
// connection waits for their commits (ResourceDb::wait_for_changes) and brings the state up
// (LiveResources::catch_up). It also looks four times a second, should a notice be lost, and after
// an error (a lost connection) it says so, connects again and catches up.

#include <ostream>
#include <string>
#include <thread>

#include "tools/app/live_resources.hpp"

namespace muster::tools {

class ChangeListener {
  public:
    /// Starts listening to `database` for `live`, which must outlive this object. Problems go
    /// to `notes`, a line each.
    ChangeListener(std::string database, LiveResources& live, std::ostream& notes);
    /// Stops the thread (within a quarter of a second) and waits for it.
    ~ChangeListener() = default;

  private:
    void run(const std::stop_token& stop);
    std::string m_database;
    LiveResources& m_live;
    std::ostream& m_notes;
    std::jthread m_thread;  // last: it starts once the members it reads are made
};

}  // namespace muster::tools

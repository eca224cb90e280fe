#pragma once
// The live state's changes as they are made, for whoever follows them as they come (the event
// stream of `muster serve`, GET /events/stream). The event log in the database is the record;
// this only tells listeners, in the order the changes were stored, once each is durable.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "geodata/resource_db.hpp"

namespace muster::tools {

class EventFeed {
  public:
    /// Called once per stored event, oldest first, from the thread that made the change, which
    /// waits for it: a listener only hands the event on (e.g. posts it to its connection).
    using Listener = std::function<void(const Event&)>;

    /// A listener's registration; the listener hears no more once it is destroyed.
    class Subscription {
      public:
        Subscription() = default;
        Subscription(EventFeed* feed, std::uint64_t id) : m_feed(feed), m_id(id) {}
        Subscription(Subscription&& other) noexcept;
        Subscription& operator=(Subscription&& other) noexcept;
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;
        ~Subscription();

      private:
        EventFeed* m_feed = nullptr;
        std::uint64_t m_id = 0;
    };

    /// `listener` hears every event published from now on, until the subscription ends.
    [[nodiscard]] Subscription subscribe(Listener listener);

    /// Tells every listener of `event`. Publishers call it in seq order (the one writer does).
    void publish(const Event& event);

  private:
    void unsubscribe(std::uint64_t id);

    std::mutex m_mutex;
    std::uint64_t m_next_id = 1;
    std::map<std::uint64_t, Listener> m_listeners;
};

}  // namespace muster::tools

#include "tools/app/event_feed.hpp"

#include <utility>

namespace muster::tools {

EventFeed::Subscription::Subscription(Subscription&& other) noexcept
    : m_feed(std::exchange(other.m_feed, nullptr)), m_id(other.m_id) {}

EventFeed::Subscription& EventFeed::Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        if (m_feed)
            m_feed->unsubscribe(m_id);
        m_feed = std::exchange(other.m_feed, nullptr);
        m_id = other.m_id;
    }
    return *this;
}

EventFeed::Subscription::~Subscription() {
    if (m_feed)
        m_feed->unsubscribe(m_id);
}

EventFeed::Subscription EventFeed::subscribe(Listener listener) {
    const std::lock_guard lock(m_mutex);
    const std::uint64_t id = m_next_id++;
    m_listeners.emplace(id, std::move(listener));
    return Subscription(this, id);
}

void EventFeed::publish(const Event& event) {
    const std::lock_guard lock(m_mutex);
    for (const auto& [id, listener] : m_listeners)
        listener(event);
}

void EventFeed::unsubscribe(std::uint64_t id) {
    const std::lock_guard lock(m_mutex);
    m_listeners.erase(id);
}

}  // namespace muster::tools

#include "tools/server/event_stream.hpp"

#include <charconv>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "tools/app/error_codes.hpp"
#include "tools/present/live_json.hpp"
#include "tools/server/http_service.hpp"

namespace muster::tools {
namespace {

/// How a stream hands events from the replay and from the feed to its connection, with no gap
/// and nothing twice:
///
///  1. It subscribes to the feed before it reads the log. Every event published from then on is
///     heard (the feed tells them in seq order, each once durable).
///  2. It replays the log from `since` a page at a time (on a worker, one page in flight, the
///     next read only once the connection has taken the last), while what the feed tells waits
///     in `live`. An event committed before the subscription is in the log by the time any page
///     is read (the read comes after the subscription); one committed after it is heard.
///  3. The replay ends when a page comes back short (the log holds nothing more: anything later
///     was committed after the read, so after the subscription, so it is in `live`) or when it
///     reaches the seq just before the first event in `live`. Then `live` follows, and from then
///     on each event heard goes straight to the connection.
///
/// `sent` (the last seq handed on) makes the seams exact: an event both in the log and heard (it
/// was committed before the subscription but told after it) is handed on once, because every
/// event handed on must have a seq above `sent`.
struct StreamState {
    std::mutex mutex;
    std::int64_t sent = 0;
    bool replaying = true;
    bool reading = false;     // a page read is under way
    bool started = false;     // `control` is set (start() has run)
    bool failed = false;      // too far behind, or the log could not be read: end the stream
    std::deque<Event> live;   // heard while replaying
    std::deque<Event> ready;  // to hand on, in seq order
    StreamControl control;
};

class EventStream : public StreamSource {
  public:
    EventStream(std::shared_ptr<const EventSource> source, const EventStreamLimits& limits,
                std::optional<std::int64_t> since)
        : m_source(std::move(source)), m_limits(limits), m_state(std::make_shared<StreamState>()) {
        m_subscription =
            m_source->subscribe([state = m_state, queue = limits.queue](const Event& event) {
                hear(*state, event, queue);
            });
        // After the subscription: everything after this version will be heard.
        const std::int64_t after = since ? *since : static_cast<std::int64_t>(m_source->version());
        const std::lock_guard lock(m_state->mutex);
        m_state->sent = after;
    }

    // The subscription ends first: no listener call is under way once it is gone.
    ~EventStream() override { m_subscription = {}; }

    void start(StreamControl control) override {
        {
            const std::lock_guard lock(m_state->mutex);
            m_state->control = std::move(control);
            m_state->started = true;
        }
        read_next_page();
        m_state->control.wake();  // what was heard before the start (take() sees a failure)
    }

    std::optional<std::string> take() override {
        std::deque<Event> events;
        {
            const std::lock_guard lock(m_state->mutex);
            if (m_state->failed)
                return std::nullopt;
            events.swap(m_state->ready);
        }
        read_next_page();
        std::string text;
        for (const Event& event : events)
            text += sse_event(event);
        return text;
    }

  private:
    /// The listener: on the writer's thread, so it only queues the event and wakes the
    /// connection.
    static void hear(StreamState& state, const Event& event, std::size_t queue) {
        {
            const std::lock_guard lock(state.mutex);
            if (state.failed)
                return;
            if (state.replaying) {
                state.live.push_back(event);
            } else if (event.seq > state.sent) {
                state.ready.push_back(event);
                state.sent = event.seq;
            }
            if (state.live.size() > queue || state.ready.size() > queue)
                state.failed = true;
            if (!state.started)
                return;  // start() looks at what came before it
        }
        if (state.failed)
            state.control.end();  // even while a write to the client is stuck
        else
            state.control.wake();
    }

    /// Reads the next page of the replay on a worker, unless the replay is over, a read is
    /// under way or the connection has not yet taken the last page.
    void read_next_page() {
        {
            const std::lock_guard lock(m_state->mutex);
            if (!m_state->replaying || m_state->reading || m_state->failed ||
                !m_state->ready.empty())
                return;
            m_state->reading = true;
        }
        m_state->control.run_in_background(
            [state = m_state, source = m_source, page = m_limits.page] {
                read_page(*state, *source, page);
            });
    }

    static void read_page(StreamState& state, const EventSource& source, std::size_t page) {
        std::int64_t after = 0;
        {
            const std::lock_guard lock(state.mutex);
            after = state.sent;
        }
        std::vector<Event> events;
        bool read = true;
        try {
            events = source.events_since(after, page);
        } catch (const std::exception&) {
            read = false;
        }
        {
            const std::lock_guard lock(state.mutex);
            state.reading = false;
            if (!read)
                state.failed = true;
            for (Event& event : events) {
                state.sent = event.seq;
                state.ready.push_back(std::move(event));
            }
            const bool caught_up = !state.live.empty() && state.sent >= state.live.front().seq - 1;
            if (read && (events.size() < page || caught_up)) {
                state.replaying = false;
                for (Event& event : state.live) {
                    if (event.seq > state.sent) {
                        state.sent = event.seq;
                        state.ready.push_back(std::move(event));
                    }
                }
                state.live.clear();
            }
        }
        state.control.wake();
    }

    std::shared_ptr<const EventSource> m_source;
    EventStreamLimits m_limits;
    std::shared_ptr<StreamState> m_state;
    EventFeed::Subscription m_subscription;
};

std::optional<std::int64_t> parse_seq(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || value < 0)
        return std::nullopt;
    return value;
}

HttpResponse bad_request(ErrorCode code, const std::string& message) {
    return {http_status(code), error_json(code, message), {}, {}};
}

/// One line (a kind never holds a line break, but a stray one must not end the field).
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return text;
}

}  // namespace

std::string sse_event(const Event& event) {
    // dump() without indentation writes no line break (one inside a string is escaped).
    return "id: " + std::to_string(event.seq) + "\nevent: " + one_line(event.kind) +
           "\ndata: " + event_json(event).dump() + "\n\n";
}

StreamEndpoint event_stream_endpoint(EventSource source, EventStreamLimits limits) {
    auto shared = std::make_shared<const EventSource>(std::move(source));
    return {"/events/stream",
            [shared, limits](const HttpRequest& request) -> StreamEndpoint::Opened {
                std::optional<std::int64_t> since;
                for (const auto& [name, value] : request.query) {
                    if (name != "since") {
                        return bad_request(ErrorCode::UnknownParameter,
                                           name + ": /events/stream takes since");
                    }
                    since = parse_seq(value);
                    if (!since) {
                        return bad_request(ErrorCode::InvalidValue,
                                           "since: '" + value + "' is not a whole number >= 0");
                    }
                }
                // A reconnecting client resumes after the last event it read.
                if (!request.last_event_id.empty()) {
                    since = parse_seq(request.last_event_id);
                    if (!since) {
                        return bad_request(ErrorCode::InvalidValue,
                                           "Last-Event-ID: '" + request.last_event_id +
                                               "' is not an event id of this stream");
                    }
                }
                return std::make_unique<EventStream>(shared, limits, since);
            }};
}

}  // namespace muster::tools

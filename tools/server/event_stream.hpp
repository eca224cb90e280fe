#pragma once
// GET /events/stream: the event log as server-sent events (text/event-stream, WHATWG HTML
// "Server-sent events"), served by HttpFront's stream hook (tools/server/http_front.hpp).
//
// On connect the stream replays the events after the Last-Event-ID header, or else after
// ?since=N, from the database; without either it starts at the state in force. Then it sends each
// change as it is made, once it is durable:
//
//     id: <seq>
//     event: <kind>
//     data: <the event as GET /events writes it, on one line>
//
// so a client that reconnects (with the Last-Event-ID of the last event it read) misses nothing
// and receives nothing twice. A client that falls more than `queue` events behind has its stream
// closed rather than slow the writer or anyone else; it reconnects and catches up from the log.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geodata/resource_db.hpp"
#include "tools/app/event_feed.hpp"
#include "tools/server/http_front.hpp"

namespace muster::tools {

/// Where a stream's events come from (QueryService gives them). Thread-safe, and must outlive
/// the front.
struct EventSource {
    /// The durable events after `seq`, oldest first, at most `limit`.
    std::function<std::vector<Event>(std::int64_t seq, std::size_t limit)> events_since;
    /// Registers a listener for each change as it is made, in seq order.
    std::function<EventFeed::Subscription(EventFeed::Listener)> subscribe;
    /// The last seq in force now.
    std::function<std::uint64_t()> version;
};

struct EventStreamLimits {
    std::size_t queue = 1024;  ///< live events waiting for one client before its stream closes
    std::size_t page = 256;    ///< events read from the log at a time while replaying
};

/// One event as a server-sent event: "id: SEQ\nevent: KIND\ndata: JSON\n\n".
std::string sse_event(const Event& event);

/// GET /events/stream over `source`.
StreamEndpoint event_stream_endpoint(EventSource source, EventStreamLimits limits = {});

}  // namespace muster::tools

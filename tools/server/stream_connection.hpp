#pragma once
// A streaming answer of HttpFront (tools/server/http_front.hpp, "Streams"): a connection whose
// request opened a stream becomes one of these. Not for use outside tools/server.

#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <string_view>

#include "tools/server/front_core.hpp"

namespace muster::tools::front {

/// The status line and headers a stream starts with (`200`, `text/event-stream`, `Connection:
/// close`): alone, the answer to a HEAD of a stream's path.
extern const std::string_view kStreamHeaders;

/// Sends kStreamHeaders on `socket`, then what `source` gives as it gives it, until the
/// client goes, the source ends it, a write stalls or the front stops. On the I/O thread.
void open_stream(HttpFront::Impl& front, boost::asio::ip::tcp::socket socket,
                 std::unique_ptr<StreamSource> source);

}  // namespace muster::tools::front

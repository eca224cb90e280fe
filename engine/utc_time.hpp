#pragma once
// Now, in UTC, as ISO 8601 text: for the import log, the event log and the service's request log.

#include <string>

namespace muster {

/// "2026-12-04T22:15:03Z".
std::string utc_now();

/// "2026-12-04T22:15:03.123Z": where the order of changes within a second matters.
std::string utc_now_ms();

}  // namespace muster

#pragma once
// Times in UTC as ISO 8601 text: for the import log, the event log, incidents and the service's
// request log.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace muster {

/// A UTC time to the millisecond: years 0 to 9999 fit (system_clock's nanoseconds end in 2262).
using UtcMs = std::chrono::sys_time<std::chrono::milliseconds>;

/// "2026-12-04T22:15:03Z".
std::string utc_now();

/// "2026-12-04T22:15:03.123Z": where the order of changes within a second matters.
std::string utc_now_ms();

/// "2026-12-04T10:00:00.123Z".
std::string utc_text_ms(UtcMs time);

/// An ISO 8601 time "YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM|-HH:MM]" as a UTC time (digits past the
/// millisecond dropped), or nothing.
std::optional<UtcMs> parse_utc_time(std::string_view text);

}  // namespace muster

#include "engine/utc_time.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace muster {
namespace {

std::string format(bool with_ms) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[64];
    if (with_ms) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                      static_cast<int>(ms));
    } else {
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    return text;
}

}  // namespace

std::string utc_now() {
    return format(false);
}

std::string utc_now_ms() {
    return format(true);
}

}  // namespace muster

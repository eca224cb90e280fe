#include "engine/utc_time.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace muster {

std::string utc_now() {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string utc_now_ms() {
    return utc_text_ms(
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

std::string utc_text_ms(UtcMs time) {
    const auto ms = time.time_since_epoch().count();
    const auto seconds = static_cast<std::time_t>(std::floor(static_cast<double>(ms) / 1000));
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms - static_cast<std::int64_t>(seconds) * 1000));
    return text;
}

std::optional<UtcMs> parse_utc_time(std::string_view text) {
    const auto number = [&](std::size_t at, std::size_t digits) -> std::optional<int> {
        if (at + digits > text.size())
            return std::nullopt;
        int value = 0;
        for (std::size_t i = at; i < at + digits; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto at = [&](std::size_t i, char c) { return i < text.size() && text[i] == c; };
    const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const auto hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || !at(4, '-') || !at(7, '-') ||
        !(at(10, 'T') || at(10, ' ')) || !at(13, ':') || !at(16, ':'))
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59)
        return std::nullopt;
    std::size_t i = 19;
    std::chrono::milliseconds fraction{0};
    if (at(i, '.')) {
        const std::size_t first = ++i;
        int scale = 100;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10)
            fraction +=
                std::chrono::milliseconds((text[i] - '0') * scale);  // digits past the ms count 0
        if (i == first)
            return std::nullopt;
    }
    std::chrono::minutes offset{0};
    if (at(i, 'Z')) {
        ++i;
    } else if (at(i, '+') || at(i, '-')) {
        const auto hours = number(i + 1, 2), minutes = number(i + 4, 2);
        if (!hours || !minutes || !at(i + 3, ':') || *hours > 23 || *minutes > 59)
            return std::nullopt;
        offset = std::chrono::minutes(*hours * 60 + *minutes) * (text[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;  // a time without a zone is nobody's in particular
    }
    if (i != text.size())
        return std::nullopt;
    return UtcMs(std::chrono::sys_days(date)) + std::chrono::hours(*hour) +
           std::chrono::minutes(*minute) + std::chrono::seconds(*second) + fraction - offset;
}

}  // namespace muster

// UTC times as the event log and incidents write and read them (engine/utc_time.hpp).

#include <catch2/catch.hpp>

#include <chrono>

#include "engine/utc_time.hpp"

using namespace muster;

namespace {

const auto kTen = std::chrono::sys_days(std::chrono::year(2026) / 12 / 4) + std::chrono::hours(10);

}  // namespace

TEST_CASE("ISO 8601 times are read with fractions and offsets, and written in ms") {
    const auto t = parse_utc_time("2026-12-04T10:00:00.5Z");
    REQUIRE(t);
    CHECK(*t == kTen + std::chrono::milliseconds(500));
    CHECK(utc_text_ms(*t) == "2026-12-04T10:00:00.500Z");
    CHECK(parse_utc_time("2026-12-04T08:30:00-01:30") == kTen);
    CHECK(utc_text_ms(kTen - std::chrono::hours(10)) == "2026-12-04T00:00:00.000Z");
    // Past system_clock's nanoseconds, which end in 2262.
    const auto far = parse_utc_time("2999-01-01T00:00:00Z");
    REQUIRE(far);
    CHECK(*far > kTen);
    CHECK(utc_text_ms(*far) == "2999-01-01T00:00:00.000Z");
    for (const char* bad : {"2026-12-04T10:00:00", "2026-02-30T10:00:00Z", "2026-12-04T24:00:00Z",
                            "2026-12-04T10:00:00.Z", "2026-12-04T10:00:00Zjunk", "10:00"})
        CHECK_FALSE(parse_utc_time(bad));
}

#pragma once
// The seed of every seeded random test and of the pgRouting comparison: MUSTER_TEST_SEED when it
// is set, so that a failure seen with one seed can be repeated, else a fixed default per test.

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace muster::test {

/// MUSTER_TEST_SEED (a decimal integer) if set and not empty, else `fallback`. Throws
/// std::invalid_argument if it is set to anything else.
inline std::uint64_t seed_from_env(std::uint64_t fallback) {
    const char* text = std::getenv("MUSTER_TEST_SEED");
    if (!text || !*text)
        return fallback;
    char* end = nullptr;
    const unsigned long long seed = std::strtoull(text, &end, 10);
    if (*end != '\0')
        throw std::invalid_argument("MUSTER_TEST_SEED must be a decimal integer, not '" +
                                    std::string(text) + "'");
    return seed;
}

/// The seed of the random oracle comparisons: MUSTER_TEST_SEED if set, else 20240611.
inline std::uint64_t test_seed() {
    return seed_from_env(20240611);
}

}  // namespace muster::test

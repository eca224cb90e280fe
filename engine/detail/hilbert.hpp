#pragma once
// Position of a coordinate on a Hilbert curve over the whole globe: numbering nodes in this order
// keeps nodes that are close on the map close in memory, which is what searches touch together.

#include <cstdint>

#include "engine/coordinate.hpp"

namespace muster::detail {

/// Hilbert index of c on a 2^31 x 2^31 grid (Hamilton's iterative xy-to-d).
inline std::uint64_t hilbert_index(Coordinate c) {
    // Map lon in [-180, 180] and lat in [-90, 90] (units of 1e-7 degree) onto [0, 2^31).
    auto x = static_cast<std::uint64_t>(static_cast<std::int64_t>(c.lon_e7) + 1'800'000'000LL) >> 1;
    auto y = static_cast<std::uint64_t>(static_cast<std::int64_t>(c.lat_e7) + 900'000'000LL);
    constexpr std::uint64_t n = 1ULL << 31;
    std::uint64_t d = 0;
    for (std::uint64_t s = n / 2; s > 0; s /= 2) {
        const std::uint64_t rx = (x & s) > 0;
        const std::uint64_t ry = (y & s) > 0;
        d += s * s * ((3 * rx) ^ ry);
        if (ry == 0) {  // rotate the quadrant
            if (rx == 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

}  // namespace muster::detail

#pragma once
// The cells of a unit grid a straight segment passes through, in order, with where along the
// segment it enters and leaves each: a grid traversal (Amanatides and Woo, 1987).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <limits>

namespace muster::detail {

/// Calls visit(i, j, enter, leave) for every cell (i, j) = (floor x, floor y) the segment from
/// (ax, ay) to (bx, by) (in cells) passes through, from a's to b's, with the segment's parameters
/// 0 <= enter <= leave <= 1 where it enters and leaves the cell. A point (a == b): its cell, 0, 1.
template <typename Visit>
void for_each_cell(double ax, double ay, double bx, double by, const Visit& visit) {
    auto i = static_cast<std::ptrdiff_t>(std::floor(ax));
    auto j = static_cast<std::ptrdiff_t>(std::floor(ay));
    const auto end_i = static_cast<std::ptrdiff_t>(std::floor(bx));
    const auto end_j = static_cast<std::ptrdiff_t>(std::floor(by));
    const double dx = bx - ax, dy = by - ay;
    constexpr double kNever = std::numeric_limits<double>::infinity();
    const std::ptrdiff_t step_i = dx > 0 ? 1 : dx < 0 ? -1 : 0;
    const std::ptrdiff_t step_j = dy > 0 ? 1 : dy < 0 ? -1 : 0;
    const double delta_x = step_i ? 1 / std::fabs(dx) : kNever;
    const double delta_y = step_j ? 1 / std::fabs(dy) : kNever;
    double next_x = step_i > 0   ? (std::floor(ax) + 1 - ax) * delta_x
                    : step_i < 0 ? (ax - std::floor(ax)) * delta_x
                                 : kNever;
    double next_y = step_j > 0   ? (std::floor(ay) + 1 - ay) * delta_y
                    : step_j < 0 ? (ay - std::floor(ay)) * delta_y
                                 : kNever;
    double entered = 0;
    const std::ptrdiff_t steps = std::abs(end_i - i) + std::abs(end_j - j);
    for (std::ptrdiff_t s = 0; s <= steps; ++s) {
        const double left = s == steps ? 1.0 : std::min(std::min(next_x, next_y), 1.0);
        visit(i, j, entered, left);
        if (s == steps)
            break;
        entered = left;
        if (next_x < next_y) {
            i += step_i;
            next_x += delta_x;
        } else {
            j += step_j;
            next_y += delta_y;
        }
    }
}

}  // namespace muster::detail

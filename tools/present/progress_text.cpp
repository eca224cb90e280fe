#include "tools/present/progress_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/app/number_text.hpp"

namespace muster::tools {
namespace {

std::string clock_text(double seconds) {
    const auto whole = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    char text[32];
    if (whole >= 3600) {
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60,
                      whole % 60);
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld", whole / 60, whole % 60);
    }
    return text;
}

std::string count_text(std::uint64_t n) {
    return with_commas(static_cast<std::int64_t>(n));
}

}  // namespace

std::string progress_bar_text(const std::string& step, std::uint64_t done, std::uint64_t total,
                              const std::string& unit, double elapsed_s, int width) {
    if (total == 0) {
        return step + "  " + (done > 0 ? count_text(done) + " " + unit + "  " : "") +
               clock_text(elapsed_s) + " elapsed";
    }
    done = std::min(done, total);
    const auto filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) /
                                         static_cast<double>(total));
    std::string text = step + "  [" + std::string(static_cast<std::size_t>(filled), '#') +
                       std::string(static_cast<std::size_t>(width - filled), '.') + "]  " +
                       count_text(done) + " / " + count_text(total) + " " + unit + "  " +
                       clock_text(elapsed_s) + " elapsed";
    if (done > 0) {
        const double left =
            elapsed_s * static_cast<double>(total - done) / static_cast<double>(done);
        text += ", " + clock_text(left) + " left";
    }
    return text;
}

std::string progress_line_text(const std::string& step, std::uint64_t done, const std::string& unit,
                               double elapsed_s) {
    return step + ": " + (done > 0 ? count_text(done) + " " + unit + " in " : "") +
           fixed(elapsed_s, 1) + " s";
}

}  // namespace muster::tools

#include "tools/app/number_text.hpp"

#include <algorithm>
#include <cmath>

namespace muster::tools {

std::string with_commas(std::int64_t value) {
    // The magnitude as unsigned: -INT64_MIN does not fit in an int64_t.
    const auto magnitude =
        value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    const std::string digits = std::to_string(magnitude);
    std::string text = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            text += ',';
        text += digits[i];
    }
    return text;
}

std::string fixed(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double magnitude = std::fabs(value);
    auto whole = static_cast<std::int64_t>(std::trunc(magnitude));
    auto fraction = std::llround((magnitude - static_cast<double>(whole)) * scale);
    if (static_cast<double>(fraction) >= scale) {
        ++whole;
        fraction = 0;
    }
    // The sign apart, so that -0.5 keeps it and a value that rounds to zero has none.
    std::string text = (value < 0 && (whole > 0 || fraction > 0) ? "-" : "") + with_commas(whole);
    if (decimals > 0) {
        const std::string digits = std::to_string(fraction);
        text += "." +
                std::string(static_cast<std::size_t>(decimals) -
                                std::min(digits.size(), static_cast<std::size_t>(decimals)),
                            '0') +
                digits;
    }
    return text;
}

}  // namespace muster::tools

#include "geodata/detail/coordinate_columns.hpp"

#include <charconv>
#include <cmath>

#include "engine/errors.hpp"
#include "engine/text.hpp"

namespace muster::detail {
namespace {

template <std::size_t N>
std::optional<std::size_t> find_column(const std::vector<std::string>& names,
                                       const char* const (&wanted)[N]) {
    for (const char* name : wanted) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (ascii_lower(names[i]) == name)
                return i;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> find_coordinate_columns(
    const std::vector<std::string>& names) {
    const auto lon = find_column(names, kLongitudeNames);
    const auto lat = find_column(names, kLatitudeNames);
    if (!lon || !lat)
        return std::nullopt;
    return std::pair{*lon, *lat};
}

std::optional<double> parse_coordinate(std::string_view text, const std::string& where) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    const std::string_view original = text;
    if (text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || stop != text.data() + text.size() || !std::isfinite(value))
        throw InputError(where + ": not a number of degrees: '" + std::string(original) + "'");
    return value;
}

std::string csv_possible_names(bool longitude) {
    std::string option = longitude ? "X_POSSIBLE_NAMES=" : "Y_POSSIBLE_NAMES=";
    bool first = true;
    auto add = [&](const char* name) {
        option += (first ? "" : ",") + std::string(name);
        first = false;
    };
    if (longitude) {
        for (const char* name : kLongitudeNames)
            add(name);
    } else {
        for (const char* name : kLatitudeNames)
            add(name);
    }
    return option;
}

}  // namespace muster::detail

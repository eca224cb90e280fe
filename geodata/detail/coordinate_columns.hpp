#pragma once
// Tables that give points as two columns of lon/lat degrees (a CSV file, an Excel or
// LibreOffice sheet): which columns those are, and their values.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace muster::detail {

/// Names of a longitude and of a latitude column, matched without regard to letter case.
inline constexpr const char* kLongitudeNames[] = {"lon", "longitude", "lng", "x", "经度"};
inline constexpr const char* kLatitudeNames[] = {"lat", "latitude", "y", "纬度"};

/// The indexes of the first longitude and latitude columns among `names` (in the order of the
/// lists above), or nothing unless both are there.
std::optional<std::pair<std::size_t, std::size_t>> find_coordinate_columns(
    const std::vector<std::string>& names);

/// A coordinate written as text: "118.78", " 118.78 ", "+118.78". Nothing for blank text;
/// throws InputError with `where` for text that is not a finite number.
std::optional<double> parse_coordinate(std::string_view text, const std::string& where);

/// "X_POSSIBLE_NAMES=lon,longitude,..." / "Y_POSSIBLE_NAMES=..." for GDAL's CSV driver.
std::string csv_possible_names(bool longitude);

}  // namespace muster::detail

#pragma once
// GDAL's CSV driver cannot read a CSV file of one column (its documentation: "at least two fields
// per line must be present"; GDAL 3.6 of Debian 12 looks for a separator in the header line and
// refuses the file without one). A header with a trailing comma is the same single column to
// GDAL, so such a file is read from an in-memory copy whose header ends with one.

#include <string>

namespace muster::detail {

/// If `contents` (a whole CSV file) has one column, adds a comma at the end of its header line
/// and returns true; else leaves it as it is and returns false.
bool end_single_column_header(std::string& contents);

}  // namespace muster::detail

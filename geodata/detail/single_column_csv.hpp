#pragma once
// GDAL's CSV driver cannot read a CSV file of one column (its documentation: "at least two fields
// per line must be present"; GDAL 3.6 of Debian 12 looks for a separator in the header line and
// refuses the file without one). A header with a trailing comma is the same single column to
// GDAL, so such a file is read from an in-memory copy whose header ends with one.

#include <optional>
#include <string>

namespace muster::detail {

/// If `path` is a CSV file of one column, writes the copy described
/// above to GDAL's /vsimem/ (under a unique folder, with the same file name, so the layer keeps
/// its name) and returns the copy's path; the caller removes it with VSIUnlink. Else nothing.
/// Reads the first line of the file; the whole file when it copies it.
std::optional<std::string> single_column_csv_copy(const std::string& path);

}  // namespace muster::detail

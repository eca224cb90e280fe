#pragma once
// Text files (CSV, GeoJSON) as GDAL is to read them: UTF-8. A CSV file saved by Excel on Chinese
// Windows is GBK (or GB18030, its superset) and says nothing of it; such a file is turned into
// UTF-8 in memory (GDAL's /vsimem/) and read from there.

#include <optional>
#include <string>

namespace muster::detail {

/// A text file's contents as UTF-8, and how they were read.
struct Utf8Text {
    std::string contents;
    std::string read_as;  ///< the encoding decoded from; empty: the file was UTF-8 as it is
    std::string note;     ///< for the import log, when read_as is set
};

/// Reads `path` whole. With `encoding` given (a user's --encoding) decodes it from that and
/// throws InputError if the name is unknown or the bytes are not valid in it. Else keeps valid
/// UTF-8 as it is, decodes valid GB18030, and keeps anything else as it is (the reader then
/// refuses the feature whose text is not UTF-8).
Utf8Text read_as_utf8(const std::string& path, const std::string& encoding);

/// An encoding name as iconv knows it: Windows code page numbers (936, 54936) named.
std::string iconv_name(const std::string& encoding);

/// Writes `contents` to /vsimem/ under a unique folder with the file name of `path` (so a layer
/// named after its file keeps its name) and returns that path, or nothing if it cannot be
/// written. The caller removes it with VSIUnlink.
std::optional<std::string> memory_copy(const std::string& path, const std::string& contents);

}  // namespace muster::detail

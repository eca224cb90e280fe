#pragma once
// Which encoding a Shapefile's .dbf is read in. GDAL decodes what the file names — a .cpg, else
// the code page byte (LDID) of the .dbf — and reads the bytes as they are when it names none, or
// names one GDAL does not know ("ANSI", "54936" in a .cpg). County files made on Chinese Windows
// are then GBK bytes; GB18030 decodes them.

#include <optional>
#include <string>

class OGRLayer;

namespace muster::detail {

/// The encoding to reopen a Shapefile with (GDAL's open option ENCODING), and the note that says
/// why for the import log.
struct ShapefileEncoding {
    std::string reopen_with;  ///< empty: GDAL's reading stands
    std::string note;
};

/// With `forced` (a user's --encoding), that. Else, for a layer opened with GDAL's defaults whose
/// file names no encoding GDAL decodes: GB18030 when a field name or a text value is not UTF-8
/// and every such one is valid GB18030. Reads every feature of the layer (and resets reading).
ShapefileEncoding shapefile_encoding(OGRLayer& layer, const std::string& forced);

}  // namespace muster::detail

#include "geodata/detail/shapefile_encoding.hpp"

#include <ogrsf_frmts.h>

#include <memory>
#include <string_view>

#include "geodata/detail/text_encoding.hpp"

namespace muster::detail {
namespace {

std::string metadata(OGRLayer& layer, const char* key) {
    const char* value = layer.GetMetadataItem(key, "SHAPEFILE");
    return value ? value : "";
}

// How the layer's text bytes read: all UTF-8, else whether all that is not is GB18030.
struct TextScan {
    bool all_utf8 = true;
    bool rest_gb18030 = true;
};

void scan(TextScan& result, std::string_view bytes) {
    if (is_utf8(bytes))
        return;
    result.all_utf8 = false;
    if (result.rest_gb18030 && !to_utf8(bytes, "GB18030"))
        result.rest_gb18030 = false;
}

// A field name the .dbf cut at 10 bytes may end in part of a character, in either encoding.
void scan_name(TextScan& result, std::string_view name) {
    if (is_utf8(without_incomplete_utf8_end(name)))
        return;
    result.all_utf8 = false;
    if (result.rest_gb18030 && !to_utf8(name, "GB18030") &&
        !to_utf8(name.substr(0, name.size() - 1), "GB18030"))
        result.rest_gb18030 = false;
}

TextScan scan_layer(OGRLayer& layer) {
    TextScan result;
    OGRFeatureDefn* definition = layer.GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i)
        scan_name(result, definition->GetFieldDefn(i)->GetNameRef());
    layer.ResetReading();
    for (;;) {
        std::unique_ptr<OGRFeature> feature(layer.GetNextFeature());
        if (!feature)
            break;
        for (int i = 0; i < definition->GetFieldCount(); ++i) {
            if (definition->GetFieldDefn(i)->GetType() == OFTString &&
                feature->IsFieldSetAndNotNull(i)) {
                scan(result, feature->GetFieldAsString(i));
            }
        }
        if (!result.rest_gb18030)
            break;
    }
    layer.ResetReading();
    return result;
}

}  // namespace

ShapefileEncoding shapefile_encoding(OGRLayer& layer, const std::string& forced) {
    if (!forced.empty())
        return {forced, "read as " + forced + " (--encoding)"};
    if (!metadata(layer, "SOURCE_ENCODING").empty())
        return {};  // GDAL decodes what the file names
    const TextScan text = scan_layer(layer);
    if (text.all_utf8 || !text.rest_gb18030)
        return {};
    const std::string cpg = metadata(layer, "CPG_VALUE");
    const std::string why = cpg.empty()
                                ? "the file names no encoding (no .cpg, no code page in the .dbf)"
                                : "its .cpg names '" + cpg + "', an encoding GDAL does not decode";
    return {"GB18030", "read as GB18030: " + why +
                           " and its text is not UTF-8 (name another with --encoding)"};
}

}  // namespace muster::detail

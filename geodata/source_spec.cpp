#include "geodata/source_spec.hpp"

#include <filesystem>

#include "engine/errors.hpp"

namespace muster {

std::string SourceSpec::describe() const {
    return layer.empty() ? path : path + ":" + layer;
}

SourceSpec parse_source_spec(std::string_view text) {
    SourceSpec spec;
    std::string_view location = text;
    if (const auto q = text.find('?'); q != std::string_view::npos) {
        location = text.substr(0, q);
        spec.where = std::string(text.substr(q + 1));
    }
    spec.path = std::string(location);
    if (const auto colon = location.rfind(':');
        colon != std::string_view::npos && !std::filesystem::exists(spec.path)) {
        spec.path = std::string(location.substr(0, colon));
        spec.layer = std::string(location.substr(colon + 1));
    }
    if (spec.path.empty())
        throw InputError("empty source path in '" + std::string(text) + "'");
    return spec;
}

}  // namespace muster

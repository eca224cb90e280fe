#include "geodata/detail/text_encoding.hpp"

#include <cpl_string.h>
#include <iconv.h>

#include <nlohmann/json.hpp>

#include "engine/text.hpp"

namespace muster::detail {
namespace {

// One iconv conversion of the whole input; nothing on any error (strict: no //IGNORE).
std::optional<std::string> convert(std::string_view bytes, const std::string& from,
                                   const std::string& to) {
    iconv_t cd = iconv_open(to.c_str(), from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    std::string out(bytes.size() * 4 + 8, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
    std::size_t in_left = bytes.size();
    char* next = out.data();
    std::size_t out_left = out.size();
    const std::size_t result = iconv(cd, &in, &in_left, &next, &out_left);
    iconv_close(cd);
    if (result == static_cast<std::size_t>(-1) || in_left != 0)
        return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

}  // namespace

bool is_utf8(std::string_view bytes) {
    return CPLIsUTF8(bytes.data(), static_cast<int>(bytes.size())) != 0;
}

std::optional<std::string> to_utf8(std::string_view bytes, const std::string& encoding) {
    return convert(bytes, encoding, "UTF-8");
}

std::optional<std::string> from_utf8(std::string_view utf8, const std::string& encoding) {
    return convert(utf8, "UTF-8", encoding);
}

bool known_encoding(const std::string& encoding) {
    iconv_t cd = iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    iconv_close(cd);
    return true;
}

std::string_view without_incomplete_utf8_end(std::string_view text) {
    // A last sequence that is the start of a valid one, cut short, is dropped.
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
        const auto byte = static_cast<unsigned char>(text[text.size() - back]);
        if ((byte & 0xC0) == 0x80)
            continue;  // a continuation byte: look further back for its lead
        const std::size_t length = utf8_sequence_length(byte);
        if (length > back && is_utf8(text.substr(0, text.size() - back)))
            text.remove_suffix(back);
        break;
    }
    return text;
}

std::string valid_utf8(std::string_view text) {
    text = without_incomplete_utf8_end(text);
    if (is_utf8(text))
        return std::string(text);
    // nlohmann::json's replacement turns each invalid sequence into U+FFFD.
    using nlohmann::json;
    const std::string quoted =
        json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
    return json::parse(quoted).get<std::string>();
}

}  // namespace muster::detail

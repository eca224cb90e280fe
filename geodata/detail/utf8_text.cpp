#include "geodata/detail/utf8_text.hpp"

#include <cpl_vsi.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "geodata/detail/text_encoding.hpp"

namespace muster::detail {

std::string iconv_name(const std::string& encoding) {
    const std::string lower = ascii_lower(encoding);
    if (lower == "936" || lower == "cp936")
        return "CP936";
    if (lower == "54936")
        return "GB18030";
    return encoding;
}

Utf8Text read_as_utf8(const std::string& path, const std::string& encoding) {
    std::ifstream in(path, std::ios::binary);
    Utf8Text text;
    text.contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!encoding.empty()) {
        const std::string name = iconv_name(encoding);
        if (!known_encoding(name)) {
            throw InputError(path + ": unknown encoding '" + encoding +
                             "' (--encoding: e.g. UTF-8, GBK, GB18030, BIG5)");
        }
        auto decoded = to_utf8(text.contents, name);
        if (!decoded) {
            throw InputError(path + ": the text is not valid " + encoding +
                             " (given with --encoding): name the file's encoding, e.g. UTF-8 or "
                             "GB18030");
        }
        text.contents = std::move(*decoded);
        text.read_as = encoding;
        text.note = "read as " + encoding + " (--encoding)";
        return text;
    }
    if (is_utf8(text.contents))
        return text;
    if (auto decoded = to_utf8(text.contents, "GB18030")) {
        text.contents = std::move(*decoded);
        text.read_as = "GB18030";
        text.note =
            "read as GB18030: the file names no encoding and is not UTF-8 (name another with "
            "--encoding)";
    }
    return text;
}

std::optional<std::string> memory_copy(const std::string& path, const std::string& contents) {
    static std::atomic<unsigned> copies{0};
    const std::string copy = "/vsimem/muster-text-" + std::to_string(++copies) + "/" +
                             std::filesystem::path(path).filename().string();
    VSILFILE* file = VSIFOpenL(copy.c_str(), "wb");
    if (!file)
        return std::nullopt;
    const bool written = VSIFWriteL(contents.data(), 1, contents.size(), file) == contents.size();
    VSIFCloseL(file);
    if (!written) {
        VSIUnlink(copy.c_str());
        return std::nullopt;
    }
    return copy;
}

}  // namespace muster::detail

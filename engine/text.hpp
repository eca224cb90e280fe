#pragma once
// Small text helpers shared by every layer.

#include <string>
#include <string_view>

namespace muster {

/// `text` with A–Z turned into a–z and every other byte (UTF-8 included) unchanged: for matching
/// names, keys and file extensions case-insensitively, the same under any locale. O(length).
inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace muster

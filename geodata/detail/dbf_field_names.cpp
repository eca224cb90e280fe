#include "geodata/detail/dbf_field_names.hpp"

#include <algorithm>

#include "geodata/detail/text_encoding.hpp"

namespace muster::detail {
namespace {

// Length of the GB18030 character that starts at `bytes[i]`: ASCII one byte, a lead byte followed
// by a digit four, else two.
std::size_t gb18030_length(std::string_view bytes, std::size_t i) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80)
        return 1;
    if (i + 1 < bytes.size() && bytes[i + 1] >= '0' && bytes[i + 1] <= '9')
        return 4;
    return 2;
}

// Whole characters of `encoded` within the first kDbfFieldNameBytes bytes.
std::string_view gb18030_cut(std::string_view encoded) {
    std::size_t end = 0;
    while (end < encoded.size()) {
        const std::size_t next = end + gb18030_length(encoded, end);
        if (next > kDbfFieldNameBytes)
            break;
        end = next;
    }
    return encoded.substr(0, end);
}

void add(std::vector<std::string>& forms, std::string form, std::string_view name) {
    if (!form.empty() && form != name && std::find(forms.begin(), forms.end(), form) == forms.end())
        forms.push_back(std::move(form));
}

}  // namespace

std::vector<std::string> dbf_cut_forms(std::string_view name) {
    std::vector<std::string> forms;
    if (name.size() > kDbfFieldNameBytes)
        add(forms, valid_utf8(name.substr(0, kDbfFieldNameBytes)), name);
    if (const auto gbk = from_utf8(name, "GB18030"); gbk && gbk->size() > kDbfFieldNameBytes) {
        if (auto cut = to_utf8(gb18030_cut(*gbk), "GB18030"))
            add(forms, std::move(*cut), name);
    }
    return forms;
}

}  // namespace muster::detail

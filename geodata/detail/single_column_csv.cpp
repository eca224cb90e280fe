#include "geodata/detail/single_column_csv.hpp"

#include <cpl_vsi.h>
#include <gdal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace muster::detail {

std::optional<std::string> single_column_csv_copy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string header;
    if (!in || !std::getline(in, header))
        return std::nullopt;
    // The separators GDAL looks for; with any of them it reads the file itself.
    if (header.find_first_of(",;\t ") != std::string::npos)
        return std::nullopt;
    in.clear();
    in.seekg(0);
    std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t end =
        !header.empty() && header.back() == '\r' ? header.size() - 1 : header.size();
    contents.insert(end, ",");

    static std::atomic<unsigned> copies{0};
    const std::string copy = "/vsimem/muster-single-column-" + std::to_string(++copies) + "/" +
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

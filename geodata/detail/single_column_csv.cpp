#include "geodata/detail/single_column_csv.hpp"

namespace muster::detail {

bool end_single_column_header(std::string& contents) {
    std::size_t end = contents.find('\n');
    if (end == std::string::npos)
        end = contents.size();
    if (end == 0)
        return false;
    // The separators GDAL looks for; with any of them it reads the file itself.
    if (contents.find_first_of(",;\t ") < end)
        return false;
    if (contents[end - 1] == '\r')
        --end;
    contents.insert(end, 1, ',');
    return true;
}

}  // namespace muster::detail

#include "tools/server/static_files.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace muster::tools {
namespace {

constexpr std::string_view kConsolePrefix = "/console/";
constexpr std::string_view kLeafletPrefix = "/lib/leaflet/";

HttpResponse error(ErrorCode code, std::string_view message, std::string allow = {}) {
    return {http_status(code), error_json(code, message), std::move(allow), {}};
}

/// Whether `relative` names a file below its folder: segments that are not empty, do not start
/// with "." (so neither "." nor ".." nor a hidden file) and hold no backslash or NUL.
bool stays_inside(std::string_view relative) {
    while (true) {
        const std::size_t slash = relative.find('/');
        const std::string_view segment = relative.substr(0, slash);
        if (segment.empty() || segment.front() == '.' ||
            segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
            return false;
        if (slash == std::string_view::npos)
            return true;
        relative.remove_prefix(slash + 1);
    }
}

}  // namespace

std::string_view content_type_of(std::string_view file_name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".json", "application/json"},
    }};
    for (const auto& [extension, type] : kTypes) {
        if (file_name.ends_with(extension))
            return type;
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string console_dir, std::string leaflet_dir)
    : m_console_dir(std::move(console_dir)), m_leaflet_dir(std::move(leaflet_dir)) {}

std::optional<HttpResponse> StaticFiles::answer(const HttpRequest& request) const {
    try {
        const std::string_view path = request.path;
        if (path == "/")
            return file(request, m_console_dir, "index.html");
        if (path.starts_with(kConsolePrefix))
            return file(request, m_console_dir, path.substr(kConsolePrefix.size()));
        if (path.starts_with(kLeafletPrefix))
            return file(request, m_leaflet_dir, path.substr(kLeafletPrefix.size()));
        return std::nullopt;
    } catch (const std::exception& e) {
        return error(ErrorCode::InternalError, e.what());
    }
}

HttpResponse StaticFiles::file(const HttpRequest& request, const std::string& folder,
                               std::string_view relative) const {
    if (request.method != "GET" && request.method != "HEAD")
        return error(ErrorCode::MethodNotAllowed, request.path + " takes GET, HEAD", "GET, HEAD");
    if (relative.empty())  // a folder's own path: no listing
        return error(ErrorCode::NotFound, "no file " + request.path);
    if (!stays_inside(relative))
        return error(ErrorCode::InvalidValue,
                     "path: " + request.path + " is not a file of the console's folders");
    const std::filesystem::path on_disk = std::filesystem::path(folder) / relative;
    std::error_code ignored;
    std::ifstream in;
    if (std::filesystem::is_regular_file(on_disk, ignored))
        in.open(on_disk, std::ios::binary);
    if (!in.is_open())
        return error(ErrorCode::NotFound, "no file " + request.path);
    std::ostringstream text;
    text << in.rdbuf();
    HttpResponse out;
    out.text = std::move(text).str();
    out.content_type = content_type_of(relative);
    return out;
}

}  // namespace muster::tools

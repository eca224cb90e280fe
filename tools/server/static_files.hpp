#pragma once
// The console's files as `muster serve` answers them, before any endpoint: GET (or HEAD) / is the
// console's index.html, /console/FILE a file of the console's folder (console/ in the repository,
// or serve's --console DIR), /lib/leaflet/FILE a file of Debian's libjs-leaflet
// (/usr/share/javascript/leaflet), never copied into the repository. Files are read at each
// request (they are small, and the page can be edited while the service runs), typed by their
// extension (content_type_of).
//
// Only files below those folders are served: a path with an empty, "." or ".." segment (after
// %XX decoding, so %2e%2e is refused too), a segment starting with "." or holding a backslash is
// answered 400 InvalidValue; a file that does not exist (or is not a regular file) 404 NotFound;
// another method than GET or HEAD 405. These answers are JSON errors as the service's are.

#include <optional>
#include <string>
#include <string_view>

#include "tools/server/http_service.hpp"

namespace muster::tools {

/// Where Debian's libjs-leaflet installs Leaflet.
inline constexpr std::string_view kDebianLeafletDir = "/usr/share/javascript/leaflet";

/// The Content-Type of a file by its extension: text/html; charset=utf-8, text/javascript;
/// charset=utf-8, text/css; charset=utf-8, image/png, image/svg+xml, application/json; anything
/// else application/octet-stream.
std::string_view content_type_of(std::string_view file_name);

class StaticFiles {
  public:
    /// Serves the console from `console_dir` and Leaflet from `leaflet_dir`.
    StaticFiles(std::string console_dir, std::string leaflet_dir);

    /// The answer to a request for one of the paths above, or nothing for any other path (an
    /// endpoint's). Never throws.
    std::optional<HttpResponse> answer(const HttpRequest& request) const;

  private:
    HttpResponse file(const HttpRequest& request, const std::string& folder,
                      std::string_view relative) const;

    std::string m_console_dir;
    std::string m_leaflet_dir;
};

}  // namespace muster::tools

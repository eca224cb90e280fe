#pragma once
// A bad query parameter: an InputError (the CLI exits 1) with a machine-readable code that the
// HTTP service returns in its `{"code", "message"}` body (OSRM's style of codes), and the one
// mapping from codes to HTTP statuses.

#include <string>
#include <string_view>

#include "engine/errors.hpp"

namespace muster::tools {

/// Codes of QueryError.
namespace query_code {
inline constexpr const char* kInvalidValue = "InvalidValue";  ///< unparsable or out of range
inline constexpr const char* kNotFound = "NotFound";          ///< no entity with that id
inline constexpr const char* kNoSegment = "NoSegment";        ///< point too far from any road
inline constexpr const char* kNoMatch = "NoMatch";            ///< no facility matches the filters
inline constexpr const char* kNoRoute = "NoRoute";    ///< the roads do not connect the points
inline constexpr const char* kConflict = "Conflict";  ///< an id already in use (a hazard zone)
}  // namespace query_code

/// Codes of the HTTP service's own errors, beside those of query_code.
namespace service_code {
inline constexpr const char* kMissingParameter = "MissingParameter";
inline constexpr const char* kUnknownParameter = "UnknownParameter";
inline constexpr const char* kInvalidJson = "InvalidJson";
inline constexpr const char* kInvalidInput = "InvalidInput";  ///< an InputError, no QueryError
inline constexpr const char* kUnknownPath = "UnknownPath";
inline constexpr const char* kMethodNotAllowed = "MethodNotAllowed";
inline constexpr const char* kInternalError = "InternalError";
}  // namespace service_code

/// The HTTP status that answers an error of `code` (query_code or service_code): 400 a bad or
/// missing parameter or body, 404 an unknown entity, path or nothing matching, 405 a wrong
/// method, 409 a conflicting id, 422 a point off the roads or no route, 500 anything else.
inline int http_status(std::string_view code) {
    for (std::string_view c : {std::string_view(query_code::kInvalidValue),
                               std::string_view(service_code::kMissingParameter),
                               std::string_view(service_code::kUnknownParameter),
                               std::string_view(service_code::kInvalidJson),
                               std::string_view(service_code::kInvalidInput)}) {
        if (code == c)
            return 400;
    }
    if (code == query_code::kNotFound || code == query_code::kNoMatch ||
        code == service_code::kUnknownPath)
        return 404;
    if (code == service_code::kMethodNotAllowed)
        return 405;
    if (code == query_code::kConflict)
        return 409;
    if (code == query_code::kNoSegment || code == query_code::kNoRoute)
        return 422;
    return 500;
}

/// A bad parameter of a routing query, with its code.
class QueryError : public InputError {
  public:
    /// `code` is one of query_code; `message` names the parameter and what is wrong with it.
    QueryError(std::string code, const std::string& message)
        : InputError(message), m_code(std::move(code)) {}
    const std::string& code() const { return m_code; }

  private:
    std::string m_code;
};

}  // namespace muster::tools

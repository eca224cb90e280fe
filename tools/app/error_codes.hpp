#pragma once
// muster's machine-readable error codes and the one table that maps each to the `code` string of
// the HTTP service's `{"code", "message"}` body (OSRM's style of codes), the HTTP status that
// answers it, the command line's exit code (tools/cli/muster.cpp's kExitCodes documents them) and
// how the command line's message starts. The statuses: 400 a bad or missing parameter or body,
// 401 a write without a valid token, 403 a write the caller's role (or a read-only service) does
// not allow, 404 an unknown entity, path or nothing matching, 405 a wrong method, 409 a
// conflicting id, 413 a body too large, 422 a point off the roads or no route, 500 anything else,
// 503 the service stopping.
// tests/tools/app/test_error_codes.cpp checks the table against that contract.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace muster::tools {

/// What went wrong, in a word a client can test. The order is kErrorCodes'.
enum class ErrorCode {
    // A bad query (QueryError).
    InvalidValue,  ///< unparsable or out of range
    NotFound,      ///< no entity with that id
    NoSegment,     ///< point too far from any road
    NoMatch,       ///< no facility matches the filters
    NoRoute,       ///< the roads do not connect the points
    Conflict,      ///< an id already in use (a hazard zone)
    // The HTTP service's own.
    MissingParameter,
    UnknownParameter,
    InvalidJson,
    UnknownPath,
    MethodNotAllowed,
    Unauthorized,     ///< a write without a token, or with one the service does not know
    Forbidden,        ///< a write the caller's role may not make, or any on a read-only service
    PayloadTooLarge,  ///< a body over the service's limit (the HTTP front refuses it)
    BadRequest,       ///< a request the HTTP front refuses itself (malformed, unsupported method,
                      ///< too slow: 408); its status is the front's
    ServiceStopping,  ///< a request still unanswered when the service stops (never on the CLI)
    // An error of engine/errors.hpp's classes that carries no code.
    InvalidInput,  ///< an InputError
    CorruptData,   ///< a DataError: a stored structure fails its checks
    CannotWrite,   ///< a WriteError: a file muster must write cannot be written
    // The command line's own.
    BadUsage,  ///< an unknown command or option, a missing argument
    // Anything else: a bug in muster, or a library that failed.
    InternalError,
};

/// One row of kErrorCodes.
struct ErrorCodeInfo {
    ErrorCode code;
    std::string_view name;       ///< the `code` string of a JSON error body
    int http_status;             ///< the status of an HTTP error response
    int exit_code;               ///< the exit code of the command line
    std::string_view cli_label;  ///< "muster: LABEL: message" on the command line (BadUsage: none,
                                 ///< its message is CLI11's)
};

inline constexpr std::string_view kInputLabel = "error";

/// Every code, in ErrorCode's order.
inline constexpr std::array<ErrorCodeInfo, 21> kErrorCodes{{
    {ErrorCode::InvalidValue, "InvalidValue", 400, 1, kInputLabel},
    {ErrorCode::NotFound, "NotFound", 404, 1, kInputLabel},
    {ErrorCode::NoSegment, "NoSegment", 422, 1, kInputLabel},
    {ErrorCode::NoMatch, "NoMatch", 404, 1, kInputLabel},
    {ErrorCode::NoRoute, "NoRoute", 422, 1, kInputLabel},
    {ErrorCode::Conflict, "Conflict", 409, 1, kInputLabel},
    {ErrorCode::MissingParameter, "MissingParameter", 400, 1, kInputLabel},
    {ErrorCode::UnknownParameter, "UnknownParameter", 400, 1, kInputLabel},
    {ErrorCode::InvalidJson, "InvalidJson", 400, 1, kInputLabel},
    {ErrorCode::UnknownPath, "UnknownPath", 404, 1, kInputLabel},
    {ErrorCode::MethodNotAllowed, "MethodNotAllowed", 405, 1, kInputLabel},
    {ErrorCode::Unauthorized, "Unauthorized", 401, 1, kInputLabel},
    {ErrorCode::Forbidden, "Forbidden", 403, 1, kInputLabel},
    {ErrorCode::PayloadTooLarge, "PayloadTooLarge", 413, 1, kInputLabel},
    {ErrorCode::BadRequest, "BadRequest", 400, 1, kInputLabel},
    {ErrorCode::ServiceStopping, "ServiceStopping", 503, 1, kInputLabel},
    {ErrorCode::InvalidInput, "InvalidInput", 400, 1, kInputLabel},
    {ErrorCode::CorruptData, "CorruptData", 500, 3, "data error"},
    {ErrorCode::CannotWrite, "CannotWrite", 500, 5, "cannot write"},
    {ErrorCode::BadUsage, "BadUsage", 400, 2, ""},
    {ErrorCode::InternalError, "InternalError", 500, 4,
     "internal error (a bug in muster; please report it)"},
}};

namespace detail {
constexpr bool error_codes_in_enum_order() {
    for (std::size_t i = 0; i < kErrorCodes.size(); ++i) {
        if (kErrorCodes[i].code != static_cast<ErrorCode>(i))
            return false;
    }
    return kErrorCodes.back().code == ErrorCode::InternalError;  // the last enumerator
}
}  // namespace detail
static_assert(detail::error_codes_in_enum_order(), "kErrorCodes lists every ErrorCode in order");

/// The row of `code`. O(1).
constexpr const ErrorCodeInfo& error_code_info(ErrorCode code) {
    return kErrorCodes[static_cast<std::size_t>(code)];
}

/// The `code` string of a JSON error body.
constexpr std::string_view to_string(ErrorCode code) {
    return error_code_info(code).name;
}

/// The code whose string is `name` (exactly), or none.
constexpr std::optional<ErrorCode> error_code_named(std::string_view name) {
    for (const ErrorCodeInfo& row : kErrorCodes) {
        if (row.name == name)
            return row.code;
    }
    return std::nullopt;
}

/// The HTTP status that answers an error of `code`.
constexpr int http_status(ErrorCode code) {
    return error_code_info(code).http_status;
}

/// The command line's exit code for an error of `code`.
constexpr int exit_code(ErrorCode code) {
    return error_code_info(code).exit_code;
}

}  // namespace muster::tools

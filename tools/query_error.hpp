#pragma once
// A bad query parameter: an InputError (the CLI exits 1) with a machine-readable code that the
// HTTP service returns in its `{"code", "message"}` body (OSRM's style of codes).

#include <string>

#include "engine/errors.hpp"

namespace muster::tools {

/// Codes of QueryError.
namespace query_code {
inline constexpr const char* kInvalidValue = "InvalidValue";  ///< unparsable or out of range
inline constexpr const char* kNotFound = "NotFound";          ///< no entity with that id
inline constexpr const char* kNoSegment = "NoSegment";        ///< point too far from any road
inline constexpr const char* kNoMatch = "NoMatch";            ///< no facility matches the filters
inline constexpr const char* kNoRoute = "NoRoute";  ///< the roads do not connect the points
}  // namespace query_code

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

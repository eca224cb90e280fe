#pragma once
// A bad query: an InputError (the CLI exits 1) with a machine-readable code
// (tools/app/error_codes.hpp) that the HTTP service returns in its `{"code", "message"}` body, and
// the one classification of every error into a code that the CLI and the HTTP service share.

#include <exception>
#include <string>

#include "engine/cch/weight.hpp"
#include "engine/errors.hpp"
#include "tools/app/error_codes.hpp"

namespace muster::tools {

/// A bad parameter of a query or request, with its code.
class QueryError : public InputError {
  public:
    /// `message` names the parameter and what is wrong with it.
    QueryError(ErrorCode code, const std::string& message) : InputError(message), m_code(code) {}
    ErrorCode code() const { return m_code; }

  private:
    ErrorCode m_code;
};

/// The code of an error: a QueryError's own; NoRoute for a route longer than a CCH weight holds
/// (cch::WeightOverflow); InvalidInput, CorruptData or CannotWrite for the other classes of
/// engine/errors.hpp; InternalError for anything else (a bug in muster, or a
/// library that failed).
inline ErrorCode error_code_of(const std::exception& error) {
    if (const auto* query = dynamic_cast<const QueryError*>(&error))
        return query->code();
    if (dynamic_cast<const InputError*>(&error))
        return ErrorCode::InvalidInput;
    if (dynamic_cast<const cch::WeightOverflow*>(&error))
        return ErrorCode::NoRoute;  // a route too long for the weights: none within them
    if (dynamic_cast<const DataError*>(&error))
        return ErrorCode::CorruptData;
    if (dynamic_cast<const WriteError*>(&error))
        return ErrorCode::CannotWrite;
    if (dynamic_cast<const Stopped*>(&error))
        return ErrorCode::ServiceStopping;  // answered, if at all, only while the service stops
    return ErrorCode::InternalError;
}

}  // namespace muster::tools

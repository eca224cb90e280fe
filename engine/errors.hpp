#pragma once
// The error hierarchy of muster's libraries. The CLI and the HTTP service turn these into a
// message and an exit code / status; bulk-input problems that can be skipped are not errors but
// entries of a problems list (engine/problem.hpp).

#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>

namespace muster {

/// Base of every error muster throws on purpose.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Bad input from a user: a file, layer, feature, field or parameter. The message names where.
class InputError : public Error {
  public:
    using Error::Error;
};

/// A stored structure that fails its invariants (a corrupt or foreign database).
class DataError : public Error {
  public:
    using Error::Error;
};

/// A file muster must write cannot be written: the resource database is read-only (file or
/// folder permissions, read-only media), cannot be created, or the disk is full. The message
/// names the file.
class WriteError : public Error {
  public:
    using Error::Error;
};

/// A call that breaks a documented precondition of a library function — a search state of another
/// network, an order that is not a permutation, a negative count —, which muster's own callers
/// rule out before the call: a bug in the caller, never a user's input. The command line reports
/// it as an internal error (exit 4), the HTTP service as InternalError (500).
class ContractError : public Error {
  public:
    using Error::Error;
};

/// Work stopped before its end because its stop_token's stop was requested: nobody wants its
/// answer any more (the service's client has gone, or the service stops). Nothing it would have
/// written is written.
class Stopped : public Error {
  public:
    using Error::Error;
};

/// Throws Stopped, naming `what` was stopped, if `stop` has been requested.
inline void throw_if_stopped(const std::stop_token& stop, std::string_view what) {
    if (stop.stop_requested())
        throw Stopped(std::string(what) + " stopped: its answer is no longer wanted");
}

}  // namespace muster

#pragma once
// Who may change the state of `muster serve`. Reads — GET, HEAD, OPTIONS and the POSTs of the
// read-only queries (/nearest, /route, /matrix, /isochrone, /coverage, /allocate, /mci) — need no
// token and are answered to anyone; their Authorization header is not looked at. A write (the
// methods and paths kWriteRules in access.cpp lists: POST /hazards, DELETE /hazards/{id}, PATCH
// /teams/{id}, /shelters/{id}, /hospitals/{id}, /depots/{id}, POST and PATCH of /incidents...)
// needs `Authorization: Bearer TOKEN` with a token of the tokens file
// (tools/server/access_tokens.hpp) whose role has the write's permission. Refusals: no token,
// another scheme or a token not in the file 401 with a `WWW-Authenticate: Bearer` challenge; a role
// without the permission 403; a service started without a tokens file is read-only and refuses
// every write 403. A refusal never repeats the token.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "tools/app/error_codes.hpp"
#include "tools/server/access_tokens.hpp"

namespace muster::tools {

/// What a write changes. Each write of kWriteRules needs one.
enum class Permission {
    change_hazards,
    change_teams,
    change_shelters_depots,
    change_hospitals,
    change_incidents
};

/// "change hazards": what a refusal says the caller may not do.
std::string_view to_string(Permission permission);

/// Whether `role` has `permission`: dispatcher and planner may change hazards, shelters and
/// depots, a dispatcher teams, hospitals and incidents; a viewer may change nothing.
bool role_may(Role role, Permission permission);

/// The permission a request needs, or none for one that changes nothing: reads, and what the
/// service refuses with 404 or 405 (a method or path no endpoint takes). A rule's "{id}" stands
/// for any rest of a request's path at its end, for a non-empty id before a suffix
/// ("/incidents/{id}/close"), as in QueryService's endpoints.
std::optional<Permission> permission_needed(std::string_view method, std::string_view path);

/// Who made a request. A read's caller is anonymous: reads take no token.
struct Caller {
    std::string user;  ///< as the tokens file names it; empty for an anonymous caller
    std::optional<Role> role;
};

/// Why a request is refused.
struct AccessRefusal {
    ErrorCode code;         ///< Unauthorized (401) or Forbidden (403)
    std::string message;    ///< says what to send or who may; never the token
    std::string challenge;  ///< the WWW-Authenticate header of a 401, empty otherwise
};

/// The caller of an admitted request, or why it is refused.
using Access = std::variant<Caller, AccessRefusal>;

/// The access rules of one running service: its tokens file's users, or none (read-only).
class AccessPolicy {
  public:
    /// A read-only service: every write is refused (403).
    AccessPolicy() = default;
    /// Writes by the users of `tokens`, each as its role allows.
    explicit AccessPolicy(TokenTable tokens) : m_tokens(std::move(tokens)) {}

    bool read_only() const { return !m_tokens.has_value(); }

    /// The caller of a request with this method, path and Authorization header, or why it is
    /// refused. One SHA-256 and O(users) constant-time comparisons for a write, nothing for a
    /// read. Thread-safe (reads only).
    Access admit(std::string_view method, std::string_view path,
                 std::string_view authorization) const;

    /// Who the bearer token of `authorization` names, whatever the request: what GET /session
    /// answers, so that a client learns its user and role before it offers a write. Refusals are
    /// 401 with a challenge: no token, another scheme, a token not in the file, and every token
    /// of a read-only service (it has none). Never repeats the token. Thread-safe (reads only).
    Access identify(std::string_view authorization) const;

  private:
    std::optional<TokenTable> m_tokens;
};

}  // namespace muster::tools

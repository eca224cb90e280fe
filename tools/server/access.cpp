#include "tools/server/access.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace muster::tools {
namespace {

/// A method and path that change the service's state, and the permission they need.
struct WriteRule {
    std::string_view method;
    std::string_view path;  ///< "{id}" stands for any id (as QueryService::find_endpoint reads it)
    Permission permission;
};

// Every write the service takes. A new write endpoint (PATCH /teams/{id}, ...) adds its rule
// here; its handler refuses a caller without a user, so a forgotten rule fails loudly.
constexpr std::array<WriteRule, 10> kWriteRules{{
    {"POST", "/hazards", Permission::change_hazards},
    {"DELETE", "/hazards/{id}", Permission::change_hazards},
    {"PATCH", "/teams/{id}", Permission::change_teams},
    {"PATCH", "/shelters/{id}", Permission::change_shelters_depots},
    {"PATCH", "/hospitals/{id}", Permission::change_hospitals},
    {"PATCH", "/depots/{id}", Permission::change_shelters_depots},
    {"POST", "/incidents", Permission::change_incidents},
    {"PATCH", "/incidents/{id}", Permission::change_incidents},
    {"POST", "/incidents/{id}/dispatch", Permission::change_incidents},
    {"POST", "/incidents/{id}/close", Permission::change_incidents},
}};

constexpr std::array<Role, 3> kRoles{Role::dispatcher, Role::planner, Role::viewer};

// "{id}" at a rule's end stands for any rest of the path; before a suffix ("/dispatch"), for
// one path segment or more.
bool path_matches(std::string_view rule, std::string_view path) {
    const std::size_t brace = rule.find('{');
    if (brace == std::string_view::npos)
        return path == rule;
    const std::string_view prefix = rule.substr(0, brace);
    const std::string_view suffix = rule.substr(rule.find('}') + 1);
    return path.starts_with(prefix) &&
           (suffix.empty() ||
            (path.size() > prefix.size() + suffix.size() && path.ends_with(suffix)));
}

/// "a dispatcher or planner": the roles that have `permission`.
std::string roles_that_may(Permission permission) {
    std::vector<std::string_view> names;
    for (const Role role : kRoles) {
        if (role_may(role, permission))
            names.push_back(to_string(role));
    }
    if (names.empty())
        return "no role";
    std::string out = "a " + std::string(names.front());
    for (std::size_t i = 1; i < names.size(); ++i)
        out += (i + 1 == names.size() ? " or " : ", ") + std::string(names[i]);
    return out;
}

/// The token of "Bearer TOKEN" (the scheme in any case, RFC 7235), or none for another scheme
/// or no token.
std::optional<std::string_view> bearer_token(std::string_view authorization) {
    constexpr std::string_view kScheme = "bearer";
    if (authorization.size() <= kScheme.size() || authorization[kScheme.size()] != ' ')
        return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i])
            return std::nullopt;
    }
    std::string_view token = authorization.substr(kScheme.size());
    token.remove_prefix(std::min(token.find_first_not_of(' '), token.size()));
    token.remove_suffix(token.size() - std::min(token.find_last_not_of(' ') + 1, token.size()));
    if (token.empty())
        return std::nullopt;
    return token;
}

AccessRefusal unauthorized(std::string message, bool invalid_token) {
    return {ErrorCode::Unauthorized, std::move(message),
            invalid_token ? R"(Bearer realm="muster", error="invalid_token")"
                          : R"(Bearer realm="muster")"};
}

}  // namespace

std::string_view to_string(Permission permission) {
    switch (permission) {
        case Permission::change_hazards:
            return "change hazards";
        case Permission::change_teams:
            return "change teams";
        case Permission::change_incidents:
            return "change incidents";
        case Permission::change_shelters_depots:
            return "change shelters and depots";
        case Permission::change_hospitals:
            return "change hospitals";
    }
    return "change the service";
}

bool role_may(Role role, Permission permission) {
    switch (permission) {
        case Permission::change_hazards:
            return role == Role::dispatcher || role == Role::planner;
        case Permission::change_teams:
            return role == Role::dispatcher;  // who sends a team, and hears it report
        case Permission::change_incidents:
            return role == Role::dispatcher;  // who takes the call and sends teams to it
        case Permission::change_shelters_depots:
            // Shelters and stockpiles are the planner's as much as the dispatcher's.
            return role == Role::dispatcher || role == Role::planner;
        case Permission::change_hospitals:
            return role == Role::dispatcher;  // beds are reported to, and taken by, dispatch
    }
    return false;
}

std::optional<Permission> permission_needed(std::string_view method, std::string_view path) {
    for (const WriteRule& rule : kWriteRules) {
        if (rule.method == method && path_matches(rule.path, path))
            return rule.permission;
    }
    return std::nullopt;
}

Access AccessPolicy::admit(std::string_view method, std::string_view path,
                           std::string_view authorization) const {
    const std::optional<Permission> permission = permission_needed(method, path);
    if (!permission)
        return Caller{};
    if (!m_tokens)
        return AccessRefusal{
            ErrorCode::Forbidden, "the service is read-only: start it with --tokens FILE", {}};
    const std::string request = std::string(method) + " " + std::string(path);
    if (authorization.empty()) {
        return unauthorized(request + " needs a token: send Authorization: Bearer TOKEN", false);
    }
    const std::optional<std::string_view> token = bearer_token(authorization);
    if (!token) {
        return unauthorized("Authorization: " + request + " takes a Bearer token (Bearer TOKEN)",
                            false);
    }
    const TokenUser* user = m_tokens->find_token(*token);
    if (!user)
        return unauthorized("Authorization: the token is not one of the service's", true);
    if (!role_may(user->role, *permission)) {
        return AccessRefusal{ErrorCode::Forbidden,
                             "user '" + user->user + "' (" + std::string(to_string(user->role)) +
                                 ") may not " + std::string(to_string(*permission)) + ": " +
                                 roles_that_may(*permission) + " may",
                             {}};
    }
    return Caller{user->user, user->role};
}

Access AccessPolicy::identify(std::string_view authorization) const {
    if (authorization.empty())
        return unauthorized("no token: send Authorization: Bearer TOKEN", false);
    const std::optional<std::string_view> token = bearer_token(authorization);
    if (!token)
        return unauthorized("Authorization: takes a Bearer token (Bearer TOKEN)", false);
    if (!m_tokens) {
        return unauthorized(
            "Authorization: the service is read-only (started without --tokens): it knows no token",
            true);
    }
    const TokenUser* user = m_tokens->find_token(*token);
    if (!user)
        return unauthorized("Authorization: the token is not one of the service's", true);
    return Caller{user->user, user->role};
}

}  // namespace muster::tools

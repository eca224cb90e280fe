#pragma once
// The tokens file of `muster serve --tokens FILE` and `muster token FILE`: who may change the
// service's state. One user per line, three fields separated by one tab:
//
//     USER<TAB>ROLE<TAB>sha256:HEX
//
// USER is the name the service's event log records (no whitespace or control characters, not
// starting with '#'); ROLE is dispatcher, planner or viewer (tools/server/access.hpp says what each
// may change); HEX is the 64 hex digits of the SHA-256 of the token's text. The token itself is
// never stored: the service hashes the one a request presents and compares the hashes in constant
// time. Blank lines and lines starting with '#' are comments. A user is listed once, and no two
// users share a token.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muster::tools {

/// What a user of the service may do (tools/server/access.hpp: role_may).
enum class Role { dispatcher, planner, viewer };

/// "dispatcher", "planner" or "viewer".
std::string_view to_string(Role role);

/// The role named `name` exactly, or none.
std::optional<Role> role_named(std::string_view name);

/// The SHA-256 of a token's text.
using TokenHash = std::array<unsigned char, 32>;

/// SHA-256 of `text` (OpenSSL's libcrypto). Throws Error if libcrypto fails.
TokenHash sha256(std::string_view text);

/// A new token: 32 bytes from OpenSSL's RAND_bytes, as 64 lowercase hex digits. Throws Error if
/// the generator cannot give them (it is not seeded).
std::string new_token();

/// Throws InputError ("WHERE: ...") unless `user` can be a user of a tokens file: not empty, no
/// whitespace or control characters, not starting with '#'.
void check_user_name(std::string_view user, std::string_view where);

/// A user's line of a tokens file, "USER\tROLE\tsha256:HEX\n". Throws InputError for a user name
/// check_user_name refuses.
std::string token_line(std::string_view user, Role role, const TokenHash& hash);

/// One user of a tokens file.
struct TokenUser {
    std::string user;
    Role role;
    TokenHash hash;    ///< of the user's token
    std::size_t line;  ///< where the file lists the user, from 1
};

/// The users of a tokens file.
class TokenTable {
  public:
    /// The users of the text of a tokens file; `file` names it in errors. Throws InputError
    /// "FILE:LINE: ..." for a malformed line, a user listed twice or a token (hash) listed twice.
    static TokenTable parse(std::string_view text, const std::string& file);

    /// parse() of the file at `path`. Throws InputError if it cannot be read or is malformed.
    static TokenTable read(const std::string& path);

    /// The user whose token is `token`, or null. The token's hash is compared with every user's
    /// in constant time (CRYPTO_memcmp), all of them, so the time taken tells nothing of which
    /// hash came close. O(users).
    const TokenUser* find_token(std::string_view token) const;

    /// The user named `user`, or null.
    const TokenUser* find_user(std::string_view user) const;

    const std::vector<TokenUser>& users() const { return m_users; }

  private:
    std::vector<TokenUser> m_users;
};

}  // namespace muster::tools

#include "tools/server/access_tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/errors.hpp"
#include "engine/text.hpp"

namespace muster::tools {
namespace {

constexpr std::array<std::string_view, 3> kRoleNames{"dispatcher", "planner", "viewer"};
constexpr std::string_view kHashPrefix = "sha256:";

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 0xf];
    }
    return out;
}

/// "sha256:" and 64 hex digits as a hash, or none.
std::optional<TokenHash> parse_hash(std::string_view text) {
    if (!text.starts_with(kHashPrefix))
        return std::nullopt;
    text.remove_prefix(kHashPrefix.size());
    TokenHash hash{};
    if (text.size() != 2 * hash.size())
        return std::nullopt;
    for (std::size_t i = 0; i < hash.size(); ++i) {
        const int high = hex_digit(text[2 * i]);
        const int low = hex_digit(text[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        hash[i] = static_cast<unsigned char>(high * 16 + low);
    }
    return hash;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

}  // namespace

std::string_view to_string(Role role) {
    return kRoleNames[static_cast<std::size_t>(role)];
}

std::optional<Role> role_named(std::string_view name) {
    for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
        if (kRoleNames[i] == name)
            return static_cast<Role>(i);
    }
    return std::nullopt;
}

TokenHash sha256(std::string_view text) {
    TokenHash hash{};
    unsigned int size = 0;
    if (EVP_Digest(text.data(), text.size(), hash.data(), &size, EVP_sha256(), nullptr) != 1 ||
        size != hash.size())
        throw Error("OpenSSL could not compute a SHA-256");
    return hash;
}

std::string new_token() {
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw Error("OpenSSL's random generator could not make a token (it is not seeded)");
    std::string token = hex(bytes.data(), bytes.size());
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return token;
}

void check_user_name(std::string_view user, std::string_view where) {
    if (user.empty())
        throw InputError(std::string(where) + ": the user name is empty");
    if (user.front() == '#')
        throw InputError(std::string(where) + ": a user name cannot start with '#'");
    for (const char c : user) {
        const auto byte = static_cast<unsigned char>(c);
        // UTF-8 bytes (>= 0x80) are allowed: user names may be Chinese.
        if (byte <= 0x20 || byte == 0x7f)
            throw InputError(std::string(where) + ": the user name '" + std::string(user) +
                             "' has a space, tab or control character");
    }
}

std::string token_line(std::string_view user, Role role, const TokenHash& hash) {
    check_user_name(user, "--user");
    return std::string(user) + '\t' + std::string(to_string(role)) + '\t' +
           std::string(kHashPrefix) + hex(hash.data(), hash.size()) + '\n';
}

TokenTable TokenTable::parse(std::string_view text, const std::string& file) {
    TokenTable table;
    std::size_t number = 0;
    for (std::string_view line : split(text, '\n')) {
        ++number;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const std::string where = file + ":" + std::to_string(number);
        const std::vector<std::string_view> fields = split(line, '\t');
        if (fields.size() != 3) {
            throw InputError(where +
                             ": expected USER<TAB>ROLE<TAB>sha256:HEX (three fields separated by "
                             "tabs), found " +
                             std::to_string(fields.size()) +
                             (fields.size() == 1 ? " field" : " fields"));
        }
        check_user_name(fields[0], where);
        const std::optional<Role> role = role_named(fields[1]);
        if (!role) {
            throw InputError(where + ": '" + std::string(fields[1]) +
                             "' is not a role (dispatcher, planner or viewer)");
        }
        const std::optional<TokenHash> hash = parse_hash(fields[2]);
        if (!hash) {
            // The field is not echoed: it might be a token pasted by mistake.
            throw InputError(where + ": the third field is not sha256: and 64 hex digits");
        }
        if (const TokenUser* same = table.find_user(fields[0])) {
            throw InputError(where + ": user '" + same->user + "' is already listed on line " +
                             std::to_string(same->line));
        }
        for (const TokenUser& other : table.m_users) {
            if (other.hash == *hash) {
                throw InputError(where + ": the same token as user '" + other.user + "' on line " +
                                 std::to_string(other.line));
            }
        }
        table.m_users.push_back({std::string(fields[0]), *role, *hash, number});
    }
    return table;
}

TokenTable TokenTable::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot read the tokens file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw InputError(path + ": cannot read the tokens file");
    return parse(text.str(), path);
}

const TokenUser* TokenTable::find_token(std::string_view token) const {
    const TokenHash hash = sha256(token);
    const TokenUser* found = nullptr;
    for (const TokenUser& user : m_users) {
        if (CRYPTO_memcmp(user.hash.data(), hash.data(), hash.size()) == 0)
            found = &user;
    }
    return found;
}

const TokenUser* TokenTable::find_user(std::string_view user) const {
    for (const TokenUser& u : m_users) {
        if (u.user == user)
            return &u;
    }
    return nullptr;
}

}  // namespace muster::tools

// `muster token FILE --user NAME --role ROLE`: a new access token for `muster serve --tokens
// FILE` (tools/server/access_tokens.hpp has the file's format, tools/server/access.hpp what each
// role may do). Makes a token of 32 random bytes, appends the user's line with the token's SHA-256
// to FILE (created with mode 0600 if missing) and prints the token once on stdout: the file keeps
// only its hash, so a lost token cannot be recovered, only replaced (remove the user's line and
// run the command again).

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "engine/errors.hpp"
#include "tools/cli/commands.hpp"
#include "tools/server/access_tokens.hpp"

namespace muster::tools {
namespace {

struct TokenOptions {
    std::string file;
    std::string user;
    std::string role;
};

/// A file descriptor, closed when it goes out of scope.
class OpenFile {
  public:
    explicit OpenFile(int fd) : m_fd(fd) {}
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile() { ::close(m_fd); }
    int fd() const { return m_fd; }

  private:
    int m_fd;
};

std::string system_error() {
    return std::strerror(errno);
}

/// The tokens file open for reading and appending, created with mode 0600 if missing.
OpenFile open_tokens_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        // Exactly 0600 whatever the umask: only its owner reads who may write.
        if (::fchmod(fd, 0600) != 0) {
            ::close(fd);
            throw WriteError(path + ": cannot make the tokens file private: " + system_error());
        }
        return OpenFile(fd);
    }
    if (errno == EEXIST)
        fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        throw WriteError(path + ": cannot open the tokens file: " + system_error());
    return OpenFile(fd);
}

std::string read_all(const OpenFile& file, const std::string& path) {
    std::string text;
    char buffer[4096];
    for (off_t offset = 0;;) {
        const ssize_t n = ::pread(file.fd(), buffer, sizeof buffer, offset);
        if (n < 0)
            throw InputError(path + ": cannot read the tokens file: " + system_error());
        if (n == 0)
            return text;
        text.append(buffer, static_cast<std::size_t>(n));
        offset += n;
    }
}

void write_all(const OpenFile& file, const std::string& path, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(file.fd(), text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw WriteError(path + ": cannot write the tokens file: " + system_error());
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(file.fd()) != 0)
        throw WriteError(path + ": cannot write the tokens file: " + system_error());
}

void run_token(const TokenOptions& options) {
    const std::optional<Role> role = role_named(options.role);
    if (!role) {
        throw InputError("--role: '" + options.role +
                         "' is not a role (dispatcher, planner or viewer)");
    }
    check_user_name(options.user, "--user");
    const OpenFile file = open_tokens_file(options.file);
    // Held until the line is written: two runs at once cannot both add the same user.
    if (::flock(file.fd(), LOCK_EX) != 0)
        throw WriteError(options.file + ": cannot lock the tokens file: " + system_error());
    const std::string text = read_all(file, options.file);
    const TokenTable table = TokenTable::parse(text, options.file);
    if (const TokenUser* user = table.find_user(options.user)) {
        throw InputError(options.file + ": user '" + user->user + "' already has a token (line " +
                         std::to_string(user->line) + "); remove that line to give them a new one");
    }
    const std::string token = new_token();
    std::string line = token_line(options.user, *role, sha256(token));
    if (!text.empty() && text.back() != '\n')
        line.insert(line.begin(), '\n');
    write_all(file, options.file, line);
    std::cout << token << std::endl;
    std::cerr << "muster token: user '" << options.user << "' (" << to_string(*role)
              << ") added to " << options.file
              << "; the token above is shown only this once, the file keeps its SHA-256\n";
}

}  // namespace

void add_token_command(CLI::App& app) {
    auto options = std::make_shared<TokenOptions>();
    auto* cmd = app.add_subcommand(
        "token",
        "make an access token for `muster serve --tokens FILE`: appends the user, role and the "
        "token's SHA-256 to FILE (created with mode 0600) and prints the token once");
    cmd->add_option("file", options->file, "tokens file (USER<TAB>ROLE<TAB>sha256:HEX lines)")
        ->required();
    cmd->add_option("--user", options->user, "the user's name, as the event log records it")
        ->required();
    cmd->add_option("--role", options->role,
                    "dispatcher or planner (may change hazards) or viewer (may change nothing)")
        ->required();
    cmd->callback([options] { run_token(*options); });
}

}  // namespace muster::tools

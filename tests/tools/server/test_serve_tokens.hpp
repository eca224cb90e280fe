#pragma once
// Test support for the tests that change hazards and teams over HTTP: a tokens file with one
// dispatcher whose token is known, for `muster serve --tokens FILE`, and requests that carry it.

#include <httplib.h>

#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace muster::test {

/// The dispatcher's token, and its SHA-256 as `printf %s dispatcher-test-token | sha256sum`
/// printed it.
inline const std::string kDispatcherToken = "dispatcher-test-token";
inline const std::string kDispatcherTokenSha256 =
    "a33802fb8c397031efabebff5a33d8a29b837f0e4e25ee187fca118486c5b2e3";

/// `args` and `--tokens FILE`, FILE in `dir` listing the dispatcher "dispatch-1".
inline std::vector<std::string> with_dispatcher(const TempDir& dir, std::vector<std::string> args) {
    const std::string file =
        dir.write("tokens.tsv", "dispatch-1\tdispatcher\tsha256:" + kDispatcherTokenSha256 + "\n");
    args.insert(args.end(), {"--tokens", file});
    return args;
}

/// The Authorization header of the dispatcher.
inline httplib::Headers dispatcher_headers() {
    return {{"Authorization", "Bearer " + kDispatcherToken}};
}

/// POST with a JSON body as the dispatcher.
inline Reply post_as_dispatcher(int port, const std::string& path, const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Post(path.c_str(), dispatcher_headers(), body, "application/json"));
}

/// PATCH with a JSON body as the dispatcher.
inline Reply patch_as_dispatcher(int port, const std::string& path, const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Patch(path.c_str(), dispatcher_headers(), body, "application/json"));
}

/// DELETE as the dispatcher.
inline Reply delete_as_dispatcher(int port, const std::string& target) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Delete(target.c_str(), dispatcher_headers()));
}

}  // namespace muster::test

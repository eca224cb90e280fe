// GET /session: who the request's bearer token names, so that the console offers a dispatcher the
// writes and a viewer none. A dispatcher's and a viewer's token answer their user and role as the
// tokens file lists them; no token, another scheme and a token not in the file are 401 with the
// Bearer challenge, and the token is never repeated. The tokens' hashes are sha256sum's, not
// muster's own hashing.

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace {

using namespace muster::test;

constexpr auto contains = muster::test::contains_text;

/// The viewer's token, and its SHA-256 as `printf %s viewer-test-token | sha256sum` printed it.
const std::string kViewerToken = "viewer-test-token";
const std::string kViewerTokenSha256 =
    "f23b6c97f249447867895961de500a8d0d7ecced8c3f9ebd456e23462515734a";

/// GET /session with an Authorization header (none if empty): the reply and its challenge.
struct SessionAnswer {
    Reply reply;
    std::string challenge;
};

SessionAnswer session(int port, const std::string& authorization) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!authorization.empty())
        headers.emplace("Authorization", authorization);
    const httplib::Result result = client.Get("/session", headers);
    REQUIRE(result);
    return {reply_of(result), result->get_header_value("WWW-Authenticate")};
}

}  // namespace

TEST_CASE("GET /session names the token's user and role, and is 401 without a valid token") {
    TempDir dir;
    const std::string tokens =
        dir.write("tokens.tsv", "dispatch-1\tdispatcher\tsha256:" + kDispatcherTokenSha256 +
                                    "\nwatch-1\tviewer\tsha256:" + kViewerTokenSha256 + "\n");
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  {"--no-db-hazards", "--tokens", tokens});
    const int port = server.port();

    const SessionAnswer dispatcher = session(port, "Bearer " + kDispatcherToken);
    CHECK(dispatcher.reply.status == 200);
    CHECK(dispatcher.reply.body == json{{"user", "dispatch-1"}, {"role", "dispatcher"}});

    // The scheme in any case (RFC 7235), as writes take it.
    const SessionAnswer viewer = session(port, "bearer " + kViewerToken);
    CHECK(viewer.reply.status == 200);
    CHECK(viewer.reply.body == json{{"user", "watch-1"}, {"role", "viewer"}});

    const SessionAnswer none = session(port, "");
    CHECK(none.reply.status == 401);
    CHECK(none.reply.body.at("code") == "Unauthorized");
    CHECK(contains(none.reply.body.at("message").get<std::string>(), "Authorization: Bearer"));
    CHECK(none.challenge.starts_with("Bearer"));

    const SessionAnswer basic = session(port, "Basic YWxpY2U6c2VjcmV0");
    CHECK(basic.reply.status == 401);
    CHECK(basic.challenge.starts_with("Bearer"));

    const std::string wrong = "dispatcher-test-tokem";
    const SessionAnswer unknown = session(port, "Bearer " + wrong);
    CHECK(unknown.reply.status == 401);
    CHECK(unknown.reply.body.at("code") == "Unauthorized");
    CHECK(contains(unknown.challenge, "invalid_token"));
    CHECK_FALSE(contains(unknown.reply.body.dump(), wrong));

    // A read like any other: it takes no query parameters and no other method.
    CHECK(get(port, "/session?user=dispatch-1").status == 400);
    CHECK(post(port, "/session", "{}").status == 405);
}

TEST_CASE("GET /session on a service without --tokens knows no token") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {"--no-db-hazards"});
    const SessionAnswer answer = session(server.port(), "Bearer " + kDispatcherToken);
    CHECK(answer.reply.status == 401);
    CHECK(contains(answer.challenge, "invalid_token"));
    CHECK(contains(answer.reply.body.at("message").get<std::string>(), "read-only"));
}

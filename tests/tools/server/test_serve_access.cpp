// Who may change the state of `muster serve`: `muster token` and the tokens file it writes, and
// the service's answers to writes (POST /hazards, DELETE /hazards/{id}) by no token, an unknown
// token, a viewer, a dispatcher and a planner, with and without --tokens. The token's hash is
// checked against sha256sum, not against muster's own hashing.

#include <httplib.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

constexpr auto contains = muster::test::contains_text;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `muster token FILE --user USER --role ROLE`: its exit status, stdout and stderr apart.
struct TokenRun {
    int status = -1;
    std::string out, err;
};

TokenRun make_token(const TempDir& dir, const std::string& file, const std::string& user,
                    const std::string& role) {
    const std::string out = dir.file("token.out"), err = dir.file("token.err");
    TokenRun run;
    // In a subshell: run_command sends the stderr of the whole line to its output.
    run.status = run_command("(LC_ALL=C.UTF-8 " + quote(MUSTER_BINARY) + " token " + quote(file) +
                             " --user " + quote(user) + " --role " + quote(role) + " >" +
                             quote(out) + " 2>" + quote(err) + ")");
    run.out = read_text(out);
    run.err = read_text(err);
    return run;
}

/// The token a successful `muster token` printed (its one line of stdout).
std::string new_token(const TempDir& dir, const std::string& file, const std::string& user,
                      const std::string& role) {
    const TokenRun run = make_token(dir, file, user, role);
    INFO(run.err);
    REQUIRE(run.status == 0);
    REQUIRE(!run.out.empty());
    REQUIRE(run.out.back() == '\n');
    return run.out.substr(0, run.out.size() - 1);
}

/// The SHA-256 of `text` in hex, as coreutils' sha256sum computes it.
std::string sha256sum(const TempDir& dir, const std::string& text) {
    const std::string input = dir.write("sha256.in", text);
    std::string output;
    REQUIRE(run_command("sha256sum " + quote(input), &output) == 0);
    REQUIRE(output.size() > 64);
    return output.substr(0, 64);
}

/// The flood zone z1 of tests/fixtures/routing/hazards.geojson as a GeoJSON Feature.
std::string flood_feature() {
    std::ifstream in(fixture("routing/hazards.geojson"));
    return json::parse(in).at("features").at(0).dump();
}

/// A request with an Authorization header (none if empty), its reply and WWW-Authenticate header.
struct Answer {
    Reply reply;
    std::string challenge;
};

Answer request(int port, const std::string& method, const std::string& target,
               const std::string& authorization, const std::string& body = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!authorization.empty())
        headers.emplace("Authorization", authorization);
    const httplib::Result result =
        method == "GET"    ? client.Get(target.c_str(), headers)
        : method == "POST" ? client.Post(target.c_str(), headers, body, "application/json")
                           : client.Delete(target.c_str(), headers);
    REQUIRE(result);
    return {reply_of(result), result->get_header_value("WWW-Authenticate")};
}

/// `muster serve DB --tokens FILE`, which must refuse to start: stopped after 60 s (status 124)
/// if it starts after all.
Run serve_until_it_fails(const std::string& db, const std::string& tokens) {
    Run run;
    run.status = run_command("LC_ALL=C.UTF-8 timeout 60 " + quote(MUSTER_BINARY) + " serve " +
                                 quote(db) + " --port 0 --tokens " + quote(tokens),
                             &run.output);
    return run;
}

/// The version of the hazard scenario in force.
std::uint64_t hazard_version(int port) {
    return get_ok(port, "/hazards").at("hazards").at("version").get<std::uint64_t>();
}

}  // namespace

TEST_CASE("muster token appends the user with the SHA-256 of the token it prints, mode 0600") {
    TempDir dir;
    const std::string file = dir.file("tokens.tsv");
    const std::string alice = new_token(dir, file, "alice", "dispatcher");
    // 32 random bytes in hex.
    CHECK(alice.size() == 64);
    CHECK(alice.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(read_text(file) == "alice\tdispatcher\tsha256:" + sha256sum(dir, alice) + "\n");
    struct stat info {};
    REQUIRE(stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    // A second user is appended; the tokens differ.
    const std::string bob = new_token(dir, file, "bob", "viewer");
    CHECK(bob != alice);
    CHECK(read_text(file) == "alice\tdispatcher\tsha256:" + sha256sum(dir, alice) +
                                 "\nbob\tviewer\tsha256:" + sha256sum(dir, bob) + "\n");
    const std::string before = read_text(file);

    // A user already in the file, a role that is none, a name with a space: refused, nothing
    // written, no token printed.
    const TokenRun again = make_token(dir, file, "alice", "planner");
    CHECK(again.status == 1);
    CHECK(contains(again.err, "user 'alice' already has a token (line 1)"));
    CHECK(again.out.empty());
    const TokenRun boss = make_token(dir, file, "carol", "boss");
    CHECK(boss.status == 1);
    CHECK(contains(boss.err, "--role: 'boss' is not a role (dispatcher, planner or viewer)"));
    CHECK(boss.out.empty());
    const TokenRun spaced = make_token(dir, file, "carol smith", "viewer");
    CHECK(spaced.status == 1);
    CHECK(contains(spaced.err, "--user"));
    CHECK(read_text(file) == before);
}

TEST_CASE("muster token refuses to add to a malformed tokens file, naming its line") {
    TempDir dir;
    const std::string file = dir.write("tokens.tsv", "# users\nalice dispatcher sha256:00\n");
    const TokenRun run = make_token(dir, file, "bob", "viewer");
    CHECK(run.status == 1);
    CHECK(contains(run.err, file + ":2: expected USER<TAB>ROLE<TAB>sha256:HEX"));
    CHECK(run.out.empty());
}

TEST_CASE("serve --tokens: writes need a dispatcher's or planner's token, reads need none") {
    TempDir dir;
    const std::string tokens = dir.file("tokens.tsv");
    const std::string dispatcher = new_token(dir, tokens, "dana", "dispatcher");
    const std::string planner = new_token(dir, tokens, "pat", "planner");
    const std::string viewer = new_token(dir, tokens, "vic", "viewer");
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  {"--no-db-hazards", "--tokens", tokens});
    const int port = server.port();
    const std::string flood = flood_feature();

    // No token, another scheme, a token not in the file: 401 with the Bearer challenge.
    const Answer none = request(port, "POST", "/hazards", "", flood);
    CHECK(none.reply.status == 401);
    CHECK(none.reply.body.at("code") == "Unauthorized");
    CHECK(contains(none.reply.body.at("message").get<std::string>(), "Authorization: Bearer"));
    CHECK(none.challenge.starts_with("Bearer"));
    const Answer basic = request(port, "DELETE", "/hazards/z1", "Basic YWxpY2U6c2VjcmV0");
    CHECK(basic.reply.status == 401);
    CHECK(basic.challenge.starts_with("Bearer"));
    const std::string wrong =
        std::string(dispatcher).replace(0, 1, dispatcher[0] == 'a' ? "b" : "a");
    const Answer unknown = request(port, "POST", "/hazards", "Bearer " + wrong, flood);
    CHECK(unknown.reply.status == 401);
    CHECK(unknown.reply.body.at("code") == "Unauthorized");
    CHECK(unknown.challenge.starts_with("Bearer"));
    CHECK_FALSE(contains(unknown.reply.body.dump(), wrong));

    // A viewer may read but not write: 403, before the zone's existence is looked at.
    const Answer viewed = request(port, "POST", "/hazards", "Bearer " + viewer, flood);
    CHECK(viewed.reply.status == 403);
    CHECK(viewed.reply.body.at("code") == "Forbidden");
    CHECK(contains(viewed.reply.body.at("message").get<std::string>(),
                   "user 'vic' (viewer) may not change hazards"));
    CHECK(viewed.challenge.empty());
    CHECK(request(port, "DELETE", "/hazards/nope", "Bearer " + viewer).reply.status == 403);
    CHECK_FALSE(contains(viewed.reply.body.dump(), viewer));
    // None of the refusals changed anything.
    CHECK(hazard_version(port) == 1);

    // The dispatcher adds z1 (version 2), the planner lifts it (version 3).
    const Answer added = request(port, "POST", "/hazards", "Bearer " + dispatcher, flood);
    CHECK(added.reply.status == 201);
    CHECK(added.reply.body.at("id") == "z1");
    CHECK(hazard_version(port) == 2);
    const Answer lifted = request(port, "DELETE", "/hazards/z1", "Bearer " + planner);
    CHECK(lifted.reply.status == 200);
    CHECK(lifted.reply.body.at("lifted") == "z1");
    CHECK(hazard_version(port) == 3);
    // The scheme's name in any case (RFC 7235).
    CHECK(request(port, "POST", "/hazards", "bearer " + planner, flood).reply.status == 201);

    // Reads need no token: GET, and the POST of a read-only query; a token on them is not looked
    // at.
    CHECK(request(port, "GET", "/hazards", "").reply.status == 200);
    CHECK(request(port, "GET", "/route?from=0,0&to=0.01,0", "").reply.status == 200);
    CHECK(
        request(port, "POST", "/route", "", R"({"from": [0, 0], "to": [0.01, 0]})").reply.status ==
        200);
    CHECK(request(port, "GET", "/health", "Bearer " + wrong).reply.status == 200);

    // The request log never holds a token.
    const std::string log = server.log_text();
    for (const std::string& token : {dispatcher, planner, viewer, wrong})
        CHECK_FALSE(contains(log, token));
}

TEST_CASE("serve without --tokens is read-only: every write 403, reads 200") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {});
    const int port = server.port();
    const std::string message = "the service is read-only: start it with --tokens FILE";
    const Answer post = request(port, "POST", "/hazards", "", flood_feature());
    CHECK(post.reply.status == 403);
    CHECK(post.reply.body.at("code") == "Forbidden");
    CHECK(post.reply.body.at("message") == message);
    // The stored zone z1 cannot be lifted, with or without a token.
    const Answer lift = request(port, "DELETE", "/hazards/z1", "Bearer anything");
    CHECK(lift.reply.status == 403);
    CHECK(lift.reply.body.at("message") == message);
    CHECK(get_ok(port, "/hazards").at("hazards") ==
          json{{"version", 1}, {"ids", json::array({"z1"})}});
    CHECK(request(port, "GET", "/route?from=0,0&to=0.01,0", "").reply.status == 200);
    CHECK(request(port, "POST", "/nearest", "", R"({"at": [0.019, 0]})").reply.status == 200);
}

TEST_CASE("serve refuses to start with a malformed tokens file, naming the file and line") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    const std::string hash = "sha256:" + std::string(64, 'a');
    struct Case {
        std::string text, message;
    };
    const std::vector<Case> cases{
        {"# users\n\nalice dispatcher " + hash + "\n",
         ":3: expected USER<TAB>ROLE<TAB>sha256:HEX (three fields separated by tabs), found 1 "
         "field"},
        {"alice\tboss\t" + hash + "\n", ":1: 'boss' is not a role (dispatcher, planner or viewer)"},
        {"alice\tviewer\tsha256:abc\n", ":1: the third field is not sha256: and 64 hex digits"},
        {"alice\tviewer\t" + std::string(64, 'a') + "\n", ":1: the third field is not sha256:"},
        {"alice\tviewer\t" + hash + "\nalice\tplanner\tsha256:" + std::string(64, 'b') + "\n",
         ":2: user 'alice' is already listed on line 1"},
        {"alice\tviewer\t" + hash + "\nbob\tplanner\t" + hash + "\n",
         ":2: the same token as user 'alice' on line 1"},
    };
    const std::string file = dir.file("tokens.tsv");
    for (const Case& c : cases) {
        std::ofstream(file, std::ios::binary | std::ios::trunc) << c.text;
        INFO(c.text);
        const Run run = serve_until_it_fails(db, file);
        INFO(run.output);
        CHECK(run.status == 1);
        CHECK(contains(run.output, file + c.message));
        CHECK_FALSE(contains(run.output, "listening"));
    }
    const Run missing = serve_until_it_fails(db, dir.file("none.tsv"));
    CHECK(missing.status == 1);
    CHECK(contains(missing.output, "none.tsv: cannot read the tokens file"));
}

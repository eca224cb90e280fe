// The console's files as `muster serve` answers them (tools/server/static_files.hpp): / is the
// console's index.html, /console/FILE its files, /lib/leaflet/FILE Debian's libjs-leaflet, each
// byte for byte as on disk (read here with std::ifstream, the oracle) and typed by its extension;
// a missing file is 404, a path leaving those folders 400 (sent raw over a socket, so that no
// client library tidies the path first), another method 405.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;

const std::string kConsoleDir = std::string(MUSTER_SAMPLES) + "/../console";
const std::string kLeafletDir = "/usr/share/javascript/leaflet";

std::string file_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A GET whose answer is checked: status, Content-Type and the body.
httplib::Result fetch(int port, const std::string& target) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    auto result = client.Get(target.c_str());
    REQUIRE(result);
    return result;
}

void check_file(int port, const std::string& target, const std::string& path,
                const std::string& type) {
    INFO(target);
    const auto result = fetch(port, target);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == type);
    CHECK(result->body == file_text(path));
}

/// The status line and body of `target` requested raw: the bytes sent as they are written here.
struct RawAnswer {
    int status = 0;
    std::string body;
};
RawAnswer raw_get(int port, const std::string& target) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    std::string text;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
        text.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    REQUIRE(text.starts_with("HTTP/1.1 "));
    const std::size_t body = text.find("\r\n\r\n");
    REQUIRE(body != std::string::npos);
    return {std::stoi(text.substr(9, 3)), text.substr(body + 4)};
}

}  // namespace

TEST_CASE("serve answers the console's files and Debian's Leaflet, typed by extension") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {});
    const int port = server.port();

    check_file(port, "/", kConsoleDir + "/index.html", "text/html; charset=utf-8");
    check_file(port, "/console/index.html", kConsoleDir + "/index.html",
               "text/html; charset=utf-8");
    check_file(port, "/console/console.js", kConsoleDir + "/console.js",
               "text/javascript; charset=utf-8");
    check_file(port, "/console/console.css", kConsoleDir + "/console.css",
               "text/css; charset=utf-8");
    check_file(port, "/lib/leaflet/leaflet.js", kLeafletDir + "/leaflet.js",
               "text/javascript; charset=utf-8");
    check_file(port, "/lib/leaflet/leaflet.css", kLeafletDir + "/leaflet.css",
               "text/css; charset=utf-8");
    check_file(port, "/lib/leaflet/images/layers.png", kLeafletDir + "/images/layers.png",
               "image/png");
    // A query string (a cache buster) does not change the file.
    check_file(port, "/console/console.js?v=2", kConsoleDir + "/console.js",
               "text/javascript; charset=utf-8");

    // HEAD: the headers of the GET, its length, no body.
    httplib::Client client("127.0.0.1", port);
    const auto head = client.Head("/");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(head->get_header_value("Content-Length") ==
          std::to_string(file_text(kConsoleDir + "/index.html").size()));
    CHECK(head->body.empty());

    // A file that is not there, and a folder, are 404 with the service's JSON error.
    for (const std::string target :
         {"/console/missing.js", "/lib/leaflet/missing.js", "/console/", "/lib/leaflet/images"}) {
        INFO(target);
        const Reply reply = get(port, target);
        CHECK(reply.status == 404);
        CHECK(reply.body.at("code") == "NotFound");
    }
    // The files are read, never written: another method is 405.
    const Reply post_root = post(port, "/", "{}");
    CHECK(post_root.status == 405);
    CHECK(post_root.allow == "GET, HEAD");
    // The endpoints are still answered as before.
    CHECK(get(port, "/health").status == 200);
}

TEST_CASE("serve refuses a console path that leaves its folder, however it is spelt") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {});
    const int port = server.port();
    // console/ is tests' sibling in the repository, and README.md their parent's file: each
    // target below would reach a real file if it were followed.
    for (const std::string target :
         {"/console/../README.md", "/console/%2e%2e/README.md", "/console/%2E%2E/README.md",
          "/console/..%2fREADME.md", "/console/%2e%2e%2fREADME.md",
          "/lib/leaflet/../../../../etc/passwd", "/lib/leaflet/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
          "/console//etc/passwd", "/lib/leaflet//etc/passwd", "/console/./index.html",
          "/console/.hidden"}) {
        INFO(target);
        const RawAnswer answer = raw_get(port, target);
        CHECK(answer.status == 400);
        CHECK(json::parse(answer.body).at("code") == "InvalidValue");
        CHECK(answer.body.find("root:") == std::string::npos);
    }
    // The same file by its own path is served.
    CHECK(raw_get(port, "/console/index.html").status == 200);
}

TEST_CASE("serve --console DIR serves that folder and refuses one without index.html") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    std::filesystem::create_directory(dir.path() / "site");
    dir.write("site/index.html", "<p>another console</p>\n");
    dir.write("site/app.js", "void 0;\n");
    {
        Server server(db, dir.file("serve.log"), {"--console", dir.file("site")});
        check_file(server.port(), "/", dir.file("site/index.html"), "text/html; charset=utf-8");
        check_file(server.port(), "/console/app.js", dir.file("site/app.js"),
                   "text/javascript; charset=utf-8");
        CHECK(get(server.port(), "/console/console.js").status == 404);
    }
    const Run run =
        run_muster("serve " + quote(db) + " --port 0 --console " + quote(dir.file("db")));
    CHECK(run.status == 1);
    CHECK(run.output.find("--console: no index.html in") != std::string::npos);
}

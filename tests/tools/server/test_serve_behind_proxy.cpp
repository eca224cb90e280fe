// Replicas of `muster serve` behind nginx, with deploy/nginx/muster.conf as it is shipped (only
// its ports replaced): a desk keeps to one replica and reads its own change at once, the event
// stream passes through as events come, and when the desk's replica is killed its requests and
// its stream move to another replica with nothing lost. nginx is Debian's, run by the test as a
// single process in a temporary directory.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/private_postgres.hpp"
#include "tests/tools/server/test_serve_replica_support.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

namespace muster::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kTeam = "amb-n265043219-2";

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A TCP port free on 127.0.0.1 now (the kernel's choice for port 0).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// Holds 127.0.0.1:`port` bound but not listening, so connections to it are refused and no other
/// program takes it: a killed replica's port, which a server of a test running beside this one
/// could otherwise be given, and nginx would send the desk to it.
class HeldPort {
  public:
    explicit HeldPort(int port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        const int on = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);  // its old connections
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~HeldPort() { ::close(m_fd); }
    HeldPort(const HeldPort&) = delete;
    HeldPort& operator=(const HeldPort&) = delete;

  private:
    int m_fd;
};

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// nginx with deploy/nginx/muster.conf included, listening on `port` for the replicas on
/// `replicas`, in `dir`, until destroyed.
class NginxProxy {
  public:
    NginxProxy(const TempDir& dir, int port, const std::vector<int>& replicas) : m_port(port) {
        std::string site = read_text(std::string(MUSTER_DEPLOY) + "/nginx/muster.conf");
        REQUIRE(site.find("listen 8080;") != std::string::npos);
        site = std::regex_replace(site, std::regex("listen 8080;"),
                                  "listen 127.0.0.1:" + std::to_string(port) + ";");
        for (std::size_t i = 0; i < replicas.size(); ++i) {
            const std::string shipped = "127.0.0.1:808" + std::to_string(i + 1) + " ";
            REQUIRE(site.find(shipped) != std::string::npos);
            site.replace(site.find(shipped), shipped.size(),
                         "127.0.0.1:" + std::to_string(replicas[i]) + " ");
        }
        const std::string root = dir.file("nginx");
        const std::string conf = dir.write(
            "nginx.conf",
            "daemon off;\nmaster_process off;\npid " + root + ".pid;\nerror_log " + root +
                "-error.log info;\nevents { worker_connections 256; }\n" + "http {\n  access_log " +
                root + "-access.log;\n" + "  client_body_temp_path " + root + "-body;\n" +
                "  proxy_temp_path " + root + "-proxy;\n" + "  fastcgi_temp_path " + root +
                "-fastcgi;\n" + "  uwsgi_temp_path " + root + "-uwsgi;\n" + "  scgi_temp_path " +
                root + "-scgi;\n" + "  include " + dir.write("muster.conf", site) + ";\n}\n");
        m_error_log = root + "-error.log";
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            execl("/usr/sbin/nginx", "nginx", "-p", dir.path().c_str(), "-e", m_error_log.c_str(),
                  "-c", conf.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        const auto until = Clock::now() + std::chrono::seconds(10);
        for (int fd; (fd = connect_to(port)) < 0;) {
            INFO("nginx did not start: " << read_text(m_error_log));
            REQUIRE(Clock::now() < until);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~NginxProxy() {
        ::kill(m_pid, SIGQUIT);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    NginxProxy(const NginxProxy&) = delete;
    NginxProxy& operator=(const NginxProxy&) = delete;

    int port() const { return m_port; }

  private:
    int m_port;
    pid_t m_pid = -1;
    std::string m_error_log;
};

/// GET /events/stream through the proxy as the dispatcher, read on a raw socket.
class StreamReader {
  public:
    StreamReader(int port, const std::string& last_event_id) : m_fd(connect_to(port)) {
        REQUIRE(m_fd >= 0);
        std::string request =
            "GET /events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\nAuthorization: Bearer " +
            kDispatcherToken + "\r\n";
        if (!last_event_id.empty())
            request += "Last-Event-ID: " + last_event_id + "\r\n";
        request += "\r\n";
        REQUIRE(::send(m_fd, request.data(), request.size(), 0) ==
                static_cast<ssize_t>(request.size()));
    }
    ~StreamReader() { ::close(m_fd); }
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    /// Reads until `text` has come or the response ended or `seconds` passed; whether it came.
    bool wait_for(const std::string& text, int seconds) {
        const auto until = Clock::now() + std::chrono::seconds(seconds);
        while (m_read.find(text) == std::string::npos) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
            pollfd p{m_fd, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return false;
            char buffer[4096];
            const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                m_ended = true;
                return false;
            }
            m_read.append(buffer, static_cast<std::size_t>(n));
            if (ended())
                return m_read.find(text) != std::string::npos;
        }
        return true;
    }
    /// Whether the response has ended: its last chunk came (nginx keeps the connection for the
    /// client's next request), or the connection closed.
    bool ended() const { return m_ended || m_read.ends_with("\r\n0\r\n\r\n"); }
    const std::string& read() const { return m_read; }

  private:
    int m_fd;
    std::string m_read;
    bool m_ended = false;
};

/// The replica (0, 1, 2) whose request log holds `line`; -1 if none, -2 if several.
int served_by(const std::vector<std::unique_ptr<Server>>& replicas, const std::string& line) {
    int found = -1;
    for (std::size_t r = 0; r < replicas.size(); ++r) {
        if (replicas[r] && replicas[r]->log_text().find(line) != std::string::npos)
            found = found == -1 ? static_cast<int>(r) : -2;
    }
    return found;
}

Reply through(int port, const std::string& method, const std::string& path,
              const std::string& body = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    if (method == "PATCH")
        return reply_of(client.Patch(path.c_str(), dispatcher_headers(), body, "application/json"));
    return reply_of(client.Get(path.c_str(), dispatcher_headers()));
}

/// GET `path` through the proxy until its answer names `version` or later, for at most `limit`:
/// the last answer and how long it took.
std::pair<Reply, std::chrono::milliseconds> read_at_version(int port, const std::string& path,
                                                            int version,
                                                            std::chrono::milliseconds limit) {
    const auto start = Clock::now();
    for (;;) {
        Reply reply = through(port, "GET", path);
        const auto waited =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        const bool reached =
            reply.status == 200 && reply.body.at("state").at("version").get<int>() >= version;
        if (reached || waited >= limit)
            return {std::move(reply), waited};
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

/// Every live replica's log, for a failure's message.
std::string replica_logs(const std::vector<std::unique_ptr<Server>>& replicas) {
    std::string logs;
    for (std::size_t r = 0; r < replicas.size(); ++r) {
        if (replicas[r])
            logs += "replica " + std::to_string(r) + ":\n" + replicas[r]->log_text() + "\n";
    }
    return logs;
}

}  // namespace

TEST_CASE("Replicas behind nginx: a desk keeps to one, and moves with its stream when it fails") {
    const TempDir dir;
    const PostgisDatabase pg;
    const std::string db = import_malta(pg.target());
    std::vector<std::unique_ptr<Server>> replicas;
    std::vector<int> ports;
    for (int r = 0; r < 3; ++r) {
        replicas.push_back(std::make_unique<Server>(
            db, dir.file("replica" + std::to_string(r) + ".log"), with_dispatcher(dir, {})));
        ports.push_back(replicas.back()->port());
    }
    const NginxProxy proxy(dir, free_port(), ports);
    const std::string team = std::string("/teams/") + kTeam;

    // The desk's change, and its read at once: the same replica answers both.
    const Reply busy = through(proxy.port(), "PATCH", team, R"({"status": "busy"})");
    REQUIRE(busy.status == 200);
    CHECK(busy.body.at("state").at("version") == 1);
    const int desk = served_by(replicas, "PATCH " + team + " 200");
    REQUIRE(desk >= 0);
    const Reply read = through(proxy.port(), "GET", team);
    CHECK(read.body.at("status") == "busy");
    CHECK(read.body.at("state").at("version") == 1);
    CHECK(served_by(replicas, "GET " + team + " 200") == desk);

    // The desk's stream replays the change, then passes the next one on as it comes.
    StreamReader stream(proxy.port(), "0");
    REQUIRE(stream.wait_for("id: 1\n", 5));
    const Reply available = through(proxy.port(), "PATCH", team, R"({"status": "available"})");
    REQUIRE(available.status == 200);
    CHECK(available.body.at("state").at("version") == 2);
    CHECK(stream.wait_for("id: 2\n", 2));

    // The desk's replica killed: its stream ends (an EventSource then reconnects); its reads and
    // changes go to another replica, which has every change acknowledged; the stream resumed there
    // after the last event read.
    replicas[static_cast<std::size_t>(desk)]->kill_now();
    replicas[static_cast<std::size_t>(desk)].reset();
    const HeldPort dead(ports[static_cast<std::size_t>(desk)]);
    CHECK_FALSE(stream.wait_for("id: 3\n", 5));
    CHECK(stream.ended());
    // The replica taking over hears of the change within the replicas' catch-up bound (a notice,
    // or its look four times a second); on a loaded machine the desk's first read may come sooner.
    const auto [after, waited] = read_at_version(proxy.port(), team, 2, std::chrono::seconds(5));
    INFO("the replica taking over reached version 2 after " << waited.count() << " ms");
    INFO(replica_logs(replicas));
    REQUIRE(after.status == 200);
    CHECK(after.body.at("status") == "available");
    CHECK(after.body.at("state").at("version") == 2);
    StreamReader resumed(proxy.port(), "2");
    const Reply again = through(proxy.port(), "PATCH", team, R"({"status": "busy"})");
    REQUIRE(again.status == 200);
    CHECK(again.body.at("state").at("version") == 3);
    CHECK(resumed.wait_for("id: 3\n", 5));
    CHECK(resumed.read().find("id: 2\n") == std::string::npos);
    const int moved = served_by(replicas, "PATCH " + team + " 200");
    CHECK((moved >= 0 && moved != desk));

    // A bad change is muster's refusal, passed on as it is.
    const Reply bad = through(proxy.port(), "PATCH", team, R"({"status": "asleep"})");
    CHECK(bad.status == 400);
    CHECK(bad.body.at("code") == "InvalidValue");
    CHECK(bad.body.at("message").get<std::string>().starts_with("status: 'asleep' is not one of"));
}

}  // namespace muster::test

// `muster serve`'s HTTP front (tools/server/http_front.hpp) against clients that misbehave, on raw
// sockets: a thousand idle connections and clients trickling their headers must not slow anyone
// else; a request over its deadline is answered 408 and closed, an idle connection closed; a body
// over 1 MiB is 413, a malformed request 400 (HEAD, decoding and Expect: 100-continue beside them);
// a client that leaves stops its work; SIGTERM during long requests answers them 503 and the
// process ends within 5 s.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr auto contains = muster::test::contains_text;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// A socket connected to 127.0.0.1:port, closed when it goes.
class RawClient {
  public:
    explicit RawClient(int port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(m_fd >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    RawClient(RawClient&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    ~RawClient() {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool send(const std::string& text) {
        return ::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(text.size());
    }

    /// What arrives until the server closes the connection, or until `seconds` pass.
    struct Received {
        std::string text;
        bool closed = false;
        double seconds = 0;
    };
    Received read_until_closed(double seconds) {
        const auto start = Clock::now();
        Received received;
        while (seconds_since(start) < seconds) {
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                received.closed = true;
                break;
            }
            received.text.append(buffer, static_cast<std::size_t>(n));
        }
        received.seconds = seconds_since(start);
        return received;
    }

    /// One whole answer to a request on a kept-alive connection: headers and a Content-Length
    /// body (empty if `head`).
    std::string read_answer(bool head = false) {
        std::string text;
        const auto start = Clock::now();
        while (seconds_since(start) < 30) {
            const auto end = text.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto at = text.find("Content-Length: ");
                const std::size_t length =
                    head || at == std::string::npos ? 0 : std::stoul(text.substr(at + 16));
                if (text.size() >= end + 4 + length)
                    return text;
            }
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    }

  private:
    int m_fd;
};

/// The JSON body of a raw answer.
json body_of(const std::string& answer) {
    const auto end = answer.find("\r\n\r\n");
    REQUIRE(end != std::string::npos);
    return json::parse(answer.substr(end + 4));
}

/// Room for `descriptors` open files in this process (the soft limit raised towards the hard one).
void allow_open_files(rlim_t descriptors) {
    rlimit limit{};
    REQUIRE(getrlimit(RLIMIT_NOFILE, &limit) == 0);
    if (limit.rlim_cur < descriptors) {
        limit.rlim_cur = std::min(descriptors, limit.rlim_max);
        REQUIRE(setrlimit(RLIMIT_NOFILE, &limit) == 0);
    }
    REQUIRE(limit.rlim_cur >= descriptors);
}

}  // namespace

TEST_CASE("serve answers others at once while 1,000 connections idle and 2 clients trickle") {
    allow_open_files(1200);
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  {"--no-db-hazards", "--threads", "2"});
    const int port = server.port();

    std::vector<RawClient> idle;
    idle.reserve(1000);
    for (int i = 0; i < 1000; ++i)
        idle.emplace_back(port);

    // Two clients that send a header line every 2 s and never finish (as the header deadline
    // is 10 s, they outlast the measurements below).
    std::atomic<bool> done{false};
    std::vector<std::thread> tricklers;
    for (int i = 0; i < 2; ++i) {
        tricklers.emplace_back([slow = RawClient(port), &done]() mutable {
            slow.send("GET /health HTTP/1.1\r\n");
            for (int line = 0; !done; ++line) {
                for (int tick = 0; tick < 40 && !done; ++tick)
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                slow.send("X-Slow-" + std::to_string(line) + ": 1\r\n");
            }
        });
    }

    // 20 /health, one every 250 ms over 5 s, each on a new connection: each well under a second
    // (the answer itself takes about a millisecond).
    double slowest = 0;
    for (int i = 0; i < 20; ++i) {
        const auto start = Clock::now();
        const json health = get_ok(port, "/health");
        const double took = seconds_since(start);
        slowest = std::max(slowest, took);
        CHECK(health.at("status") == "ok");
        CHECK(took < 1.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    INFO("slowest /health: " << slowest << " s");
    CHECK(slowest < 1.0);
    done = true;
    for (std::thread& t : tricklers)
        t.join();

    // The idle connections were held open, not dropped: the first and last still answer.
    for (RawClient* client : {&idle.front(), &idle.back()}) {
        REQUIRE(client->send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        const std::string answer = client->read_answer();
        CHECK(contains(answer, "HTTP/1.1 200 OK\r\n"));
        CHECK(body_of(answer).at("status") == "ok");
    }
    idle.clear();
    CHECK(server.stop() == 0);
}

TEST_CASE("serve closes a request over its header or body deadline with 408, an idle one") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  {"--no-db-hazards", "--threads", "1", "--header-timeout", "1", "--body-timeout",
                   "1", "--idle-timeout", "1"});
    const int port = server.port();

    // Half the headers, then nothing: 408 and closed after 1 s.
    RawClient half_headers(port);
    REQUIRE(half_headers.send("GET /health HTTP/1.1\r\nHost: x\r\n"));
    // Headers that promise 10 bytes of body, 3 sent: 408 after 1 s.
    RawClient half_body(port);
    REQUIRE(half_body.send(
        "POST /route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        "10\r\n\r\n{\"f"));
    // Connected, nothing sent: closed after 1 s without a word.
    RawClient silent(port);

    const RawClient::Received headers = half_headers.read_until_closed(10);
    const RawClient::Received body = half_body.read_until_closed(10);
    const RawClient::Received nothing = silent.read_until_closed(10);
    INFO(headers.text << "\n" << body.text);
    CHECK(headers.closed);
    CHECK(body.closed);
    CHECK(nothing.closed);
    CHECK(contains(headers.text, "HTTP/1.1 408 Request Timeout\r\n"));
    CHECK(contains(body.text, "HTTP/1.1 408 Request Timeout\r\n"));
    CHECK(nothing.text.empty());
    CHECK(body_of(headers.text).at("code") == "BadRequest");
    CHECK(contains(body_of(headers.text).at("message").get<std::string>(),
                   "headers did not arrive within 1 s"));
    CHECK(contains(body_of(body.text).at("message").get<std::string>(),
                   "body did not arrive within 1 s"));
    // Read one after the other, all three started together: each deadline is 1 s, give or take
    // a loaded machine's scheduling.
    CHECK(headers.seconds > 0.5);
    CHECK(headers.seconds < 4);
    CHECK(body.seconds < 4);
    CHECK(nothing.seconds < 4);

    // A client that keeps to the deadlines is served, twice on one connection.
    RawClient keep_alive(port);
    for (int i = 0; i < 2; ++i) {
        REQUIRE(keep_alive.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        const std::string answer = keep_alive.read_answer();
        CHECK(contains(answer, "HTTP/1.1 200 OK\r\n"));
        CHECK(contains(answer, "Content-Type: application/json\r\n"));
        CHECK(body_of(answer).at("status") == "ok");
    }
    CHECK(server.stop() == 0);
    const std::string log = server.log_text();
    INFO(log);
    CHECK(contains(log, " GET /health 408 "));
    CHECK(contains(log, " POST /route 408 "));
    CHECK(contains(log, " GET /health 200 "));
}

TEST_CASE("serve refuses a body over 1 MiB with 413 and a malformed request with 400, in JSON") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {"--no-db-hazards"});
    const int port = server.port();

    // 1 MiB + 1 byte.
    const Reply large = post(port, "/route", std::string((std::size_t{1} << 20) + 1, ' '));
    CHECK(large.status == 413);
    CHECK(large.body.at("code") == "PayloadTooLarge");
    CHECK(large.body.at("message") == "the body is larger than 1 MiB");
    // 1 MiB exactly is read and reaches the service, which finds no JSON in it.
    const Reply limit = post(port, "/route", std::string(std::size_t{1} << 20, ' '));
    CHECK(limit.status == 400);
    CHECK(limit.body.at("code") == "InvalidJson");

    RawClient garbage(port);
    REQUIRE(garbage.send("NOT AN HTTP REQUEST\r\n\r\n"));
    const RawClient::Received refused = garbage.read_until_closed(10);
    INFO(refused.text);
    CHECK(refused.closed);
    CHECK(contains(refused.text, "HTTP/1.1 400 Bad Request\r\n"));
    CHECK(contains(refused.text, "Content-Type: application/json\r\n"));
    CHECK(body_of(refused.text).at("code") == "BadRequest");

    // HEAD: the headers of GET's answer, its length, and no body.
    RawClient head(port);
    REQUIRE(head.send("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string head_answer = head.read_answer(true);
    CHECK(contains(head_answer, "HTTP/1.1 200 OK\r\n"));
    const std::string get_body = get_ok(port, "/health").dump();
    CHECK(contains(head_answer, "Content-Length: " + std::to_string(get_body.size()) + "\r\n"));
    CHECK(head_answer.substr(head_answer.find("\r\n\r\n") + 4).empty());

    // The query string decoded: + a space, %XX a byte (an unknown kind is named back as it was
    // decoded). On a raw socket: httplib's client would escape the +.
    RawClient decoded(port);
    REQUIRE(
        decoded.send("GET /nearest?at=0.019%2C0&kind=fire+truck%21&k=1 HTTP/1.1\r\nHost: "
                     "x\r\n\r\n"));
    const std::string no_match = decoded.read_answer();
    INFO(no_match);
    CHECK(contains(no_match, "HTTP/1.1 404 Not Found\r\n"));
    CHECK(contains(body_of(no_match).at("message").get<std::string>(), "'fire truck!'"));

    // Expect: 100-continue: the interim answer first, the body after it, then the route: C (0.02,
    // 0) to A (0, 0) is two primary roads, 2 × 61.654 s.
    const std::string route = R"({"from": "0.02,0", "to": "0,0"})";
    RawClient expecting(port);
    REQUIRE(
        expecting.send("POST /route HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                       "Content-Type: application/json\r\nContent-Length: " +
                       std::to_string(route.size()) + "\r\n\r\n"));
    CHECK(expecting.read_answer() == "HTTP/1.1 100 Continue\r\n\r\n");
    REQUIRE(expecting.send(route));
    const std::string routed = expecting.read_answer();
    INFO(routed);
    CHECK(contains(routed, "HTTP/1.1 200 OK\r\n"));
    CHECK(body_of(routed).at("duration_s").get<double>() == Approx(2 * kPrimaryS).margin(0.002));
    CHECK(server.stop() == 0);
}

namespace {

/// Twelve bands up to 2 h on foot from Valletta, the longest request serve takes: about a second.
const std::string kLongServiceArea =
    "/isochrone?at=14.5146,35.8989&minutes=10,20,30,40,50,60,70,80,90,100,110,120&profile=walk";

}  // namespace

TEST_CASE("serve stops the work of a client that closed its connection before the answer") {
    TempDir dir;
    const std::string db = import_malta_roads(dir);
    Server server(db, dir.file("serve.log"), {"--threads", "1"});
    const int port = server.port();

    // The whole request, answered: its time on this machine.
    const auto asked = Clock::now();
    REQUIRE(get(port, kLongServiceArea).status == 200);
    const double full_s = seconds_since(asked);
    INFO("the whole request took " << full_s << " s");

    // Asked again and abandoned after 0.2 s. Its one worker is free again as soon as the work
    // stops: /health is then answered at once, not when the service area would have been done.
    {
        RawClient gone(port);
        REQUIRE(gone.send("GET " + kLongServiceArea + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    const auto closed = Clock::now();
    REQUIRE(get(port, "/health").status == 200);
    const double health_s = seconds_since(closed);
    INFO("/health answered " << health_s << " s after the client left");
    CHECK(health_s < 0.25 * full_s);

    CHECK(server.stop() == 0);
    const std::string log = server.log_text();
    INFO(log);
    // The raw client's target, as it sent it (its commas not encoded).
    CHECK(contains(log, " GET " + kLongServiceArea + " 499 "));
    CHECK(contains(log, " (client closed the connection)\n"));
}

TEST_CASE("serve answers requests still computing 503 on SIGTERM and ends within 5 s") {
    TempDir dir;
    const std::string db = import_malta_roads(dir);
    Server server(db, dir.file("serve.log"), {"--threads", "1"});
    const int port = server.port();

    // Service areas of 12 bands up to 2 h over the whole island on foot, 12 of them on one
    // worker: each takes half a second to a second, so that some are still computing or queued
    // 2 s after the signal.
    const std::string target = kLongServiceArea;
    // Asked on threads of their own, answers checked here (Catch2 checks on this thread only).
    std::vector<std::optional<httplib::Result>> results(12);
    std::vector<std::thread> clients;
    for (std::size_t i = 0; i < results.size(); ++i) {
        clients.emplace_back([&results, port, &target, i] {
            httplib::Client client("127.0.0.1", port);
            client.set_read_timeout(30, 0);
            results[i] = client.Get(target.c_str());
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    const auto signalled = Clock::now();
    CHECK(server.stop() == 0);
    const double stop_s = seconds_since(signalled);
    for (std::thread& t : clients)
        t.join();
    CHECK(stop_s < 5.0);

    int stopping = 0;
    for (const std::optional<httplib::Result>& result : results) {
        REQUIRE(result.has_value());
        const Reply reply = reply_of(*result);
        INFO(reply.body.dump().substr(0, 200));
        CHECK((reply.status == 200 || reply.status == 503));
        if (reply.status == 503) {
            ++stopping;
            CHECK(reply.body ==
                  json({{"code", "ServiceStopping"}, {"message", "the service is stopping"}}));
        }
    }
    CHECK(stopping >= 1);
    const std::string log = server.log_text();
    INFO(log);
    CHECK(contains(log, " GET /isochrone?at=14.5146%2C35.8989&minutes=10%2C20%2C30"));
    CHECK(contains(log, " 503 "));
    CHECK(contains(log, " stopped\n"));
}

TEST_CASE("serve ends cleanly on SIGTERM as soon as it listens, while its road names are read") {
    // The place search's road names are read in the background once the networks are built
    // (Malta's 40,000 roads: a fraction of a second), as are the map's levels. A stop signal
    // taken by such a thread would end the process at once, by the signal.
    TempDir dir;
    const std::string db = import_malta_roads(dir);
    for (int round = 0; round < 3; ++round) {
        Server server(db, dir.file("serve.log"), {"--profiles", "drive"});
        INFO("round " << round);
        CHECK(server.stop() == 0);
        CHECK(contains(server.log_text(), " stopped\n"));
    }
}

// GET /events/stream of `muster serve` (tools/server/event_stream.hpp), read on raw sockets as a
// browser's EventSource would: the replay after ?since= or Last-Event-ID, each PATCH /teams/{id}
// on every open stream within 100 ms of its commit, no gap and no duplicate while changes come
// fast and streams open among them, streams closed by a stop that still ends in time, and a client
// that never reads slowing no one.
//
// The expected streams are the changes the test made itself, in the order it made them: seq N is
// the N-th PATCH answered (the live state starts at version 0 on a fresh import).

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_support.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"
#include "tools/app/event_feed.hpp"
#include "tools/server/event_stream.hpp"

namespace {

using namespace muster::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using WallClock = std::chrono::system_clock;

const std::vector<std::string> kTeams{"amb-west", "amb-north", "amb-east", "amb-flood"};

/// A socket connected to 127.0.0.1:port; `receive_buffer` > 0 shrinks its receive buffer first.
int connect_to(int port, int receive_buffer = 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    if (receive_buffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

std::string stream_request(const std::string& target, const std::string& last_event_id = "") {
    std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    if (!last_event_id.empty())
        request += "Last-Event-ID: " + last_event_id + "\r\n";
    return request + "\r\n";
}

/// The event's "time" (UTC, ISO 8601 with milliseconds) on the wall clock.
WallClock::time_point wall_time(const std::string& iso) {
    std::tm tm{};
    int ms = 0;
    REQUIRE(std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                        &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) == 7);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return WallClock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
}

struct StreamEvent {
    std::int64_t id = 0;
    std::string kind;
    json data;
    WallClock::time_point arrived;
};

/// An open GET /events/stream, read on a thread of its own: its headers and its events as they
/// arrive (comments skipped), and whether the server closed it.
class StreamClient {
  public:
    StreamClient(int port, const std::string& target, const std::string& last_event_id = "")
        : m_fd(connect_to(port)) {
        const std::string request = stream_request(target, last_event_id);
        REQUIRE(::send(m_fd, request.data(), request.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(request.size()));
        m_reader = std::thread([this] { read(); });
    }
    StreamClient(const StreamClient&) = delete;
    StreamClient& operator=(const StreamClient&) = delete;
    ~StreamClient() {
        m_quit = true;
        m_reader.join();
        ::close(m_fd);
    }

    /// The events once there are at least `count`, or those there are after `seconds`.
    std::vector<StreamEvent> wait_for(std::size_t count, double seconds = 10) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::duration<double>(seconds),
                           [&] { return m_events.size() >= count || m_closed; });
        return m_events;
    }

    /// Whether the server has closed the stream within `seconds`.
    bool wait_closed(double seconds) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::duration<double>(seconds),
                                  [&] { return m_closed; });
    }

    std::string headers() {
        std::lock_guard lock(m_mutex);
        return m_headers;
    }

  private:
    void read() {
        std::string text;
        bool in_body = false;
        while (!m_quit) {
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, 20) <= 0)
                continue;
            char buffer[8192];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            const auto arrived = WallClock::now();
            std::lock_guard lock(m_mutex);
            if (n <= 0) {
                m_closed = true;
                m_changed.notify_all();
                return;
            }
            text.append(buffer, static_cast<std::size_t>(n));
            if (!in_body) {
                const auto end = text.find("\r\n\r\n");
                if (end == std::string::npos)
                    continue;
                m_headers = text.substr(0, end);
                text.erase(0, end + 4);
                in_body = true;
            }
            for (auto end = text.find("\n\n"); end != std::string::npos; end = text.find("\n\n")) {
                parse_block(text.substr(0, end + 1), arrived);
                text.erase(0, end + 2);
            }
            m_changed.notify_all();
        }
    }

    void parse_block(const std::string& block, WallClock::time_point arrived) {
        StreamEvent event;
        event.arrived = arrived;
        bool has_id = false;
        std::size_t start = 0;
        for (auto end = block.find('\n'); end != std::string::npos;
             start = end + 1, end = block.find('\n', start)) {
            const std::string line = block.substr(start, end - start);
            if (line.rfind("id: ", 0) == 0) {
                event.id = std::stoll(line.substr(4));
                has_id = true;
            } else if (line.rfind("event: ", 0) == 0) {
                event.kind = line.substr(7);
            } else if (line.rfind("data: ", 0) == 0) {
                event.data = json::parse(line.substr(6));
            }
        }
        if (has_id)
            m_events.push_back(std::move(event));
    }

    int m_fd;
    std::atomic<bool> m_quit{false};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_headers;
    std::vector<StreamEvent> m_events;
    bool m_closed = false;
    std::thread m_reader;
};

/// PATCH /teams/{team} {"status": status} as the dispatcher, which must succeed.
void set_status(int port, const std::string& team, const std::string& status) {
    const Reply reply =
        patch_as_dispatcher(port, "/teams/" + team, json{{"status", status}}.dump());
    INFO(reply.body.dump());
    REQUIRE(reply.status == 200);
}

std::vector<std::int64_t> ids_of(const std::vector<StreamEvent>& events) {
    std::vector<std::int64_t> ids;
    for (const StreamEvent& e : events)
        ids.push_back(e.id);
    return ids;
}

std::vector<std::int64_t> ids_from(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> ids;
    for (std::int64_t id = first; id <= last; ++id)
        ids.push_back(id);
    return ids;
}

}  // namespace

TEST_CASE("serve: /events/stream replays after since= and after Last-Event-ID, then goes on") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    set_status(port, "amb-west", "dispatched");  // seq 1
    set_status(port, "amb-north", "on_scene");   // seq 2
    set_status(port, "amb-east", "dispatched");  // seq 3

    StreamClient since_one(port, "/events/stream?since=1");
    StreamClient after_two(port, "/events/stream", "2");
    StreamClient from_now(port, "/events/stream");
    const auto replayed = since_one.wait_for(2);
    CHECK(contains_text(since_one.headers(), "HTTP/1.1 200 OK"));
    CHECK(contains_text(since_one.headers(), "Content-Type: text/event-stream"));
    REQUIRE(ids_of(replayed) == std::vector<std::int64_t>{2, 3});
    CHECK(replayed[0].kind == "team");
    CHECK(replayed[0].data.at("seq") == 2);
    CHECK(replayed[0].data.at("target") == "amb-north");
    CHECK(replayed[0].data.at("action") == "update");
    CHECK(replayed[0].data.at("user") == "dispatch-1");
    CHECK(replayed[0].data.at("before").at("status") == "available");
    CHECK(replayed[0].data.at("after").at("status") == "on_scene");
    CHECK(replayed[1].data.at("target") == "amb-east");
    REQUIRE(ids_of(after_two.wait_for(1)) == std::vector<std::int64_t>{3});

    // The same events as GET /events writes them.
    const json logged = get_ok(port, "/events?since=1").at("events");
    CHECK(replayed[0].data == logged[0]);
    CHECK(replayed[1].data == logged[1]);

    set_status(port, "amb-flood", "dispatched");  // seq 4
    CHECK(ids_of(since_one.wait_for(3)) == std::vector<std::int64_t>{2, 3, 4});
    CHECK(ids_of(after_two.wait_for(2)) == std::vector<std::int64_t>{3, 4});
    const auto live = from_now.wait_for(1);
    REQUIRE(ids_of(live) == std::vector<std::int64_t>{4});
    CHECK(live[0].data.at("target") == "amb-flood");
    CHECK(live[0].data.at("after").at("status") == "dispatched");

    // A bad since or Last-Event-ID is refused as /events refuses it.
    CHECK(get(port, "/events/stream?since=-1").status == 400);
    CHECK(get(port, "/events/stream?limit=5").body.at("code") == "UnknownParameter");
    httplib::Client client("127.0.0.1", port);
    const auto bad_id = client.Get("/events/stream", {{"Last-Event-ID", "x"}});
    REQUIRE(bad_id);
    CHECK(bad_id->status == 400);
    CHECK(post(port, "/events/stream", "{}").allow == "GET, HEAD");
}

TEST_CASE("serve: a PATCH reaches two open streams within 100 ms of its commit") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    StreamClient first(port, "/events/stream");
    StreamClient second(port, "/events/stream?since=0");
    // Both streams are open once a change before the measured ones has reached them.
    set_status(port, "amb-west", "dispatched");
    REQUIRE(first.wait_for(1).size() == 1);
    REQUIRE(second.wait_for(1).size() == 1);

    // Each change's delay is measured from its event's time, which is taken inside the change's
    // transaction before it commits: an upper bound of the delay after the commit.
    constexpr int kChanges = 20;
    std::vector<double> delays_ms;
    for (int i = 0; i < kChanges; ++i) {
        const std::string status = i % 2 == 0 ? "on_scene" : "available";
        set_status(port, "amb-north", status);
        const std::size_t count = static_cast<std::size_t>(i) + 2;
        for (StreamClient* stream : {&first, &second}) {
            const auto events = stream->wait_for(count);
            REQUIRE(events.size() == count);
            const StreamEvent& event = events.back();
            CHECK(event.id == i + 2);
            CHECK(event.kind == "team");
            CHECK(event.data.at("seq") == i + 2);
            CHECK(event.data.at("target") == "amb-north");
            CHECK(event.data.at("after").at("status") == status);
            delays_ms.push_back(std::chrono::duration<double, std::milli>(
                                    event.arrived - wall_time(event.data.at("time")))
                                    .count());
        }
    }
    std::sort(delays_ms.begin(), delays_ms.end());
    std::fprintf(stderr, "event stream delay after commit: median %.1f ms, max %.1f ms\n",
                 delays_ms[delays_ms.size() / 2], delays_ms.back());
    // The event time has millisecond resolution: 1 ms of slack below zero.
    CHECK(delays_ms.front() >= -1.0);
    CHECK(delays_ms.back() <= 100.0);
}

TEST_CASE("serve: 50 quick changes reach every stream once each, in order, however it joined") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards", "--threads", "4"}));
    const int port = server.port();
    StreamClient before(port, "/events/stream");
    constexpr int kChanges = 50;
    std::vector<std::unique_ptr<StreamClient>> joined;  // opened among the changes
    std::vector<std::string> last_ids;
    std::atomic<int> answered{0};
    // Two clients change two teams each as fast as the server answers. No Catch2 macro runs in
    // these threads: Catch2's assertions and messages are not thread-safe.
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
        writers.emplace_back([&, w] {
            httplib::Client client("127.0.0.1", port);
            client.set_read_timeout(30, 0);
            for (int i = 0; i < kChanges / 2; ++i) {
                const std::string& team = kTeams[static_cast<std::size_t>(w * 2 + i % 2)];
                const auto result =
                    client.Patch(("/teams/" + team).c_str(), dispatcher_headers(),
                                 json{{"status", i % 4 < 2 ? "dispatched" : "available"}}.dump(),
                                 "application/json");
                if (result && result->status == 200)
                    ++answered;
            }
        });
    }
    // Streams join while the changes come: replayed from the start, from a Last-Event-ID, or
    // from now.
    for (int k = 0; k < 6; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5 + 3 * k));
        const int made = answered.load();
        if (k % 3 == 0) {
            joined.push_back(std::make_unique<StreamClient>(port, "/events/stream?since=0"));
            last_ids.push_back("0");
        } else {
            const std::string after = std::to_string(made / 2);
            joined.push_back(std::make_unique<StreamClient>(port, "/events/stream", after));
            last_ids.push_back(after);
        }
    }
    for (std::thread& t : writers)
        t.join();
    REQUIRE(answered == kChanges);

    CHECK(ids_of(before.wait_for(kChanges)) == ids_from(1, kChanges));
    for (std::size_t k = 0; k < joined.size(); ++k) {
        INFO("stream " << k << " after " << last_ids[k]);
        const std::int64_t after = std::stoll(last_ids[k]);
        const auto events = joined[k]->wait_for(static_cast<std::size_t>(kChanges - after));
        CHECK(ids_of(events) == ids_from(after + 1, kChanges));
    }
    // And each as the log has it.
    const json logged = get_ok(port, "/events?since=0&limit=100").at("events");
    const auto events = before.wait_for(kChanges);
    REQUIRE(logged.size() == kChanges);
    for (std::size_t i = 0; i < events.size(); ++i)
        CHECK(events[i].data == logged[i]);
}

TEST_CASE("serve: a stop closes the open streams and ends in time") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    StreamClient first(port, "/events/stream");
    StreamClient second(port, "/events/stream?since=0");
    set_status(port, "amb-west", "dispatched");
    REQUIRE(first.wait_for(1).size() == 1);
    REQUIRE(second.wait_for(1).size() == 1);

    const auto start = Clock::now();
    CHECK(server.stop() == 0);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(stderr, "stop with 2 open streams: %.3f s\n", seconds);
    // Nothing is computing: the stop owes no grace (2 s) to anyone.
    CHECK(seconds < 2.0);
    CHECK(first.wait_closed(1));
    CHECK(second.wait_closed(1));
}

TEST_CASE("serve: HEAD of /events/stream answers the stream's headers alone") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"), {"--no-db-hazards"});
    const int port = server.port();
    // All the service sends until it closes the connection.
    const auto answer_to = [port](const std::string& target) {
        const int fd = connect_to(port);
        const std::string request =
            "HEAD " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(request.size()));
        std::string text;
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
            text.append(buffer, static_cast<std::size_t>(n));
        ::close(fd);
        return text;
    };
    const std::string head = answer_to("/events/stream");
    INFO(head);
    CHECK(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(contains_text(head, "Content-Type: text/event-stream\r\n"));
    CHECK(head.size() == head.find("\r\n\r\n") + 4);  // no event, no keep-alive comment
    // A bad since= is refused for HEAD as for GET.
    CHECK(answer_to("/events/stream?since=x").rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
    CHECK(server.stop() == 0);
}

TEST_CASE("serve: a stream client that never reads delays no answer") {
    TempDir dir;
    Server server(import_routing_map(dir), dir.file("serve.log"),
                  with_dispatcher(dir, {"--no-db-hazards"}));
    const int port = server.port();
    // The stalled client asks for the stream with a small receive buffer and reads nothing.
    const int stalled = connect_to(port, 4096);
    const std::string request = stream_request("/events/stream");
    REQUIRE(::send(stalled, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    StreamClient reader(port, "/events/stream");
    set_status(port, "amb-west", "dispatched");
    REQUIRE(reader.wait_for(1).size() == 1);

    // Enough changes to fill the stalled client's receive buffer many times over.
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);  // else Nagle holds the body for a delayed ACK (40 ms)
    constexpr int kChanges = 300;
    std::vector<double> times_ms;
    for (int i = 0; i < kChanges; ++i) {
        const auto start = Clock::now();
        const json body{{"location", {0.001 * (i % 10), 0.0}},
                        {"time", "2026-12-04T10:00:00Z"},
                        {"status", i % 2 == 0 ? "on_scene" : "dispatched"}};
        const auto result =
            client.Patch("/teams/amb-north", dispatcher_headers(), body.dump(), "application/json");
        REQUIRE(result);
        REQUIRE(result->status == 200);
        times_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times_ms.begin(), times_ms.end());
    std::fprintf(stderr, "PATCH beside a stalled stream: median %.1f ms, slowest %.1f ms\n",
                 times_ms[times_ms.size() / 2], times_ms.back());
    // A PATCH waits on its own commit only; one held by the stalled stream would wait for good.
    CHECK(times_ms.back() < 1000.0);
    // The reading client got every change.
    CHECK(ids_of(reader.wait_for(kChanges + 1)) == ids_from(1, kChanges + 1));
    ::close(stalled);
}

// The stream's source itself (tools/server/event_stream.cpp), on a log and a feed of the test's
// own, with a front that only counts: the seam between replay and live, and the bounded queue.
namespace {

using muster::Event;
using muster::tools::EventFeed;
using muster::tools::EventSource;
using muster::tools::HttpRequest;
using muster::tools::StreamControl;
using muster::tools::StreamSource;

struct FakeLog {
    std::mutex mutex;
    std::vector<Event> events;  // seq i + 1 at i
    EventFeed feed;

    /// A change: stored, then told (as LiveResources::commit does).
    void change() {
        Event event;
        {
            std::lock_guard lock(mutex);
            event.seq = static_cast<std::int64_t>(events.size()) + 1;
            event.kind = "team";
            event.target = "t" + std::to_string(event.seq);
            event.action = "update";
            events.push_back(event);
        }
        feed.publish(event);
    }

    EventSource source() {
        return {
            [this](std::int64_t seq, std::size_t limit) {
                std::lock_guard lock(mutex);
                std::vector<Event> out;
                for (std::size_t i = static_cast<std::size_t>(seq);
                     i < events.size() && out.size() < limit; ++i)
                    out.push_back(events[i]);
                return out;
            },
            [this](EventFeed::Listener listener) { return feed.subscribe(std::move(listener)); },
            [this] {
                std::lock_guard lock(mutex);
                return static_cast<std::uint64_t>(events.size());
            }};
    }
};

/// The ids of "id: N" lines in a stream's text.
std::vector<std::int64_t> ids_in(const std::string& text) {
    std::vector<std::int64_t> ids;
    for (auto at = text.find("id: "); at != std::string::npos; at = text.find("id: ", at + 1))
        ids.push_back(std::stoll(text.substr(at + 4)));
    return ids;
}

std::unique_ptr<StreamSource> open_source(const muster::tools::StreamEndpoint& endpoint,
                                          const std::string& since) {
    HttpRequest request;
    request.method = "GET";
    request.path = "/events/stream";
    request.query = {{"since", since}};
    auto opened = endpoint.open(request);
    REQUIRE(std::holds_alternative<std::unique_ptr<StreamSource>>(opened));
    return std::move(std::get<std::unique_ptr<StreamSource>>(opened));
}

}  // namespace

TEST_CASE("serve: an event stream's replay meets its live part with no gap and no duplicate") {
    // Changes are made while the replay reads the log a page (3 events) at a time, between pages
    // and during them: every event comes once, in order.
    FakeLog log;
    for (int i = 0; i < 10; ++i)
        log.change();
    const auto endpoint =
        muster::tools::event_stream_endpoint(log.source(), {/*queue=*/100, /*page=*/3});
    auto source = open_source(endpoint, "2");
    std::vector<std::function<void()>> tasks;  // the "workers", run by hand
    StreamControl control;
    control.wake = [] {};
    control.end = [] { FAIL("the stream was ended"); };
    control.run_in_background = [&](std::function<void()> task) {
        tasks.push_back(std::move(task));
    };
    source->start(control);
    std::string text;
    for (int round = 0; round < 20; ++round) {
        log.change();  // heard during the replay, and in the log the next page reads
        auto pending = std::move(tasks);
        tasks.clear();
        for (auto& task : pending)
            task();
        if (round % 3 == 0)
            log.change();
        const auto taken = source->take();
        REQUIRE(taken);
        text += *taken;
    }
    log.change();
    text += *source->take();
    CHECK(ids_in(text) == ids_from(3, static_cast<std::int64_t>(log.events.size())));
    CHECK(log.events.size() == 10 + 20 + 7 + 1);
}

TEST_CASE("serve: an event stream whose client falls 1,024 events behind is ended") {
    FakeLog log;
    const auto endpoint = muster::tools::event_stream_endpoint(log.source());
    auto source = open_source(endpoint, "0");
    std::vector<std::function<void()>> tasks;
    int ended = 0, wakes = 0;
    StreamControl control;
    control.wake = [&] { ++wakes; };
    control.end = [&] { ++ended; };
    control.run_in_background = [&](std::function<void()> task) {
        tasks.push_back(std::move(task));
    };
    source->start(control);
    for (auto& task : std::exchange(tasks, {}))
        task();  // the replay finds the log empty: live from here
    REQUIRE(source->take() == std::string());
    // The client takes nothing (its writes are stuck): 1,024 events wait, the next ends it.
    for (int i = 0; i < 1024; ++i)
        log.change();
    CHECK(ended == 0);
    log.change();
    CHECK(ended == 1);
    log.change();  // heard no more
    CHECK(ended == 1);
    CHECK(source->take() == std::nullopt);
    CHECK(wakes >= 1024);
}

TEST_CASE("serve: a stream outlives the idle deadline, with a keep-alive comment each beat") {
    // The front in this process, with deadlines short enough to watch: idle 100 ms, a beat every
    // 50 ms.
    FakeLog log;
    muster::tools::FrontOptions options;
    options.port = 0;
    options.idle_timeout = std::chrono::milliseconds(100);
    options.stream_heartbeat = std::chrono::milliseconds(50);
    muster::tools::HttpFront front(
        [](const HttpRequest&) {
            return muster::tools::HttpResponse{404, json::object(), {}, {}};
        },
        options, {muster::tools::event_stream_endpoint(log.source())});
    std::thread runner([&front] { front.run(); });

    const int fd = connect_to(front.port());
    const std::string request = stream_request("/events/stream");
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size()));
    std::string text;
    bool closed = false;
    const auto read_for = [&](std::chrono::milliseconds span) {
        const auto start = Clock::now();
        while (!closed && Clock::now() - start < span) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 10) <= 0)
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                closed = true;
            else
                text.append(buffer, static_cast<std::size_t>(n));
        }
    };
    read_for(std::chrono::milliseconds(200));
    log.change();  // seq 1
    read_for(std::chrono::milliseconds(300));
    CHECK_FALSE(closed);  // 500 ms open, five idle deadlines
    std::size_t beats = 0;
    for (auto at = text.find(": keep-alive\n\n"); at != std::string::npos;
         at = text.find(": keep-alive\n\n", at + 1))
        ++beats;
    CHECK(beats >= 5);  // about 10 in 500 ms
    CHECK(ids_in(text) == std::vector<std::int64_t>{1});

    front.stop();
    runner.join();
    read_for(std::chrono::milliseconds(1000));
    CHECK(closed);
    ::close(fd);
}

#pragma once
// Test support for the tests of `muster serve`: the real binary started as a child process on
// 127.0.0.1 (--port 0, the port it prints), and cpp-httplib requests whose JSON answers are
// parsed.

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/muster_cli.hpp"

namespace muster::test {

using nlohmann::json;

/// `muster serve DB --port 0 ARGS...` as a child process: its stdout read until it names the
/// port, its stderr (the request log) written to a file. Stopped with SIGTERM.
class Server {
  public:
    Server(const std::string& db, const std::string& log, std::vector<std::string> args)
        : m_log(log) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        std::vector<std::string> argv{MUSTER_BINARY, "serve",  db, "--host",
                                      "127.0.0.1",   "--port", "0"};
        argv.insert(argv.end(), args.begin(), args.end());
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (err >= 0)
                dup2(err, STDERR_FILENO);
            close(out[0]);
            std::vector<char*> c_argv;
            for (std::string& a : argv)
                c_argv.push_back(a.data());
            c_argv.push_back(nullptr);
            execv(c_argv[0], c_argv.data());
            _exit(127);
        }
        close(out[1]);
        m_stdout = out[0];
        // "listening on http://127.0.0.1:PORT with N threads"
        std::string line;
        while (!contains_text(line, "\n")) {
            pollfd p{m_stdout, POLLIN, 0};
            if (poll(&p, 1, 30000) <= 0)
                break;
            char buffer[256];
            const auto n = read(m_stdout, buffer, sizeof buffer);
            if (n <= 0)
                break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
        INFO("stdout: " << line << "\nstderr: " << log_text());
        const auto colon = line.find("127.0.0.1:");
        if (colon == std::string::npos)
            stop();  // the destructor will not run
        REQUIRE(colon != std::string::npos);
        m_port = std::stoi(line.substr(colon + 10));
        REQUIRE(m_port > 0);
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server() {
        if (m_pid > 0)
            stop();
    }

    int port() const { return m_port; }

    /// SIGTERM and wait; the exit status (-1 if it did not exit normally).
    int stop() {
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
        close(m_stdout);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::string log_text() const {
        std::ifstream in(m_log);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

  private:
    std::string m_log;
    pid_t m_pid = -1;
    int m_stdout = -1;
    int m_port = 0;
};

struct Reply {
    int status = 0;
    json body;
    std::string allow;
};

inline Reply reply_of(const httplib::Result& result) {
    REQUIRE(result);  // a connection error otherwise
    Reply reply{result->status, json(), result->get_header_value("Allow")};
    INFO(result->body);
    REQUIRE(result->get_header_value("Content-Type") == "application/json");
    reply.body = json::parse(result->body);
    return reply;
}

inline Reply get(int port, const std::string& target) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Get(target.c_str()));
}

inline Reply post(int port, const std::string& path, const std::string& body) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return reply_of(client.Post(path.c_str(), body, "application/json"));
}

/// GET that must succeed.
inline json get_ok(int port, const std::string& target) {
    const Reply reply = get(port, target);
    INFO(target << " -> " << reply.body.dump());
    REQUIRE(reply.status == 200);
    return reply.body;
}

}  // namespace muster::test

#pragma once
// `muster serve` started as a child process on 127.0.0.1 (--port 0, the port it prints), for the
// tests of the service (tests/tools/server/test_serve_support.hpp) and the crash check
// (bench/serve_crash_round.hpp). Plain C++ with no test framework, so that a benchmark can use it.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace muster::test {

/// Whether a new server's stderr (its request log) replaces the log file or goes on after it (a
/// server restarted on the same log).
enum class ServeLog { truncate, append };

/// `MUSTER serve DB --host 127.0.0.1 --port 0 ARGS...`: its stdout read until it names the port
/// ("listening on http://127.0.0.1:PORT with N threads") and kept open, its stderr written to
/// `log`. Stopped with SIGTERM (stop(), or the destructor) or SIGKILL (kill_now()).
class ServeProcess {
  public:
    /// Throws std::runtime_error, with its stdout and its log, if it names no port within
    /// `startup` (a province's networks take minutes to load).
    ServeProcess(const std::string& muster, const std::string& db, const std::string& log,
                 const std::vector<std::string>& args, ServeLog mode = ServeLog::truncate,
                 std::chrono::seconds startup = std::chrono::seconds(30))
        : m_log(log) {
        int out[2];
        if (pipe(out) != 0)
            throw std::runtime_error("muster serve: pipe failed");
        std::vector<std::string> argv{muster, "serve", db, "--host", "127.0.0.1", "--port", "0"};
        argv.insert(argv.end(), args.begin(), args.end());
        m_pid = fork();
        if (m_pid < 0) {
            close(out[0]);
            close(out[1]);
            throw std::runtime_error("muster serve: fork failed");
        }
        if (m_pid == 0) {
            dup2(out[1], STDOUT_FILENO);
            const int flags = O_WRONLY | O_CREAT | (mode == ServeLog::append ? O_APPEND : O_TRUNC);
            const int err = ::open(log.c_str(), flags, 0644);
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
        std::string line;
        while (line.find('\n') == std::string::npos) {
            pollfd p{m_stdout, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(startup.count() * 1000)) <= 0)
                break;
            char buffer[256];
            const auto n = read(m_stdout, buffer, sizeof buffer);
            if (n <= 0)
                break;
            line.append(buffer, static_cast<std::size_t>(n));
        }
        const auto colon = line.find("127.0.0.1:");
        if (colon != std::string::npos)
            m_port = std::atoi(line.c_str() + colon + 10);
        if (m_port <= 0) {
            kill_now();  // the destructor will not run
            throw std::runtime_error("muster serve did not start: stdout: " + line +
                                     "\nstderr: " + log_text());
        }
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;
    ~ServeProcess() { stop(); }

    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }

    /// SIGTERM and wait; the exit status (-1 if it did not exit normally or was stopped before).
    int stop() { return end(SIGTERM); }

    /// SIGKILL and wait: the process ends wherever it is, as in a crash.
    void kill_now() { end(SIGKILL); }

    /// What it has written to its log so far.
    std::string log_text() const {
        std::ifstream in(m_log);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

  private:
    int end(int signal) {
        if (m_pid <= 0)
            return -1;
        ::kill(m_pid, signal);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
        close(m_stdout);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::string m_log;
    pid_t m_pid = -1;
    int m_stdout = -1;
    int m_port = 0;
};

}  // namespace muster::test

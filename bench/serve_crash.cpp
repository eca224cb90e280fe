// The crash benchmark of `muster serve`: `serve_crash [KILLS=20] [SEED]` imports the routing map
// of tests/fixtures/routing, then KILLS times sends PATCH /teams/{id} as fast as the server
// answers and kills it with SIGKILL at a random moment (20 to 1,000 ms after the first change),
// checks that every acknowledged change survived (bench/serve_crash_round.hpp) and restarts it.
// Prints one line per kill and the totals; exits 1 if any change was lost or any check failed.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench/serve_crash_round.hpp"

namespace {

int run(const std::string& command) {
    return std::system(command.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const int kills = argc > 1 ? std::atoi(argv[1]) : 20;
    const unsigned long long seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261205;
    const std::string muster = MUSTER_BINARY;
    const std::string fixtures = MUSTER_FIXTURES "/routing/";
    const auto dir =
        std::filesystem::temp_directory_path() / ("muster-serve-crash-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "map.sqlite").string();
    if (run(muster + " import '" + db + "' --roads '" + fixtures + "roads.geojson' --teams '" +
            fixtures + "teams.geojson' > /dev/null 2>&1") != 0) {
        std::fprintf(stderr, "serve_crash: the import failed\n");
        return 2;
    }
    // The dispatcher of tests/tools/server/test_serve_tokens.hpp.
    const std::string token = "dispatcher-test-token";
    const std::string tokens = (dir / "tokens.tsv").string();
    std::ofstream(tokens) << "dispatch-1\tdispatcher\tsha256:"
                             "a33802fb8c397031efabebff5a33d8a29b837f0e4e25ee187fca118486c5b2e3\n";
    const std::vector<std::string> args{"--no-db-hazards", "--tokens", tokens};

    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> moment_ms(20, 1000);
    long next_k = 0;
    long sent = 0, answered = 0, in_flight_committed = 0, violations = 0;
    double restart_ms = 0, worst_restart_ms = 0;
    std::printf("kill  after_ms  sent  answered  log_seq  committed_unanswered  restart_ms  ok\n");
    std::int64_t last_events = 0;
    for (int kill = 1; kill <= kills; ++kill) {
        const auto round =
            muster::crash::run_crash_round(muster, db, (dir / "serve.log").string(), args, token,
                                           std::chrono::milliseconds(moment_ms(random)), next_k);
        const long unanswered = static_cast<long>(round.events - last_events) -
                                static_cast<long>(round.answered.size());
        last_events = round.events;
        std::printf("%4d  %8.0f  %4ld  %8zu  %7lld  %20ld  %10.0f  %s\n", kill,
                    round.killed_after_ms, round.sent, round.answered.size(),
                    static_cast<long long>(round.events), unanswered, round.restart_ms,
                    round.violations.empty() ? "yes" : "NO");
        for (const std::string& v : round.violations)
            std::printf("      %s\n", v.c_str());
        sent += round.sent;
        answered += static_cast<long>(round.answered.size());
        in_flight_committed += unanswered;
        violations += static_cast<long>(round.violations.size());
        restart_ms += round.restart_ms;
        worst_restart_ms = std::max(worst_restart_ms, round.restart_ms);
    }
    std::printf(
        "\n%d kills (seed %llu): %ld changes sent, %ld acknowledged, all %s; %ld committed but "
        "unanswered when killed; %ld failed checks; restart %.0f ms mean, %.0f ms worst\n",
        kills, seed, sent, answered, violations == 0 ? "kept" : "NOT all kept", in_flight_committed,
        violations, restart_ms / kills, worst_restart_ms);
    std::filesystem::remove_all(dir);
    return violations == 0 ? 0 : 1;
}

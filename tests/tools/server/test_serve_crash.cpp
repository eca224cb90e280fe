// A kill -9 of `muster serve` never loses a change it acknowledged: five times, changes are sent
// as fast as the server answers and the server is killed at a random (seeded) moment; the
// database must then hold every change answered 2xx, pass SQLite's integrity check, and bring the
// restarted server back at the version of its last event (bench/serve_crash_round.hpp says what
// is checked; bench/serve_crash does the same 20 times and prints the figures).

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>

#include "bench/serve_crash_round.hpp"
#include "tests/support/muster_cli.hpp"
#include "tests/support/random_seed.hpp"
#include "tests/support/routing_map.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/tools/server/test_serve_tokens.hpp"

using namespace muster::test;

TEST_CASE("serve: a SIGKILL at a random moment loses no acknowledged change (5 kills)") {
    TempDir dir;
    const std::string db = import_routing_map(dir);
    const auto args = with_dispatcher(dir, {"--no-db-hazards"});
    const auto seed = test_seed();
    INFO("seed " << seed << " (MUSTER_TEST_SEED repeats it)");
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> moment_ms(20, 400);
    long next_k = 0;
    std::int64_t last_events = 0;
    std::size_t answered = 0;
    for (int kill = 0; kill < 5; ++kill) {
        const auto round = muster::crash::run_crash_round(
            MUSTER_BINARY, db, dir.file("serve.log"), args, kDispatcherToken,
            std::chrono::milliseconds(moment_ms(random)), next_k);
        INFO("kill " << kill << " after " << round.killed_after_ms << " ms: " << round.sent
                     << " changes sent, " << round.answered.size() << " answered, log at seq "
                     << round.events);
        for (const std::string& violation : round.violations)
            FAIL_CHECK(violation);
        CHECK(round.violations.empty());
        // The log only grows, by at least what was answered.
        CHECK(round.events >= last_events + static_cast<std::int64_t>(round.answered.size()));
        CHECK(round.events <= last_events + round.sent);
        last_events = round.events;
        answered += round.answered.size();
    }
    // The kills fell among changes, not before any was made.
    CHECK(answered > 0);
}

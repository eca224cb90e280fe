// engine/run_beside: the side part runs on another thread at the same time as the caller's own
// (each waits for the other to start), exceptions come back once both parts are done, and a
// caller that finds no helper idle is told so before anything runs.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "engine/run_beside.hpp"
#include "tests/support/helpers_taken.hpp"

using namespace muster;

namespace {

// Counts this part in and waits (up to 10 s) for the other: both count only if they run at once.
void meet(std::atomic<int>& started) {
    ++started;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (started < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
}

}  // namespace

TEST_CASE("run_beside runs the side part on a helper while the caller runs its own") {
    if (beside_helpers() == 0) {
        WARN("this machine has one core: no helper to run beside");
        return;
    }
    CHECK(beside_helpers() == std::thread::hardware_concurrency() - 1);
    std::atomic<int> started{0};
    std::thread::id own_thread, side_thread;
    const bool ran = run_beside(
        [&] {
            own_thread = std::this_thread::get_id();
            meet(started);
        },
        [&] {
            side_thread = std::this_thread::get_id();
            meet(started);
        });
    CHECK(ran);
    CHECK(started == 2);
    CHECK(own_thread == std::this_thread::get_id());
    CHECK(side_thread != own_thread);
}

TEST_CASE("run_beside gives back an exception once both parts are done, its own part's first") {
    if (beside_helpers() == 0) {
        WARN("this machine has one core: no helper to run beside");
        return;
    }
    // The side part throws at once; the caller's part still runs to its end before it comes back.
    bool own_done = false;
    CHECK_THROWS_WITH(run_beside(
                          [&] {
                              std::this_thread::sleep_for(std::chrono::milliseconds(20));
                              own_done = true;
                          },
                          [] { throw std::runtime_error("side"); }),
                      "side");
    CHECK(own_done);
    CHECK_THROWS_WITH(run_beside([] { throw std::runtime_error("own"); },
                                 [] { throw std::runtime_error("side"); }),
                      "own");
    // The helper is idle again after each.
    std::atomic<int> started{0};
    CHECK(run_beside([&] { meet(started); }, [&] { meet(started); }));
    CHECK(started == 2);
}

TEST_CASE("run_beside runs nothing and says so when every helper is taken") {
    bool answer = true, ran = false;
    CHECK(muster::test::with_every_helper_taken(
        [&] { answer = run_beside([&] { ran = true; }, [&] { ran = true; }); }));
    CHECK_FALSE(answer);
    CHECK_FALSE(ran);
}

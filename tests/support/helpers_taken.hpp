#pragma once
// Runs a piece of a test while every helper of engine/run_beside is taken (each waits for it), so
// that what it calls works alone, as on a machine of one core.

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "engine/run_beside.hpp"

namespace muster::test {

/// Runs inner() on this thread while `helpers` helpers wait; false if one could not be taken.
inline bool with_helpers_taken(unsigned helpers, const std::function<void()>& inner) {
    if (helpers == 0) {
        inner();
        return true;
    }
    std::atomic<bool> done{false};
    bool all_taken = false;
    const bool taken = run_beside(
        [&] {
            // The helper is let go however inner() ends.
            const std::unique_ptr<std::atomic<bool>, void (*)(std::atomic<bool>*)> let_go(
                &done, [](std::atomic<bool>* d) { *d = true; });
            all_taken = with_helpers_taken(helpers - 1, inner);
        },
        [&] {
            while (!done)
                std::this_thread::yield();
        });
    return taken && all_taken;
}

/// Runs inner() on this thread while every helper waits; false if one could not be taken.
inline bool with_every_helper_taken(const std::function<void()>& inner) {
    return with_helpers_taken(beside_helpers(), inner);
}

}  // namespace muster::test

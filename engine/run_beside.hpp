#pragma once
// Two parts of one query at once: the caller runs its own part while a helper thread runs a side
// part, so that a query's latency uses a second core. A service area's field is marked half by
// each (solvers/service_area.cpp); a long route's two halves are unpacked and drawn one by each
// (engine/cch/cch_query.cpp, engine/path_geometry.cpp).
//
// The helpers are one fewer than the machine's cores, made on first use and asleep between
// queries. A query that finds none idle (another query has it, or the machine has one core) does
// its work alone, as it would without them: the answer never depends on a helper.

#include <utility>

namespace muster {

namespace detail {

// A callable by reference, without an allocation: run_beside's parts live on the caller's stack
// until it returns.
struct PartRef {
    const void* callable;
    void (*call)(const void*);
    void operator()() const { call(callable); }
};

template <typename F>
PartRef part_ref(const F& f) {
    return {&f, [](const void* p) { (*static_cast<const F*>(p))(); }};
}

bool run_beside(PartRef own, PartRef side);

}  // namespace detail

/// Runs side() on an idle helper thread while the caller runs own(), and returns true once both
/// are done; returns false at once, having run neither, if no helper is idle. own() runs on the
/// caller's thread (so it may use the caller's thread_local state); side() must not. If either
/// throws, the exception is rethrown once both are done (own()'s if both throw).
template <typename Own, typename Side>
[[nodiscard]] bool run_beside(const Own& own, const Side& side) {
    return detail::run_beside(detail::part_ref(own), detail::part_ref(side));
}

/// How many helper threads run_beside() has: the machine's cores less one (0 on one core).
unsigned beside_helpers();

}  // namespace muster

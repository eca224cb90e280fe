// Stock left unshipped by an allocation: the round decision of the fair-share stage
// (detail::destinations_to_freeze, whose forced branch only an LP solver stopping short reaches)
// and the independent check unshipped_usable, on cases worked out by hand.

#include <catch2/catch.hpp>

#include "engine/errors.hpp"
#include "solvers/relief/allocation.hpp"
#include "solvers/relief/detail/freeze_rule.hpp"

using namespace muster;
using namespace muster::relief;

namespace {

SupplyDepot depot(std::string id, double water) {
    return {std::move(id), "R", DepotTier::county, {{"water", water}}};
}

Destination shelter(std::string id, double water) {
    return {std::move(id), "R", {{"water", water}}};
}

Shipment shipment(std::size_t depot, std::size_t destination, double quantity,
                  std::string item = "water") {
    Shipment s;
    s.depot = depot;
    s.destination = destination;
    s.item = std::move(item);
    s.quantity = quantity;
    return s;
}

}  // namespace

TEST_CASE("A fair-share round freezes the open destinations that did not rise") {
    // Destinations 0..3; 3 is already frozen; 1 did not rise: it alone is frozen, not forced.
    const std::vector<bool> open{true, true, true, false};
    const auto d = detail::destinations_to_freeze(open, {true, false, true, false},
                                                  {0.6, 0.5, 0.7, 0.2}, true);
    CHECK(d.frozen == std::vector<std::size_t>{1});
    CHECK_FALSE(d.forced);
}

TEST_CASE("A round where every open destination rose freezes none the first time") {
    const auto d = detail::destinations_to_freeze({true, true}, {true, true}, {0.6, 0.5}, false);
    CHECK(d.frozen.empty());
    CHECK_FALSE(d.forced);
}

TEST_CASE("A second such round in a row forces a freeze of the one that rose least") {
    // Open 0, 1, 2 all rose; the best levels 0.6, 0.55, 0.55: the first of the lowest, 1.
    const auto d = detail::destinations_to_freeze(
        {true, true, true, false}, {true, true, true, false}, {0.6, 0.55, 0.55, 0.1}, true);
    CHECK(d.frozen == std::vector<std::size_t>{1});
    CHECK(d.forced);
}

TEST_CASE("unshipped_usable counts stock left that a connected short destination can take") {
    // A (10 L) reaches X only, B (5 L) reaches Y only. X needs 8, Y 6; shipped A→X 3, B→Y 5.
    // Left: A 7, B 0; short: X 5, Y 1. A can still give X 5; Y's 1 has no depot with stock.
    AllocationProblem p;
    p.depots = {depot("A", 10), depot("B", 5)};
    p.destinations = {shelter("X", 8), shelter("Y", 6)};
    p.duration_s = {100.0, std::nullopt, std::nullopt, 100.0};
    CHECK(unshipped_usable(p, "water", {shipment(0, 0, 3), shipment(1, 1, 5)}) ==
          Approx(5).margin(1e-9));
    // Shipments of another item do not count against the water.
    CHECK(unshipped_usable(p, "water",
                           {shipment(0, 0, 3), shipment(1, 1, 5), shipment(0, 0, 7, "blanket")}) ==
          Approx(5).margin(1e-9));
    // Amounts of at most 5 L taken as noise: X's 5 L short is ignored, so nothing is usable.
    CHECK(unshipped_usable(p, "water", {shipment(0, 0, 3), shipment(1, 1, 5)}, 5.0) == 0);
    // X served in full, Y 1 L short, but only B reaches Y and B is empty: A keeps 2 L that no
    // short destination can take, so nothing is usable.
    CHECK(unshipped_usable(p, "water", {shipment(0, 0, 8), shipment(1, 1, 5)}) ==
          Approx(0).margin(1e-9));
}

TEST_CASE("unshipped_usable is a maximum flow, not a sum per depot") {
    // A (4 L left) and B (5 L left) both reach only Y, which is 3 L short: 3 in all, not 3 + 3.
    AllocationProblem p;
    p.depots = {depot("A", 4), depot("B", 5)};
    p.destinations = {shelter("X", 1), shelter("Y", 3)};
    p.duration_s = {std::nullopt, 50.0, std::nullopt, 60.0};
    CHECK(unshipped_usable(p, "water", {}) == Approx(3).margin(1e-9));
    // X (1 L) is reached by no one. After A→Y 1 L, Y is 2 L short: 2.
    CHECK(unshipped_usable(p, "water", {shipment(0, 1, 1)}) == Approx(2).margin(1e-9));
    CHECK_THROWS_AS(unshipped_usable(p, "water", {shipment(5, 1, 1)}), InputError);
}

TEST_CASE("A leximin allocation under shortage leaves no usable stock and forces no freeze") {
    // A (100 L) reaches X (200 L) only; B (300 L) reaches Y (200 L) only. X gets 100 (fill 0.5),
    // Y 200 (fill 1); B keeps 100 L that no short destination can reach: usable 0.
    AllocationProblem p;
    p.depots = {depot("A", 100), depot("B", 300)};
    p.destinations = {shelter("X", 200), shelter("Y", 200)};
    p.duration_s = {100.0, std::nullopt, std::nullopt, 100.0};
    const AllocationResult r = allocate_relief(p);
    REQUIRE(r.items.size() == 1);
    CHECK(r.items[0].delivered == Approx(300));
    CHECK(r.items[0].unshipped_usable == 0);
    CHECK(r.items[0].forced_freezes == 0);
    CHECK(unshipped_usable(p, "water", r.shipments) == Approx(0).margin(1e-6));
}

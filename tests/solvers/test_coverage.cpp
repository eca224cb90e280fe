// Shelter coverage and assignment (solvers/coverage): a straight street A - B - C - D - E with
// 300 m between neighbours, shelters at A and E, people at B, C and D; every figure is summed by
// hand in the comments.

#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "solvers/coverage/coverage.hpp"
#include "solvers/coverage/shelter_assignment.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using muster::test::tiny_network;

namespace {

constexpr NodeId A{0}, B{1}, C{2}, D{3}, E{4};

// Walking times are irrelevant to coverage (distance decides); they are set unequal on purpose
// so that a search by time would pick differently.
RoutingGraph street(bool c_d_one_way_westwards = false) {
    std::vector<test::TinyRoad> roads{{A, B, 1'000, 300'000},
                                      {B, C, 9'000, 300'000},
                                      {C, D, 1'000, 300'000},
                                      {D, E, 5'000, 300'000}};
    if (c_d_one_way_westwards)
        roads[2] = {C, D, 1'000, 300'000, false, {}, true};  // only D -> C
    return RoutingGraph(tiny_network({{0, 0}, {0.003, 0}, {0.006, 0}, {0.009, 0}, {0.012, 0}},
                                     roads, Profile::walk));
}

struct Fixture {
    RoutingGraph graph;
    Metric distance;
    std::vector<std::optional<Snap>> people;  // at B, C, D
    std::vector<WalkTarget> shelters;         // A (emergency, 500 m), E (fixed, 2500 m)

    explicit Fixture(RoutingGraph g, const Metric* scenario = nullptr)
        : graph(std::move(g)),
          distance(walking_distance_metric(graph.network(), scenario ? *scenario : graph.base())) {
        for (double lon : {0.003, 0.006, 0.009})
            people.push_back(graph.snaps().snap({lon, 0}));
        shelters.push_back({graph.snaps().snap({0, 0}), 500});
        shelters.push_back({graph.snaps().snap({0.012, 0}), 2500});
    }
    std::vector<WalkingReach> reach() const {
        return walking_reach(graph, distance, people, shelters);
    }
};

const std::vector<ShelterClass> kClasses{ShelterClass::emergency, ShelterClass::fixed};
const std::vector<PopulationPoint> kPeople{{0, 80}, {0, 50}, {1, 30}};  // B, C in T0; D in T1
const std::vector<std::int64_t> kPopulation{80, 50, 30};

}  // namespace

TEST_CASE("walking reach pairs people with the shelters within their radius") {
    // A (500 m): B at 300 m; C at 600 m is too far. E (2500 m): B 900, C 600, D 300.
    const auto pairs = Fixture(street()).reach();
    REQUIRE(pairs.size() == 4);
    CHECK((pairs[0].demand == 0 && pairs[0].target == 0 && pairs[0].distance_mm == 300'000));
    CHECK((pairs[1].demand == 0 && pairs[1].target == 1 && pairs[1].distance_mm == 900'000));
    CHECK((pairs[2].demand == 1 && pairs[2].target == 1 && pairs[2].distance_mm == 600'000));
    CHECK((pairs[3].demand == 2 && pairs[3].target == 1 && pairs[3].distance_mm == 300'000));
}

TEST_CASE("walking reach follows one-way paths the way people walk them") {
    // C - D can only be walked from D to C: B and C cannot walk to E any more; D still can.
    // (A search out of E, the wrong way, would reach C over D -> C.)
    const auto pairs = Fixture(street(true)).reach();
    REQUIRE(pairs.size() == 2);
    CHECK((pairs[0].demand == 0 && pairs[0].target == 0 && pairs[0].distance_mm == 300'000));
    CHECK((pairs[1].demand == 2 && pairs[1].target == 1 && pairs[1].distance_mm == 300'000));
}

TEST_CASE("walking reach from the middle of a street and under a closure") {
    // Closing D - E leaves only A: B at 300 m. A point half way between A and B is 150 m from A.
    RoutingGraph graph = street();
    Metric scenario = graph.base();
    scenario.duration_ms[test::edge_between(graph.network(), D, E)] = kClosedMs;
    scenario.duration_ms[test::edge_between(graph.network(), E, D)] = kClosedMs;
    Fixture f(std::move(graph), &scenario);
    f.people.push_back(f.graph.snaps().snap({0.0015, 0}));
    const auto pairs = f.reach();
    REQUIRE(pairs.size() == 2);
    CHECK((pairs[0].demand == 0 && pairs[0].target == 0 && pairs[0].distance_mm == 300'000));
    CHECK((pairs[1].demand == 3 && pairs[1].target == 0 && pairs[1].distance_mm == 150'000));
}

TEST_CASE("walking reach refuses a bad radius") {
    Fixture f(street());
    f.shelters[0].radius_m = -1;
    CHECK_THROWS_AS(f.reach(), InputError);
}

TEST_CASE("coverage by township and by shelter class") {
    const auto pairs = Fixture(street()).reach();
    const Coverage c = shelter_coverage(kPeople, kClasses, pairs, 2);
    // Everyone reaches E (fixed); only B's 80 reach A (emergency).
    CHECK(c.population == 160);
    CHECK(c.covered == 160);
    CHECK(c.covered_by_class == ByShelterClass{80, 160, 0});
    CHECK(c.townships[0].population == 130);
    CHECK(c.townships[0].covered_by_class == ByShelterClass{80, 130, 0});
    CHECK(c.townships[1].covered == 30);
    // Nearest: B -> A at 300 m, C -> E at 600 m, D -> E at 300 m.
    CHECK(c.points[0].nearest_shelter == std::optional<std::size_t>(0));
    CHECK(c.points[0].distance_mm == 300'000);
    CHECK(c.points[1].nearest_shelter == std::optional<std::size_t>(1));
    CHECK(c.points[1].distance_mm == 600'000);

    // With C - D one-way westwards, C (50) reaches nothing.
    const Coverage cut = shelter_coverage(kPeople, kClasses, Fixture(street(true)).reach(), 2);
    CHECK(cut.covered == 110);
    CHECK(cut.townships[0].covered == 80);
    CHECK_FALSE(cut.points[1].nearest_shelter.has_value());
}

TEST_CASE("assignment within capacity places the most people with the least walking") {
    // Capacities A 50, E 60: 110 of 160 can be placed. A takes 50 of B (300 m each). E's 60
    // places go to the nearest candidates: D's 30 at 300 m, then 30 of C at 600 m (B would walk
    // 900 m). Total 50·300 + 30·300 + 30·600 = 42,000 person-metres; left: B 30, C 20.
    const auto pairs = Fixture(street()).reach();
    const std::vector<std::int64_t> capacity{50, 60};
    const ShelterAssignment a = assign_within_capacity(kPopulation, capacity, pairs);
    CHECK(a.assigned == 110);
    CHECK(a.unassigned_total == 50);
    CHECK(a.unassigned == std::vector<std::int64_t>{30, 20, 0});
    CHECK(a.load == std::vector<std::int64_t>{50, 60});
    CHECK(a.person_m == Approx(42'000));
    REQUIRE(a.flows.size() == 3);
    CHECK((a.flows[0].demand == 0 && a.flows[0].shelter == 0 && a.flows[0].people == 50));
    CHECK((a.flows[1].demand == 1 && a.flows[1].shelter == 1 && a.flows[1].people == 30));
    CHECK((a.flows[2].demand == 2 && a.flows[2].shelter == 1 && a.flows[2].people == 30));
}

TEST_CASE("assignment with room for everyone sends each to the nearest") {
    // Capacities 1000 each: B -> A (300), C -> E (600), D -> E (300): 80·300 + 50·600 + 30·300
    // = 63,000 person-metres, the same as the nearest policy.
    const auto pairs = Fixture(street()).reach();
    const std::vector<std::int64_t> capacity{1000, 1000};
    const ShelterAssignment a = assign_within_capacity(kPopulation, capacity, pairs);
    CHECK(a.assigned == 160);
    CHECK(a.person_m == Approx(63'000));
    const ShelterAssignment n = assign_to_nearest(kPopulation, capacity, pairs);
    CHECK(n.person_m == Approx(63'000));
    CHECK(n.load == std::vector<std::int64_t>{80, 80});
}

TEST_CASE("the nearest policy ignores capacity and shows the overflow") {
    // A (capacity 50) receives all 80 of B; E (60) receives C's 50 and D's 30.
    const auto pairs = Fixture(street()).reach();
    const std::vector<std::int64_t> capacity{50, 60};
    const ShelterAssignment n = assign_to_nearest(kPopulation, capacity, pairs);
    CHECK(n.assigned == 160);
    CHECK(n.load == std::vector<std::int64_t>{80, 80});
    CHECK(n.unassigned_total == 0);
}

TEST_CASE("assignment refuses negative population or capacity") {
    const auto pairs = Fixture(street()).reach();
    CHECK_THROWS_AS(assign_within_capacity(std::vector<std::int64_t>{-1, 0, 0},
                                           std::vector<std::int64_t>{1, 1}, pairs),
                    muster::ContractError);
    CHECK_THROWS_AS(assign_to_nearest(kPopulation, std::vector<std::int64_t>{1}, pairs),
                    muster::ContractError);
}

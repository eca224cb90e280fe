// LiveHazards (tools/app/hazard_scenario.hpp), the hazard state of `muster serve`. On Malta's
// driving network with its sample hazard zones, every scenario it publishes must equal one
// computed from scratch for the zones then in force (travel times and every hierarchy arc), also
// for the closure of every ferry, a zone over the whole map, and when it starts from the
// hierarchies a RoutingSession customized already (as `muster serve` does); it must share the
// scenario before it but for the chunks its change wrote; and a scenario a query still holds must
// never change.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/cch/cch_metric.hpp"
#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/metric.hpp"
#include "tests/solvers/malta.hpp"
#include "tests/support/fresh_customization.hpp"
#include "tools/app/hazard_scenario.hpp"

using namespace muster;
using muster::test::equals_fresh_customization;
using tools::HazardChange;
using tools::HazardScenario;
using tools::LiveHazards;

namespace {

std::vector<std::string> ids(const std::vector<HazardZone>& zones) {
    std::vector<std::string> out;
    for (const HazardZone& z : zones)
        out.push_back(z.id);
    return out;
}

// Whether `s` is what a scenario built from scratch for its own zones gives.
bool equals_fresh_scenario(const HazardScenario& s,
                           const std::vector<const RoutingGraph*>& graphs) {
    const HazardScenario fresh = tools::initial_scenario(graphs, s.zones);
    return s.metrics[0].duration_ms == fresh.metrics[0].duration_ms &&
           &s.cch[0]->metric() == &s.metrics[0] && equals_fresh_customization(*s.cch[0]);
}

}  // namespace

TEST_CASE("live hazards share the scenario before but where a change writes, each a fresh one") {
    const RoutingGraph& graph = test::malta_drive();
    const std::vector<const RoutingGraph*> graphs{&graph};
    const auto& zones = test::malta_hazards();  // a slow flood, a closed flood, a landslide
    REQUIRE(zones.size() == 3);
    HazardZone msida_slow = zones[1];
    msida_slow.id = "msida-slow";
    msida_slow.effect = HazardEffect::slow;
    msida_slow.speed_factor = 0.25;

    struct Step {
        HazardChange change;
        std::vector<std::string> zones;  // in force after it
    };
    const auto add = [](const HazardZone& z) {
        return HazardChange{HazardChange::Kind::add, z, ""};
    };
    const auto lift = [](const std::string& id) {
        return HazardChange{HazardChange::Kind::lift, {}, id};
    };
    const std::string a = zones[0].id, b = zones[1].id, c = zones[2].id;
    const std::vector<Step> steps{
        {add(zones[0]), {a}},
        {add(zones[2]), {a, c}},
        {add(zones[1]), {a, c, b}},
        {add(msida_slow), {a, c, b, "msida-slow"}},
        {lift(a), {c, b, "msida-slow"}},
        {lift(b), {c, "msida-slow"}},
        {lift(c), {"msida-slow"}},
        {lift("msida-slow"), {}},
    };
    LiveHazards live(graphs, {});
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("update " << i + 1);
        const auto before = live.current();  // a query in flight keeps it
        const auto s = live.update(steps[i].change);
        CHECK(s->version == i + 2);
        CHECK(ids(s->zones) == steps[i].zones);
        CHECK(equals_fresh_scenario(*s, graphs));
        // Each zone is a few km across on an island 27 km long: its change writes some of the
        // chunks, and the rest are shared with the scenario before. The slow zone over the
        // closed flood changes nothing (closed stays closed) and writes nothing.
        const auto& times = s->metrics[0].duration_ms;
        const bool changed = !(times == before->metrics[0].duration_ms);
        CHECK(changed == (i != 3));
        CHECK((times.own_chunks() > 0) == changed);
        CHECK(times.own_chunks() < times.chunk_count());
        CHECK((s->cch[0]->own_chunks() > 0) == changed);
        CHECK(s->cch[0]->own_chunks() < s->cch[0]->chunk_count());
    }
    // Once no query holds the scenarios before, the last one's hierarchy holds all of its
    // chunks alone (its metric still shares the graph's base metric where no zone wrote).
    const auto last = live.current();
    CHECK(last->cch[0]->own_chunks() == last->cch[0]->chunk_count());
    // Back to no zones: the base travel times.
    CHECK(last->metrics[0].duration_ms == graph.base().duration_ms);
}

TEST_CASE("live hazards never change a scenario a query still holds") {
    const RoutingGraph& graph = test::malta_drive();
    const std::vector<const RoutingGraph*> graphs{&graph};
    const auto& zones = test::malta_hazards();
    LiveHazards live(graphs, {});
    const auto held = live.current();  // a query in flight on version 1
    const std::vector<std::uint32_t> held_times = held->metrics[0].duration_ms.values();

    live.update({HazardChange::Kind::add, zones[1], ""});
    const auto second = live.update({HazardChange::Kind::add, zones[2], ""});
    CHECK(second.get() != held.get());
    CHECK(second->version == 3);
    CHECK(equals_fresh_scenario(*second, graphs));
    CHECK(held->version == 1);
    CHECK(held->zones.empty());
    CHECK(held->metrics[0].duration_ms.values() == held_times);
    CHECK(equals_fresh_customization(*held->cch[0]));
    // The closed flood changed something, so the comparison above could fail.
    CHECK(second->metrics[0].duration_ms.values() != held_times);

    // A refused change leaves the scenario in force and the next update still right.
    HazardZone bad = zones[0];
    bad.id = "bad";
    bad.speed_factor = 1.5;
    CHECK_THROWS(live.update({HazardChange::Kind::add, bad, ""}));
    CHECK(live.current() == second);
    auto third = live.update({HazardChange::Kind::lift, {}, zones[1].id});
    CHECK(third->version == 4);
    CHECK(ids(third->zones) == std::vector<std::string>{zones[2].id});
    CHECK(equals_fresh_scenario(*third, graphs));

    // Released, it changes nothing: the next update is still right.
    third.reset();
    const auto fourth = live.update({HazardChange::Kind::add, zones[0], ""});
    CHECK(fourth->version == 5);
    CHECK(ids(fourth->zones) == std::vector<std::string>{zones[2].id, zones[0].id});
    CHECK(equals_fresh_scenario(*fourth, graphs));
    // And the one held from the start is still the base.
    CHECK(held->metrics[0].duration_ms == graph.base().duration_ms);
    CHECK(equals_fresh_customization(*held->cch[0]));
}

TEST_CASE("live hazards close and reopen all of Malta's ferries, each scenario a fresh one") {
    const RoutingGraph& graph = test::malta_drive();
    const std::vector<const RoutingGraph*> graphs{&graph};
    const RoadNetwork& network = graph.network();
    LiveHazards live(graphs, {test::malta_hazards()[0]});
    const auto storm = live.update({HazardChange::Kind::add, all_ferries_closed(), ""});
    CHECK(equals_fresh_scenario(*storm, graphs));
    // Every car ferry is closed, no road beyond the first zone's, and there are car ferries.
    const Metric& stormy = storm->metrics[0];
    std::size_t ferries = 0;
    const HazardScenario start = tools::initial_scenario(graphs, {test::malta_hazards()[0]});
    for (EdgeId e : network.edges()) {
        if (network.ferry(e)) {
            ++ferries;
            CHECK(stormy.closed(e));
        } else {
            CHECK(stormy.duration_ms[e] == start.metrics[0].duration_ms[e]);
        }
    }
    CHECK(ferries > 0);
    const auto calm = live.update({HazardChange::Kind::lift, {}, "ferries"});
    CHECK(equals_fresh_scenario(*calm, graphs));
    CHECK(calm->metrics[0].duration_ms == start.metrics[0].duration_ms);
}

TEST_CASE("live hazards started from a session's customized hierarchy equal a fresh start") {
    const RoutingGraph& graph = test::malta_drive();
    const std::vector<const RoutingGraph*> graphs{&graph};
    const auto& zones = test::malta_hazards();
    const std::vector<HazardZone> in_force{zones[0], zones[1]};
    // What a RoutingSession holds: the metric under the zones and its hierarchy customized.
    auto metric = std::make_unique<Metric>(apply_hazards(graph, graph.base(), in_force));
    auto customized = std::make_unique<cch::CchMetric>(graph.cch(), graph.network(), *metric);

    std::vector<std::unique_ptr<cch::CchMetric>> taken;
    taken.push_back(std::move(customized));
    LiveHazards live(graphs, in_force, std::move(taken));
    // The hierarchy taken and bound to a metric of its own: the session's metric may go.
    metric.reset();
    const auto start = live.current();
    CHECK(start->version == 1);
    CHECK(ids(start->zones) == ids(in_force));
    CHECK(equals_fresh_scenario(*start, graphs));
    // It updates like a scenario started from scratch.
    const auto next = live.update({HazardChange::Kind::add, zones[2], ""});
    CHECK(ids(next->zones) == std::vector<std::string>{zones[0].id, zones[1].id, zones[2].id});
    CHECK(equals_fresh_scenario(*next, graphs));
    const auto back = live.update({HazardChange::Kind::lift, {}, zones[0].id});
    CHECK(equals_fresh_scenario(*back, graphs));

    // Hierarchies that are not the graphs' are a caller's bug.
    CHECK_THROWS_AS(tools::initial_scenario(graphs, in_force, {}), ContractError);
    std::vector<std::unique_ptr<cch::CchMetric>> none(1);
    CHECK_THROWS_AS(tools::initial_scenario(graphs, in_force, std::move(none)), ContractError);
}

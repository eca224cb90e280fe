// Incidents in the live state (tools/app/live_incidents.hpp), made by LiveResources::commit on a
// hand-drawn road (tests/support/tiny_network.hpp), the figures worked out by hand:
//
//   A (0, 0) --100 s, 1,000 m-- B (0.01, 0) --200 s, 2,000 m-- C (0.02, 0) --50 s, 500 m-- D (0.03,
//   0)
//
// The incident is at C. Teams stand on the nodes: amb-A at A (300 s, 3,000 m to C), amb-B at B
// (200 s, 2,000 m), amb-D at D (50 s, 500 m), fire-C at C (0 s), amb-busy at C but on scene
// elsewhere. The nearest two ambulances are amb-D then amb-B; of any kind fire-C then amb-D.
// The database is read back through SQLite's C API (tests/support/sqlite_oracle.hpp).

#include <catch2/catch.hpp>

#include <chrono>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/routing_graph.hpp"
#include "tests/support/sqlite_oracle.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tiny_network.hpp"
#include "tools/app/live_incidents.hpp"
#include "tools/app/live_resources.hpp"
#include "tools/app/query_error.hpp"

using namespace muster;
using namespace muster::tools;
using muster::test::run_sql;
using muster::test::TempDir;

namespace {

// 2026-12-04T10:00:00Z: 20,791 days after 1970-01-01 (56 years, 14 of them leap, + 337 days).
const auto kTen = std::chrono::sys_days(std::chrono::year(2026) / 12 / 4) + std::chrono::hours(10);

RoutingGraph tiny_road() {
    using test::tiny_network;
    return RoutingGraph(tiny_network(
        {{0, 0}, {0.01, 0}, {0.02, 0}, {0.03, 0}},
        {{0, 1, 100'000, 1'000'000}, {1, 2, 200'000, 2'000'000}, {2, 3, 50'000, 500'000}}));
}

std::string incidents_db(const TempDir& dir) {
    const std::string path = dir.file("live.sqlite");
    ResourceDb db = ResourceDb::open_or_create(path);
    db.replace_teams(
        std::vector<Team>{{"amb-A", "Ambulance A", "ambulance", 2, "available", "R", {0, 0}},
                          {"amb-B", "Ambulance B", "ambulance", 2, "available", "R", {0.01, 0}},
                          {"amb-D", "Ambulance D", "ambulance", 2, "available", "R", {0.03, 0}},
                          {"fire-C", "Engine C", "fire", 6, "available", "R", {0.02, 0}},
                          {"amb-busy", "Ambulance E", "ambulance", 2, "on_scene", "R", {0.02, 0}}});
    return path;
}

IncidentAuthor author(std::chrono::system_clock::time_point time = kTen) {
    return {"anna", time, [](const Incident& i) { return i.id + " " + i.status; },
            [](const Team& t) { return t.id + " " + t.status; }};
}

IncidentDraft fire_at_c() {
    IncidentDraft draft;
    draft.kind = "collapse";
    draft.location = LonLat{0.02, 0};
    draft.casualties = {2, 3, 5, 0};
    draft.note = "school gym roof";
    return draft;
}

/// The QueryError `change` throws (a failure if it throws none).
template <class Change>
QueryError query_error(Change&& change) {
    try {
        change();
    } catch (const QueryError& e) {
        return e;
    }
    FAIL("the change was taken");
    throw std::logic_error("unreachable");
}

struct World {
    TempDir dir;
    std::string path = incidents_db(dir);
    ResourceDb db = ResourceDb::open_existing(path);
    LiveResources live{db};
    RoutingGraph graph = tiny_road();
    Searches searches{graph};
    NearestOnState nearest = [this](const ResourceState& state, const NearestQuery& query) {
        const QueryContext context{graph, graph.base(), state.resources, {}};
        return answer_nearest(context, query, searches);
    };

    Committed create(const IncidentDraft& draft) {
        return live.commit(
            [&](const ResourceState& now) { return create_incident(now, draft, author()); });
    }
    Committed dispatch(const std::string& id, const DispatchOrder& order) {
        return live.commit([&](const ResourceState& now) {
            return dispatch_to_incident(now, id, order, nearest, author());
        });
    }
    std::string events() const { return run_sql(path, "SELECT count(*) FROM event"); }
    std::string status_of(const std::string& team) const {
        return run_sql(path, "SELECT status FROM team WHERE id = '" + team + "'");
    }
};

DispatchOrder nearest_of(std::size_t k, std::string kind) {
    DispatchOrder order;
    order.nearest = k;
    order.kind = std::move(kind);
    return order;
}

DispatchOrder named(std::vector<std::string> teams) {
    DispatchOrder order;
    order.teams = std::move(teams);
    return order;
}

}  // namespace

TEST_CASE("an incident is recorded with a fresh id, stored, and published with its event") {
    World w;
    const Committed first = w.create(fire_at_c());
    CHECK(first.state->version == 1);
    REQUIRE(first.state->incidents.size() == 1);
    const Incident& made = first.state->incidents[0];
    CHECK(made.id == "INC-1");
    CHECK(made.status == "open");
    CHECK(made.created_time == "2026-12-04T10:00:00.000Z");
    CHECK(made.updated_time == made.created_time);
    CHECK(made.closed_time.empty());
    CHECK(made.casualties == Casualties{2, 3, 5, 0});
    CHECK(first.events.at(0).kind == "incident");
    CHECK(first.events.at(0).action == "create");
    CHECK(first.events.at(0).target == "INC-1");
    CHECK(first.events.at(0).before.empty());
    CHECK(first.events.at(0).after == "INC-1 open");
    CHECK(run_sql(w.path,
                  "SELECT id || ' ' || kind || ' ' || red || yellow || green || black || "
                  "' ' || lon || ' ' || lat FROM incident") == "INC-1 collapse 2350 0.02 0.0\n");

    // A given id is kept; a fresh one is INC-<count + 1>, past any taken: INC-3 is, so INC-4.
    IncidentDraft given = fire_at_c();
    given.id = "INC-3";
    CHECK(w.create(given).state->incidents.back().id == "INC-3");
    CHECK(w.create(fire_at_c()).state->incidents.back().id == "INC-4");
    CHECK(query_error([&] { w.create(given); }).code() == ErrorCode::Conflict);
}

TEST_CASE("a bad incident is refused naming the field, and writes nothing") {
    World w;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    struct Case {
        IncidentDraft draft;
        std::string message;
    };
    std::vector<Case> cases;
    const auto with = [&](auto change, std::string message) {
        IncidentDraft draft = fire_at_c();
        change(draft);
        cases.push_back({draft, std::move(message)});
    };
    with([](IncidentDraft& d) { d.kind = ""; }, "kind: must not be empty");
    with([](IncidentDraft& d) { d.kind = std::string(257, 'x'); }, "kind: longer than 256 bytes");
    with([](IncidentDraft& d) { d.kind = "fire\nflood"; }, "kind: holds a control character");
    with([](IncidentDraft& d) { d.location.reset(); }, "location: missing");
    with([&](IncidentDraft& d) { d.location = LonLat{nan, 0}; }, "location: not a WGS84");
    with([](IncidentDraft& d) { d.location = LonLat{180.5, 0}; }, "location: not a WGS84");
    with([](IncidentDraft& d) { d.location = LonLat{0, -91}; }, "location: not a WGS84");
    with([](IncidentDraft& d) { d.casualties.black = -1; }, "casualties.black: -1 is below 0");
    with([](IncidentDraft& d) { d.id = "a/b"; }, "id: ");
    for (const Case& c : cases) {
        INFO(c.message);
        const QueryError e = query_error([&] { w.create(c.draft); });
        CHECK(e.code() == ErrorCode::InvalidValue);
        CHECK_THAT(e.what(), Catch::Contains(c.message));
    }
    // 256 bytes is the limit, not past it.
    IncidentDraft longest = fire_at_c();
    longest.kind = std::string(256, 'x');
    CHECK(w.create(longest).state->version == 1);
    CHECK(w.events() == "1\n");
    CHECK(run_sql(w.path, "SELECT count(*) FROM incident") == "1\n");
}

TEST_CASE("a dispatch sends the k nearest available teams by drive time, with their ETAs") {
    World w;
    w.create(fire_at_c());
    const Committed sent = w.dispatch("INC-1", nearest_of(2, "ambulance"));
    // Two team events and the incident's, after the create: version 4.
    CHECK(sent.state->version == 4);
    REQUIRE(sent.events.size() == 3);
    CHECK(sent.events[0].target == "amb-D");
    CHECK(sent.events[0].after == "amb-D dispatched");
    CHECK(sent.events[1].target == "amb-B");
    CHECK(sent.events[2].kind == "incident");
    CHECK(sent.events[2].action == "dispatch");
    const Incident& incident = sent.state->incidents.at(0);
    REQUIRE(incident.dispatches.size() == 2);
    const Dispatch& d = incident.dispatches[0];
    CHECK(d.team_id == "amb-D");
    CHECK(d.eta_s == Approx(50).margin(0.002));
    CHECK(d.distance_m == Approx(500).margin(0.002));
    CHECK(d.dispatched_time == "2026-12-04T10:00:00.000Z");
    CHECK(d.arrival_time == "2026-12-04T10:00:50.000Z");
    CHECK(d.dispatched_by == "anna");
    CHECK(incident.dispatches[1].team_id == "amb-B");
    CHECK(incident.dispatches[1].eta_s == Approx(200).margin(0.002));
    CHECK(incident.dispatches[1].distance_m == Approx(2000).margin(0.002));
    CHECK(incident.dispatches[1].arrival_time == "2026-12-04T10:03:20.000Z");
    CHECK(w.status_of("amb-D") == "dispatched\n");
    CHECK(w.status_of("amb-B") == "dispatched\n");
    CHECK(run_sql(w.path, "SELECT team_id FROM incident_dispatch ORDER BY fid") ==
          "amb-D\namb-B\n");

    // The teams sent are no longer available: the next nearest ambulance is amb-A, 300 s away.
    const Committed next = w.dispatch("INC-1", nearest_of(1, "ambulance"));
    CHECK(next.state->incidents[0].dispatches.back().team_id == "amb-A");
    CHECK(next.state->incidents[0].dispatches.back().eta_s == Approx(300).margin(0.002));
    // Of any kind, the fire engine standing at C is nearest.
    CHECK(w.dispatch("INC-1", nearest_of(1, "")).state->incidents[0].dispatches.back().team_id ==
          "fire-C");
}

TEST_CASE("two dispatches at once never send the same team") {
    World w;
    w.create(fire_at_c());
    w.create(fire_at_c());
    // Each asks for the one nearest ambulance; computed inside the commit, the second sees the
    // first's team dispatched and takes the next: amb-D (50 s) and amb-B (200 s), in either order.
    std::thread first([&] { w.dispatch("INC-1", nearest_of(1, "ambulance")); });
    std::thread second([&] { w.dispatch("INC-2", nearest_of(1, "ambulance")); });
    first.join();
    second.join();
    const auto& incidents = w.live.current()->incidents;
    const std::set<std::string> sent{incidents[0].dispatches.at(0).team_id,
                                     incidents[1].dispatches.at(0).team_id};
    CHECK(sent == std::set<std::string>{"amb-D", "amb-B"});
    CHECK(w.status_of("amb-D") == "dispatched\n");
    CHECK(w.status_of("amb-B") == "dispatched\n");
}

TEST_CASE("a refused dispatch names why and writes nothing") {
    World w;
    w.create(fire_at_c());
    w.dispatch("INC-1", named({"amb-B"}));
    const std::string events = w.events();  // 1 create + 1 team + 1 incident
    CHECK(events == "3\n");
    struct Case {
        std::string incident;
        DispatchOrder order;
        ErrorCode code;
        std::string message;
    };
    const std::vector<Case> cases{
        {"INC-1", named({"amb-A", "amb-B"}), ErrorCode::Conflict, "team 'amb-B' is dispatched"},
        {"INC-1", named({"amb-busy"}), ErrorCode::Conflict, "team 'amb-busy' is on_scene"},
        {"INC-1", named({"amb-A", "nobody"}), ErrorCode::NotFound, "no team 'nobody'"},
        {"INC-1", named({"amb-A", "amb-A"}), ErrorCode::InvalidValue, "named twice"},
        {"INC-1", nearest_of(3, "ambulance"), ErrorCode::Conflict, "2 available teams"},
        {"INC-1", nearest_of(1, "helicopter"), ErrorCode::Conflict, "nearest: "},
        {"INC-9", named({"amb-A"}), ErrorCode::NotFound, "no incident 'INC-9'"},
    };
    for (const Case& c : cases) {
        INFO(c.message);
        const QueryError e = query_error([&] { w.dispatch(c.incident, c.order); });
        CHECK(e.code() == c.code);
        CHECK_THAT(e.what(), Catch::Contains(c.message));
    }
    CHECK(w.events() == events);
    CHECK(w.status_of("amb-A") == "available\n");
    CHECK(w.live.current()->incidents[0].dispatches.size() == 1);
}

TEST_CASE("an incident is changed, closed once, refuses changes after, and survives a restart") {
    World w;
    w.create(fire_at_c());
    IncidentChange change;
    change.red = 4;
    change.note = "roof fell further";
    const auto later = kTen + std::chrono::minutes(5) + std::chrono::milliseconds(250);
    const Committed updated = w.live.commit([&](const ResourceState& now) {
        return update_incident(now, "INC-1", change, author(later));
    });
    const Incident& u = updated.state->incidents[0];
    CHECK(u.casualties == Casualties{4, 3, 5, 0});  // only red changed
    CHECK(u.note == "roof fell further");
    CHECK(u.updated_time == "2026-12-04T10:05:00.250Z");
    CHECK(u.created_time == "2026-12-04T10:00:00.000Z");
    IncidentChange negative;
    negative.green = -2;
    CHECK_THAT(query_error([&] {
                   w.live.commit([&](const ResourceState& now) {
                       return update_incident(now, "INC-1", negative, author());
                   });
               }).what(),
               Catch::Contains("casualties.green"));

    w.dispatch("INC-1", nearest_of(1, "ambulance"));
    const auto close = [&] {
        return w.live.commit([&](const ResourceState& now) {
            return close_incident(now, "INC-1", author(later + std::chrono::hours(1)));
        });
    };
    const Committed closed = close();
    CHECK(closed.state->incidents[0].status == "closed");
    CHECK(closed.state->incidents[0].closed_time == "2026-12-04T11:05:00.250Z");
    CHECK(closed.events.at(0).action == "close");
    const std::string events = w.events();
    CHECK(query_error(close).code() == ErrorCode::Conflict);
    CHECK(query_error([&] { w.dispatch("INC-1", named({"amb-A"})); }).code() ==
          ErrorCode::Conflict);
    CHECK(query_error([&] {
              w.live.commit([&](const ResourceState& now) {
                  return update_incident(now, "INC-1", change, author());
              });
          }).code() == ErrorCode::Conflict);
    CHECK(w.events() == events);

    // A restart reads back exactly what was acknowledged.
    ResourceDb again = ResourceDb::open_existing(w.path);
    LiveResources restarted(again);
    CHECK(restarted.current()->version == w.live.current()->version);
    CHECK(restarted.current()->incidents == w.live.current()->incidents);
    CHECK(restarted.current()->incidents.at(0).dispatches.at(0).team_id == "amb-D");
}

TEST_CASE("incidents are listed by status, kind and the time of their last change") {
    World w;
    IncidentDraft traffic = fire_at_c();
    traffic.kind = "Traffic";
    w.live.commit(
        [&](const ResourceState& now) { return create_incident(now, fire_at_c(), author(kTen)); });
    w.live.commit([&](const ResourceState& now) {
        return create_incident(now, traffic, author(kTen + std::chrono::seconds(90)));
    });
    w.live.commit([&](const ResourceState& now) {
        return close_incident(now, "INC-1", author(kTen + std::chrono::seconds(30)));
    });
    const auto ids = [&](const IncidentFilter& filter) {
        std::string out;
        for (const Incident& i : select_incidents(w.live.current()->incidents, filter))
            out += i.id + " ";
        return out;
    };
    CHECK(ids({}) == "INC-1 INC-2 ");
    CHECK(ids({"open", "", ""}) == "INC-2 ");
    CHECK(ids({"closed", "", ""}) == "INC-1 ");
    CHECK(ids({"", "traffic", ""}) == "INC-2 ");
    // INC-1 last changed at 10:00:30, INC-2 at 10:01:30. 11:00:45+01:00 is 10:00:45Z.
    CHECK(ids({"", "", "2026-12-04T11:00:45+01:00"}) == "INC-2 ");
    CHECK(ids({"", "", "2026-12-04T10:00:29.999Z"}) == "INC-1 INC-2 ");
    CHECK(ids({"", "", "2026-12-04T10:00:30Z"}) == "INC-2 ");
    CHECK_THAT(query_error([&] {
                   ids({"", "", "yesterday"});
               }).what(),
               Catch::Contains("since: 'yesterday'"));
    CHECK_THAT(query_error([&] {
                   ids({"pending", "", ""});
               }).what(),
               Catch::Contains("status: 'pending'"));
}

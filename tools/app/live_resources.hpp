#pragma once
// The resources as `muster serve` knows them now, changed by requests while queries run. A change
// is written to the resource database first, with its event, in one durable transaction
// (geodata/live_state.cpp); only then is the next state published, atomically, for the queries
// that start after it. A query holds the state it started on until it finishes.
//
// The state's version is the event log's last seq: a restart, which reads the database, resumes
// at the version the last acknowledged change made.
//
// Every kind of change (a team's, a facility's, an incident's, ...) is a StateChange computed
// from the state in force and made by commit(), which is what makes it durable, serialized and
// published; the kinds differ only in what they compute.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/incident.hpp"
#include "engine/resources.hpp"
#include "geodata/resource_db.hpp"
#include "tools/app/event_feed.hpp"

namespace muster::tools {

/// The resources at one version of the live state. Immutable once published.
struct ResourceState {
    std::uint64_t version = 0;  ///< the event log's last seq
    Resources resources;
    std::vector<Incident> incidents;  ///< in the order they were recorded
};

/// One change of the live state, computed from the state in force.
struct StateChange {
    Resources resources;  ///< the resources after the change
    /// Writes the changed rows to the database, inside the change's transaction.
    std::function<void(ResourceDb&)> write;
    /// What changed, an event per entity, at least one (seq and time are set as they are stored).
    std::vector<Event> events;
    /// The incidents after the change; nothing if it changes none.
    std::optional<std::vector<Incident>> incidents = std::nullopt;
    /// Run once the write is durable, with the version the change makes, before the state and
    /// the events are published: what else must be in force when a reader hears of the change
    /// (a hazard zone's scenario). It must not fail: what it does was checked before the write.
    std::function<void(std::uint64_t version)> in_force = nullptr;
};

/// A change made: the state it published and its events as stored.
struct Committed {
    std::shared_ptr<const ResourceState> state;
    std::vector<Event> events;
};

/// What a request changes in one team: each member given is set, the others kept.
struct TeamChange {
    std::optional<std::string> status;  ///< a team status (team_status_words())
    std::optional<LonLat> location;     ///< where the team is now
    std::string position_time;          ///< when `location` was reported (ISO 8601), or empty
};

class LiveResources {
  public:
    /// Starts at the database's resources and its event log's version. Changes are written to
    /// `db`, which must outlive this object and is used by it alone (one writer).
    explicit LiveResources(ResourceDb& db);

    /// The state in force now. O(1), lock-free where the platform allows.
    std::shared_ptr<const ResourceState> current() const { return m_current.load(); }

    /// Makes the change `make` computes from the state in force: its rows and events in one
    /// durable transaction, then its `in_force`, then the next state (versioned by the last
    /// event) published and the events told to feed()'s listeners. If `make` throws (a QueryError
    /// refusing the change) or the database refuses the write, nothing is written or published and
    /// the error goes on. Changes are serialized: `make` sees every change made before it.
    Committed commit(const std::function<StateChange(const ResourceState&)>& make);

    /// The changes as they are made (after they are durable).
    EventFeed& feed() { return m_feed; }

    /// Brings the state in force up to the database's: when other writers (replicas of the
    /// service on one PostgreSQL database, or another process on the file) have committed
    /// changes since its version, the resources and incidents are read back at the database's
    /// version, in one snapshot, and published with those changes' events, after on_caught_up()'s
    /// hook has run. commit() does it first, so a change is computed from the latest state.
    /// Returns how many events it applied. O(events + resources) when there are any.
    std::size_t catch_up();
    /// What must follow the resources when catch_up() moves them (the hazard zones in force):
    /// called with the states before and after, before the new one is published. It must not
    /// fail.
    void on_caught_up(std::function<void(const ResourceState&, const ResourceState&)> hook) {
        m_caught_up = std::move(hook);
    }

    /// Makes `change` to team `id` on behalf of `user`: the team row and an event (kind "team",
    /// action "update", the team before and after as `render` writes them) in one durable
    /// transaction, then publishes the next state, which it returns with the event. Throws
    /// QueryError (NotFound) for an unknown id, (InvalidValue) for a status that is not a team
    /// status; nothing is written or published then, nor when the database refuses the write.
    /// Changes are serialized. O(resources) for the copy of the state.
    std::pair<std::shared_ptr<const ResourceState>, Event> update_team(
        const std::string& id, const TeamChange& change, const std::string& user,
        const std::function<std::string(const Team&)>& render);

  private:
    // catch_up() with m_writer held, inside the caller's write transaction or in a read one.
    std::size_t catch_up_locked(bool in_write_transaction);
    ResourceDb& m_db;
    std::function<void(const ResourceState&, const ResourceState&)> m_caught_up;
    std::mutex m_writer;
    std::atomic<std::shared_ptr<const ResourceState>> m_current;
    EventFeed m_feed;
};

}  // namespace muster::tools

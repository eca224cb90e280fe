#pragma once
// The hazard zones `muster serve` adds and lifts, kept in the resource database like every other
// live change: a zone added is a row of the hazard table, a zone lifted is a row removed (an
// imported zone's too: the service keeps the state), each with its event (kind "hazard", action
// "add" or "lift", the zone before and after as `render` writes it: a GeoJSON Feature) in one
// durable transaction through LiveResources::commit. A zone added replaces a stored one of its id
// that is not in force (a service started with --no-db-hazards). A restart on the database so
// serves the zones in force when it stopped (zones of --hazards sources and --no-ferries are not
// stored: they come back with their options).
//
// A change is checked against the zones in force before anything is written (an id in force,
// one not in force): a refused change writes nothing. The zone itself must have been checked
// already (tools/server/hazard_geojson.hpp parses only zones the hazard overlay takes).

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "tools/app/hazard_scenario.hpp"
#include "tools/app/live_resources.hpp"

namespace muster::tools {

/// A hazard change made: the scenario and the state it published, and its event as stored.
struct HazardCommitted {
    std::shared_ptr<const HazardScenario> scenario;
    std::shared_ptr<const ResourceState> state;
    Event event;
};

/// Hazard changes made durable, then in force. Both objects must outlive it.
///
/// Thread safety: make() calls are serialized (the check, the write and the publication happen
/// together), so two requests for one id cannot both pass the check.
class StoredHazards {
  public:
    StoredHazards(LiveResources& live, LiveHazards& hazards) : m_live(live), m_hazards(hazards) {}

    /// Makes `change` on behalf of `user`: its row and event stored, then the scenario with it
    /// published (LiveHazards::update: the hazard version + 1) and the state with it (the
    /// state's version: the event's seq). Throws QueryError Conflict for adding an id in force,
    /// NotFound for lifting one that is not, having written nothing; the database's errors as
    /// LiveResources::commit does. O(LiveHazards::update + resources).
    HazardCommitted make(const HazardChange& change, const std::string& user,
                         const std::function<std::string(const HazardZone&)>& render);

    /// Puts in force what other writers (replicas) changed in the stored zones between two
    /// states LiveResources::catch_up moved through: a zone no longer stored is lifted if it is
    /// in force, a zone new or changed is put in force (in place of the one of its id). Zones
    /// not stored (--hazards sources, --no-ferries) stay as they are. Each scenario is stamped
    /// with `after`'s version, which is published after it. For LiveResources::on_caught_up.
    void follow(const ResourceState& before, const ResourceState& after);

  private:
    LiveResources& m_live;
    LiveHazards& m_hazards;
    std::mutex m_writer;
};

}  // namespace muster::tools

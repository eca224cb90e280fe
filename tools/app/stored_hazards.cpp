#include "tools/app/stored_hazards.hpp"

#include <algorithm>

#include "tools/app/query_error.hpp"

namespace muster::tools {

HazardCommitted StoredHazards::make(const HazardChange& change, const std::string& user,
                                    const std::function<std::string(const HazardZone&)>& render) {
    const std::lock_guard lock(m_writer);
    const bool add = change.kind == HazardChange::Kind::add;
    const std::string& id = add ? change.zone.id : change.lifted;
    std::shared_ptr<const HazardScenario> scenario;
    Committed done = m_live.commit([&](const ResourceState& now) {
        // Checked against the zones in force once other replicas' changes are (commit catches
        // up first), with the same refusals as LiveHazards::update's, before anything is
        // written.
        const auto in_force = m_hazards.current();
        const auto found = std::find_if(in_force->zones.begin(), in_force->zones.end(),
                                        [&](const HazardZone& z) { return z.id == id; });
        if (add && found != in_force->zones.end()) {
            throw QueryError(ErrorCode::Conflict,
                             "id: a hazard zone '" + id + "' is already in force");
        }
        if (!add && found == in_force->zones.end()) {
            throw QueryError(ErrorCode::NotFound, "id: no hazard zone '" + id + "' is in force (" +
                                                      std::to_string(in_force->zones.size()) +
                                                      " zones are)");
        }
        StateChange next{now.resources, {}, {}};
        // Durable first, then in force, and only then streamed: a client that hears of the
        // change and asks at once is answered under it. The zone was checked before, so
        // LiveHazards takes it.
        next.in_force = [&](std::uint64_t version) {
            HazardChange stamped = change;
            stamped.state_version = version;
            scenario = m_hazards.update(stamped);
        };
        auto& stored = next.resources.hazards;
        if (add) {
            stored.push_back(change.zone);
            next.events.push_back({0, "", user, "hazard", id, "add", "", render(change.zone)});
            // A stored zone of this id is not in force (the service was started without the
            // stored zones): the zone posted now replaces it.
            next.write = [zone = change.zone](ResourceDb& db) {
                db.delete_hazard(zone.id);
                db.insert_hazard(zone);
            };
        } else {
            stored.erase(std::remove_if(stored.begin(), stored.end(),
                                        [&](const HazardZone& z) { return z.id == id; }),
                         stored.end());
            next.events.push_back({0, "", user, "hazard", id, "lift", render(*found), ""});
            // A zone of a --hazards source or of --no-ferries has no row: nothing to remove.
            next.write = [id](ResourceDb& db) { db.delete_hazard(id); };
        }
        return next;
    });
    return {std::move(scenario), std::move(done.state), std::move(done.events.front())};
}

void StoredHazards::follow(const ResourceState& before, const ResourceState& after) {
    const auto stored = [](const ResourceState& state, const std::string& id) {
        const auto& zones = state.resources.hazards;
        const auto found = std::find_if(zones.begin(), zones.end(),
                                        [&](const HazardZone& z) { return z.id == id; });
        return found == zones.end() ? nullptr : &*found;
    };
    const auto lift_if_in_force = [&](const std::string& id) {
        const auto in_force = m_hazards.current();  // held while its zones are read
        if (std::any_of(in_force->zones.begin(), in_force->zones.end(),
                        [&](const HazardZone& z) { return z.id == id; }))
            m_hazards.update({HazardChange::Kind::lift, {}, id, after.version});
    };
    for (const HazardZone& old : before.resources.hazards) {
        if (!stored(after, old.id))
            lift_if_in_force(old.id);
    }
    for (const HazardZone& zone : after.resources.hazards) {
        const HazardZone* old = stored(before, zone.id);
        if (old && *old == zone)
            continue;
        lift_if_in_force(zone.id);
        m_hazards.update({HazardChange::Kind::add, zone, "", after.version});
    }
}

}  // namespace muster::tools

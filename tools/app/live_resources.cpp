#include "tools/app/live_resources.hpp"

#include <algorithm>

#include "engine/vocabulary.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {

LiveResources::LiveResources(ResourceDb& db) : m_db(db) {
    auto state = std::make_shared<ResourceState>();
    state->version = static_cast<std::uint64_t>(db.last_event_seq());
    state->resources = db.resources();
    m_current.store(std::move(state));
}

std::pair<std::shared_ptr<const ResourceState>, Event> LiveResources::update_team(
    const std::string& id, const TeamChange& change, const std::string& user,
    const std::function<std::string(const Team&)>& render) {
    const std::lock_guard lock(m_writer);
    const auto now = m_current.load();
    const auto& teams = now->resources.teams;
    const auto found =
        std::find_if(teams.begin(), teams.end(), [&](const Team& t) { return t.id == id; });
    if (found == teams.end())
        throw QueryError(ErrorCode::NotFound, "no team '" + id + "'");

    Team after = *found;
    if (change.status) {
        const auto status = team_status_words().canonical(*change.status);
        if (!status) {
            throw QueryError(ErrorCode::InvalidValue, "status: '" + *change.status +
                                                          "' is not one of " +
                                                          team_status_words().accepted_words());
        }
        after.status = std::string(*status);
    }
    if (change.location)
        after.location = *change.location;

    m_db.begin();
    Event event;
    try {
        // A new position comes with its time; a status alone keeps the last position's.
        m_db.update_team_state(
            after, change.location ? std::optional(change.position_time) : std::nullopt);
        event =
            m_db.append_event({0, "", user, "team", id, "update", render(*found), render(after)});
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }

    auto next = std::make_shared<ResourceState>(*now);
    next->version = static_cast<std::uint64_t>(event.seq);
    next->resources.teams[static_cast<std::size_t>(found - teams.begin())] = std::move(after);
    m_current.store(next);
    return {std::move(next), std::move(event)};
}

}  // namespace muster::tools

#include "tools/app/live_resources.hpp"

#include <algorithm>

#include "engine/errors.hpp"
#include "engine/vocabulary.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {

LiveResources::LiveResources(ResourceDb& db) : m_db(db) {
    auto state = std::make_shared<ResourceState>();
    state->version = static_cast<std::uint64_t>(db.last_event_seq());
    state->resources = db.resources();
    state->incidents = db.incidents();
    m_current.store(std::move(state));
}

std::size_t LiveResources::catch_up() {
    const std::lock_guard lock(m_writer);
    return catch_up_locked(false);
}

std::size_t LiveResources::catch_up_locked(bool in_write_transaction) {
    const auto now = m_current.load();
    if (!in_write_transaction)
        m_db.begin_read();
    auto next = std::make_shared<ResourceState>();
    std::vector<Event> events;
    try {
        constexpr std::size_t kPage = 10'000;
        for (std::int64_t after = static_cast<std::int64_t>(now->version);;) {
            std::vector<Event> page = m_db.events_since(after, kPage);
            events.insert(events.end(), page.begin(), page.end());
            if (page.size() < kPage)
                break;
            after = page.back().seq;
        }
        if (!events.empty()) {
            next->version = static_cast<std::uint64_t>(events.back().seq);
            next->resources = m_db.resources();
            next->incidents = m_db.incidents();
        }
        if (!in_write_transaction)
            m_db.commit();
    } catch (...) {
        if (!in_write_transaction)
            m_db.rollback();
        throw;
    }
    if (events.empty())
        return 0;
    if (m_caught_up)
        m_caught_up(*now, *next);
    m_current.store(next);
    for (const Event& event : events)
        m_feed.publish(event);
    return events.size();
}

Committed LiveResources::commit(const std::function<StateChange(const ResourceState&)>& make) {
    const std::lock_guard lock(m_writer);
    std::shared_ptr<const ResourceState> now;
    StateChange change;
    std::vector<Event> stored;
    m_db.begin();
    try {
        // Other writers' changes first: this one is computed from the latest state.
        catch_up_locked(true);
        now = m_current.load();
        change = make(*now);
        if (change.events.empty())
            throw ContractError("a change of the live state without an event");
        if (change.write)
            change.write(m_db);
        for (Event& event : change.events)
            stored.push_back(m_db.append_event(std::move(event)));
        m_db.commit();
    } catch (...) {
        m_db.rollback();
        throw;
    }
    const auto version = static_cast<std::uint64_t>(stored.back().seq);
    if (change.in_force)
        change.in_force(version);

    auto next = std::make_shared<ResourceState>();
    next->version = version;
    next->resources = std::move(change.resources);
    next->incidents = change.incidents ? std::move(*change.incidents) : now->incidents;
    m_current.store(next);
    for (const Event& event : stored)
        m_feed.publish(event);
    return {std::move(next), std::move(stored)};
}

std::pair<std::shared_ptr<const ResourceState>, Event> LiveResources::update_team(
    const std::string& id, const TeamChange& change, const std::string& user,
    const std::function<std::string(const Team&)>& render) {
    Committed done = commit([&](const ResourceState& now) {
        const auto& teams = now.resources.teams;
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

        StateChange next{now.resources, {}, {}};
        next.events.push_back({0, "", user, "team", id, "update", render(*found), render(after)});
        // A new position comes with its time; a status alone keeps the last position's.
        const auto position_time =
            change.location ? std::optional(change.position_time) : std::nullopt;
        next.write = [after, position_time](ResourceDb& db) {
            db.update_team_state(after, position_time);
        };
        next.resources.teams[static_cast<std::size_t>(found - teams.begin())] = std::move(after);
        return next;
    });
    return {std::move(done.state), std::move(done.events.front())};
}

}  // namespace muster::tools

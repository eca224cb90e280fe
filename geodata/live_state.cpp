// The live state's side of the resource database (geodata/resource_db.hpp): durable single-writer
// commits, the append-only event log and the team rows the service changes.

#include "engine/errors.hpp"
#include "engine/utc_time.hpp"
#include "geodata/ogr_geometry.hpp"
#include "geodata/resource_db.hpp"

namespace muster {
namespace {

using detail::Statement;

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional(text);
}

}  // namespace

void ResourceDb::prepare_live_writes() {
    if (m_db.dialect() != detail::SqlDialect::spatialite)
        return;  // PostgreSQL's commits are durable, and its readers never wait for a writer
    // WAL: readers (the command line, other desks) never wait for the writer, nor it for them.
    // synchronous=FULL: a commit is on disk before it returns, so an answered change survives
    // a crash or a power cut.
    m_db.exec("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = FULL");
    m_db.exec("PRAGMA busy_timeout = 5000");
}

Event ResourceDb::append_event(Event event) {
    event.time = utc_now_ms();
    Statement insert(m_db,
                     "INSERT INTO event (time, \"user\", kind, target, action, before, after) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq");
    insert.bind(1, event.time).bind(2, event.user).bind(3, event.kind).bind(4, event.target);
    insert.bind(5, event.action).bind(6, unless_empty(event.before));
    insert.bind(7, unless_empty(event.after));
    insert.step();
    event.seq = insert.integer(0);
    insert.run();
    m_db.notify_change();
    return event;
}

std::vector<Event> ResourceDb::events_since(std::int64_t seq, std::size_t limit) const {
    std::vector<Event> out;
    Statement select(m_db,
                     "SELECT seq, time, \"user\", kind, target, action, before, after FROM event "
                     "WHERE seq > ? ORDER BY seq LIMIT ?");
    select.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
    while (select.step()) {
        out.push_back({select.integer(0), select.text(1), select.text(2), select.text(3),
                       select.text(4), select.text(5), select.is_null(6) ? "" : select.text(6),
                       select.is_null(7) ? "" : select.text(7)});
    }
    return out;
}

std::int64_t ResourceDb::last_event_seq() const {
    Statement select(m_db, "SELECT COALESCE(MAX(seq), 0) FROM event");
    select.step();
    return select.integer(0);
}

std::optional<Team> ResourceDb::team(const std::string& id) const {
    Statement select(m_db,
                     "SELECT id, name, kind, capacity, status, region, ST_AsBinary(geom) FROM team "
                     "WHERE id = ?");
    select.bind(1, id);
    if (!select.step())
        return std::nullopt;
    Team t{select.text(0),
           select.text(1),
           select.text(2),
           select.integer(3),
           select.text(4),
           select.text(5),
           {}};
    const auto location = select.blob(6);
    t.location = point_from_wkb(location.data(), location.size());
    return t;
}

void ResourceDb::update_team_state(const Team& team,
                                   const std::optional<std::string>& position_time) {
    Statement update(m_db, position_time ? "UPDATE team SET status = ?1, geom = ST_GeomFromWKB(?2, "
                                           "4326), position_time = ?4 WHERE id = ?3"
                                         : "UPDATE team SET status = ?1, geom = ST_GeomFromWKB(?2, "
                                           "4326) WHERE id = ?3");
    update.bind(1, team.status).bind(2, to_wkb(team.location)).bind(3, team.id);
    if (position_time)
        update.bind(4, unless_empty(*position_time));
    if (update.run() != 1)
        throw InputError("no team '" + team.id + "' in " + m_db.path());
}

}  // namespace muster

// The incidents of the resource database (geodata/resource_db.hpp): a row each in `incident`, and
// a row per team sent in `incident_dispatch`. Dispatches are a child table rather than a JSON
// column so that "which incidents was team X sent to" is plain SQL for an analyst, and SQLite
// checks each one's numbers.

#include <map>

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"

namespace muster {
namespace {

using detail::Statement;

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional(text);
}

void insert_dispatches(const detail::Connection& db, const Incident& incident) {
    Statement insert(db,
                     "INSERT INTO incident_dispatch (incident_id, team_id, eta_s, distance_m, "
                     "dispatched_time, arrival_time, dispatched_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const Dispatch& d : incident.dispatches) {
        insert.bind(1, incident.id).bind(2, d.team_id).bind(3, d.eta_s).bind(4, d.distance_m);
        insert.bind(5, d.dispatched_time).bind(6, d.arrival_time).bind(7, d.dispatched_by).run();
    }
}

// The columns after `id`, bound from ?2 on, in the order of the schema.
void bind_fields(Statement& statement, const Incident& incident) {
    statement.bind(2, incident.kind)
        .bind(3, incident.location.lon)
        .bind(4, incident.location.lat)
        .bind(5, incident.casualties.red)
        .bind(6, incident.casualties.yellow)
        .bind(7, incident.casualties.green)
        .bind(8, incident.casualties.black)
        .bind(9, incident.note)
        .bind(10, incident.status)
        .bind(11, incident.created_time)
        .bind(12, incident.updated_time)
        .bind(13, unless_empty(incident.closed_time));
}

}  // namespace

std::vector<Incident> ResourceDb::incidents() const {
    std::vector<Incident> out;
    std::map<std::string, std::size_t> index;
    Statement select(m_db,
                     "SELECT id, kind, lon, lat, red, yellow, green, black, note, status, "
                     "created_time, updated_time, closed_time FROM incident ORDER BY fid");
    while (select.step()) {
        Incident incident;
        incident.id = select.text(0);
        incident.kind = select.text(1);
        incident.location = {select.real(2), select.real(3)};
        incident.casualties = {select.integer(4), select.integer(5), select.integer(6),
                               select.integer(7)};
        incident.note = select.text(8);
        incident.status = select.text(9);
        incident.created_time = select.text(10);
        incident.updated_time = select.text(11);
        incident.closed_time = select.is_null(12) ? "" : select.text(12);
        index.emplace(incident.id, out.size());
        out.push_back(std::move(incident));
    }
    Statement dispatches(m_db,
                         "SELECT incident_id, team_id, eta_s, distance_m, dispatched_time, "
                         "arrival_time, dispatched_by FROM incident_dispatch ORDER BY fid");
    while (dispatches.step()) {
        const std::string incident_id = dispatches.text(0);
        const auto found = index.find(incident_id);
        if (found == index.end()) {
            throw DataError(m_db.path() + ": incident_dispatch names incident '" + incident_id +
                            "', which is not stored");
        }
        out[found->second].dispatches.push_back({dispatches.text(1), dispatches.real(2),
                                                 dispatches.real(3), dispatches.text(4),
                                                 dispatches.text(5), dispatches.text(6)});
    }
    return out;
}

void ResourceDb::insert_incident(const Incident& incident) {
    Statement insert(m_db,
                     "INSERT INTO incident (id, kind, lon, lat, red, yellow, green, black, note, "
                     "status, created_time, updated_time, closed_time) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, incident.id);
    bind_fields(insert, incident);
    insert.run();
    insert_dispatches(m_db, incident);
}

void ResourceDb::update_incident(const Incident& incident) {
    Statement update(m_db,
                     "UPDATE incident SET kind = ?2, lon = ?3, lat = ?4, red = ?5, yellow = ?6, "
                     "green = ?7, black = ?8, note = ?9, status = ?10, created_time = ?11, "
                     "updated_time = ?12, closed_time = ?13 WHERE id = ?1");
    update.bind(1, incident.id);
    bind_fields(update, incident);
    if (update.run() != 1)
        throw InputError("no incident '" + incident.id + "' in " + m_db.path());
    Statement remove(m_db, "DELETE FROM incident_dispatch WHERE incident_id = ?");
    remove.bind(1, incident.id).run();
    insert_dispatches(m_db, incident);
}

}  // namespace muster

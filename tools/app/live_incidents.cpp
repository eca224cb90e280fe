#include "tools/app/live_incidents.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>

#include "engine/utc_time.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

constexpr std::size_t kMaxKindBytes = 256;

UtcMs ms_of(system_clock::time_point time) {
    return std::chrono::floor<milliseconds>(time);
}

QueryError invalid(const std::string& field, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, field + ": " + message);
}

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

void check_kind(const std::string& kind) {
    if (kind.empty())
        throw invalid("kind", "must not be empty (e.g. \"fire\", \"collapse\", \"traffic\")");
    if (kind.size() > kMaxKindBytes)
        throw invalid("kind", "longer than " + std::to_string(kMaxKindBytes) + " bytes");
    if (has_control_character(kind))
        throw invalid("kind", "holds a control character");
}

void check_location(LonLat p) {
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 ||
        p.lat < -90 || p.lat > 90) {
        throw invalid("location",
                      "not a WGS84 [lon, lat] with lon in [-180, 180] and lat in [-90, 90]");
    }
}

void check_count(std::int64_t count, std::string_view category) {
    if (count < 0) {
        throw invalid("casualties." + std::string(category), std::to_string(count) + " is below 0");
    }
}

void check_casualties(const Casualties& c) {
    check_count(c.red, "red");
    check_count(c.yellow, "yellow");
    check_count(c.green, "green");
    check_count(c.black, "black");
}

bool same_ascii_case_insensitive(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

/// The incident `id` of `now`, by position, or NotFound.
std::size_t incident_index(const ResourceState& now, const std::string& id) {
    const auto& all = now.incidents;
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const Incident& i) { return i.id == id; });
    if (found == all.end())
        throw QueryError(ErrorCode::NotFound, "id: no incident '" + id + "'");
    return static_cast<std::size_t>(found - all.begin());
}

void check_open(const Incident& incident, std::string_view doing) {
    if (incident.status == "closed") {
        throw QueryError(ErrorCode::Conflict, "incident '" + incident.id + "' is closed (at " +
                                                  incident.closed_time + "): it cannot be " +
                                                  std::string(doing));
    }
}

Event incident_event(const IncidentAuthor& author, const Incident* before, const Incident& after,
                     std::string action) {
    return {0,
            "",
            author.user,
            "incident",
            after.id,
            std::move(action),
            before ? author.render_incident(*before) : "",
            author.render_incident(after)};
}

/// The change of incident `index` of `now` to `after`, with its event.
StateChange replaced(const ResourceState& now, std::size_t index, Incident after,
                     const IncidentAuthor& author, std::string action) {
    StateChange change{now.resources, {}, {}};
    change.events.push_back(
        incident_event(author, &now.incidents[index], after, std::move(action)));
    change.write = [after](ResourceDb& db) { db.update_incident(after); };
    change.incidents = now.incidents;
    (*change.incidents)[index] = std::move(after);
    return change;
}

/// A fresh id: "INC-<n>" from n = the count of incidents + 1, the first not taken.
std::string fresh_id(const std::vector<Incident>& incidents) {
    for (std::size_t n = incidents.size() + 1;; ++n) {
        std::string id = "INC-" + std::to_string(n);
        if (std::none_of(incidents.begin(), incidents.end(),
                         [&](const Incident& i) { return i.id == id; }))
            return id;
    }
}

/// A team sent, its route to the incident as the nearest query found it.
struct Chosen {
    std::size_t team;  ///< index in the state's teams
    const Route* route;
};

std::size_t team_index(const Resources& resources, const std::string& id) {
    const auto& teams = resources.teams;
    const auto found =
        std::find_if(teams.begin(), teams.end(), [&](const Team& t) { return t.id == id; });
    if (found == teams.end())
        throw QueryError(ErrorCode::NotFound, "teams: no team '" + id + "'");
    return static_cast<std::size_t>(found - teams.begin());
}

NearestQuery query_for(const Incident& incident, std::size_t k, const std::string& kind) {
    NearestQuery query;
    query.incident = {"incident " + incident.id, incident.location, "", "", ""};
    query.filter.set = FacilitySet::teams;
    query.filter.kind = kind;
    query.k = k;
    query.direction = TravelDirection::to_incident;
    return query;
}

/// The `k` available teams nearest to the incident, or Conflict when fewer reach it.
std::vector<Chosen> nearest_teams(const ResourceState& now, const Incident& incident,
                                  const DispatchOrder& order, const NearestAnswer& answer) {
    std::vector<Chosen> chosen;
    for (const NearestItem& item : answer.results) {
        if (item.route && chosen.size() < order.nearest)
            chosen.push_back({team_index(now.resources, item.facility.id), &*item.route});
    }
    if (chosen.size() < order.nearest) {
        throw QueryError(ErrorCode::Conflict,
                         "nearest: " + std::to_string(chosen.size()) + " available team" +
                             (chosen.size() == 1 ? "" : "s") +
                             (order.kind.empty() ? "" : " of kind '" + order.kind + "'") +
                             " can reach incident '" + incident.id + "', " +
                             std::to_string(order.nearest) + " asked for");
    }
    return chosen;
}

/// The named teams, each checked to exist, be available and reach the incident.
std::vector<Chosen> named_teams(const ResourceState& now, const DispatchOrder& order,
                                const NearestAnswer& answer) {
    std::vector<Chosen> chosen;
    for (const std::string& id : order.teams) {
        const std::size_t index = team_index(now.resources, id);
        const auto item = std::find_if(answer.results.begin(), answer.results.end(),
                                       [&](const NearestItem& i) { return i.facility.id == id; });
        if (item != answer.results.end() && item->route) {
            chosen.push_back({index, &*item->route});
            continue;
        }
        std::string why = "no road leads from it to the incident";
        for (const UnavailableFacility& u : answer.unavailable) {
            if (u.facility.id == id)
                why = u.reason;
        }
        throw QueryError(ErrorCode::NoRoute,
                         "teams: team '" + id + "' cannot reach the incident: " + why);
    }
    return chosen;
}

/// Checks the named teams before any routing: known, not repeated, available.
void check_named(const ResourceState& now, const DispatchOrder& order) {
    std::set<std::string> seen;
    for (const std::string& id : order.teams) {
        if (!seen.insert(id).second)
            throw invalid("teams", "team '" + id + "' is named twice");
        const Team& team = now.resources.teams[team_index(now.resources, id)];
        if (!is_available(team)) {
            throw QueryError(ErrorCode::Conflict,
                             "teams: team '" + id + "' is " + team.status + ", not available");
        }
    }
}

}  // namespace

StateChange create_incident(const ResourceState& now, const IncidentDraft& draft,
                            const IncidentAuthor& author) {
    check_kind(draft.kind);
    if (!draft.location)
        throw invalid("location", "missing: give the incident's [lon, lat]");
    check_location(*draft.location);
    check_casualties(draft.casualties);
    Incident incident;
    if (draft.id.empty()) {
        incident.id = fresh_id(now.incidents);
    } else {
        if (draft.id.size() > kMaxKindBytes || has_control_character(draft.id) ||
            draft.id.find('/') != std::string::npos)
            throw invalid("id", "at most 256 bytes, without control characters or '/'");
        if (find_incident(now, draft.id))
            throw QueryError(ErrorCode::Conflict, "id: incident '" + draft.id + "' exists");
        incident.id = draft.id;
    }
    incident.kind = draft.kind;
    incident.location = *draft.location;
    incident.casualties = draft.casualties;
    incident.note = draft.note;
    incident.status = "open";
    incident.created_time = incident.updated_time = utc_text_ms(ms_of(author.time));

    StateChange change{now.resources, {}, {}};
    change.events.push_back(incident_event(author, nullptr, incident, "create"));
    change.write = [incident](ResourceDb& db) { db.insert_incident(incident); };
    change.incidents = now.incidents;
    change.incidents->push_back(std::move(incident));
    return change;
}

StateChange update_incident(const ResourceState& now, const std::string& id,
                            const IncidentChange& change, const IncidentAuthor& author) {
    const std::size_t index = incident_index(now, id);
    Incident after = now.incidents[index];
    check_open(after, "changed");
    if (!change.kind && !change.location && !change.red && !change.yellow && !change.green &&
        !change.black && !change.note)
        throw invalid("body", "nothing to change: give kind, location, casualties or note");
    if (change.kind) {
        check_kind(*change.kind);
        after.kind = *change.kind;
    }
    if (change.location) {
        check_location(*change.location);
        after.location = *change.location;
    }
    after.casualties.red = change.red.value_or(after.casualties.red);
    after.casualties.yellow = change.yellow.value_or(after.casualties.yellow);
    after.casualties.green = change.green.value_or(after.casualties.green);
    after.casualties.black = change.black.value_or(after.casualties.black);
    check_casualties(after.casualties);
    if (change.note)
        after.note = *change.note;
    after.updated_time = utc_text_ms(ms_of(author.time));
    return replaced(now, index, std::move(after), author, "update");
}

StateChange close_incident(const ResourceState& now, const std::string& id,
                           const IncidentAuthor& author) {
    const std::size_t index = incident_index(now, id);
    Incident after = now.incidents[index];
    check_open(after, "closed again");
    after.status = "closed";
    after.updated_time = after.closed_time = utc_text_ms(ms_of(author.time));
    return replaced(now, index, std::move(after), author, "close");
}

StateChange dispatch_to_incident(const ResourceState& now, const std::string& id,
                                 const DispatchOrder& order, const NearestOnState& nearest,
                                 const IncidentAuthor& author) {
    const std::size_t index = incident_index(now, id);
    const Incident& incident = now.incidents[index];
    check_open(incident, "sent teams");
    if (order.teams.empty() == (order.nearest == 0))
        throw invalid("body", "give either teams: [team ids] or nearest: k");

    std::vector<Chosen> chosen;
    NearestAnswer answer;
    if (!order.teams.empty()) {
        check_named(now, order);
        // Every available team, routed in one search; the named ones are among them.
        const auto available = static_cast<std::size_t>(
            std::count_if(now.resources.teams.begin(), now.resources.teams.end(), is_available));
        answer = nearest(now, query_for(incident, available, ""));
        chosen = named_teams(now, order, answer);
    } else {
        try {
            answer = nearest(now, query_for(incident, order.nearest, order.kind));
        } catch (const QueryError& e) {
            if (e.code() != ErrorCode::NoMatch)
                throw;
            // No available team of the kind at all: the state refuses, not the request's form.
            throw QueryError(ErrorCode::Conflict, std::string("nearest: ") + e.what());
        }
        chosen = nearest_teams(now, incident, order, answer);
    }

    StateChange change{now.resources, {}, {}};
    Incident after = incident;
    const std::string time = utc_text_ms(ms_of(author.time));
    std::vector<Team> sent;
    for (const Chosen& c : chosen) {
        const Team& before = now.resources.teams[c.team];
        Team team = before;
        team.status = "dispatched";
        change.events.push_back({0, "", author.user, "team", team.id, "update",
                                 author.render_team(before), author.render_team(team)});
        const auto travel =
            std::chrono::round<milliseconds>(std::chrono::duration<double>(c.route->duration_s));
        after.dispatches.push_back({team.id, c.route->duration_s, c.route->distance_m, time,
                                    utc_text_ms(ms_of(author.time) + travel), author.user});
        change.resources.teams[c.team] = team;
        sent.push_back(std::move(team));
    }
    after.updated_time = time;
    change.events.push_back(incident_event(author, &incident, after, "dispatch"));
    change.write = [sent, after](ResourceDb& db) {
        for (const Team& team : sent)
            db.update_team_state(team, std::nullopt);  // where it was: its position is kept
        db.update_incident(after);
    };
    change.incidents = now.incidents;
    (*change.incidents)[index] = std::move(after);
    return change;
}

const Incident* find_incident(const ResourceState& state, std::string_view id) {
    for (const Incident& incident : state.incidents) {
        if (incident.id == id)
            return &incident;
    }
    return nullptr;
}

std::vector<Incident> select_incidents(const std::vector<Incident>& incidents,
                                       const IncidentFilter& filter) {
    if (!filter.status.empty() && filter.status != "open" && filter.status != "closed")
        throw invalid("status", "'" + filter.status + "' is not one of open, closed");
    std::optional<UtcMs> since;
    if (!filter.since.empty()) {
        since = parse_utc_time(filter.since);
        if (!since) {
            throw invalid("since", "'" + filter.since +
                                       "' is not an ISO 8601 time, e.g. 2026-12-04T10:00:00Z");
        }
    }
    std::vector<Incident> out;
    for (const Incident& incident : incidents) {
        if (!filter.status.empty() && incident.status != filter.status)
            continue;
        if (!filter.kind.empty() && !same_ascii_case_insensitive(incident.kind, filter.kind))
            continue;
        if (since) {
            const std::optional<UtcMs> updated = parse_utc_time(incident.updated_time);
            if (updated && *updated <= *since)
                continue;
        }
        out.push_back(incident);
    }
    return out;
}

}  // namespace muster::tools

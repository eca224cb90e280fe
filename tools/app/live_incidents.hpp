#pragma once
// Incidents in the live state (tools/app/live_resources.hpp): what a dispatcher records, changes,
// closes, and the teams sent to it. Each function computes a StateChange from the state in force,
// for LiveResources::commit to make durable and publish; each refuses a change with a QueryError
// (nothing is then written): InvalidValue naming the field, NotFound for an unknown incident or
// team, Conflict for an id taken, a closed incident or a team that is not available.
//
// A dispatch sets each team sent to "dispatched" (its row and a "team" event) and records the
// dispatches in the incident (an "incident" event), in one change: computed inside the commit
// from the state in force, two dispatches never send the same team.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/incident.hpp"
#include "engine/utc_time.hpp"
#include "tools/app/live_resources.hpp"
#include "tools/app/nearest_query.hpp"

namespace muster::tools {

/// A new incident as a dispatcher records it.
struct IncidentDraft {
    std::string id;  ///< empty: "INC-<n>", n the first number from the count of incidents + 1 free
    std::string kind;
    std::optional<LonLat> location;  ///< WGS84; required
    Casualties casualties;
    std::string note;
};

/// What an update changes in an incident: each member given is set, the others kept.
struct IncidentChange {
    std::optional<std::string> kind;
    std::optional<LonLat> location;
    std::optional<std::int64_t> red, yellow, green, black;  ///< casualties by START category
    std::optional<std::string> note;
};

/// Which teams a dispatch sends: the ones named, or the `nearest` available ones.
struct DispatchOrder {
    std::vector<std::string> teams;  ///< team ids; empty when `nearest` is given
    std::size_t nearest = 0;  ///< the k available teams nearest by drive time to the incident
    std::string kind;  ///< with `nearest`: only teams of this kind (ambulance, ...); empty: any
};

/// Who makes a change, when, and how its events show the entities (as the service's JSON).
struct IncidentAuthor {
    std::string user;
    std::chrono::system_clock::time_point time;
    std::function<std::string(const Incident&)> render_incident;
    std::function<std::string(const Team&)> render_team;
};

/// The nearest query (tools/app/nearest_query.hpp) answered on `state`'s resources under the
/// routing and hazards the caller holds.
using NearestOnState =
    std::function<NearestAnswer(const ResourceState& state, const NearestQuery& query)>;

/// Which incidents a listing shows.
struct IncidentFilter {
    std::string status;  ///< "open", "closed", or empty: any
    std::string kind;    ///< exactly (case-insensitive for ASCII), or empty: any
    std::string since;   ///< ISO 8601: only those updated after it; empty: any
};

/// Records a new incident: an "incident" event, action "create". Throws QueryError
/// (InvalidValue) for a kind that is empty, longer than 256 bytes or holds control characters, a
/// missing location or one not a finite WGS84 lon/lat in range, a count below 0, an id with
/// control characters or "/"; (Conflict) for an id taken.
StateChange create_incident(const ResourceState& now, const IncidentDraft& draft,
                            const IncidentAuthor& author);

/// Changes an open incident: action "update". Throws QueryError (NotFound) for an unknown id,
/// (Conflict) for a closed one, (InvalidValue) as create_incident does or for an empty change.
StateChange update_incident(const ResourceState& now, const std::string& id,
                            const IncidentChange& change, const IncidentAuthor& author);

/// Closes an incident: action "close", its closed time set. Throws QueryError (NotFound) for an
/// unknown id, (Conflict) for one already closed.
StateChange close_incident(const ResourceState& now, const std::string& id,
                           const IncidentAuthor& author);

/// Sends teams to an open incident: the teams set to "dispatched" (a "team" event each, action
/// "update") and their dispatches added to the incident (action "dispatch"), each with its drive
/// time and distance to the incident as `nearest` answers them (direction to the incident).
/// Throws QueryError: NotFound for an unknown incident or team; Conflict for a closed incident, a
/// named team that is not available, or fewer than `nearest` available teams that reach it;
/// NoRoute for a named team that cannot reach it; InvalidValue for an empty or repeated list;
/// what answer_nearest throws (NoSegment: the incident is too far from any road).
StateChange dispatch_to_incident(const ResourceState& now, const std::string& id,
                                 const DispatchOrder& order, const NearestOnState& nearest,
                                 const IncidentAuthor& author);

/// The incident with this id in `state`, or nullptr.
const Incident* find_incident(const ResourceState& state, std::string_view id);

/// The incidents the filter keeps, in the order they were recorded. Throws QueryError
/// (InvalidValue) for a status that is not open or closed ("status: ...") or a since that is not
/// an ISO 8601 time ("since: ...").
std::vector<Incident> select_incidents(const std::vector<Incident>& incidents,
                                       const IncidentFilter& filter);

}  // namespace muster::tools

// The incident endpoints of `muster serve` (tools/server/http_service.hpp): requests parsed
// (tools/server/incident_json.hpp), changes computed by tools/app/live_incidents.hpp inside
// LiveResources::commit, answers written by tools/present/incident_json.hpp. Every answer says
// which state it shows ("state": {"version": N}); a dispatch, routed under the hazards in force,
// says which ("hazards").

#include <chrono>
#include <string>
#include <string_view>

#include "tools/app/live_incidents.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"
#include "tools/present/incident_json.hpp"
#include "tools/present/live_json.hpp"
#include "tools/server/http_service.hpp"
#include "tools/server/incident_json.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "/incidents/";

/// The id of "/incidents/{id}" + `suffix`.
std::string incident_id(const HttpRequest& request, std::string_view suffix) {
    const std::string_view path = request.path;
    return std::string(path.substr(kPrefix.size(), path.size() - kPrefix.size() - suffix.size()));
}

/// Who makes a change now: the time is taken when the change is computed, inside the commit.
IncidentAuthor author_of(const Caller& caller) {
    return {caller.user, std::chrono::system_clock::now(),
            [](const Incident& incident) { return incident_json(incident).dump(); },
            [](const Team& team) { return team_json(team).dump(); }};
}

/// The incident a change made, as the state it published holds it, with that state's version.
json changed(const Committed& done) {
    const Incident* incident = find_incident(*done.state, done.events.back().target);
    if (!incident)
        throw ContractError("an incident change without its incident");
    return {{"incident", incident_json(*incident)}, {"state", state_version_json(*done.state)}};
}

/// A GET's filters: status, kind, since, each at most once.
IncidentFilter filter_of(const HttpRequest& request) {
    IncidentFilter filter;
    std::string* seen[3] = {nullptr, nullptr, nullptr};
    for (const auto& [name, value] : request.query) {
        check_utf8(name, "a parameter's name");
        check_utf8(value, name);
        const int slot = name == "status" ? 0 : name == "kind" ? 1 : name == "since" ? 2 : -1;
        if (slot < 0) {
            throw QueryError(
                ErrorCode::UnknownParameter,
                name + ": not a parameter of /incidents (it takes status, kind, since)");
        }
        std::string* field = slot == 0 ? &filter.status : slot == 1 ? &filter.kind : &filter.since;
        if (seen[slot])
            throw QueryError(ErrorCode::InvalidValue, name + ": given more than once");
        seen[slot] = field;
        *field = value;
    }
    return filter;
}

}  // namespace

HttpResponse QueryService::incident_list(const HttpRequest& request, const Caller& caller) {
    if (is_get(request)) {
        const auto state = m_live->current();
        json incidents = json::array();
        for (const Incident& incident : select_incidents(state->incidents, filter_of(request)))
            incidents.push_back(incident_json(incident));
        return {200, {{"incidents", incidents}, {"state", state_version_json(*state)}}, {}, {}};
    }
    // POST: a new incident, recorded by caller.user.
    require_writer(caller, "POST /incidents");
    if (!request.query.empty()) {
        throw QueryError(ErrorCode::UnknownParameter,
                         request.query.front().first +
                             ": POST /incidents takes a JSON body, not query parameters");
    }
    const IncidentDraft draft = parse_incident_draft(parse_json_body(request));
    const Committed done = m_live->commit(
        [&](const ResourceState& now) { return create_incident(now, draft, author_of(caller)); });
    return {201, changed(done), {}, {}};
}

HttpResponse QueryService::incident(const HttpRequest& request, const Caller& caller) {
    const std::string id = incident_id(request, "");
    if (is_get(request)) {
        const auto state = m_live->current();
        const Incident* incident = find_incident(*state, id);
        if (!incident)
            throw QueryError(ErrorCode::NotFound, "id: no incident '" + id + "'");
        json out = incident_json(*incident);
        out["state"] = state_version_json(*state);
        return {200, out, {}, {}};
    }
    // PATCH: the incident changed by caller.user.
    require_writer(caller, "PATCH /incidents/{id}");
    const IncidentChange change = parse_incident_change(parse_json_body(request));
    const Committed done = m_live->commit([&](const ResourceState& now) {
        return update_incident(now, id, change, author_of(caller));
    });
    return {200, changed(done), {}, {}};
}

HttpResponse QueryService::incident_dispatch(const HttpRequest& request, const Caller& caller) {
    require_writer(caller, "POST /incidents/{id}/dispatch");
    const std::string id = incident_id(request, "/dispatch");
    const DispatchOrder order = parse_dispatch_order(parse_json_body(request));
    // Teams drive: the drive network under the hazards in force with the state the change is
    // computed from (read inside the change, which other replicas' changes have reached), held
    // until the answer.
    const std::size_t index = network_index(Profile::drive);
    std::shared_ptr<const HazardScenario> scenario;
    auto lease = m_networks[index].searches->acquire();
    const NearestOnState nearest = [&](const ResourceState& state, const NearestQuery& query) {
        return answer_nearest(context_for(index, *scenario, state), query, *lease);
    };
    const Committed done = m_live->commit([&](const ResourceState& now) {
        scenario = m_hazards->current();
        return dispatch_to_incident(now, id, order, nearest, author_of(caller));
    });
    json out = changed(done);
    const Incident& incident = *find_incident(*done.state, id);
    // The dispatches this request made: the last ones, one per team event.
    json sent = json::array();
    const std::size_t count = done.events.size() - 1;
    for (std::size_t i = incident.dispatches.size() - count; i < incident.dispatches.size(); ++i)
        sent.push_back(dispatch_json(incident.dispatches[i]));
    out["dispatched"] = sent;
    out["hazards"] = hazard_version_json(*scenario);
    return {200, out, {}, {}};
}

HttpResponse QueryService::incident_close(const HttpRequest& request, const Caller& caller) {
    require_writer(caller, "POST /incidents/{id}/close");
    const std::string id = incident_id(request, "/close");
    if (!request.body.empty() && parse_json_body(request) != json::object())
        throw QueryError(ErrorCode::InvalidValue, "body: POST /incidents/{id}/close takes none");
    const Committed done = m_live->commit(
        [&](const ResourceState& now) { return close_incident(now, id, author_of(caller)); });
    return {200, changed(done), {}, {}};
}

}  // namespace muster::tools

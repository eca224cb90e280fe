// The facilities' endpoints of QueryService (tools/server/http_service.hpp): GET /shelters,
// /hospitals, /depots list them as they are now, GET /{kind}/{id} shows one, PATCH /{kind}/{id}
// changes one (tools/server/facility_change_json.hpp) on behalf of the caller: stored with its
// event before it is answered (tools/app/facility_changes.hpp), then in force for the next query.

#include <string>

#include "tools/app/facility_changes.hpp"
#include "tools/present/facility_json.hpp"
#include "tools/present/live_json.hpp"
#include "tools/server/facility_change_json.hpp"
#include "tools/server/http_service.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

/// The JSON of the entity with this id among `items`, with the state's version; 404 if none.
template <class T, class Render>
HttpResponse one_of(const std::vector<T>& items, const std::string& id, std::string_view noun,
                    const ResourceState& state, Render render) {
    for (const T& item : items) {
        if (item.id == id) {
            json out = render(item);
            out["state"] = state_version_json(state);
            return {200, std::move(out), {}, {}};
        }
    }
    throw QueryError(ErrorCode::NotFound, "id: no " + std::string(noun) + " '" + id + "'");
}

template <class T, class Render>
json all_of(const std::vector<T>& items, Render render) {
    json out = json::array();
    for (const T& item : items)
        out.push_back(render(item));
    return out;
}

}  // namespace

HttpResponse QueryService::facility_list(std::string_view kind) const {
    const auto state = m_live->current();
    const Resources& now = state->resources;
    json items;
    if (kind == "shelters")
        items = all_of(now.shelters, shelter_json);
    else if (kind == "hospitals")
        items = all_of(now.hospitals, hospital_json);
    else
        items = all_of(now.depots, depot_json);
    return {200, {{std::string(kind), items}, {"state", state_version_json(*state)}}, {}, {}};
}

HttpResponse QueryService::facility(const HttpRequest& request, const Caller& caller) {
    // "/KIND/ID": the kind is the endpoint's (shelters, hospitals, depots), the id the rest.
    const std::size_t slash = request.path.find('/', 1);
    const std::string kind = request.path.substr(1, slash - 1);
    const std::string id = request.path.substr(slash + 1);
    if (is_get(request)) {
        const auto state = m_live->current();
        const Resources& now = state->resources;
        if (kind == "shelters")
            return one_of(now.shelters, id, "shelter", *state, shelter_json);
        if (kind == "hospitals")
            return one_of(now.hospitals, id, "hospital", *state, hospital_json);
        return one_of(now.depots, id, "depot", *state, depot_json);
    }
    // PATCH: the change stored with its event, by caller.user, then in force.
    require_writer(caller, "PATCH /" + kind + "/{id}");
    const json body = parse_json_body(request);
    Committed done;
    std::string noun;
    if (kind == "shelters") {
        noun = "shelter";
        done = update_shelter(*m_live, id, parse_shelter_change(body), caller.user,
                              [](const Shelter& s) { return shelter_json(s).dump(); });
    } else if (kind == "hospitals") {
        noun = "hospital";
        done = update_hospital(*m_live, id, parse_hospital_change(body), caller.user,
                               [](const Hospital& h) { return hospital_json(h).dump(); });
    } else {
        noun = "depot";
        done = update_depot_stock(*m_live, id, parse_stock_change(body), caller.user,
                                  [](const Depot& d) { return depot_json(d).dump(); });
    }
    return {200,
            {{noun, event_json(done.events.front()).at("after")},
             {"state", state_version_json(*done.state)}},
            {},
            {}};
}

}  // namespace muster::tools

#include "tools/present/incident_json.hpp"

namespace muster::tools {

nlohmann::json dispatch_json(const Dispatch& dispatch) {
    return {{"team", dispatch.team_id},
            {"eta_s", dispatch.eta_s},
            {"distance_m", dispatch.distance_m},
            {"dispatched_time", dispatch.dispatched_time},
            {"arrival_time", dispatch.arrival_time},
            {"dispatched_by", dispatch.dispatched_by}};
}

nlohmann::json incident_json(const Incident& incident) {
    nlohmann::json dispatches = nlohmann::json::array();
    for (const Dispatch& d : incident.dispatches)
        dispatches.push_back(dispatch_json(d));
    const Casualties& c = incident.casualties;
    return {{"id", incident.id},
            {"kind", incident.kind},
            {"location", {incident.location.lon, incident.location.lat}},
            {"casualties",
             {{"red", c.red}, {"yellow", c.yellow}, {"green", c.green}, {"black", c.black}}},
            {"note", incident.note},
            {"status", incident.status},
            {"created_time", incident.created_time},
            {"updated_time", incident.updated_time},
            {"closed_time", incident.closed_time.empty() ? nlohmann::json(nullptr)
                                                         : nlohmann::json(incident.closed_time)},
            {"dispatches", dispatches}};
}

}  // namespace muster::tools

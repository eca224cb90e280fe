#include "tools/present/live_json.hpp"

namespace muster::tools {

nlohmann::json team_json(const Team& team) {
    return {{"id", team.id},
            {"name", team.name},
            {"kind", team.kind},
            {"capacity", team.capacity},
            {"status", team.status},
            {"region", team.region},
            {"location", {team.location.lon, team.location.lat}}};
}

nlohmann::json event_json(const Event& event) {
    // Stored by the service as JSON text; a row another program wrote stays text.
    const auto entity = [](const std::string& text) -> nlohmann::json {
        if (text.empty())
            return nullptr;
        auto parsed = nlohmann::json::parse(text, nullptr, false);
        return parsed.is_discarded() ? nlohmann::json(text) : parsed;
    };
    return {{"seq", event.seq},
            {"time", event.time},
            {"user", event.user},
            {"kind", event.kind},
            {"target", event.target},
            {"action", event.action},
            {"before", entity(event.before)},
            {"after", entity(event.after)}};
}

}  // namespace muster::tools

#include "tools/app/scenario.hpp"

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/errors.hpp"

namespace muster::tools {
namespace {

std::vector<std::string> strings(const nlohmann::json& value, const std::string& where) {
    if (value.is_string())
        return {value.get<std::string>()};
    if (!value.is_array())
        throw InputError(where + ": expected a list of strings");
    std::vector<std::string> out;
    for (const auto& v : value) {
        if (!v.is_string())
            throw InputError(where + ": expected a list of strings, found " + v.dump());
        out.push_back(v.get<std::string>());
    }
    return out;
}

/// Applies `change` to every entity of `entities` whose id the scenario's `key` names.
template <typename Entity, typename Change>
void change_each(std::vector<Entity>& entities, const std::vector<std::string>& ids,
                 const std::string& key, Change change) {
    for (const std::string& id : ids) {
        bool found = false;
        for (Entity& e : entities) {
            if (e.id == id) {
                change(e);
                found = true;
            }
        }
        if (!found)
            throw InputError("scenario " + key + ": no entity with id '" + id +
                             "' in the database");
    }
}

}  // namespace

Scenario read_scenario(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw InputError("scenario " + path + ": cannot read the file");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError("scenario " + path + ": not JSON (" + e.what() + ")");
    }
    if (!json.is_object())
        throw InputError("scenario " + path + ": expected a JSON object");
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    Scenario scenario;
    for (const auto& [key, value] : json.items()) {
        const std::string where = "scenario " + path + " key " + key;
        if (key == "name") {
            if (!value.is_string())
                throw InputError(where + ": expected a string");
            scenario.name = value.get<std::string>();
        } else if (key == "hazards") {
            for (const std::string& source : strings(value, where)) {
                const std::filesystem::path p(source);
                scenario.hazard_sources.push_back(p.is_absolute() ? source : (folder / p).string());
            }
        } else if (key == "teams_out_of_service") {
            scenario.teams_out_of_service = strings(value, where);
        } else if (key == "depots_emptied") {
            scenario.depots_emptied = strings(value, where);
        } else if (key == "shelters_closed") {
            scenario.shelters_closed = strings(value, where);
        } else {
            throw InputError(where +
                             ": unknown key (name, hazards, teams_out_of_service, "
                             "depots_emptied, shelters_closed)");
        }
    }
    return scenario;
}

Resources apply_scenario(Resources resources, const Scenario& scenario) {
    change_each(resources.teams, scenario.teams_out_of_service, "teams_out_of_service",
                [](Team& t) { t.status = "out_of_service"; });
    change_each(resources.depots, scenario.depots_emptied, "depots_emptied", [](Depot& d) {
        for (InventoryItem& item : d.inventory)
            item.quantity = 0;
    });
    change_each(resources.shelters, scenario.shelters_closed, "shelters_closed",
                [](Shelter& s) { s.status = ShelterStatus::closed; });
    return resources;
}

}  // namespace muster::tools

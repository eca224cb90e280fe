#include "tools/app/facility_changes.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/vocabulary.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

/// The index of the entity with this id in `items`; QueryError (NotFound) naming `kind` if none.
template <class T>
std::size_t index_of(const std::vector<T>& items, const std::string& id, const std::string& kind) {
    const auto found =
        std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    if (found == items.end())
        throw QueryError(ErrorCode::NotFound, "id: no " + kind + " '" + id + "'");
    return static_cast<std::size_t>(found - items.begin());
}

void set_count(std::int64_t& field, const std::optional<std::int64_t>& value, const char* name) {
    if (!value)
        return;
    if (*value < 0) {
        throw QueryError(ErrorCode::InvalidValue,
                         std::string(name) + ": " + std::to_string(*value) + " is below 0");
    }
    field = *value;
}

}  // namespace

Committed update_shelter(LiveResources& live, const std::string& id, const ShelterChange& change,
                         const std::string& user,
                         const std::function<std::string(const Shelter&)>& render) {
    return live.commit([&](const ResourceState& now) {
        const std::size_t at = index_of(now.resources.shelters, id, "shelter");
        const Shelter& before = now.resources.shelters[at];
        Shelter after = before;
        if (change.status) {
            const auto status = parse_shelter_status(*change.status);
            if (!status) {
                throw QueryError(ErrorCode::InvalidValue,
                                 "status: '" + *change.status + "' is not one of " +
                                     shelter_status_words().accepted_words());
            }
            after.status = *status;
        }
        set_count(after.occupancy, change.occupancy, "occupancy");

        StateChange next{now.resources, {}, {}};
        next.events.push_back(
            {0, "", user, "shelter", id, "update", render(before), render(after)});
        next.write = [after](ResourceDb& db) { db.update_shelter_state(after); };
        next.resources.shelters[at] = std::move(after);
        return next;
    });
}

Committed update_hospital(LiveResources& live, const std::string& id, const HospitalChange& change,
                          const std::string& user,
                          const std::function<std::string(const Hospital&)>& render) {
    return live.commit([&](const ResourceState& now) {
        const std::size_t at = index_of(now.resources.hospitals, id, "hospital");
        const Hospital& before = now.resources.hospitals[at];
        Hospital after = before;
        set_count(after.beds_red, change.beds_red, "beds_red");
        set_count(after.beds_yellow, change.beds_yellow, "beds_yellow");
        set_count(after.beds_green, change.beds_green, "beds_green");
        set_count(after.beds_surge, change.beds_surge, "beds_surge");

        StateChange next{now.resources, {}, {}};
        next.events.push_back(
            {0, "", user, "hospital", id, "update", render(before), render(after)});
        next.write = [after](ResourceDb& db) { db.update_hospital_beds(after); };
        next.resources.hospitals[at] = std::move(after);
        return next;
    });
}

Committed update_depot_stock(LiveResources& live, const std::string& id, const StockChange& change,
                             const std::string& user,
                             const std::function<std::string(const Depot&)>& render) {
    return live.commit([&](const ResourceState& now) {
        const std::size_t at = index_of(now.resources.depots, id, "depot");
        const Depot& before = now.resources.depots[at];
        Depot after = before;
        std::set<std::string> named;
        for (std::size_t k = 0; k < change.items.size(); ++k) {
            const StockItemChange& item = change.items[k];
            const std::string where = "stock.items[" + std::to_string(k) + "]";
            if (item.item.empty())
                throw QueryError(ErrorCode::InvalidValue, where + ".item: empty");
            if (!std::isfinite(item.quantity) || item.quantity < 0) {
                throw QueryError(ErrorCode::InvalidValue,
                                 where + ".quantity: must be a finite number >= 0");
            }
            if (!named.insert(item.item).second) {
                throw QueryError(ErrorCode::InvalidValue,
                                 where + ".item: '" + item.item + "' is named twice");
            }
            auto& held = after.inventory;
            const auto first = std::find_if(held.begin(), held.end(), [&](const InventoryItem& i) {
                return i.item == item.item;
            });
            if (first == held.end()) {
                held.push_back({item.item, item.quantity, item.unit.value_or("")});
                continue;
            }
            first->quantity = item.quantity;
            if (item.unit)
                first->unit = *item.unit;
            // The relief plan sums an item's rows: the quantity set is the whole stock of it.
            held.erase(std::remove_if(std::next(first), held.end(),
                                      [&](const InventoryItem& i) { return i.item == item.item; }),
                       held.end());
        }

        StateChange next{now.resources, {}, {}};
        next.events.push_back({0, "", user, "depot", id, "update", render(before), render(after)});
        next.write = [after](ResourceDb& db) { db.replace_depot_inventory(after); };
        next.resources.depots[at] = std::move(after);
        return next;
    });
}

}  // namespace muster::tools

#pragma once
// The facilities of `muster serve` changed while it runs: a shelter's status and occupancy, a
// hospital's free and surge beds, a depot's stock. Each change is one LiveResources::commit: the
// row and an event (kind "shelter", "hospital" or "depot", action "update", the facility before
// and after as `render` writes it) in one durable transaction, then the next state, on which the
// queries that start after it answer (/coverage and /allocate leave a closed shelter out, /mci
// sends casualties to the beds now free, /allocate draws on the stock now held).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tools/app/live_resources.hpp"

namespace muster::tools {

/// What a request changes in one shelter: each member given is set, the others kept.
struct ShelterChange {
    std::optional<std::string> status;      ///< a shelter status word (shelter_status_words())
    std::optional<std::int64_t> occupancy;  ///< persons in it now, >= 0 (above capacity allowed)
};

/// What a request changes in one hospital: each count given is set (beds free now, >= 0).
struct HospitalChange {
    std::optional<std::int64_t> beds_red;
    std::optional<std::int64_t> beds_yellow;
    std::optional<std::int64_t> beds_green;
    std::optional<std::int64_t> beds_surge;  ///< surge beds opened
};

/// One item of a depot's stock as a request sets it.
struct StockItemChange {
    std::string item;                 ///< the inventory's name of the item
    double quantity = 0;              ///< finite, >= 0
    std::optional<std::string> unit;  ///< nothing: the unit held (none for a new item)
};

/// What a request changes in one depot's stock: each item named is set, the others kept.
struct StockChange {
    std::vector<StockItemChange> items;
};

/// Makes `change` to shelter `id` on behalf of `user`. Throws QueryError: NotFound for an unknown
/// id, InvalidValue for a status that is not a shelter status or an occupancy below 0; nothing is
/// written or published then, nor when the database refuses the write. O(resources).
Committed update_shelter(LiveResources& live, const std::string& id, const ShelterChange& change,
                         const std::string& user,
                         const std::function<std::string(const Shelter&)>& render);

/// Makes `change` to hospital `id` on behalf of `user`. Throws QueryError: NotFound for an
/// unknown id, InvalidValue naming a count below 0; nothing is written then. O(resources).
Committed update_hospital(LiveResources& live, const std::string& id, const HospitalChange& change,
                          const std::string& user,
                          const std::function<std::string(const Hospital&)>& render);

/// Makes `change` to depot `id`'s stock on behalf of `user`: each item named gets the quantity
/// (and the unit, if given); an item the depot does not hold is added; several rows of one item
/// become one. Throws QueryError: NotFound for an unknown id, InvalidValue for an empty item name,
/// a quantity below 0 or not finite, an item named twice; nothing is written then.
/// O(resources + items × inventory).
Committed update_depot_stock(LiveResources& live, const std::string& id, const StockChange& change,
                             const std::string& user,
                             const std::function<std::string(const Depot&)>& render);

}  // namespace muster::tools

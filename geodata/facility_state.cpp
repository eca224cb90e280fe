// The facilities and hazard zones `muster serve` changes while it runs (geodata/resource_db.hpp):
// a shelter's status and occupancy, a hospital's beds, a depot's stock, a zone added or lifted.
// Each is called inside the change's transaction, beside its event (geodata/live_state.cpp).

#include "engine/errors.hpp"
#include "geodata/resource_db.hpp"

namespace muster {
namespace {

using detail::Statement;

// An update that touched no row names an id the table does not hold.
void require_one_row(std::int64_t changed, const std::string& table, const std::string& id,
                     const std::string& path) {
    if (changed != 1)
        throw InputError("no " + table + " '" + id + "' in " + path);
}

}  // namespace

void ResourceDb::update_shelter_state(const Shelter& shelter) {
    Statement update(m_db, "UPDATE shelter SET status = ?, occupancy = ? WHERE id = ?");
    update.bind(1, std::string(to_string(shelter.status))).bind(2, shelter.occupancy);
    require_one_row(update.bind(3, shelter.id).run(), "shelter", shelter.id, m_db.path());
}

void ResourceDb::update_hospital_beds(const Hospital& hospital) {
    Statement update(m_db,
                     "UPDATE hospital SET beds_red = ?, beds_yellow = ?, beds_green = ?, "
                     "beds_surge = ? WHERE id = ?");
    update.bind(1, hospital.beds_red).bind(2, hospital.beds_yellow).bind(3, hospital.beds_green);
    require_one_row(update.bind(4, hospital.beds_surge).bind(5, hospital.id).run(), "hospital",
                    hospital.id, m_db.path());
}

void ResourceDb::replace_depot_inventory(const Depot& depot) {
    Statement known(m_db, "SELECT 1 FROM depot WHERE id = ?");
    known.bind(1, depot.id);
    if (!known.step())
        throw InputError("no depot '" + depot.id + "' in " + m_db.path());
    Statement remove(m_db, "DELETE FROM inventory WHERE depot_id = ?");
    remove.bind(1, depot.id).run();
    Statement insert(m_db,
                     "INSERT INTO inventory (depot_id, item, quantity, unit) VALUES (?, ?, ?, ?)");
    for (const InventoryItem& i : depot.inventory)
        insert.bind(1, depot.id).bind(2, i.item).bind(3, i.quantity).bind(4, i.unit).run();
}

bool ResourceDb::delete_hazard(const std::string& id) {
    Statement remove(m_db, "DELETE FROM hazard WHERE id = ?");
    return remove.bind(1, id).run() > 0;
}

}  // namespace muster

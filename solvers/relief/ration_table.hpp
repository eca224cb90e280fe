#pragma once
// What displaced people need: a ration table of items per person per day (consumables) or per
// person once (durables), and the demand it gives for a number of people and days.

#include <cstdint>
#include <string>
#include <vector>

namespace muster::relief {

/// Whether an item is consumed every day or handed out once per person.
enum class RationBasis { per_person_day, per_person };

/// One row of a ration table: `quantity` units of `item` per person (per day).
struct Ration {
    std::string item;  ///< as the depots' inventory names it
    std::string unit;
    double quantity = 0;  ///< units per person (per day for per_person_day), > 0
    RationBasis basis = RationBasis::per_person_day;
    std::string source;  ///< where the figure comes from
};

using RationTable = std::vector<Ration>;

/// The default table, for the item names of the Malta and Liechtenstein samples:
/// water 15 L per person per day (Sphere Handbook 2018, water supply standard 2.1: at least 15 L
/// per person per day for drinking, cooking and hygiene); food_ration 1 ration per person per day
/// (a ration of 2,100 kcal, Sphere food security standard 6.1); blanket 1 per person (Sphere
/// shelter and settlement standard 4: sleeping mats and blankets for every person); tent 1 per 5
/// persons (one family tent per household of five, Sphere's 3.5 m² of covered space each);
/// first_aid_kit 1 per 50 persons (a planning assumption).
RationTable default_ration_table();

/// "per_person_day" / "per_person".
const char* to_string(RationBasis basis);

/// The units of `ration.item` that `persons` people need for `days` days: quantity × persons ×
/// days for a daily ration, quantity × persons for a one-off one, rounded up to a whole unit
/// (goods ship in whole units). Throws InputError for negative persons or days. O(1).
double ration_demand(const Ration& ration, std::int64_t persons, double days);

/// Checks a table: items named, unique, quantities finite and > 0. Throws InputError naming the
/// row (1-based) and what is wrong; `where` names the table's source in the message.
void check_ration_table(const RationTable& table, const std::string& where);

}  // namespace muster::relief

#pragma once
// What displaced people need: a ration table of items per person per day (consumables) or per
// person once (durables), and the demand it gives for a number of people and days.

#include <cstdint>
#include <string>
#include <string_view>
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
    /// Other names an inventory may give the same item, in order of preference (the Chinese
    /// names of the default table: 瓶装水, 饮用水, ... for water).
    std::vector<std::string> aliases = {};
};

using RationTable = std::vector<Ration>;

/// The default table, for the item names of the Malta and Liechtenstein samples and their common
/// Chinese names (aliases; docs/relief.md lists them):
/// water 15 L per person per day (Sphere Handbook 2018, water supply standard 2.1: at least 15 L
/// per person per day for drinking, cooking and hygiene); food_ration 1 ration per person per day
/// (a ration of 2,100 kcal, Sphere food security standard 6.1); blanket 1 per person (Sphere
/// shelter and settlement standard 4: sleeping mats and blankets for every person); tent 1 per 5
/// persons (one family tent per household of five, Sphere's 3.5 m² of covered space each);
/// first_aid_kit 1 per 50 persons (a planning assumption).
RationTable default_ration_table();

/// Every name of `ration`'s item: its item, its aliases, and, where the item is one of the
/// default table's names ("water", "瓶装水"), all of that default item's names too, so that a
/// ration file saying "water" finds an inventory's 瓶装水. First the ration's own item. O(table).
std::vector<std::string> item_names(const Ration& ration);

/// Whether `name` is one of item_names(ration), ASCII letters compared case-insensitively.
bool names_item(const Ration& ration, std::string_view name);

/// The default table's item names for messages: "water (水, 饮用水, 瓶装水, ...), food_ration
/// (...), ...".
std::string known_item_names();

/// Whether an inventory's `unit` counts the same as the ration's `ration_unit`: equal (ASCII
/// case-insensitively), or both names of one unit: L = l = litre = 升 = 公升; piece = pcs = 个 =
/// 件 = 顶 = 床 = 条 = 张; kit = 个 = 套 = 包; ration = 份. An empty unit matches any.
bool same_unit(std::string_view ration_unit, std::string_view unit);

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

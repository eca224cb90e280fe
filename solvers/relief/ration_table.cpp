#include "solvers/relief/ration_table.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/errors.hpp"
#include "engine/text.hpp"

namespace muster::relief {

RationTable default_ration_table() {
    return {
        {"water",
         "L",
         15,
         RationBasis::per_person_day,
         "Sphere Handbook 2018, water supply standard 2.1: at least 15 L per person per day",
         {"瓶装水", "饮用水", "矿泉水", "纯净水", "水"}},
        {"food_ration",
         "ration",
         1,
         RationBasis::per_person_day,
         "Sphere Handbook 2018, food security standard 6.1: 2,100 kcal per person per day",
         {"方便食品", "食品", "口粮", "干粮", "食物"}},
        {"blanket",
         "piece",
         1,
         RationBasis::per_person,
         "Sphere Handbook 2018, shelter and settlement standard 4: bedding for every person",
         {"棉被", "被子", "毛毯", "毯子"}},
        {"tent",
         "piece",
         0.2,
         RationBasis::per_person,
         "one family tent per household of 5 (Sphere: 3.5 m2 covered space per person)",
         {"帐篷", "救灾帐篷"}},
        {"first_aid_kit",
         "kit",
         0.02,
         RationBasis::per_person,
         "planning assumption: one kit per 50 persons",
         {"急救包", "急救箱"}},
    };
}

std::vector<std::string> item_names(const Ration& ration) {
    std::vector<std::string> names{ration.item};
    auto add = [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    for (const std::string& a : ration.aliases)
        add(a);
    for (const Ration& known : default_ration_table()) {
        const auto same = [&](const std::string& n) {
            return ascii_lower(n) == ascii_lower(ration.item);
        };
        if (same(known.item) || std::any_of(known.aliases.begin(), known.aliases.end(), same)) {
            add(known.item);
            for (const std::string& a : known.aliases)
                add(a);
        }
    }
    return names;
}

bool names_item(const Ration& ration, std::string_view name) {
    const std::string wanted = ascii_lower(name);
    for (const std::string& n : item_names(ration)) {
        if (ascii_lower(n) == wanted)
            return true;
    }
    return false;
}

std::string known_item_names() {
    std::string out;
    for (const Ration& r : default_ration_table()) {
        out += (out.empty() ? "" : ", ") + r.item + " (";
        for (std::size_t i = 0; i < r.aliases.size(); ++i)
            out += (i ? ", " : "") + r.aliases[i];
        out += ")";
    }
    return out;
}

bool same_unit(std::string_view ration_unit, std::string_view unit) {
    static const std::vector<std::set<std::string>> kSynonyms{
        {"l", "litre", "liter", "升", "公升"},
        {"piece", "pieces", "pcs", "个", "件", "顶", "床", "条", "张"},
        {"kit", "kits", "个", "套", "包"},
        {"ration", "rations", "份"},
    };
    const std::string a = ascii_lower(ration_unit), b = ascii_lower(unit);
    if (a.empty() || b.empty() || a == b)
        return true;
    return std::any_of(kSynonyms.begin(), kSynonyms.end(),
                       [&](const auto& names) { return names.count(a) && names.count(b); });
}

const char* to_string(RationBasis basis) {
    return basis == RationBasis::per_person_day ? "per_person_day" : "per_person";
}

double ration_demand(const Ration& ration, std::int64_t persons, double days) {
    if (persons < 0)
        throw InputError("persons must be >= 0, got " + std::to_string(persons));
    if (!(days >= 0) || !std::isfinite(days))
        throw InputError("days must be a finite number >= 0, got " + std::to_string(days));
    const double per_person =
        ration.basis == RationBasis::per_person_day ? ration.quantity * days : ration.quantity;
    // Rounded up, after removing floating-point noise (0.2 × 5 must be 1, not 2).
    const double exact = per_person * static_cast<double>(persons);
    return std::ceil(exact - 1e-9 * std::max(1.0, exact));
}

void check_ration_table(const RationTable& table, const std::string& where) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < table.size(); ++i) {
        const Ration& r = table[i];
        const std::string row = where + ": row " + std::to_string(i + 1);
        if (r.item.empty())
            throw InputError(row + ": the item is empty");
        if (!seen.insert(r.item).second)
            throw InputError(row + ": item '" + r.item + "' appears twice");
        for (std::size_t k = 0; k < i; ++k) {
            if (table[k].item != r.item && names_item(table[k], r.item)) {
                throw InputError(row + ": item '" + r.item + "' is another name of '" +
                                 table[k].item + "' (row " + std::to_string(k + 1) + ")");
            }
        }
        if (!std::isfinite(r.quantity) || r.quantity <= 0) {
            throw InputError(row + ": item '" + r.item + "': quantity must be > 0, got " +
                             std::to_string(r.quantity));
        }
    }
}

}  // namespace muster::relief

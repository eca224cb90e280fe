#include "solvers/relief/ration_table.hpp"

#include <cmath>
#include <set>

#include "engine/errors.hpp"

namespace muster::relief {

RationTable default_ration_table() {
    return {
        {"water", "L", 15, RationBasis::per_person_day,
         "Sphere Handbook 2018, water supply standard 2.1: at least 15 L per person per day"},
        {"food_ration", "ration", 1, RationBasis::per_person_day,
         "Sphere Handbook 2018, food security standard 6.1: 2,100 kcal per person per day"},
        {"blanket", "piece", 1, RationBasis::per_person,
         "Sphere Handbook 2018, shelter and settlement standard 4: bedding for every person"},
        {"tent", "piece", 0.2, RationBasis::per_person,
         "one family tent per household of 5 (Sphere: 3.5 m2 covered space per person)"},
        {"first_aid_kit", "kit", 0.02, RationBasis::per_person,
         "planning assumption: one kit per 50 persons"},
    };
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
        if (!std::isfinite(r.quantity) || r.quantity <= 0) {
            throw InputError(row + ": item '" + r.item + "': quantity must be > 0, got " +
                             std::to_string(r.quantity));
        }
    }
}

}  // namespace muster::relief

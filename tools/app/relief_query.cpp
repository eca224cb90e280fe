#include "tools/app/relief_query.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/geodesic.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/text.hpp"
#include "solvers/matrix.hpp"
#include "tools/app/matrix_query.hpp"
#include "tools/app/number_text.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

using Durations = std::vector<std::optional<double>>;

// Travel times from every source to every target, row-major, as `muster matrix` computes them
// (answer_matrix: the same snapping and searches); nothing for a pair the roads do not connect or
// for a point too far from any road (noted once).
Durations durations(const QueryContext& context, const std::vector<LonLat>& from,
                    const std::vector<LonLat>& to, Searches& searches,
                    std::vector<std::string>* notes = nullptr) {
    auto snappable = [&](const std::vector<LonLat>& points, std::vector<std::size_t>& index) {
        std::vector<NamedPoint> kept;
        for (std::size_t i = 0; i < points.size(); ++i) {
            try {
                snap_query_point(context, {std::to_string(i + 1), points[i], {}, {}, {}}, "point");
                index.push_back(kept.size());
                kept.push_back({std::to_string(i + 1), "", points[i]});
            } catch (const QueryError&) {
                index.push_back(SIZE_MAX);
            }
        }
        return kept;
    };
    std::vector<std::size_t> from_index, to_index;
    MatrixQuery query{snappable(from, from_index), snappable(to, to_index)};
    const std::size_t far =
        (from.size() - query.sources.size()) + (to.size() - query.targets.size());
    if (notes && far > 0) {
        notes->push_back(std::to_string(far) + " point(s) farther than " +
                         metres_text(context.snap_limit_m) + " m from any road: unreachable");
    }
    Durations out(from.size() * to.size());
    if (query.sources.empty() || query.targets.empty())
        return out;
    const TravelMatrix m = answer_matrix(context, query, searches).matrix;
    for (std::size_t i = 0; i < from.size(); ++i) {
        if (from_index[i] == SIZE_MAX)
            continue;
        for (std::size_t j = 0; j < to.size(); ++j) {
            if (to_index[j] != SIZE_MAX)
                out[i * to.size() + j] = m.duration(from_index[i], to_index[j]);
        }
    }
    return out;
}

// The region of a point: the township whose area covers it, else the nearest township's.
std::string region_at(const Resources& resources, LonLat point) {
    const Township* nearest = nullptr;
    double best = INFINITY;
    for (const Township& t : resources.townships) {
        if (t.area && covers(*t.area, point))
            return t.region;
        const double d = distance_m(t.location, point);
        if (d < best) {
            best = d;
            nearest = &t;
        }
    }
    return nearest ? nearest->region : std::string();
}

std::string unit_of(const Resources& resources, const relief::RationTable& ration,
                    const std::string& item) {
    for (const relief::Ration& r : ration) {
        if (!r.unit.empty() && relief::names_item(r, item))
            return r.unit;
    }
    for (const Depot& d : resources.depots) {
        for (const InventoryItem& i : d.inventory) {
            if (i.item == item)
                return i.unit;
        }
    }
    return "";
}

// "shelter" or "township": one destination of the target, for messages.
std::string one_of(AllocationTarget target) {
    const std::string_view set = to_string(target);
    return std::string(set.substr(0, set.size() - 1));
}

// The items of a set, comma-separated, or "none".
std::string item_list(const std::set<std::string>& items) {
    std::string out;
    for (const std::string& i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? std::string("none") : out;
}

// Validate: the query's own values, before the database is looked at.
void check_allocate_query(const AllocateQuery& query) {
    const std::string& prefix = query.option_prefix;
    if (query.persons && query.demand) {
        throw QueryError(ErrorCode::InvalidValue, prefix + "persons: not with " + prefix +
                                                      "demand (an explicit demand has no persons)");
    }
    if (!(query.days >= 0) || !std::isfinite(query.days))
        throw QueryError(ErrorCode::InvalidValue, prefix + "days: must be a number >= 0");
    if (!(query.share >= 0 && query.share <= 1))
        throw QueryError(ErrorCode::InvalidValue, prefix + "share: must be in [0, 1]");
    for (std::size_t t = 0; t < relief::kDepotTierCount; ++t) {
        if (!(query.parameters.eta_targets.by_tier_s[t] > 0)) {
            throw QueryError(ErrorCode::InvalidValue,
                             prefix + "eta-target-h: the target of " +
                                 std::string(to_string(static_cast<DepotTier>(t))) +
                                 " depots must be > 0");
        }
    }
}

// Gather the depots: those inside a closed zone are unavailable, the others supply their stock.
// Returns every item any depot holds (an unavailable one too: its items are known, not lacking).
std::set<std::string> gather_depots(const QueryContext& context, AllocateAnswer& answer) {
    std::set<std::string> held;
    for (const Depot& d : context.resources.depots) {
        for (const InventoryItem& i : d.inventory)
            held.insert(i.item);
        if (const HazardZone* zone = closed_zone_at(context.hazards, d.location)) {
            answer.unavailable.push_back(
                {d.id, "inside closed hazard zone " + zone->id + " (" + zone->name + ")"});
            continue;
        }
        relief::SupplyDepot supply{d.id, d.region, d.tier, {}};
        for (const InventoryItem& i : d.inventory)
            supply.stock[i.item] += i.quantity;
        answer.problem.depots.push_back(std::move(supply));
        answer.depots.push_back({d.id, d.name, d.region, d.location});
    }
    if (context.resources.depots.empty())
        throw QueryError(ErrorCode::InvalidValue, "the database holds no depots");
    return held;
}

std::int64_t share_of(std::int64_t persons, double share) {
    return static_cast<std::int64_t>(std::llround(static_cast<double>(persons) * share));
}

// The open shelters as destinations; their persons are capacity × share.
std::vector<std::int64_t> shelter_destinations(const Resources& resources,
                                               const AllocateQuery& query, AllocateAnswer& answer) {
    std::vector<std::int64_t> persons;
    for (const Shelter& s : resources.shelters) {
        if (s.status == ShelterStatus::closed)
            continue;
        answer.destinations.push_back({s.id, s.name, region_at(resources, s.location), s.location});
        persons.push_back(share_of(s.capacity, query.share));
    }
    return persons;
}

// The townships as destinations; their persons are population × share. Without a persons table
// or an explicit demand, a township without a population has no need to plan for: left out.
std::vector<std::int64_t> township_destinations(const Resources& resources,
                                                const AllocateQuery& query,
                                                AllocateAnswer& answer) {
    std::vector<std::int64_t> persons;
    std::size_t unknown = 0;
    for (const Township& t : resources.townships) {
        if (!t.population && !query.demand && !query.persons) {
            ++unknown;
            continue;
        }
        answer.destinations.push_back({t.id, t.name, t.region, t.location});
        persons.push_back(t.population ? share_of(*t.population, query.share) : 0);
    }
    if (unknown > 0) {
        answer.notes.push_back(std::to_string(unknown) +
                               " township(s) without a population are left out");
    }
    return persons;
}

// The persons of a persons table (× share) per destination of `answer`, 0 where none is listed;
// notes how many destinations the table names and how many persons in all.
std::vector<std::int64_t> listed_persons(AllocateAnswer& answer,
                                         const std::vector<PersonsRow>& rows,
                                         const AllocateQuery& query) {
    std::map<std::string, std::size_t> index;
    for (std::size_t j = 0; j < answer.destinations.size(); ++j)
        index.emplace(answer.destinations[j].id, j);
    const std::string kind = one_of(query.to);
    std::vector<std::int64_t> persons(answer.destinations.size(), 0);
    std::vector<const PersonsRow*> first(answer.destinations.size(), nullptr);
    std::int64_t total = 0;
    std::size_t listed = 0;
    for (const PersonsRow& row : rows) {
        const auto it = index.find(row.destination);
        // Nobody at a shelter that takes none: coverage's shelters layer lists the closed ones
        // with 0 people.
        if (it == index.end() && row.persons == 0)
            continue;
        if (it == index.end()) {
            throw QueryError(ErrorCode::NotFound, row.where + ": no open " + kind + " with id '" +
                                                      row.destination + "'");
        }
        if (first[it->second]) {
            throw QueryError(ErrorCode::InvalidValue,
                             row.where + ": " + kind + " '" + row.destination +
                                 "' is listed twice (first at " + first[it->second]->where + ")");
        }
        first[it->second] = &row;
        persons[it->second] = std::llround(static_cast<double>(row.persons) * query.share);
        total += persons[it->second];
        listed += persons[it->second] > 0;
    }
    answer.notes.push_back("persons from the table: " + with_commas(total) + " at " +
                           with_commas(listed) + " of " + with_commas(answer.destinations.size()) +
                           " " + std::string(to_string(query.to)) + " (the others get none)");
    return persons;
}

// Gather the destinations of the query's target and the persons at each.
std::vector<std::int64_t> gather_destinations(const Resources& resources,
                                              const AllocateQuery& query, AllocateAnswer& answer) {
    std::vector<std::int64_t> persons = query.to == AllocationTarget::shelters
                                            ? shelter_destinations(resources, query, answer)
                                            : township_destinations(resources, query, answer);
    if (answer.destinations.empty()) {
        throw QueryError(ErrorCode::InvalidValue,
                         "the database holds no open " + std::string(to_string(query.to)));
    }
    for (const ReliefPlace& p : answer.destinations)
        answer.problem.destinations.push_back({p.id, p.region, {}});
    if (query.persons)
        persons = listed_persons(answer, *query.persons, query);
    return persons;
}

// The inventory's name for a demand row's item: the item itself if held, else the one held name of
// the default table's item it names ("water" for an inventory of 瓶装水); "" if none.
std::string held_name(const std::string& item, const std::set<std::string>& held) {
    if (held.count(item))
        return item;
    relief::Ration named;
    named.item = item;
    for (const std::string& name : relief::item_names(named)) {
        for (const std::string& h : held) {
            if (ascii_lower(h) == ascii_lower(name))
                return h;
        }
    }
    return "";
}

// The demand of an explicit demand table; every row names a destination and an item held.
void set_explicit_demand(const std::vector<DemandRow>& rows, const std::set<std::string>& held,
                         AllocationTarget target, AllocateAnswer& answer) {
    std::map<std::string, std::size_t> index;
    for (std::size_t j = 0; j < answer.destinations.size(); ++j)
        index.emplace(answer.destinations[j].id, j);
    for (const DemandRow& row : rows) {
        const auto it = index.find(row.destination);
        if (it == index.end()) {
            throw QueryError(ErrorCode::NotFound, row.where + ": no open " + one_of(target) +
                                                      " with id '" + row.destination + "'");
        }
        const std::string item = held_name(row.item, held);
        if (item.empty()) {
            throw QueryError(ErrorCode::InvalidValue,
                             row.where + ": unknown item '" + row.item +
                                 "' (items in the inventory: " + item_list(held) +
                                 "); known names: " + relief::known_item_names());
        }
        answer.problem.destinations[it->second].demand[item] += row.quantity;
    }
    answer.persons.assign(answer.destinations.size(), -1);
}

// The inventory's names of a ration's item, in the order of relief::item_names (the ration's own
// name first, then its aliases).
std::vector<std::string> held_names(const relief::Ration& ration,
                                    const std::set<std::string>& held) {
    std::vector<std::string> out;
    for (const std::string& name : relief::item_names(ration)) {
        for (const std::string& h : held) {
            if (ascii_lower(h) == ascii_lower(name) &&
                std::find(out.begin(), out.end(), h) == out.end())
                out.push_back(h);
        }
    }
    return out;
}

// Several inventory names of one item (瓶装水 at one depot, 矿泉水 at another) are one stock:
// moved under the first name, so that the allocation shares them as one item.
void pool_stock(const std::vector<std::string>& names, AllocateAnswer& answer) {
    for (relief::SupplyDepot& depot : answer.problem.depots) {
        for (std::size_t k = 1; k < names.size(); ++k) {
            if (const auto it = depot.stock.find(names[k]); it != depot.stock.end()) {
                depot.stock[names[0]] += it->second;
                depot.stock.erase(it);
            }
        }
    }
}

// A warning for each inventory unit of `name` that counts differently from the ration's.
void check_units(const Resources& resources, const relief::Ration& ration, const std::string& name,
                 AllocateAnswer& answer) {
    std::set<std::string> units;
    for (const Depot& d : resources.depots) {
        for (const InventoryItem& i : d.inventory) {
            if (i.item == name && !relief::same_unit(ration.unit, i.unit))
                units.insert(i.unit);
        }
    }
    for (const std::string& unit : units) {
        answer.warnings.push_back(
            name + ": the ration counts " + ration.unit + " per person but the inventory counts " +
            unit + "; the demand is in " + ration.unit + " (give a ration table in " + unit + ")");
    }
}

// The demand of the ration table for `persons` over the query's days. A ration's item is found in
// the inventory under any of its names (relief::item_names: "water" as 瓶装水). Items of the
// default table that no depot holds are left out (and noted), but not all of them; those of a
// ration file are an error.
void set_ration_demand(const Resources& resources, const AllocateQuery& query,
                       const std::set<std::string>& held, const std::vector<std::int64_t>& persons,
                       AllocateAnswer& answer) {
    std::vector<std::string> skipped;
    std::set<std::string> unplanned = held;  // inventory items no ration row names
    for (const relief::Ration& r : query.ration) {
        const std::vector<std::string> names = held_names(r, held);
        for (const std::string& n : names)
            unplanned.erase(n);
        if (names.empty()) {
            if (query.default_ration) {
                skipped.push_back(r.item);
                continue;
            }
            throw QueryError(ErrorCode::InvalidValue,
                             query.option_prefix + "ration: unknown item '" + r.item +
                                 "' (items in the inventory: " + item_list(held) +
                                 "); known names: " + relief::known_item_names());
        }
        if (names.size() > 1) {
            std::string list;
            for (const std::string& n : names)
                list += (list.empty() ? "" : ", ") + n;
            answer.notes.push_back(list + " are one item (" + r.item + "): planned together as " +
                                   names[0]);
            pool_stock(names, answer);
        }
        for (const std::string& n : names)
            check_units(resources, r, n, answer);
        relief::Ration as_held = r;
        as_held.item = names[0];
        for (std::size_t j = 0; j < persons.size(); ++j) {
            const double need = relief::ration_demand(as_held, persons[j], query.days);
            if (need > 0)
                answer.problem.destinations[j].demand[as_held.item] = need;
        }
    }
    if (!query.ration.empty() && skipped.size() == query.ration.size()) {
        // Without this, nothing is needed and every destination shows a full fill.
        throw QueryError(
            ErrorCode::InvalidValue,
            "no item in the depots' inventory (" + item_list(held) +
                ") is one the default ration table knows: " + relief::known_item_names() +
                "; name the items so, or give " + query.option_prefix + "ration FILE");
    }
    if (!skipped.empty()) {
        std::string list;
        for (const std::string& s : skipped)
            list += (list.empty() ? "" : ", ") + s;
        answer.notes.push_back("default ration items no depot holds are left out: " + list);
    }
    if (!unplanned.empty()) {
        // An item under a name the table does not know (桶装水) would otherwise pass unnoticed.
        answer.notes.push_back("inventory items no ration row names are not planned: " +
                               item_list(unplanned));
    }
    answer.persons = persons;
}

// Solve: road travel times from the available depots to the destinations, then the allocation.
void solve_allocation(const QueryContext& context, const AllocateQuery& query, Searches& searches,
                      AllocateAnswer& answer) {
    std::vector<LonLat> from, to;
    for (const ReliefPlace& p : answer.depots)
        from.push_back(p.location);
    for (const ReliefPlace& p : answer.destinations)
        to.push_back(p.location);
    answer.problem.duration_s = durations(context, from, to, searches, &answer.notes);
    throw_if_stopped(context.stop, "the allocation");
    answer.result = relief::allocate_relief(answer.problem, query.parameters);
}

// Present: each item's unit, and a warning for each item left at depots that could still ship.
void describe_items(const Resources& resources, const AllocateQuery& query,
                    AllocateAnswer& answer) {
    for (const relief::ItemSummary& s : answer.result.items) {
        answer.units.push_back(unit_of(resources, query.ration, s.item));
        if (s.unshipped_usable > 0 || s.forced_freezes > 0) {
            answer.warnings.push_back(
                s.item + ": " + fixed(s.unshipped_usable, 3) + " " + answer.units.back() +
                " left at depots that destinations short of it could still take (fair-share "
                "stage: " +
                std::to_string(s.forced_freezes) +
                " forced freeze(s), where the LP solver stopped short of the optimum)");
        }
    }
}

}  // namespace

std::string_view to_string(AllocationTarget target) {
    return target == AllocationTarget::shelters ? "shelters" : "townships";
}

AllocationTarget parse_allocation_target(std::string_view text, std::string_view parameter) {
    if (text == "shelters")
        return AllocationTarget::shelters;
    if (text == "townships")
        return AllocationTarget::townships;
    throw QueryError(ErrorCode::InvalidValue, std::string(parameter) + ": '" + std::string(text) +
                                                  "' is not shelters or townships");
}

AllocateAnswer answer_allocate(const QueryContext& context, const AllocateQuery& query,
                               Searches& searches) {
    check_allocate_query(query);
    AllocateAnswer answer;
    answer.to = query.to;
    answer.days = query.days;
    answer.metric = context.metric.label;
    answer.parameters = query.parameters;

    const std::set<std::string> held = gather_depots(context, answer);
    const std::vector<std::int64_t> persons = gather_destinations(context.resources, query, answer);
    if (query.demand)
        set_explicit_demand(*query.demand, held, query.to, answer);
    else
        set_ration_demand(context.resources, query, held, persons, answer);

    solve_allocation(context, query, searches, answer);
    describe_items(context.resources, query, answer);
    return answer;
}

MciAnswer answer_mci(const QueryContext& context, const MciQuery& query, Searches& searches) {
    const Resources& resources = context.resources;
    if (query.incidents.empty())
        throw QueryError(ErrorCode::InvalidValue,
                         query.option_prefix + "incidents: no incident sites");
    std::int64_t total = 0;
    for (const IncidentSite& s : query.incidents)
        total += s.casualties[0] + s.casualties[1] + s.casualties[2];
    if (total == 0)
        throw QueryError(ErrorCode::InvalidValue,
                         query.option_prefix + "incidents: no casualties at any site");

    MciAnswer answer;
    answer.metric = context.metric.label;
    answer.casualty = query.casualty;
    answer.trip_parameters = query.trips;
    answer.incidents = query.incidents;
    for (const IncidentSite& s : query.incidents)
        answer.problem.incidents.push_back({s.id, s.casualties});
    for (const Hospital& h : resources.hospitals) {
        if (const HazardZone* zone = closed_zone_at(context.hazards, h.location)) {
            answer.unavailable.push_back({h.id, "inside closed hazard zone " + zone->id});
            continue;
        }
        answer.hospitals.push_back({h.id, h.name, h.region, h.location});
        answer.problem.hospitals.push_back(
            {h.id, {h.beds_red, h.beds_yellow, h.beds_green}, h.beds_surge});
    }
    if (answer.hospitals.empty())
        throw QueryError(ErrorCode::InvalidValue, "no hospital is available");
    std::vector<relief::AmbulanceUnit> units;
    for (const Team& t : resources.teams) {
        if (ascii_lower(t.kind) != "ambulance" || !is_available(t))
            continue;
        if (const HazardZone* zone = closed_zone_at(context.hazards, t.location)) {
            answer.unavailable.push_back({t.id, "inside closed hazard zone " + zone->id});
            continue;
        }
        answer.units.push_back({t.id, t.name, t.region, t.location});
        units.push_back({t.id, std::max<std::int64_t>(1, t.capacity)});
    }

    // An incident no road comes near is a wrong position, not a casualty without a hospital.
    for (std::size_t k = 0; k < query.incidents.size(); ++k) {
        const IncidentSite& s = query.incidents[k];
        const std::string text =
            "'" + s.id + "' at " + fixed(s.location.lon, 6) + "," + fixed(s.location.lat, 6);
        try {
            snap_query_point(context, {text, s.location, {}, {}, {}}, "incident");
        } catch (const QueryError& e) {
            throw QueryError(e.code(), query.option_prefix + "incidents[" + std::to_string(k) +
                                           "]: " + e.what());
        }
    }
    std::vector<LonLat> sites, hospitals, bases;
    for (const IncidentSite& s : query.incidents)
        sites.push_back(s.location);
    for (const ReliefPlace& h : answer.hospitals)
        hospitals.push_back(h.location);
    for (const ReliefPlace& u : answer.units)
        bases.push_back(u.location);
    answer.problem.duration_s = durations(context, sites, hospitals, searches);
    throw_if_stopped(context.stop, "the casualty plan");
    answer.plan = relief::distribute_casualties(answer.problem, query.casualty);
    throw_if_stopped(context.stop, "the casualty plan");
    relief::TripTimes times;
    times.base_to_incident = durations(context, bases, sites, searches);
    times.hospital_to_incident = durations(context, hospitals, sites, searches);
    times.hospital_to_base = durations(context, hospitals, bases, searches);
    throw_if_stopped(context.stop, "the casualty plan");
    answer.trips =
        relief::plan_ambulance_trips(answer.problem, answer.plan, units, times, query.trips);
    return answer;
}

}  // namespace muster::tools

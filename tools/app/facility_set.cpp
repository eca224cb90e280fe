#include "tools/app/facility_set.hpp"

#include <algorithm>
#include <map>

#include "engine/text.hpp"
#include "engine/vocabulary.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

bool same(std::string_view a, std::string_view b) {
    return ascii_lower(a) == ascii_lower(b);
}

// Whether a facility of `set` has the status asked for; whether a team is available is engine's
// decision (means_available), any other status compares as text.
bool has_status(const Facility& f, FacilitySet set, std::string_view status) {
    if (set == FacilitySet::teams && means_available(status))
        return means_available(f.status);
    return same(f.status, status);
}

std::vector<Facility> all_of(const Resources& r, FacilitySet set) {
    std::vector<Facility> out;
    switch (set) {
        case FacilitySet::teams:
            for (const Team& t : r.teams)
                out.push_back({t.id, t.name, t.kind, t.status, t.region, t.location});
            break;
        case FacilitySet::hospitals:
            for (const Hospital& h : r.hospitals)
                out.push_back({h.id, h.name, "hospital", "", h.region, h.location});
            break;
        case FacilitySet::shelters:
            for (const Shelter& s : r.shelters) {
                out.push_back({s.id, s.name, std::string(to_string(s.shelter_class)),
                               std::string(to_string(s.status)), "", s.location});
            }
            break;
    }
    return out;
}

// "ambulance 2, fire 1": the values of one attribute and how many facilities have each.
template <class Key>
std::string tally(const std::vector<Facility>& items, Key key) {
    std::map<std::string, std::size_t> counts;
    for (const Facility& f : items)
        ++counts[key(f).empty() ? "(none)" : key(f)];
    std::string out;
    for (const auto& [value, n] : counts)
        out += (out.empty() ? "" : ", ") + value + " " + std::to_string(n);
    return out;
}

// A filter's word as the database stores it: 救护车 → ambulance, 可用 → available, Ⅱ类 → fixed. A
// word muster does not know is compared as given (a team kind of the office's own).
std::string stored_word(const std::string& text, const Vocabulary& words) {
    if (text.empty() || text == "any")
        return text;
    const auto canonical = words.canonical(text);
    return canonical ? std::string(*canonical) : text;
}

template <class Pred>
std::vector<Facility> keep(const std::vector<Facility>& items, Pred pred) {
    std::vector<Facility> out;
    std::copy_if(items.begin(), items.end(), std::back_inserter(out), pred);
    return out;
}

}  // namespace

FacilitySet parse_facility_set(std::string_view text, std::string_view parameter) {
    if (text == "teams")
        return FacilitySet::teams;
    if (text == "hospitals")
        return FacilitySet::hospitals;
    if (text == "shelters")
        return FacilitySet::shelters;
    throw QueryError(ErrorCode::InvalidValue,
                     std::string(parameter) + ": '" + std::string(text) +
                         "' is not a facility set (teams, hospitals or shelters)");
}

std::string_view to_string(FacilitySet set) {
    switch (set) {
        case FacilitySet::teams:
            return "teams";
        case FacilitySet::hospitals:
            return "hospitals";
        case FacilitySet::shelters:
            return "shelters";
    }
    return "?";
}

TravelDirection default_direction(FacilitySet set) {
    return set == FacilitySet::teams ? TravelDirection::to_incident
                                     : TravelDirection::from_incident;
}

std::vector<Facility> select_facilities(const Resources& resources, const FacilityFilter& filter) {
    const std::string set(to_string(filter.set));
    const std::string one = set.substr(0, set.size() - 1);  // "team"
    auto no_match = [](const std::string& message) {
        return QueryError(ErrorCode::NoMatch, message);
    };

    std::vector<Facility> items = all_of(resources, filter.set);
    if (items.empty())
        throw no_match("the database holds no " + set);

    if (filter.set == FacilitySet::shelters && !filter.region.empty()) {
        throw QueryError(ErrorCode::InvalidValue,
                         "region '" + filter.region + "': shelters have no region");
    }
    const bool teams = filter.set == FacilitySet::teams;
    FacilityFilter given = filter;
    if (filter.set != FacilitySet::hospitals) {
        given.kind = stored_word(filter.kind, teams ? team_kind_words() : shelter_class_words());
        given.status =
            stored_word(filter.status, teams ? team_status_words() : shelter_status_words());
    }
    std::string status = given.status;
    if (filter.set == FacilitySet::hospitals) {
        if (!filter.kind.empty()) {
            throw QueryError(ErrorCode::InvalidValue,
                             "kind '" + filter.kind + "': hospitals have no kind");
        }
        if (!status.empty() && status != "any") {
            throw QueryError(ErrorCode::InvalidValue,
                             "status '" + status + "': hospitals have no status");
        }
        status = "any";
    } else if (status.empty()) {
        status = filter.set == FacilitySet::teams ? "available" : "open";
    }

    std::string described = one;  // grows with each filter, for the messages
    if (!given.kind.empty()) {
        auto kept = keep(items, [&](const Facility& f) { return same(f.kind, given.kind); });
        if (kept.empty()) {
            throw no_match("no " + one + " of kind '" + filter.kind + "' (" + set +
                           " by kind in the database: " +
                           tally(items, [](const Facility& f) { return f.kind; }) + ")");
        }
        items = std::move(kept);
        described = ascii_lower(given.kind) + " " + one;
    }
    if (status != "any") {
        auto kept =
            keep(items, [&](const Facility& f) { return has_status(f, filter.set, status); });
        if (kept.empty()) {
            throw no_match("no " + described + " with status '" + status + "' (by status: " +
                           tally(items, [](const Facility& f) { return f.status; }) + ")");
        }
        items = std::move(kept);
        described = status + " " + described;
    }
    if (!filter.region.empty()) {
        auto kept = keep(items, [&](const Facility& f) { return same(f.region, filter.region); });
        if (kept.empty()) {
            throw no_match("no " + described + " in region '" + filter.region + "' (by region: " +
                           tally(items, [](const Facility& f) { return f.region; }) + ")");
        }
        items = std::move(kept);
    }
    return items;
}

}  // namespace muster::tools

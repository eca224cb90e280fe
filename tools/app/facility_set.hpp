#pragma once
// The facilities a nearest query chooses among: teams, hospitals or shelters of the resource
// database, filtered by kind, status and region. Shared by the command line and the HTTP service.

#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/resources.hpp"
#include "solvers/nearest.hpp"

namespace muster::tools {

/// The facility kinds a nearest query chooses among.
enum class FacilitySet { teams, hospitals, shelters };

/// "teams", "hospitals" or "shelters". Throws QueryError (InvalidValue) naming the parameter.
FacilitySet parse_facility_set(std::string_view text, std::string_view parameter);
std::string_view to_string(FacilitySet set);

/// Which way travel goes by default: teams drive to the incident, casualties and evacuees go from
/// it to hospitals and shelters.
TravelDirection default_direction(FacilitySet set);

/// Which facilities of a set qualify.
struct FacilityFilter {
    FacilitySet set = FacilitySet::teams;
    std::string kind;  ///< team kind (ambulance, ...) or shelter class (emergency, ...); empty: any
    std::string status;  ///< empty: the set's default (teams available, shelters open); "any": all
    std::string region;  ///< empty: any
};

/// A facility of any set, as results name it.
struct Facility {
    std::string id;
    std::string name;
    std::string kind;    ///< team kind, shelter class, or "hospital"
    std::string status;  ///< team or shelter status; empty for hospitals
    std::string region;
    LonLat location;
};

/// A facility that matched the filter but cannot serve, and why.
struct UnavailableFacility {
    Facility facility;
    std::string reason;  ///< e.g. "inside closed hazard zone z1 (Low crossing)"
};

/// The facilities of the filter's set that match it, in database order. Kinds, statuses and
/// regions compare case-insensitively. Throws QueryError: InvalidValue for a status or kind given
/// for hospitals (they have neither) or a region for shelters (they have none); NoMatch when
/// nothing matches, saying which filter left nothing and what values the database holds.
/// O(facilities of the set).
std::vector<Facility> select_facilities(const Resources& resources, const FacilityFilter& filter);

}  // namespace muster::tools

#pragma once
// The files the relief commands read: a ration table, an explicit demand table and an incidents
// layer. Each is any GDAL source, PATH[:LAYER][?WHERE] (CSV, GeoPackage, GeoJSON, ...); fields
// are found by name, case-insensitively (docs/relief.md lists them).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"
#include "solvers/relief/casualties.hpp"
#include "solvers/relief/eta_targets.hpp"
#include "solvers/relief/ration_table.hpp"

namespace muster::tools {

/// A ration table: fields item, quantity (units per person, > 0), unit (optional), per
/// (per_person_day or per_person; default per_person_day), source (optional). Throws InputError
/// naming the source, row and field: missing file or field, a quantity that is not a number > 0,
/// an unknown basis, an item listed twice.
relief::RationTable read_ration_table(std::string_view spec);

/// One row of an explicit demand table.
struct DemandRow {
    std::string destination;  ///< a shelter's or township's id
    std::string item;
    double quantity = 0;  ///< units, >= 0
    std::string where;    ///< "source: feature N" for messages
};

/// A demand table: fields destination (or id, shelter, township), item, quantity. Throws
/// InputError naming the source, row and field for a missing file or field or a quantity that
/// is not a number >= 0.
std::vector<DemandRow> read_demand_table(std::string_view spec);

/// One row of a persons table.
struct PersonsRow {
    std::string destination;   ///< a shelter's or township's id
    std::int64_t persons = 0;  ///< >= 0
    std::string where;         ///< "source: feature N" for messages
};

/// A persons table, the people to plan rations for per destination: fields destination (or id,
/// shelter, township, shelter_id, ...) and persons (or assigned, people, people_assigned).
/// `muster coverage --out` writes its shelters layer in this form (shelter_id, ...,
/// people_assigned; its closed shelters with 0, which the allocation passes over). Throws
/// InputError naming the source, row and field for a missing file or field, an empty destination,
/// or persons that are not a whole number >= 0.
std::vector<PersonsRow> read_persons_table(std::string_view spec);

/// ETA targets per depot tier from an option's text, hours: comma-separated entries, each either
/// a number (every tier) or TIER=NUMBER (township, county, city, province, central), later
/// entries overriding earlier ones; tiers not named keep their defaults (EtaTargets). "6" sets
/// every tier to 6 h; "county=6,city=8" sets two; "8,central=12" all to 8 h but central.
/// Throws InputError naming `option` (e.g. "--eta-target-h") and the entry for an unknown tier,
/// a number that does not parse or is not > 0, or an empty entry. O(length of text).
relief::EtaTargets parse_eta_targets(std::string_view text, std::string_view option);

/// An incident site with its casualties.
struct IncidentSite {
    std::string id;
    std::string name;
    LonLat location;
    relief::TriageCounts casualties{};
};

/// An incidents layer: points with fields red, yellow, green (whole numbers >= 0; a missing field
/// counts 0, but one of the three must exist), id and name optional. Throws InputError naming the
/// source and feature for a missing file, a feature that is not a point, a count that is negative
/// or not whole, a layer with none of the three fields.
std::vector<IncidentSite> read_incidents(std::string_view spec);

}  // namespace muster::tools

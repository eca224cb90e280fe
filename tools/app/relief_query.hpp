#pragma once
// The relief queries on a resource database, shared by the command line and the HTTP service
// (POST /allocate, /mci): relief allocation (`allocate`) and mass-casualty distribution (`mci`).
// They gather the entities, compute road travel times under the hazards in force, run the
// solvers of solvers/relief and keep what the presentations need (ids, names, locations;
// tools/present/allocate_output.hpp, mci_output.hpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solvers/relief/allocation.hpp"
#include "solvers/relief/ambulance_trips.hpp"
#include "solvers/relief/casualties.hpp"
#include "solvers/relief/ration_table.hpp"
#include "tools/app/inputs/relief_inputs.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// Relief days planned for by default: the first 72 hours.
inline constexpr double kDefaultReliefDays = 3;

/// Where an allocation sends relief: the open shelters or the townships.
enum class AllocationTarget { shelters, townships };

/// "shelters" or "townships".
std::string_view to_string(AllocationTarget target);
/// The target named "shelters" or "townships". Throws QueryError (InvalidValue) naming
/// `parameter` ("--to: 'hospitals' is not shelters or townships") for any other text.
AllocationTarget parse_allocation_target(std::string_view text, std::string_view parameter);

/// An allocation query.
struct AllocateQuery {
    AllocationTarget to = AllocationTarget::shelters;  ///< destinations
    double days = kDefaultReliefDays;
    /// Displaced persons: this share of each open shelter's capacity, or of each township's
    /// population.
    double share = 1.0;
    relief::RationTable ration = relief::default_ration_table();
    bool default_ration = true;  ///< items the depots do not hold are then skipped
    std::optional<std::vector<DemandRow>> demand;  ///< explicit demand instead of the ration table
    /// Persons per destination instead of capacity or population (× share); destinations not
    /// listed get none. Excludes `demand`.
    std::optional<std::vector<PersonsRow>> persons;
    relief::AllocationParameters parameters;
    /// Put before a parameter's name in messages: "--" for the command line ("--days: ..."),
    /// "" for the HTTP service's JSON fields ("days: ...").
    std::string option_prefix = "--";
};

/// A point of an answer with its id and name.
struct ReliefPlace {
    std::string id;
    std::string name;
    std::string region;
    LonLat location;
};

struct AllocateAnswer {
    AllocationTarget to = AllocationTarget::shelters;
    double days = 0;
    std::string metric;
    relief::AllocationParameters parameters;
    std::vector<ReliefPlace> depots;        ///< the available depots, as in problem.depots
    std::vector<ReliefPlace> destinations;  ///< as in problem.destinations
    std::vector<std::int64_t> persons;      ///< per destination; -1 with an explicit demand
    std::vector<std::string> units;         ///< per item of result.items
    relief::AllocationProblem problem;
    relief::AllocationResult result;
    std::vector<std::pair<std::string, std::string>> unavailable;  ///< depot id, reason
    std::vector<std::string> notes;
    /// Per item whose result left usable stock unshipped (ItemSummary::unshipped_usable,
    /// forced_freezes): what and how much.
    std::vector<std::string> warnings;
};

/// Answers an allocation query. Throws QueryError (InvalidValue) for bad days or share,
/// an explicit demand naming an unknown destination or item, a ration file naming an item no
/// depot holds, a persons table listing a destination twice or given with a demand, or a
/// database without depots or destinations; NotFound for a demand or persons row naming no open
/// destination. O(depots × search) for the travel
/// times, then the LPs of relief::allocate_relief.
AllocateAnswer answer_allocate(const QueryContext& context, const AllocateQuery& query,
                               Searches& searches);

/// A mass-casualty query.
struct MciQuery {
    std::vector<IncidentSite> incidents;
    relief::CasualtyParameters casualty;
    relief::TripParameters trips;
    std::string option_prefix = "--";  ///< as AllocateQuery::option_prefix
};

struct MciAnswer {
    std::string metric;
    relief::CasualtyParameters casualty;
    relief::TripParameters trip_parameters;
    std::vector<IncidentSite> incidents;
    std::vector<ReliefPlace> hospitals;  ///< the available ones, as in problem.hospitals
    std::vector<ReliefPlace> units;      ///< available ambulances, as in the trip plan
    relief::CasualtyProblem problem;
    relief::CasualtyPlan plan;
    relief::TripPlan trips;
    std::vector<std::pair<std::string, std::string>> unavailable;  ///< hospital or unit id, reason
};

/// Answers a mass-casualty query: hospitals of the database (those inside a closed zone are
/// unavailable), available ambulances (kind ambulance, status available, not inside a closed
/// zone). Throws QueryError: InvalidValue for no incidents, no casualties or no hospitals;
/// NoSegment for an incident farther than context.snap_limit_m from any road, naming it
/// ("incidents[K] (id 'ID') at LON,LAT").
MciAnswer answer_mci(const QueryContext& context, const MciQuery& query, Searches& searches);

}  // namespace muster::tools

#pragma once
// Ambulance station siting on the resource database: the demand cells of `muster response`, the
// ambulance stations where the teams are based now and candidate sites from a layer, drive times
// between them under the hazards in force, and a location model with backup coverage
// (solvers/siting/ambulance_models.hpp) or maximal covering; the placement found beside the
// fleet's placement now.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/demand_points.hpp"
#include "solvers/siting/ambulance_models.hpp"
#include "tools/app/facility_set.hpp"
#include "tools/app/inputs/candidate_sites.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/response_query.hpp"

namespace muster::tools {

/// The models: dsm (double standard), mexclp (maximum expected covering), mclp (maximal
/// covering, one unit a site).
enum class StationModel { dsm, mexclp, mclp };

/// "dsm", "mexclp" or "mclp"; std::nullopt for another name.
std::optional<StationModel> parse_station_model(std::string_view name);
std::string_view to_string(StationModel model);

/// What happens to the stations the teams are based at now: kept (each keeps at least one
/// unit), moved (chosen or not like the candidates) or ignored (only the candidates).
enum class ExistingStations { keep, move, ignore };
std::optional<ExistingStations> parse_existing_stations(std::string_view name);

/// The question. Times are response times: the turnout plus the drive (docs/response.md).
struct StationQuery {
    StationModel model = StationModel::mexclp;
    /// The fleet: teams of kind ambulance, of any status (a plan places every unit).
    FacilityFilter units{FacilitySet::teams, "ambulance", "any", ""};
    std::optional<std::size_t> unit_count;  ///< units to place; default: the fleet's size
    std::size_t max_per_site = 2;
    double target_s = 12 * 60;  ///< covered within this response time
    double turnout_s = 3 * 60;
    double long_target_s = 20 * 60;  ///< dsm: everyone within this response time
    double alpha = 0.95;             ///< dsm: share covered once within the target
    double busy_fraction = 0.3;      ///< mexclp: probability that a unit is busy
    ExistingStations existing = ExistingStations::keep;
    DemandGridOptions grid;
    double time_limit_s = 60;
};

/// A site of the instance: a station the teams are based at now, or a candidate.
struct StationSite {
    std::string id;  ///< the station's first team's id with "station:", or the candidate's id
    std::string name;
    LonLat location;
    bool existing = false;
    std::size_t units_now = 0;  ///< units of the fleet based there now
};

/// A station or candidate left out of the instance, and why.
struct LeftOutStation {
    std::string id;
    std::string reason;
};

struct StationAnswer {
    DemandPoints demand;
    std::vector<StationSite> sites;
    std::vector<LeftOutStation> left_out;
    std::size_t fleet = 0;                     ///< units of the fleet (matched by the filter)
    std::vector<std::size_t> points;           ///< instance demand index -> demand point
    double unreached_population = 0;           ///< demand no site reaches within the long target
    SitingInstance instance;                   ///< costs: response times, seconds
    AmbulanceSitingOptions options;            ///< the radii in response seconds
    std::optional<AmbulanceSitingResult> now;  ///< the fleet as it is based now, if in the instance
    AmbulanceSitingResult plan;
    std::string metric;
};

/// Runs the question on a driving-network context with a hierarchy. Throws InputError for a bad
/// parameter (naming it), when no site or no demand is left, and whatever the model throws
/// (units that do not fit, an infeasible dsm). O(sites × nodes within the long target + the
/// model's solve).
StationAnswer answer_stations(const QueryContext& context,
                              std::span<const CandidateSite> candidates, const StationQuery& query);

}  // namespace muster::tools

#pragma once
// Shelter siting on the resource database: the demand points of `muster coverage` (same grid,
// same hazards), candidate sites from a layer and the existing open shelters, walking distances
// between them over the walking network, one of the siting models (solvers/siting) on the
// resulting instance, and the answer in people and metres by site and township.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/demand_points.hpp"
#include "solvers/siting/siting_instance.hpp"
#include "solvers/siting/siting_result.hpp"
#include "tools/app/inputs/candidate_sites.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// What happens to the existing open shelters: forced open and counted towards p (fixed), chosen
/// or not like the candidates (candidates), or left out (ignore).
enum class ExistingShelters { fixed, candidates, ignore };

/// "fixed", "candidates" or "ignore"; std::nullopt for another name.
std::optional<ExistingShelters> parse_existing_shelters(std::string_view name);

/// How far the walking searches go when no --radius bounds them (p-median, p-center,
/// capacitated models), metres: four times the 2.5 km a fixed shelter serves (GB 51143-2015),
/// about two hours' walk. Pairs farther apart are not allowed.
inline constexpr double kSitingSearchBoundM = 10'000;

/// The question.
struct SiteDbQuery {
    SitingModel model = SitingModel::pmedian;
    std::size_t p = 0;  ///< sites to open, existing fixed ones included (not lscp, cflp)
    /// Walking distance, metres: the coverage radius of lscp and mclp (required there); for the
    /// other models the bound of the searches (pairs beyond are not allowed). NaN: none.
    double radius_m = std::numeric_limits<double>::quiet_NaN();
    ExistingShelters existing = ExistingShelters::fixed;
    DemandGridOptions grid;
    double time_limit_s = 60;  ///< for the exact search
};

/// A site of the instance: a candidate or an existing shelter.
struct SiteOption {
    std::string id;
    std::string name;
    LonLat location;
    bool existing = false;
    std::optional<double> capacity;  ///< people; nothing: not given (uncapacitated models only)
    double fixed_cost = 0;
};

/// A candidate or existing shelter that is not part of the instance, and why.
struct LeftOutSite {
    std::string id;
    bool existing = false;
    std::string reason;
};

/// A demand point that no site can serve, and why (no path nearby, no site within the bound).
struct UnreachableDemand {
    std::size_t demand = 0;  ///< index into SiteDbAnswer::demand.points
    std::string reason;
};

/// The answer. Site indices of `instance` and `result` index `sites`; demand indices of
/// `instance` index `instance_demand`, which maps them to demand points.
struct SiteDbAnswer {
    DemandPoints demand;
    std::vector<std::string> demand_ids;  ///< per demand point: "<township id>#<n>", n from 1
    std::vector<SiteOption> sites;
    std::vector<LeftOutSite> left_out;
    std::vector<std::size_t> instance_demand;  ///< instance demand index -> demand point
    std::vector<UnreachableDemand> unreachable;
    SitingInstance instance;
    SitingResult result;
    double search_bound_m = 0;  ///< how far the walking searches went
    std::string metric;
};

/// Checks the parameters that need no data: lscp and mclp need --radius, a radius lies in
/// (0, 100000] m, p is given where the model takes it and only there, the time limit is > 0.
/// Throws InputError naming the option. O(1).
void check_site_db_query(const SiteDbQuery& query);

/// Runs the question on a walking-network context with the candidates read from their layer.
/// Throws InputError for a bad parameter (model without its radius or p, p below the number of
/// existing shelters forced open, a candidate id that is also an existing shelter's), for
/// candidates without a capacity in a capacitated model, when no site or no demand is left, and
/// whatever the siting model throws (capacity short of demand, infeasible). O(sites × nodes
/// within the bound · log + the model's solve).
SiteDbAnswer answer_site_db(const QueryContext& context, std::span<const CandidateSite> candidates,
                            const SiteDbQuery& query);

}  // namespace muster::tools

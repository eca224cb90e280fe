#pragma once
// What every siting model answers, and the parameters they take.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muster {

/// The siting models. lscp: fewest sites covering all demand within the radius; mclp: p sites
/// covering the most weight within the radius; pmedian: p sites, least total weighted cost;
/// pcenter: p sites, least largest cost (unweighted); cpmedian: p sites with capacities, least
/// weighted cost (demand splittable); cflp: any number of sites with capacities and fixed opening
/// costs, least fixed + weighted cost (demand splittable).
enum class SitingModel { lscp, mclp, pmedian, pcenter, cpmedian, cflp };

/// "lscp", "mclp", ... for a model.
std::string_view siting_model_name(SitingModel model);
/// The model of a name as siting_model_name gives it; std::nullopt for an unknown name.
std::optional<SitingModel> parse_siting_model(std::string_view name);
/// Whether the model covers demand within a radius (lscp, mclp) rather than assigning all of it
/// to sites: its answers speak of people covered, not assigned.
bool siting_model_covers(SitingModel model);
/// Whether the model has site capacities (cpmedian, cflp): only its answers show capacities.
bool siting_model_capacitated(SitingModel model);

/// Parameters of a siting run. Which apply depends on the model.
struct SitingOptions {
    std::size_t p =
        0;  ///< sites to open, forced-open ones included (mclp, pmedian, pcenter, cpmedian)
    double radius =
        std::numeric_limits<double>::quiet_NaN();  ///< coverage radius, cost units (lscp, mclp)
    double time_limit_s = 60;  ///< wall-clock budget of the exact search, seconds
};

/// One demand point served (partly, for capacitated models) by one site.
struct SitingAssignment {
    std::size_t demand = 0;  ///< demand index
    std::size_t site = 0;    ///< site index
    double amount = 0;       ///< weight served by this site
    double cost = 0;         ///< cost of the pair (per unit of weight)
    bool covered = true;     ///< within the radius (lscp, mclp); true for the other models
};

/// The answer of a siting model. For the minimizing models, bound is a proven lower bound of the
/// optimum; for mclp (which maximizes covered weight) it is a proven upper bound. gap is
/// |objective - bound| / |objective| (0 when proven optimal). method names how the answer was
/// reached ("cbc", "heuristic+lagrangian", "lagrangian+cbc", ...).
struct SitingResult {
    SitingModel model = SitingModel::pmedian;
    double objective = 0;
    double bound = 0;
    double gap = 0;
    bool optimal = false;  ///< bound proves objective optimal (within the solver's tolerance)
    std::string method;
    std::vector<std::size_t> open_sites;       ///< site indices, ascending
    std::vector<SitingAssignment> assignment;  ///< by demand index, then site index
    double seconds = 0;                        ///< wall-clock time of the solve
};

/// |objective - bound| / max(|objective|, 1e-12); 0 when they agree to 1e-9 relative.
double relative_gap(double objective, double bound);

}  // namespace muster

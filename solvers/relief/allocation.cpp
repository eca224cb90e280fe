#include "solvers/relief/allocation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "engine/errors.hpp"
#include "solvers/relief/detail/freeze_rule.hpp"
#include "solvers/relief/detail/linear_program.hpp"

namespace muster::relief {
namespace {

using detail::kInfinity;
using detail::LinearProgram;

// The fairness LPs work in fill rates (in [0, 1] whatever the quantities), so one tolerance
// serves every destination: a fill rate counts as higher only by more than this, 10 × CLP's
// feasibility tolerance (1e-7) on rows scaled to 1.
constexpr double kFillTolerance = 1e-6;
// How far above λ a destination may go in the LPs that test many destinations at once: well above
// kFillTolerance (a rise must show), small enough that spare stock reaches many destinations.
constexpr double kProbe = 1e-4;

double stock_of(const SupplyDepot& depot, const std::string& item) {
    const auto it = depot.stock.find(item);
    return it == depot.stock.end() ? 0.0 : it->second;
}

double demand_of(const Destination& destination, const std::string& item) {
    const auto it = destination.demand.find(item);
    return it == destination.demand.end() ? 0.0 : it->second;
}

void check_problem(const AllocationProblem& problem) {
    if (problem.duration_s.size() != problem.depots.size() * problem.destinations.size()) {
        throw InputError("allocation: the duration matrix has " +
                         std::to_string(problem.duration_s.size()) + " entries, expected " +
                         std::to_string(problem.depots.size()) + " depots x " +
                         std::to_string(problem.destinations.size()) + " destinations");
    }
    for (const SupplyDepot& d : problem.depots) {
        for (const auto& [item, quantity] : d.stock) {
            if (!std::isfinite(quantity) || quantity < 0) {
                throw InputError("depot '" + d.id + "': stock of '" + item +
                                 "' must be a finite number >= 0, got " + std::to_string(quantity));
            }
        }
    }
    for (const Destination& d : problem.destinations) {
        for (const auto& [item, quantity] : d.demand) {
            if (!std::isfinite(quantity) || quantity < 0) {
                throw InputError("destination '" + d.id + "': demand of '" + item +
                                 "' must be a finite number >= 0, got " + std::to_string(quantity));
            }
        }
    }
    for (const auto& duration : problem.duration_s) {
        if (duration && !(*duration >= 0))
            throw InputError("allocation: a travel time is negative or not a number");
    }
}

// One item's LP over the reachable pairs, in fill-rate units (see build()).
class ItemModel {
  public:
    struct Pair {
        std::size_t depot;        // index into the problem's depots
        std::size_t destination;  // index into the problem's destinations
        std::size_t depot_row;    // index into m_stock
        std::size_t dest_row;     // index into m_demand
    };

    ItemModel(const AllocationProblem& problem, const std::string& item)
        : m_problem(problem), m_item(item) {
        std::vector<std::size_t> depot_slot(problem.depots.size(), SIZE_MAX);
        std::vector<std::size_t> dest_slot(problem.destinations.size(), SIZE_MAX);
        for (std::size_t i = 0; i < problem.depots.size(); ++i) {
            if (stock_of(problem.depots[i], item) > 0) {
                depot_slot[i] = m_depots.size();
                m_depots.push_back(i);
            }
        }
        for (std::size_t j = 0; j < problem.destinations.size(); ++j) {
            if (demand_of(problem.destinations[j], item) > 0) {
                dest_slot[j] = m_dests.size();
                m_dests.push_back(j);
            }
        }
        for (std::size_t i : m_depots) {
            for (std::size_t j : m_dests) {
                if (problem.duration(i, j))
                    m_pairs.push_back({i, j, depot_slot[i], dest_slot[j]});
            }
        }
        for (std::size_t i : m_depots)
            m_stock.push_back(stock_of(problem.depots[i], item));
        for (std::size_t j : m_dests)
            m_demand.push_back(demand_of(problem.destinations[j], item));
    }

    const std::vector<Pair>& pairs() const { return m_pairs; }
    const std::vector<std::size_t>& destinations() const { return m_dests; }
    const std::vector<double>& demand() const { return m_demand; }

    // Progressive filling, then local first, then travel. Returns the flow per pair and fills
    // the summary's figures; `level` gets each destination's fill rate.
    std::vector<double> solve(const AllocationParameters& parameters, ItemSummary& summary,
                              std::vector<double>& level) {
        const std::size_t n_dest = m_dests.size();
        level.assign(n_dest, 0.0);
        if (m_pairs.empty())
            return {};
        build();
        fair_levels(summary, level);
        // Deliveries fixed at the fair levels (fill-rate rows: exactly the level).
        for (std::size_t d = 0; d < n_dest; ++d)
            m_lp.set_row_bounds(m_row_fill[d], level[d], level[d]);
        m_lp.set_column_bounds(m_lambda, 0.0, 0.0);
        // Objectives in units of the largest demand, so their coefficients stay near 1.
        const double unit = *std::max_element(m_demand.begin(), m_demand.end());
        std::vector<double> objective(m_lp.columns(), 0.0);
        if (parameters.local_first) {
            for (const std::vector<std::size_t>& stage : preference_stages()) {
                // Minimise the quantity on the stage's pairs, then hold it at that minimum.
                std::fill(objective.begin(), objective.end(), 0.0);
                std::vector<double> weights;
                for (std::size_t p : stage) {
                    objective[p] = m_demand[m_pairs[p].dest_row] / unit;
                    weights.push_back(objective[p]);
                }
                m_lp.set_objective(objective);
                const double least = std::max(0.0, m_lp.minimise());
                m_lp.add_row(stage, weights, -kInfinity, least);
                ++summary.preference_stages;
            }
        }
        // Travel in hours × largest demand inside the LP (better scaled), seconds outside.
        std::fill(objective.begin(), objective.end(), 0.0);
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            objective[p] = *m_problem.duration(m_pairs[p].depot, m_pairs[p].destination) / 3600.0 *
                           m_demand[m_pairs[p].dest_row] / unit;
        }
        m_lp.set_objective(objective);
        m_lp.minimise();
        std::vector<double> flow(m_pairs.size(), 0.0);
        for (std::size_t p = 0; p < flow.size(); ++p) {
            const double share = m_lp.solution()[p];
            if (share >= kFillTolerance * 0.1)
                flow[p] = share * m_demand[m_pairs[p].dest_row];
        }
        return flow;
    }

  private:
    // The pair sets whose quantities stage 2 minimises, in order (allocation.hpp): the
    // cross-region pairs, then the pairs from central, province, city and county depots. A set
    // that is empty or holds every pair cannot matter (its total is 0 or the fixed deliveries),
    // nor can the lowest tier present (the fixed total less the higher tiers'): not a stage.
    std::vector<std::vector<std::size_t>> preference_stages() const {
        std::vector<std::vector<std::size_t>> stages;
        std::vector<std::size_t> cross;
        std::array<std::vector<std::size_t>, kDepotTierCount> by_tier;
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            const SupplyDepot& depot = m_problem.depots[m_pairs[p].depot];
            if (depot.region != m_problem.destinations[m_pairs[p].destination].region)
                cross.push_back(p);
            by_tier[tier_index(depot.tier)].push_back(p);
        }
        if (!cross.empty() && cross.size() < m_pairs.size())
            stages.push_back(std::move(cross));
        std::size_t lowest = 0;
        while (lowest < kDepotTierCount && by_tier[lowest].empty())
            ++lowest;
        for (std::size_t t = kDepotTierCount; t-- > lowest + 1;) {
            if (!by_tier[t].empty())
                stages.push_back(std::move(by_tier[t]));
        }
        return stages;
    }

    // Columns: y(p) = the share of its destination's demand that pair p carries (a fill rate, so
    // every column is in [0, 1] whatever the quantities), then λ. Rows: per depot its stock, scaled
    // to 1 (Σ demand/stock · y <= 1); per destination its fill rate (Σ y within [lower, 1]) and,
    // while it is open, Σ y - λ >= 0.
    void build() {
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            m_lp.add_column(0.0, 1.0);
        m_lambda = m_lp.add_column(0.0, 1.0);
        for (std::size_t i = 0; i < m_stock.size(); ++i)
            m_row_stock.push_back(m_lp.add_row(-kInfinity, 1.0));
        for (std::size_t d = 0; d < m_demand.size(); ++d) {
            m_row_fill.push_back(m_lp.add_row(0.0, 1.0));
            m_row_fair.push_back(m_lp.add_row(0.0, kInfinity));
            m_lp.add_entry(m_row_fair.back(), m_lambda, -1.0);
        }
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            const Pair& pair = m_pairs[p];
            m_lp.add_entry(m_row_stock[pair.depot_row], p,
                           m_demand[pair.dest_row] / m_stock[pair.depot_row]);
            m_lp.add_entry(m_row_fill[pair.dest_row], p, 1.0);
            m_lp.add_entry(m_row_fair[pair.dest_row], p, 1.0);
        }
    }

    // Lexicographic max-min fill rates by progressive filling. Each round maximises λ, the least
    // fill rate of the open destinations (frozen ones keep their level). Then, with λ held, every
    // open destination that no LP solution can lift above λ is frozen at λ; a destination counts
    // as able to rise only on evidence: a solution (of the λ LP, of the LP maximising the open
    // destinations' total, or of the LP maximising its own fill rate) where it is above λ while
    // every other keeps its level. In exact arithmetic each round freezes at least one
    // destination (if each could rise alone, the average of those solutions would lift them all
    // and λ was not the maximum). Rounds <= 2 × destinations (a round that freezes none, possible
    // only through rounding, is retried once). LPs per round: the λ LP, set LPs (each settles at
    // least one destination or ends that phase) and, only if they prove nothing, one LP per
    // undecided destination.
    void fair_levels(ItemSummary& summary, std::vector<double>& level) {
        const std::size_t n_dest = m_dests.size();
        std::vector<bool> open(n_dest, true);
        std::vector<std::vector<std::size_t>> dest_pairs(n_dest);
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            dest_pairs[m_pairs[p].dest_row].push_back(p);
        // A destination no depot with stock reaches gets nothing: frozen at 0 from the start.
        for (std::size_t d = 0; d < n_dest; ++d) {
            if (dest_pairs[d].empty())
                freeze(d, 0.0, open, level);
        }
        std::vector<double> objective(m_lp.columns(), 0.0);
        double floor = 0.0;
        bool stalled = false;
        while (std::find(open.begin(), open.end(), true) != open.end()) {
            std::fill(objective.begin(), objective.end(), 0.0);
            objective[m_lambda] = 1.0;
            m_lp.set_objective(objective);
            m_lp.set_column_bounds(m_lambda, floor, 1.0);
            const double lambda = std::clamp(m_lp.maximise(), floor, 1.0);
            ++summary.fairness_rounds;
            if (lambda >= 1 - kFillTolerance) {
                for (std::size_t d = 0; d < n_dest; ++d) {
                    if (open[d])
                        freeze(d, 1.0, open, level);
                }
                break;
            }
            std::vector<bool> rises(n_dest, false);
            std::vector<double> best(n_dest, lambda);
            const auto collect = [&] {
                const std::vector<double> fill = fill_rates(m_lp.solution());
                for (std::size_t d = 0; d < n_dest; ++d) {
                    best[d] = std::max(best[d], fill[d]);
                    if (open[d] && fill[d] > lambda + kFillTolerance)
                        rises[d] = true;
                }
            };
            collect();
            m_lp.set_column_bounds(m_lambda, lambda, lambda);
            // Set LPs: maximise the total fill rate of the undecided destinations. Those that rise
            // in the solution are settled; once none does, the total proves the rest stuck: if it
            // cannot exceed |S|·λ, no member of S can rise above λ (each stays >= λ).
            bool stuck_proven = false;
            std::size_t undecided = n_dest + 1;
            while (!stuck_proven) {
                std::fill(objective.begin(), objective.end(), 0.0);
                std::size_t count = 0;
                for (std::size_t d = 0; d < n_dest; ++d) {
                    if (open[d] && !rises[d]) {
                        ++count;
                        for (std::size_t p : dest_pairs[d])
                            objective[p] = 1.0;
                        // Capped just above λ, so spare stock spreads over many destinations
                        // instead of lifting a few (a vertex solution would).
                        m_lp.set_row_bounds(m_row_fill[d], 0.0, std::min(1.0, lambda + kProbe));
                    }
                }
                if (count == 0 || count == undecided)
                    break;  // all settled, or no progress: decide one by one below
                undecided = count;
                m_lp.set_objective(objective);
                const double total = m_lp.maximise();
                const auto risen = std::count(rises.begin(), rises.end(), true);
                collect();
                stuck_proven = std::count(rises.begin(), rises.end(), true) == risen &&
                               total <= static_cast<double>(count) * lambda + kFillTolerance;
            }
            for (std::size_t d = 0; d < n_dest; ++d) {
                if (open[d])
                    m_lp.set_row_bounds(m_row_fill[d], 0.0, 1.0);
            }
            // Otherwise one by one: can this destination alone rise above λ?
            for (std::size_t d = 0; d < n_dest && !stuck_proven; ++d) {
                if (!open[d] || rises[d])
                    continue;
                std::fill(objective.begin(), objective.end(), 0.0);
                for (std::size_t p : dest_pairs[d])
                    objective[p] = 1.0;
                m_lp.set_objective(objective);
                m_lp.maximise();
                collect();
            }
            // Only an LP solver stopping short of the optimum twice in a row forces a freeze
            // (destinations_to_freeze); the result then says so (forced_freezes) and the check
            // after the solve measures the stock left behind (unshipped_usable).
            const detail::FreezeDecision decision =
                detail::destinations_to_freeze(open, rises, best, stalled);
            for (std::size_t d : decision.frozen)
                freeze(d, lambda, open, level);
            if (decision.forced)
                ++summary.forced_freezes;
            // A round that froze nothing showed every open destination able to rise: λ was not
            // the maximum, so the next round (λ >= this one) lifts them all.
            stalled = decision.frozen.empty() || decision.forced;
            floor = lambda;
        }
    }

    void freeze(std::size_t d, double fill, std::vector<bool>& open, std::vector<double>& level) {
        open[d] = false;
        level[d] = fill;
        m_lp.set_row_bounds(m_row_fair[d], -kInfinity, kInfinity);
        m_lp.set_row_bounds(m_row_fill[d], fill, 1.0);
    }

    // Fill rate per destination of a solution (Σ of its pairs' shares).
    std::vector<double> fill_rates(const std::vector<double>& y) const {
        std::vector<double> out(m_dests.size(), 0.0);
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            out[m_pairs[p].dest_row] += y[p];
        return out;
    }

    const AllocationProblem& m_problem;
    std::string m_item;
    std::vector<std::size_t> m_depots, m_dests;
    std::vector<Pair> m_pairs;
    std::vector<double> m_stock, m_demand;
    LinearProgram m_lp;
    std::size_t m_lambda = 0;
    std::vector<std::size_t> m_row_stock, m_row_fill, m_row_fair;
};

}  // namespace

double unshipped_usable(const AllocationProblem& problem, const std::string& item,
                        const std::vector<Shipment>& shipments, double ignore_below) {
    check_problem(problem);
    std::vector<double> left(problem.depots.size()), missing(problem.destinations.size());
    for (std::size_t i = 0; i < left.size(); ++i)
        left[i] = stock_of(problem.depots[i], item);
    for (std::size_t j = 0; j < missing.size(); ++j)
        missing[j] = demand_of(problem.destinations[j], item);
    for (const Shipment& s : shipments) {
        if (s.item != item)
            continue;
        if (s.depot >= left.size() || s.destination >= missing.size())
            throw InputError("allocation: a shipment names a depot or destination out of range");
        left[s.depot] -= s.quantity;
        missing[s.destination] -= s.quantity;
    }
    // A transportation max flow, in units of the largest amount so the LP is well scaled.
    double scale = 0;
    for (double& v : left)
        scale = std::max(scale, v = v > ignore_below ? v : 0.0);
    for (double& v : missing)
        scale = std::max(scale, v = v > ignore_below ? v : 0.0);
    if (scale <= 0)
        return 0;
    LinearProgram lp;
    std::vector<std::size_t> depot_row(left.size(), SIZE_MAX), dest_row(missing.size(), SIZE_MAX);
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < left.size(); ++i) {
        for (std::size_t j = 0; j < missing.size(); ++j) {
            if (left[i] > 0 && missing[j] > 0 && problem.duration(i, j))
                pairs.emplace_back(i, j);
        }
    }
    if (pairs.empty())
        return 0;
    for (const auto& [i, j] : pairs)
        lp.add_column(0.0, std::min(left[i], missing[j]) / scale, 1.0);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const auto [i, j] = pairs[p];
        if (depot_row[i] == SIZE_MAX)
            depot_row[i] = lp.add_row(-kInfinity, left[i] / scale);
        if (dest_row[j] == SIZE_MAX)
            dest_row[j] = lp.add_row(-kInfinity, missing[j] / scale);
        lp.add_entry(depot_row[i], p, 1.0);
        lp.add_entry(dest_row[j], p, 1.0);
    }
    return std::max(0.0, lp.maximise()) * scale;
}

AllocationResult allocate_relief(const AllocationProblem& problem,
                                 const AllocationParameters& parameters) {
    check_problem(problem);
    for (std::size_t t = 0; t < kDepotTierCount; ++t) {
        if (!(parameters.eta_targets.by_tier_s[t] > 0)) {
            throw InputError("allocation: the ETA target of " +
                             std::string(to_string(static_cast<DepotTier>(t))) +
                             " depots must be > 0 seconds");
        }
    }
    AllocationResult result;
    std::vector<bool> reachable(problem.destinations.size(), false);
    for (std::size_t i = 0; i < problem.depots.size(); ++i) {
        for (std::size_t j = 0; j < problem.destinations.size(); ++j) {
            if (problem.duration(i, j))
                reachable[j] = true;
        }
    }
    std::set<std::string> items;
    for (std::size_t j = 0; j < problem.destinations.size(); ++j) {
        bool needs = false;
        for (const auto& [item, quantity] : problem.destinations[j].demand) {
            if (quantity > 0) {
                items.insert(item);
                needs = true;
            }
        }
        if (needs && !reachable[j])
            result.unreachable.push_back(j);
    }

    for (const std::string& item : items) {
        ItemSummary summary;
        summary.item = item;
        for (const SupplyDepot& d : problem.depots)
            summary.stock += stock_of(d, item);
        ItemModel model(problem, item);
        std::vector<double> level;
        const std::vector<double> flow = model.solve(parameters, summary, level);
        const auto& pairs = model.pairs();
        std::vector<double> received(model.destinations().size(), 0.0);
        for (std::size_t p = 0; p < flow.size(); ++p) {
            if (flow[p] <= 0)
                continue;
            Shipment s;
            s.depot = pairs[p].depot;
            s.destination = pairs[p].destination;
            s.item = item;
            s.quantity = flow[p];
            s.duration_s = *problem.duration(s.depot, s.destination);
            s.cross_region =
                problem.depots[s.depot].region != problem.destinations[s.destination].region;
            s.eta_target_s = parameters.eta_targets.of(problem.depots[s.depot].tier);
            s.late = s.duration_s > s.eta_target_s;
            received[pairs[p].dest_row] += s.quantity;
            summary.delivered += s.quantity;
            if (s.cross_region)
                summary.cross_region += s.quantity;
            summary.from_tier[tier_index(problem.depots[s.depot].tier)] += s.quantity;
            summary.weighted_travel_s += s.quantity * s.duration_s;
            result.shipments.push_back(std::move(s));
        }
        bool any_reachable = false;
        double min_fill = 1.0;
        for (std::size_t d = 0; d < model.destinations().size(); ++d) {
            Fill fill;
            fill.destination = model.destinations()[d];
            fill.item = item;
            fill.demand = model.demand()[d];
            fill.delivered = received[d];
            fill.fill_rate = std::min(1.0, received[d] / fill.demand);
            summary.demand += fill.demand;
            if (reachable[fill.destination]) {
                any_reachable = true;
                min_fill = std::min(min_fill, fill.fill_rate);
            }
            result.fills.push_back(std::move(fill));
        }
        summary.min_fill_rate = any_reachable ? min_fill : 0.0;
        // Leximin fill rates leave no stock that a short destination could take; measure it
        // rather than trust it (a forced freeze, or LP tolerances, could leave some behind).
        // LP noise is up to about 10⁻⁷ of a row's size: below kFillTolerance of the largest
        // demand or stock, an amount left or short is noise (and would only fill the check's LP
        // with pairs).
        double scale = 0;
        for (double d : model.demand())
            scale = std::max(scale, d);
        for (const SupplyDepot& d : problem.depots)
            scale = std::max(scale, stock_of(d, item));
        const double noise = kFillTolerance * scale;
        const double left = unshipped_usable(problem, item, result.shipments, noise);
        summary.unshipped_usable = left > noise ? left : 0.0;
        result.items.push_back(std::move(summary));
    }
    std::stable_sort(result.shipments.begin(), result.shipments.end(),
                     [](const Shipment& a, const Shipment& b) {
                         if (a.item != b.item)
                             return a.item < b.item;
                         if (a.depot != b.depot)
                             return a.depot < b.depot;
                         return a.destination < b.destination;
                     });
    return result;
}

}  // namespace muster::relief

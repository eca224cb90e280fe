#include "solvers/relief/allocation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/errors.hpp"
#include "solvers/relief/detail/linear_program.hpp"

namespace muster::relief {
namespace {

using detail::kInfinity;
using detail::LinearProgram;

// Tolerances, relative to the quantity they compare (CLP's own feasibility tolerance is 1e-7).
constexpr double kRelativeTolerance = 1e-7;

double tolerance(double scale) {
    return kRelativeTolerance * std::max(1.0, scale);
}

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

// One item's LP: flow columns on the reachable pairs, then λ; rows per depot (stock) and two per
// destination (A: delivered within [lower, demand]; B: delivered - λ·demand >= 0 while open).
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

    // Water-filling, then local first, then travel. Returns the flow per pair and fills the
    // summary's figures; `level` gets each destination's fill rate.
    std::vector<double> solve(const AllocationParameters& parameters, ItemSummary& summary,
                              std::vector<double>& level) {
        const std::size_t n_dest = m_dests.size();
        level.assign(n_dest, 0.0);
        if (m_pairs.empty())
            return {};
        build();
        std::vector<bool> frozen(n_dest, false);
        // A destination no depot with stock reaches gets nothing: frozen at 0 from the start.
        std::vector<bool> supplied(n_dest, false);
        for (const Pair& p : m_pairs)
            supplied[p.dest_row] = true;
        for (std::size_t d = 0; d < n_dest; ++d) {
            if (!supplied[d])
                freeze(d, 0.0, frozen, level);
        }
        std::vector<double> objective(m_lp.columns(), 0.0);
        objective[m_lambda] = 1.0;
        m_lp.set_objective(objective);
        while (std::find(frozen.begin(), frozen.end(), false) != frozen.end()) {
            const double lambda = std::clamp(m_lp.maximise(), 0.0, 1.0);
            ++summary.fairness_rounds;
            const std::vector<double>& x = m_lp.solution();
            if (lambda >= 1 - 1e-9) {
                for (std::size_t d = 0; d < n_dest; ++d) {
                    if (!frozen[d])
                        freeze(d, 1.0, frozen, level);
                }
                break;
            }
            const std::vector<bool> can_rise = rising(x, lambda, frozen, level);
            const std::vector<double> received = delivered(x);
            bool any = false;
            for (std::size_t d = 0; d < n_dest; ++d) {
                if (!frozen[d] && !can_rise[d] &&
                    received[d] <= lambda * m_demand[d] + tolerance(m_demand[d])) {
                    freeze(d, lambda, frozen, level);
                    any = true;
                }
            }
            if (!any) {
                // Numerical safety net: freeze the destinations at the minimum, so every round
                // makes progress.
                for (std::size_t d = 0; d < n_dest; ++d) {
                    if (!frozen[d] &&
                        received[d] <= lambda * m_demand[d] + tolerance(m_demand[d])) {
                        freeze(d, lambda, frozen, level);
                        any = true;
                    }
                }
            }
            if (!any) {
                // Last resort against a stalled round: freeze every open destination at λ.
                for (std::size_t d = 0; d < n_dest; ++d) {
                    if (!frozen[d])
                        freeze(d, lambda, frozen, level);
                }
            }
        }
        // Deliveries fixed at the fair levels.
        for (std::size_t d = 0; d < n_dest; ++d) {
            const double amount = level[d] * m_demand[d];
            m_lp.set_row_bounds(m_row_a[d], amount, amount);
        }
        m_lp.set_column_bounds(m_lambda, 0.0, 0.0);
        std::vector<std::size_t> cross;
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            if (m_problem.depots[m_pairs[p].depot].region !=
                m_problem.destinations[m_pairs[p].destination].region)
                cross.push_back(p);
        }
        if (parameters.local_first && !cross.empty()) {
            std::fill(objective.begin(), objective.end(), 0.0);
            for (std::size_t p : cross)
                objective[p] = 1.0;
            m_lp.set_objective(objective);
            const double least_cross = std::max(0.0, m_lp.minimise());
            const std::vector<double> ones(cross.size(), 1.0);
            m_lp.add_row(cross, ones, -kInfinity, least_cross);
        }
        // Travel in hours inside the LP (better scaled), seconds outside.
        std::fill(objective.begin(), objective.end(), 0.0);
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            objective[p] = *m_problem.duration(m_pairs[p].depot, m_pairs[p].destination) / 3600.0;
        m_lp.set_objective(objective);
        m_lp.minimise();
        std::vector<double> flow(m_lp.solution().begin(),
                                 m_lp.solution().begin() + static_cast<long>(m_pairs.size()));
        for (std::size_t p = 0; p < flow.size(); ++p) {
            if (flow[p] < tolerance(m_demand[m_pairs[p].dest_row]))
                flow[p] = 0;
        }
        return flow;
    }

  private:
    void build() {
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            m_lp.add_column(0.0, kInfinity);
        m_lambda = m_lp.add_column(0.0, 1.0);
        for (double s : m_stock)
            m_row_stock.push_back(m_lp.add_row(-kInfinity, s));
        for (double d : m_demand) {
            m_row_a.push_back(m_lp.add_row(0.0, d));
            m_row_b.push_back(m_lp.add_row(0.0, kInfinity));
            m_lp.add_entry(m_row_b.back(), m_lambda, -d);
        }
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            m_lp.add_entry(m_row_stock[m_pairs[p].depot_row], p, 1.0);
            m_lp.add_entry(m_row_a[m_pairs[p].dest_row], p, 1.0);
            m_lp.add_entry(m_row_b[m_pairs[p].dest_row], p, 1.0);
        }
    }

    void freeze(std::size_t d, double fill, std::vector<bool>& frozen, std::vector<double>& level) {
        frozen[d] = true;
        level[d] = fill;
        if (m_row_b.empty())
            return;  // not built: nothing to constrain
        m_lp.set_row_bounds(m_row_b[d], -kInfinity, kInfinity);
        // Exactly the level: the solution that found it meets it (within the solver's tolerance).
        m_lp.set_row_bounds(m_row_a[d], fill * m_demand[d], m_demand[d]);
    }

    std::vector<double> delivered(const std::vector<double>& x) const {
        std::vector<double> out(m_dests.size(), 0.0);
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            out[m_pairs[p].dest_row] += x[p];
        return out;
    }

    // Which destinations could receive more while every other keeps its level: those reachable,
    // in the residual graph of flow x, from a depot with stock left or from a destination above
    // its level (it can give up its surplus). Residual arcs: depot -> destination always (roads
    // have no capacity), destination -> depot where that depot ships to it. Breadth-first,
    // O(pairs).
    std::vector<bool> rising(const std::vector<double>& x, double lambda,
                             const std::vector<bool>& frozen,
                             const std::vector<double>& level) const {
        const std::size_t n_depot = m_depots.size();
        const std::size_t n_dest = m_dests.size();
        std::vector<std::vector<std::size_t>> depot_pairs(n_depot), dest_pairs(n_dest);
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            depot_pairs[m_pairs[p].depot_row].push_back(p);
            dest_pairs[m_pairs[p].dest_row].push_back(p);
        }
        std::vector<double> used(n_depot, 0.0);
        for (std::size_t p = 0; p < m_pairs.size(); ++p)
            used[m_pairs[p].depot_row] += x[p];
        const std::vector<double> received = delivered(x);

        std::vector<bool> depot_seen(n_depot, false), dest_seen(n_dest, false);
        std::vector<std::size_t> depot_queue, dest_queue;
        for (std::size_t i = 0; i < n_depot; ++i) {
            if (m_stock[i] - used[i] > tolerance(m_stock[i])) {
                depot_seen[i] = true;
                depot_queue.push_back(i);
            }
        }
        for (std::size_t d = 0; d < n_dest; ++d) {
            const double floor = (frozen[d] ? level[d] : lambda) * m_demand[d];
            if (received[d] > floor + tolerance(m_demand[d])) {
                dest_seen[d] = true;
                dest_queue.push_back(d);
            }
        }
        std::vector<bool> can_rise(n_dest, false);
        while (!depot_queue.empty() || !dest_queue.empty()) {
            if (!dest_queue.empty()) {
                const std::size_t d = dest_queue.back();
                dest_queue.pop_back();
                for (std::size_t p : dest_pairs[d]) {
                    const std::size_t i = m_pairs[p].depot_row;
                    if (!depot_seen[i] && x[p] > tolerance(m_demand[d])) {
                        depot_seen[i] = true;
                        depot_queue.push_back(i);
                    }
                }
                continue;
            }
            const std::size_t i = depot_queue.back();
            depot_queue.pop_back();
            for (std::size_t p : depot_pairs[i]) {
                const std::size_t d = m_pairs[p].dest_row;
                if (received[d] < m_demand[d] - tolerance(m_demand[d]))
                    can_rise[d] = true;
                if (!dest_seen[d]) {
                    dest_seen[d] = true;
                    dest_queue.push_back(d);
                }
            }
        }
        return can_rise;
    }

    const AllocationProblem& m_problem;
    std::string m_item;
    std::vector<std::size_t> m_depots, m_dests;
    std::vector<Pair> m_pairs;
    std::vector<double> m_stock, m_demand;
    LinearProgram m_lp;
    std::size_t m_lambda = 0;
    std::vector<std::size_t> m_row_stock, m_row_a, m_row_b;
};

}  // namespace

AllocationResult allocate_relief(const AllocationProblem& problem,
                                 const AllocationParameters& parameters) {
    check_problem(problem);
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
            s.late = s.duration_s > parameters.eta_target_s;
            received[pairs[p].dest_row] += s.quantity;
            summary.delivered += s.quantity;
            if (s.cross_region)
                summary.cross_region += s.quantity;
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

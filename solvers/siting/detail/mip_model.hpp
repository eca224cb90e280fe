#pragma once
// A minimizing mixed-integer program built column by column and row by row, solved by COIN-OR
// CBC. The only place that talks to CBC: every siting model builds its MIP through this.

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

class OsiClpSolverInterface;

namespace muster::detail {

/// How a MIP solve ended.
enum class MipStatus {
    optimal,      ///< proven optimal (within the allowable gap)
    feasible,     ///< a limit stopped the search; the incumbent is feasible, not proven optimal
    infeasible,   ///< proven infeasible
    no_solution,  ///< a limit stopped the search before any feasible solution
};

/// The outcome of MipModel::solve.
struct MipSolution {
    MipStatus status = MipStatus::no_solution;
    double objective = 0;  ///< of the incumbent (when feasible or optimal)
    double bound = 0;      ///< proven lower bound on the optimum (-inf: none)
    double root_lp_bound = -std::numeric_limits<double>::infinity();  ///< root LP optimum
    bool time_limit_reached = false;  ///< the deadline stopped the root LP or the search
    std::vector<double> values;       ///< per variable (when feasible or optimal)
};

/// A MIP: minimize c'x subject to rows, bounds and integrality. Building is O(nonzeros).
class MipModel {
  public:
    /// Adds a variable with bounds [lower, upper] and objective coefficient; returns its index.
    int add_variable(double lower, double upper, double objective, bool integer);
    /// Adds the row sum(coefs[k] * x[vars[k]]) (sense) rhs, sense one of 'L' (<=), 'G' (>=), 'E'
    /// (=).
    void add_row(std::span<const int> vars, std::span<const double> coefs, char sense, double rhs);
    /// A feasible starting solution (one value per variable) CBC may use as its first incumbent.
    void set_start(std::vector<double> values) { m_start = std::move(values); }
    /// Stop as optimal once incumbent - bound <= gap (1 - 1e-6 for integral objectives, say).
    void set_absolute_gap(double gap) { m_absolute_gap = gap; }
    /// Switch off CBC's cut generators: for formulations whose LP is already strong and large,
    /// where cut rounds cost more than they gain.
    void disable_cuts() { m_cuts = false; }
    /// Switch off CBC's primal heuristics and its preprocessing: for models that start from a
    /// strong incumbent and only need the search to prove it (p-median after interchange and
    /// Lagrangian fixing: pmed31 proven in 46 s without them, unproven after 60 s with them).
    void disable_heuristics_and_preprocessing() { m_heuristics = m_preprocess = false; }
    std::size_t variable_count() const { return m_objective.size(); }

    /// Solves with CBC (one thread, deterministic, silent) within time_limit_s seconds of wall
    /// clock, the root LP included: CLP solves the root LP first under the deadline (if it does
    /// not finish: no_solution, bound -inf, time_limit_reached), then CBC searches in what is
    /// left, every LP it solves bounded by the same deadline. Past the deadline only the root
    /// LP bound is reported. Throws muster::Error if CLP or CBC abandons the problem
    /// (numerical trouble).
    MipSolution solve(double time_limit_s) const;

  private:
    /// Loads the model into CLP: columns in CLP's column-major form, bounds, integrality.
    void load_into(OsiClpSolverInterface& solver) const;
    /// CBC's command line for the search: silent, one thread, `seconds` of wall clock, this
    /// model's gap and switches.
    std::vector<std::string> cbc_arguments(double seconds) const;

    std::vector<double> m_lower, m_upper, m_objective;
    std::vector<char> m_integer;
    // Rows as triplets; turned into CBC's column-major form by solve().
    std::vector<int> m_entry_row, m_entry_var;
    std::vector<double> m_entry_coef;
    std::vector<double> m_row_lower, m_row_upper;
    std::vector<double> m_start;
    double m_absolute_gap = 1e-9;
    bool m_cuts = true;
    bool m_heuristics = true;
    bool m_preprocess = true;
};

}  // namespace muster::detail

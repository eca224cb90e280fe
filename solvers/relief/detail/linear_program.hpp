#pragma once
// The one place muster's relief solvers meet an LP solver (COIN-OR CLP): a linear program built
// column by column and row by row, then solved repeatedly with changed bounds, objectives and
// added rows. Each solve starts from the previous basis, so the stages of a lexicographic solve
// cost little more than the first.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace muster::relief::detail {

/// Stands for an unbounded side of a row or column.
inline constexpr double kInfinity = 1e30;

/// A linear program over continuous columns. Build it (add_column, add_row, add_entry), then call
/// solve() as often as needed; changes after the first solve go straight to the solver.
class LinearProgram {
  public:
    LinearProgram();
    ~LinearProgram();
    LinearProgram(const LinearProgram&) = delete;
    LinearProgram& operator=(const LinearProgram&) = delete;

    /// A column lower <= x <= upper with objective coefficient `cost`; returns its index.
    std::size_t add_column(double lower, double upper, double cost = 0);
    /// An empty row lower <= a·x <= upper; returns its index. Entries follow with add_entry.
    std::size_t add_row(double lower, double upper);
    /// Sets a(row, column) = value. Only before the first solve.
    void add_entry(std::size_t row, std::size_t column, double value);
    /// A complete new row, also after the first solve.
    std::size_t add_row(std::span<const std::size_t> columns, std::span<const double> values,
                        double lower, double upper);

    void set_row_bounds(std::size_t row, double lower, double upper);
    void set_column_bounds(std::size_t column, double lower, double upper);
    /// Replaces the whole objective (one coefficient per column).
    void set_objective(std::span<const double> costs);

    std::size_t columns() const { return m_column_lower.size(); }
    std::size_t rows() const { return m_row_lower.size(); }

    /// Minimises (or maximises) the objective. Returns the optimal value; column values are in
    /// solution(). Throws muster::Error if the solver does not prove optimality (the relief
    /// models are feasible and bounded by construction, so this is an internal error).
    double minimise() { return solve(1.0); }
    double maximise() { return solve(-1.0); }
    const std::vector<double>& solution() const { return m_solution; }

  private:
    double solve(double direction);
    void load();

    struct Solver;
    std::unique_ptr<Solver> m_solver;  // null until the first solve
    std::vector<double> m_column_lower, m_column_upper, m_cost;
    std::vector<double> m_row_lower, m_row_upper;
    std::vector<int> m_entry_row, m_entry_column;
    std::vector<double> m_entry_value;
    std::vector<double> m_solution;
};

}  // namespace muster::relief::detail

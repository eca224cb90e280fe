#include "solvers/siting/detail/mip_model.hpp"

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinTime.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/errors.hpp"

namespace muster::detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// CbcMain1's callback: nothing to do at any stage.
int no_callback(CbcModel* /*model*/, int /*where_from*/) {
    return 0;
}

/// A number as CbcMain1 reads it back without loss.
std::string exact_text(double value) {
    std::ostringstream out;
    out.precision(17);
    out << value;
    return out.str();
}

}  // namespace

int MipModel::add_variable(double lower, double upper, double objective, bool integer) {
    m_lower.push_back(lower);
    m_upper.push_back(upper);
    m_objective.push_back(objective);
    m_integer.push_back(integer ? 1 : 0);
    return static_cast<int>(m_objective.size() - 1);
}

void MipModel::add_row(std::span<const int> vars, std::span<const double> coefs, char sense,
                       double rhs) {
    if (vars.size() != coefs.size())
        throw ContractError("MipModel::add_row: vars and coefs differ in size");
    const int row = static_cast<int>(m_row_lower.size());
    for (std::size_t k = 0; k < vars.size(); ++k) {
        m_entry_row.push_back(row);
        m_entry_var.push_back(vars[k]);
        m_entry_coef.push_back(coefs[k]);
    }
    switch (sense) {
        case 'L':
            m_row_lower.push_back(-kInfinity), m_row_upper.push_back(rhs);
            break;
        case 'G':
            m_row_lower.push_back(rhs), m_row_upper.push_back(kInfinity);
            break;
        case 'E':
            m_row_lower.push_back(rhs), m_row_upper.push_back(rhs);
            break;
        default:
            throw ContractError(std::string("MipModel::add_row: unknown sense ") + sense);
    }
}

namespace {

/// One wall-clock deadline for everything a solve does: the root LP, CBC's preprocessing and its
/// search. CLP takes it as an absolute time that every copy of the solver CBC makes inherits, so
/// no LP solve runs past it (CbcModel's own limit is only checked between nodes).
class Deadline {
  public:
    explicit Deadline(double time_limit_s)
        : m_at(CoinWallclockTime() + std::max(time_limit_s, 0.01)) {}
    double remaining_s() const { return std::max(m_at - CoinWallclockTime(), 0.0); }
    /// True once the deadline is (about) reached.
    bool passed() const { return CoinWallclockTime() >= m_at - 1e-3; }

  private:
    double m_at;
};

/// A matrix in CLP's column-major (CSC) form.
struct ColumnMajor {
    std::vector<CoinBigIndex> start;  ///< columns + 1
    std::vector<int> index;           ///< row of each entry
    std::vector<double> value;
};

/// The triplets in column-major form, by a counting sort; entries of a column keep row order.
ColumnMajor column_major(int columns, const std::vector<int>& entry_row,
                         const std::vector<int>& entry_var, const std::vector<double>& entry_coef) {
    ColumnMajor matrix;
    matrix.start.assign(columns + 1, 0);
    for (int var : entry_var)
        ++matrix.start[var + 1];
    for (int c = 0; c < columns; ++c)
        matrix.start[c + 1] += matrix.start[c];
    matrix.index.resize(entry_var.size());
    matrix.value.resize(entry_var.size());
    std::vector<CoinBigIndex> next(matrix.start.begin(), matrix.start.end() - 1);
    for (std::size_t e = 0; e < entry_var.size(); ++e) {
        const CoinBigIndex at = next[entry_var[e]]++;
        matrix.index[at] = entry_row[e];
        matrix.value[at] = entry_coef[e];
    }
    return matrix;
}

/// Solves the root LP under the deadline: on large instances it is most of the work, and when it
/// cannot finish there is nothing CBC could add. Returns the final answer when the root LP
/// already decides it (infeasible, or out of time), else nothing. Throws if CLP abandons it.
std::optional<MipSolution> solve_root_lp(OsiClpSolverInterface& solver, const Deadline& deadline) {
    MipSolution solution;
    solver.getModelPtr()->setMaximumWallSeconds(deadline.remaining_s());
    solver.initialSolve();
    if (solver.isProvenPrimalInfeasible()) {
        solution.status = MipStatus::infeasible;
        return solution;
    }
    if (!solver.isProvenOptimal()) {
        if (solver.isAbandoned())
            throw Error("CLP abandoned the root LP (numerical difficulties)");
        solution.status = MipStatus::no_solution;
        solution.bound = -kInfinity;
        solution.time_limit_reached = true;
        return solution;
    }
    return std::nullopt;
}

/// Hands CBC the starting solution, which it addresses by column name.
void set_mip_start(CbcModel& model, const OsiClpSolverInterface& solver,
                   const std::vector<double>& start) {
    const int columns = solver.getNumCols();
    std::vector<std::string> names(columns);
    std::vector<const char*> name_ptrs(columns);
    for (int c = 0; c < columns; ++c) {
        names[c] = solver.getColName(c);
        name_ptrs[c] = names[c].c_str();
    }
    model.setMIPStart(columns, name_ptrs.data(), start.data());
}

/// Runs CBC's standalone solver on `model` with the command line `arguments`.
void run_cbc(CbcModel& model, CbcSolverUsefulData& data,
             const std::vector<std::string>& arguments) {
    std::vector<const char*> argv;
    argv.reserve(arguments.size());
    for (const std::string& argument : arguments)
        argv.push_back(argument.c_str());
    CbcMain1(static_cast<int>(argv.size()), argv.data(), model, no_callback, data);
    if (model.isAbandoned())
        throw Error("CBC abandoned the problem (numerical difficulties)");
}

/// The outcome of CBC's search on top of the root LP's (`solution`, with its root bound).
MipSolution collect(const CbcModel& model, MipSolution solution, bool out_of_time,
                    double absolute_gap, int columns) {
    // An LP that the deadline cut short may have made CBC prune a node or declare the problem
    // infeasible without proof: past the deadline only the root LP bound is trusted.
    const double root_bound = solution.root_lp_bound;
    solution.time_limit_reached = out_of_time;
    const double cbc_bound =
        out_of_time ? root_bound : std::max(root_bound, model.getBestPossibleObjValue());
    const double* best = model.bestSolution();
    if (best == nullptr) {
        if (model.isProvenInfeasible() && !out_of_time) {
            solution.status = MipStatus::infeasible;
            return solution;
        }
        solution.status = MipStatus::no_solution;
        solution.bound = cbc_bound;
        return solution;
    }
    solution.values.assign(best, best + columns);
    solution.objective = model.getObjValue();
    const bool proven = model.isProvenOptimal() &&
                        (!out_of_time || solution.objective - root_bound <= absolute_gap);
    solution.status = proven ? MipStatus::optimal : MipStatus::feasible;
    solution.bound = proven ? std::min(solution.objective,
                                       std::max(cbc_bound, solution.objective - absolute_gap))
                            : std::min(solution.objective, cbc_bound);
    return solution;
}

}  // namespace

void MipModel::load_into(OsiClpSolverInterface& solver) const {
    const int columns = static_cast<int>(m_objective.size());
    const int rows = static_cast<int>(m_row_lower.size());
    const ColumnMajor matrix = column_major(columns, m_entry_row, m_entry_var, m_entry_coef);
    solver.messageHandler()->setLogLevel(0);
    solver.getModelPtr()->setLogLevel(0);
    solver.loadProblem(columns, rows, matrix.start.data(), matrix.index.data(), matrix.value.data(),
                       m_lower.data(), m_upper.data(), m_objective.data(), m_row_lower.data(),
                       m_row_upper.data());
    for (int c = 0; c < columns; ++c) {
        if (m_integer[c])
            solver.setInteger(c);
    }
    solver.setObjSense(1);
}

std::vector<std::string> MipModel::cbc_arguments(double seconds) const {
    // Silent, one thread (deterministic), wall-clock time.
    std::vector<std::string> arguments = {"muster", "-log", "0", "-slog", "0", "-threads", "0"};
    arguments.insert(arguments.end(), {"-timeMode", "elapsed", "-seconds", exact_text(seconds)});
    arguments.insert(arguments.end(),
                     {"-allowableGap", exact_text(m_absolute_gap), "-ratioGap", "1e-10"});
    if (!m_cuts)
        arguments.insert(arguments.end(), {"-cuts", "off"});
    if (!m_heuristics)
        arguments.insert(arguments.end(), {"-heuristics", "off"});
    if (!m_preprocess)
        arguments.insert(arguments.end(), {"-preprocess", "off"});
    arguments.insert(arguments.end(), {"-solve", "-quit"});
    return arguments;
}

MipSolution MipModel::solve(double time_limit_s) const {
    const Deadline deadline(time_limit_s);
    OsiClpSolverInterface solver;
    load_into(solver);
    if (std::optional<MipSolution> decided = solve_root_lp(solver, deadline))
        return *decided;
    MipSolution solution;
    solution.root_lp_bound = solver.getObjValue();

    CbcModel model(solver);
    CbcSolverUsefulData data;
    data.noPrinting_ = true;
    data.useSignalHandler_ = false;
    CbcMain0(model, data);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setAllowableGap(m_absolute_gap);
    model.setAllowableFractionGap(1e-10);
    if (!m_start.empty())
        set_mip_start(model, solver, m_start);
    const double cbc_seconds = std::max(deadline.remaining_s(), 0.01);
    model.setMaximumSeconds(cbc_seconds);
    run_cbc(model, data, cbc_arguments(cbc_seconds));

    const bool out_of_time = deadline.passed() || model.isSecondsLimitReached();
    return collect(model, std::move(solution), out_of_time, m_absolute_gap,
                   static_cast<int>(m_objective.size()));
}

}  // namespace muster::detail

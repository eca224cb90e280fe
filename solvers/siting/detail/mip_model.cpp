#include "solvers/siting/detail/mip_model.hpp"

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinTime.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
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
        throw std::invalid_argument("MipModel::add_row: vars and coefs differ in size");
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
            throw std::invalid_argument(std::string("MipModel::add_row: unknown sense ") + sense);
    }
}

MipSolution MipModel::solve(double time_limit_s) const {
    // One deadline for everything below: the root LP, CBC's preprocessing and its search. CLP
    // takes it as an absolute wall-clock time that every copy of the solver CBC makes inherits,
    // so no LP solve runs past it (CbcModel's own limit is only checked between nodes).
    const double budget_s = std::max(time_limit_s, 0.01);
    const double deadline = CoinWallclockTime() + budget_s;
    const auto remaining = [&] { return std::max(deadline - CoinWallclockTime(), 0.0); };

    const int columns = static_cast<int>(m_objective.size());
    const int rows = static_cast<int>(m_row_lower.size());
    // Column-major (CSC) by a counting sort of the triplets; entries of a column keep row order.
    std::vector<CoinBigIndex> start(columns + 1, 0);
    for (int var : m_entry_var)
        ++start[var + 1];
    for (int c = 0; c < columns; ++c)
        start[c + 1] += start[c];
    std::vector<int> index(m_entry_var.size());
    std::vector<double> value(m_entry_var.size());
    std::vector<CoinBigIndex> next(start.begin(), start.end() - 1);
    for (std::size_t e = 0; e < m_entry_var.size(); ++e) {
        const CoinBigIndex at = next[m_entry_var[e]]++;
        index[at] = m_entry_row[e];
        value[at] = m_entry_coef[e];
    }

    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.getModelPtr()->setLogLevel(0);
    solver.loadProblem(columns, rows, start.data(), index.data(), value.data(), m_lower.data(),
                       m_upper.data(), m_objective.data(), m_row_lower.data(), m_row_upper.data());
    for (int c = 0; c < columns; ++c) {
        if (m_integer[c])
            solver.setInteger(c);
    }
    solver.setObjSense(1);

    // The root LP first, under the deadline: on large instances it is most of the work, and
    // when it cannot finish there is nothing CBC could add.
    MipSolution solution;
    solver.getModelPtr()->setMaximumWallSeconds(remaining());
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
    const double root_bound = solver.getObjValue();
    solution.root_lp_bound = root_bound;

    CbcModel model(solver);
    CbcSolverUsefulData data;
    data.noPrinting_ = true;
    data.useSignalHandler_ = false;
    CbcMain0(model, data);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setAllowableGap(m_absolute_gap);
    model.setAllowableFractionGap(1e-10);
    if (!m_start.empty()) {
        std::vector<std::string> names(columns);
        std::vector<const char*> name_ptrs(columns);
        for (int c = 0; c < columns; ++c) {
            names[c] = solver.getColName(c);
            name_ptrs[c] = names[c].c_str();
        }
        model.setMIPStart(columns, name_ptrs.data(), m_start.data());
    }
    const double cbc_seconds = std::max(remaining(), 0.01);
    model.setMaximumSeconds(cbc_seconds);
    const std::string seconds = exact_text(cbc_seconds);
    const std::string allowable_gap = exact_text(m_absolute_gap);
    std::vector<const char*> argv = {"muster",
                                     "-log",
                                     "0",
                                     "-slog",
                                     "0",
                                     "-threads",
                                     "0",
                                     "-timeMode",
                                     "elapsed",
                                     "-seconds",
                                     seconds.c_str(),
                                     "-allowableGap",
                                     allowable_gap.c_str(),
                                     "-ratioGap",
                                     "1e-10"};
    if (!m_cuts) {
        argv.push_back("-cuts");
        argv.push_back("off");
    }
    if (!m_heuristics) {
        argv.push_back("-heuristics");
        argv.push_back("off");
    }
    if (!m_preprocess) {
        argv.push_back("-preprocess");
        argv.push_back("off");
    }
    argv.push_back("-solve");
    argv.push_back("-quit");
    CbcMain1(static_cast<int>(argv.size()), argv.data(), model, no_callback, data);

    if (model.isAbandoned())
        throw Error("CBC abandoned the problem (numerical difficulties)");
    // An LP that the deadline cut short may have made CBC prune a node or declare the problem
    // infeasible without proof: past the deadline only the root LP bound is trusted.
    const bool out_of_time =
        CoinWallclockTime() >= deadline - 1e-3 || model.isSecondsLimitReached();
    solution.time_limit_reached = out_of_time;
    const double* best = model.bestSolution();
    if (best == nullptr) {
        if (model.isProvenInfeasible() && !out_of_time) {
            solution.status = MipStatus::infeasible;
            return solution;
        }
        solution.status = MipStatus::no_solution;
        solution.bound =
            out_of_time ? root_bound : std::max(root_bound, model.getBestPossibleObjValue());
        return solution;
    }
    solution.values.assign(best, best + columns);
    solution.objective = model.getObjValue();
    const double cbc_bound =
        out_of_time ? root_bound : std::max(root_bound, model.getBestPossibleObjValue());
    const bool proven = model.isProvenOptimal() &&
                        (!out_of_time || solution.objective - root_bound <= m_absolute_gap);
    solution.status = proven ? MipStatus::optimal : MipStatus::feasible;
    solution.bound = proven ? std::min(solution.objective,
                                       std::max(cbc_bound, solution.objective - m_absolute_gap))
                            : std::min(solution.objective, cbc_bound);
    return solution;
}

}  // namespace muster::detail

#include "solvers/siting/detail/mip_model.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace muster::detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct CbcDeleter {
    void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

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

    std::unique_ptr<Cbc_Model, CbcDeleter> model(Cbc_newModel());
    Cbc_loadProblem(model.get(), columns, rows, start.data(), index.data(), value.data(),
                    m_lower.data(), m_upper.data(), m_objective.data(), m_row_lower.data(),
                    m_row_upper.data());
    for (int c = 0; c < columns; ++c) {
        if (m_integer[c])
            Cbc_setInteger(model.get(), c);
    }
    Cbc_setObjSense(model.get(), 1);
    Cbc_setLogLevel(model.get(), 0);
    Cbc_setParameter(model.get(), "threads", "0");
    Cbc_setParameter(model.get(), "timeMode", "elapsed");  // wall clock, as the time limit promises
    if (!m_cuts)
        Cbc_setParameter(model.get(), "cuts", "off");
    Cbc_setMaximumSeconds(model.get(), std::max(time_limit_s, 0.01));
    Cbc_setAllowableGap(model.get(), m_absolute_gap);
    Cbc_setAllowableFractionGap(model.get(), 1e-10);
    if (!m_start.empty()) {
        std::vector<int> all(columns);
        for (int c = 0; c < columns; ++c)
            all[c] = c;
        Cbc_setMIPStartI(model.get(), columns, all.data(), m_start.data());
    }
    Cbc_solve(model.get());

    if (Cbc_isAbandoned(model.get()))
        throw std::runtime_error("CBC abandoned the problem (numerical difficulties)");
    MipSolution solution;
    const double* best = Cbc_bestSolution(model.get());
    if (Cbc_isProvenInfeasible(model.get()) && best == nullptr) {
        solution.status = MipStatus::infeasible;
        return solution;
    }
    if (best == nullptr) {
        solution.status = MipStatus::no_solution;
        solution.bound = Cbc_getBestPossibleObjValue(model.get());
        return solution;
    }
    solution.values.assign(best, best + columns);
    solution.objective = Cbc_getObjValue(model.get());
    const bool proven = Cbc_isProvenOptimal(model.get()) != 0;
    solution.status = proven ? MipStatus::optimal : MipStatus::feasible;
    solution.bound =
        proven ? std::min(solution.objective, std::max(Cbc_getBestPossibleObjValue(model.get()),
                                                       solution.objective - m_absolute_gap))
               : std::min(solution.objective, Cbc_getBestPossibleObjValue(model.get()));
    return solution;
}

}  // namespace muster::detail

#include "solvers/relief/detail/linear_program.hpp"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

#include <stdexcept>
#include <string>

#include "engine/errors.hpp"

namespace muster::relief::detail {

struct LinearProgram::Solver {
    ClpSimplex model;
};

LinearProgram::LinearProgram() = default;
LinearProgram::~LinearProgram() = default;

std::size_t LinearProgram::add_column(double lower, double upper, double cost) {
    if (m_solver)
        throw ContractError("LinearProgram: columns are added before the first solve");
    m_column_lower.push_back(lower);
    m_column_upper.push_back(upper);
    m_cost.push_back(cost);
    return m_column_lower.size() - 1;
}

std::size_t LinearProgram::add_row(double lower, double upper) {
    if (m_solver)
        throw ContractError("LinearProgram: use the complete add_row after the first solve");
    m_row_lower.push_back(lower);
    m_row_upper.push_back(upper);
    return m_row_lower.size() - 1;
}

void LinearProgram::add_entry(std::size_t row, std::size_t column, double value) {
    if (m_solver)
        throw ContractError("LinearProgram: entries are added before the first solve");
    m_entry_row.push_back(static_cast<int>(row));
    m_entry_column.push_back(static_cast<int>(column));
    m_entry_value.push_back(value);
}

std::size_t LinearProgram::add_row(std::span<const std::size_t> columns,
                                   std::span<const double> values, double lower, double upper) {
    if (!m_solver) {
        const std::size_t row = add_row(lower, upper);
        for (std::size_t k = 0; k < columns.size(); ++k)
            add_entry(row, columns[k], values[k]);
        return row;
    }
    std::vector<int> index(columns.begin(), columns.end());
    m_solver->model.addRow(static_cast<int>(index.size()), index.data(), values.data(), lower,
                           upper);
    m_row_lower.push_back(lower);
    m_row_upper.push_back(upper);
    return m_row_lower.size() - 1;
}

void LinearProgram::set_row_bounds(std::size_t row, double lower, double upper) {
    m_row_lower[row] = lower;
    m_row_upper[row] = upper;
    if (m_solver)
        m_solver->model.setRowBounds(static_cast<int>(row), lower, upper);
}

void LinearProgram::set_column_bounds(std::size_t column, double lower, double upper) {
    m_column_lower[column] = lower;
    m_column_upper[column] = upper;
    if (m_solver)
        m_solver->model.setColumnBounds(static_cast<int>(column), lower, upper);
}

void LinearProgram::set_objective(std::span<const double> costs) {
    m_cost.assign(costs.begin(), costs.end());
    if (m_solver) {
        for (std::size_t c = 0; c < costs.size(); ++c)
            m_solver->model.setObjectiveCoefficient(static_cast<int>(c), costs[c]);
    }
}

void LinearProgram::load() {
    m_solver = std::make_unique<Solver>();
    ClpSimplex& model = m_solver->model;
    model.setLogLevel(0);
    const CoinPackedMatrix matrix(true, m_entry_row.data(), m_entry_column.data(),
                                  m_entry_value.data(),
                                  static_cast<CoinBigIndex>(m_entry_value.size()));
    // The triplet constructor sizes the matrix by its largest indices; empty trailing rows and
    // columns still count.
    CoinPackedMatrix sized(matrix);
    sized.setDimensions(static_cast<int>(m_row_lower.size()),
                        static_cast<int>(m_column_lower.size()));
    model.loadProblem(sized, m_column_lower.data(), m_column_upper.data(), m_cost.data(),
                      m_row_lower.data(), m_row_upper.data());
    m_entry_row.clear();
    m_entry_column.clear();
    m_entry_value.clear();
}

double LinearProgram::solve(double direction) {
    const bool first = !m_solver;
    if (first)
        load();
    ClpSimplex& model = m_solver->model;
    model.setOptimizationDirection(direction);
    if (first)
        model.initialSolve();
    else
        model.primal();
    if (!model.isProvenOptimal()) {
        // A warm start can stall on a badly scaled basis: solve once more from scratch.
        model.allSlackBasis(true);
        model.initialSolve();
    }
    if (!model.isProvenOptimal()) {
        throw Error("LP solver (CLP) found no optimum, status " + std::to_string(model.status()));
    }
    const double* values = model.primalColumnSolution();
    m_solution.assign(values, values + model.numberColumns());
    return model.objectiveValue();
}

}  // namespace muster::relief::detail

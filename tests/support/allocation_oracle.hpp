#pragma once
// Test support: the optimum of one item's relief allocation (docs/relief.md, "The model, per
// item") computed by glpsol alone from the problem's data, stage by stage, never from muster's
// answer:
//  1. Fairness, the lexicographic max-min (leximin) fill rates by the textbook loop: maximise the
//     least fill rate λ of the open destinations (frozen ones keep their level); with λ held,
//     maximise each open destination's own fill rate, one LP each, and freeze at λ those that
//     cannot exceed it; repeat until none is open or λ = 1.
//  2. Every later objective (the tier ladder, travel) minimised with all earlier optima held as
//     constraints: each fill rate >= its level, each objective <= its optimum, within tolerances
//     far below what the tests compare.
// The model is written in units (litres, pieces), one variable per depot and destination that the
// roads connect, as docs/relief.md states it, not in muster's fill-rate scaling.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/glpsol_lp.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

/// One item of an allocation problem, as plain data (the oracle shares no type with muster).
struct AllocationInstance {
    struct Depot {
        std::string id;
        std::string region;
        std::string tier;  ///< township, county, city, province or central
        double stock = 0;
    };
    struct Destination {
        std::string id;
        std::string region;
        double demand = 0;
    };
    std::vector<Depot> depots;
    std::vector<Destination> destinations;
    /// Row-major depots × destinations, seconds; none where the roads do not connect them.
    std::vector<std::optional<double>> duration_s;

    std::optional<double> duration(std::size_t i, std::size_t j) const {
        return duration_s.at(i * destinations.size() + j);
    }
};

/// `quantity` shipped from depot `depot` to destination `destination` (indices).
struct Flow {
    std::size_t depot = 0;
    std::size_t destination = 0;
    double quantity = 0;
};

/// The objectives after fairness, each linear in the quantities shipped.
enum class Stage { cross_region, from_central, from_province, from_city, from_county, travel };

/// The tier ladder in its order: cross-region, then central, province, city, county depots.
inline constexpr std::array<Stage, 5> kLadder = {Stage::cross_region, Stage::from_central,
                                                 Stage::from_province, Stage::from_city,
                                                 Stage::from_county};

inline const char* to_string(Stage stage) {
    switch (stage) {
        case Stage::cross_region:
            return "cross-region";
        case Stage::from_central:
            return "from central";
        case Stage::from_province:
            return "from province";
        case Stage::from_city:
            return "from city";
        case Stage::from_county:
            return "from county";
        case Stage::travel:
            return "quantity x travel seconds";
    }
    return "?";
}

/// What one unit shipped from depot i to destination j adds to `stage` (travel: its seconds).
inline double coefficient(const AllocationInstance& p, Stage stage, std::size_t i, std::size_t j) {
    const std::string& tier = p.depots[i].tier;
    switch (stage) {
        case Stage::cross_region:
            return p.depots[i].region != p.destinations[j].region ? 1 : 0;
        case Stage::from_central:
            return tier == "central" ? 1 : 0;
        case Stage::from_province:
            return tier == "province" ? 1 : 0;
        case Stage::from_city:
            return tier == "city" ? 1 : 0;
        case Stage::from_county:
            return tier == "county" ? 1 : 0;
        case Stage::travel:
            return p.duration(i, j).value_or(0);
    }
    return 0;
}

/// A plan's value of `stage`.
inline double evaluate(const AllocationInstance& p, Stage stage, const std::vector<Flow>& plan) {
    double sum = 0;
    for (const Flow& f : plan)
        sum += coefficient(p, stage, f.depot, f.destination) * f.quantity;
    return sum;
}

/// A plan's fill rate per destination: delivered ÷ demand, 1 where nothing is needed.
inline std::vector<double> fill_rates(const AllocationInstance& p, const std::vector<Flow>& plan) {
    std::vector<double> delivered(p.destinations.size(), 0.0), out(p.destinations.size(), 1.0);
    for (const Flow& f : plan)
        delivered.at(f.destination) += f.quantity;
    for (std::size_t j = 0; j < out.size(); ++j) {
        if (p.destinations[j].demand > 0)
            out[j] = delivered[j] / p.destinations[j].demand;
    }
    return out;
}

/// Checks that a plan ships only over pairs the roads connect, no negative quantity, at most each
/// depot's stock and at most each destination's demand (each to `tolerance` units).
inline void check_feasible(const AllocationInstance& p, const std::vector<Flow>& plan,
                           double tolerance) {
    std::vector<double> shipped(p.depots.size(), 0.0), delivered(p.destinations.size(), 0.0);
    for (const Flow& f : plan) {
        INFO("flow " << p.depots.at(f.depot).id << " -> " << p.destinations.at(f.destination).id);
        CHECK(p.duration(f.depot, f.destination).has_value());
        CHECK(f.quantity >= 0);
        shipped[f.depot] += f.quantity;
        delivered[f.destination] += f.quantity;
    }
    for (std::size_t i = 0; i < shipped.size(); ++i) {
        INFO("depot " << p.depots[i].id);
        CHECK(shipped[i] <= p.depots[i].stock + tolerance);
    }
    for (std::size_t j = 0; j < delivered.size(); ++j) {
        INFO("destination " << p.destinations[j].id);
        CHECK(delivered[j] <= p.destinations[j].demand + tolerance);
    }
}

/// glpsol's lexicographic optimum of one allocation instance (see the top of this file).
class AllocationOracle {
  public:
    /// Solves fairness at once. The LP files go to DIR as NAME-1.lp, NAME-2.lp, ...; `exact`:
    /// glpsol in rational arithmetic.
    AllocationOracle(const TempDir& dir, AllocationInstance instance, std::string name,
                     bool exact = false)
        : m_dir(dir), m_p(std::move(instance)), m_name(std::move(name)), m_exact(exact) {
        const std::size_t n = m_p.destinations.size();
        m_into.resize(n);
        for (std::size_t i = 0; i < m_p.depots.size(); ++i) {
            glpk::Expr out;
            for (std::size_t j = 0; j < n; ++j) {
                if (!arc(i, j))
                    continue;
                out.add(1, x(i, j));
                m_into[j].add(1, x(i, j));
            }
            if (out.terms > 0)
                m_rows += " stock_" + std::to_string(i) + ":" + out.str() +
                          " <= " + glpk::number(m_p.depots[i].stock) + "\n";
        }
        for (std::size_t j = 0; j < n; ++j) {
            m_unit = std::max(m_unit, m_p.destinations[j].demand);
            if (m_into[j].terms > 0)
                m_rows += " cap_" + std::to_string(j) + ":" + m_into[j].str() +
                          " <= " + glpk::number(m_p.destinations[j].demand) + "\n";
        }
        leximin();
    }

    /// The leximin fill rate per destination: 0 for one no depot with stock reaches, 1 for one
    /// that needs nothing.
    const std::vector<double>& fill() const { return m_fill; }

    /// The least value of `stage` with fairness and every stage minimised before held; it is held
    /// from now on (<= the optimum + 10⁻⁹ of it or of the largest demand).
    double minimise(Stage stage) {
        glpk::Expr objective;
        for (std::size_t i = 0; i < m_p.depots.size(); ++i) {
            for (std::size_t j = 0; j < m_p.destinations.size(); ++j) {
                if (arc(i, j))
                    objective.add(coefficient(m_p, stage, i, j), x(i, j));
            }
        }
        if (objective.terms == 0)
            return 0;  // no pair counts: nothing to solve
        const double least = solve("Minimize\n obj:" + objective.str() + "\nSubject To\n" + m_rows +
                                   m_held + "End\n");
        m_held += " hold_" + std::to_string(m_lps) + ":" + objective.str() +
                  " <= " + glpk::number(least + 1e-9 * std::max(std::abs(least), m_unit)) + "\n";
        return least;
    }

    /// The LPs glpsol has solved so far.
    std::size_t lps_solved() const { return m_lps; }

  private:
    // λ is held this far below glpsol's optimum (fill-rate units) so that its rounding cannot make
    // an LP infeasible; far below kRise even for a destination needing 10⁻³ of the total demand.
    static constexpr double kSlack = 1e-10;
    // A destination can rise if some LP lifts its fill rate above λ by more than this.
    static constexpr double kRise = 1e-6;

    bool arc(std::size_t i, std::size_t j) const {
        return m_p.duration(i, j) && m_p.depots[i].stock > 0 && m_p.destinations[j].demand > 0;
    }
    static std::string x(std::size_t i, std::size_t j) {
        return "x_" + std::to_string(i) + "_" + std::to_string(j);
    }

    double solve(const std::string& lp) {
        ++m_lps;
        return glpk::optimum(m_dir, m_name + "-" + std::to_string(m_lps), lp, m_exact);
    }

    // Destination j's delivery held at `level` (less the slack).
    std::string keep(std::size_t j, double level) const {
        const double at_least = (level - kSlack) * m_p.destinations[j].demand;
        if (at_least <= 0)
            return "";
        return " keep_" + std::to_string(j) + ":" + m_into[j].str() +
               " >= " + glpk::number(at_least) + "\n";
    }

    void leximin() {
        const std::size_t n = m_p.destinations.size();
        m_fill.assign(n, 0.0);
        std::vector<bool> open(n, false);
        for (std::size_t j = 0; j < n; ++j) {
            if (m_p.destinations[j].demand <= 0)
                m_fill[j] = 1;
            open[j] = m_into[j].terms > 0;
        }
        while (std::find(open.begin(), open.end(), true) != open.end()) {
            std::string rows = m_rows;
            for (std::size_t j = 0; j < n; ++j) {
                if (open[j]) {
                    glpk::Expr fair = m_into[j];
                    fair.add(-m_p.destinations[j].demand, "lambda");
                    rows += " fair_" + std::to_string(j) + ":" + fair.str() + " >= 0\n";
                } else {
                    rows += keep(j, m_fill[j]);
                }
            }
            const double lambda = solve("Maximize\n obj: lambda\nSubject To\n" + rows +
                                        "Bounds\n 0 <= lambda <= 1\nEnd\n");
            if (lambda >= 1 - 1e-9) {
                for (std::size_t j = 0; j < n; ++j) {
                    if (open[j])
                        m_fill[j] = 1;
                }
                break;
            }
            // With λ held, can each open destination alone rise above it?
            const std::string held_lambda =
                "Bounds\n lambda = " + glpk::number(std::max(0.0, lambda - kSlack)) + "\nEnd\n";
            std::vector<std::size_t> stuck;
            for (std::size_t j = 0; j < n; ++j) {
                if (!open[j])
                    continue;
                glpk::Expr own;
                for (std::size_t i = 0; i < m_p.depots.size(); ++i) {
                    if (arc(i, j))
                        own.add(1 / m_p.destinations[j].demand, x(i, j));
                }
                const double best =
                    solve("Maximize\n obj:" + own.str() + "\nSubject To\n" + rows + held_lambda);
                if (best <= lambda + kRise)
                    stuck.push_back(j);
            }
            // In exact arithmetic some destination is always stuck (else λ was not the maximum).
            INFO("leximin round at lambda = " << lambda);
            REQUIRE(!stuck.empty());
            for (std::size_t j : stuck) {
                open[j] = false;
                m_fill[j] = lambda;
            }
        }
        for (std::size_t j = 0; j < n; ++j)
            m_held += keep(j, m_fill[j]);
    }

    const TempDir& m_dir;
    AllocationInstance m_p;
    std::string m_name;
    bool m_exact = false;
    std::vector<glpk::Expr> m_into;  // per destination: Σ of the quantities it receives
    std::string m_rows;              // stock and demand rows
    std::string m_held;              // fairness and the stages minimised so far, held
    std::vector<double> m_fill;
    double m_unit = 0;  // the largest demand
    std::size_t m_lps = 0;
};

}  // namespace muster::test

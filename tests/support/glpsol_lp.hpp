#pragma once
// Test support: linear programs written as CPLEX-LP text and solved by GLPK's glpsol (Debian
// glpk-utils), an LP solver independent of muster's (COIN-OR CLP), for the tests' oracles.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace muster::test::glpk {

/// A number as LP text, to full double precision.
inline std::string number(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

/// A linear expression as CPLEX-LP text, wrapped so lines stay short.
struct Expr {
    std::string text;
    int terms = 0;
    void add(double coefficient, const std::string& var) {
        if (coefficient == 0)
            return;
        text += (coefficient < 0 ? " - " : " + ") + number(std::abs(coefficient)) + " " + var;
        if (++terms % 8 == 0)
            text += "\n   ";
    }
    std::string str() const { return terms ? text : " 0 dummy"; }
};

/// Runs glpsol with `options` (naming the problem and how to solve it), its solution written to
/// DIR/NAME.sol, and returns the objective that `status_line` (a regex with the objective as
/// its one group) finds there, at full precision (not the 8 digits of glpsol's report). Fails
/// the test (REQUIRE) if glpsol fails, finds no optimum or the line is not there.
inline double solved_objective(const TempDir& dir, const std::string& name,
                               const std::string& options, const std::string& status_line) {
    const std::string sol_file = dir.file(name + ".sol");
    std::string output;
    const int status = run_command("glpsol " + options + " -w '" + sol_file + "'", &output);
    INFO("glpsol " << options << "\n" << output);
    REQUIRE(status == 0);
    std::ifstream in(sol_file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string solution = text.str();
    INFO(solution.substr(0, 400));
    REQUIRE(solution.find("OPTIMAL") != std::string::npos);  // "OPTIMAL", "INTEGER OPTIMAL"
    std::smatch m;
    REQUIRE(std::regex_search(solution, m, std::regex(status_line)));
    return std::stod(m[1]);
}

/// Runs glpsol on `input` (its options naming the problem: "--lp 'F.lp'", or "--math 'M.mod'
/// --data 'D.dat'") and returns its optimal objective. `exact`: in rational arithmetic (glpsol
/// --exact), for badly scaled rows its floating-point simplex could stop short on. Fails the
/// test (REQUIRE) unless glpsol reports an optimum.
inline double solve(const TempDir& dir, const std::string& name, const std::string& input,
                    bool exact = false) {
    // "s bas ROWS COLUMNS f f OBJECTIVE": a basic solution, primal and dual feasible.
    return solved_objective(dir, name, (exact ? "--exact " : "") + input,
                            R"(\ns bas \d+ \d+ f f ([-+0-9.eE]+))");
}

/// Solves the mixed-integer program `lp` (CPLEX-LP text with General and Binary sections),
/// written to DIR/NAME.lp, by glpsol's branch and bound to a zero gap, and returns its optimal
/// objective. Fails the test (REQUIRE) unless glpsol proves an integer optimum.
inline double mip_optimum(const TempDir& dir, const std::string& name, const std::string& lp) {
    // "s mip ROWS COLUMNS o OBJECTIVE": o for an integer optimum.
    return solved_objective(dir, name, "--lp '" + dir.write(name + ".lp", lp) + "' --mipgap 0",
                            R"(\ns mip \d+ \d+ o ([-+0-9.eE]+))");
}

/// Solves the LP text `lp`, written to DIR/NAME.lp, as solve() does.
inline double optimum(const TempDir& dir, const std::string& name, const std::string& lp,
                      bool exact = false) {
    return solve(dir, name, "--lp '" + dir.write(name + ".lp", lp) + "'", exact);
}

}  // namespace muster::test::glpk

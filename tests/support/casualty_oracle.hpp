#pragma once
// Test support: the mass-casualty distribution of docs/relief.md written as a GLPK MathProg model
// and solved stage by stage with glpsol, independently of muster's solver: as many red placed as
// possible, then yellow, then green; with those held, the fewest surge beds; with that held too,
// the least severity-weighted transport time. Each stage's optimum is held in the later ones.
// The inputs are plain numbers, so a test can fill them from any source (a sample's files and
// `muster matrix`, or a random instance).

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/glpsol_lp.hpp"
#include "tests/support/temp_dir.hpp"

namespace muster::test {

struct OracleIncident {
    std::string id;
    std::array<std::int64_t, 3> casualties{};  ///< red, yellow, green
};

struct OracleHospital {
    std::string id;
    std::array<std::int64_t, 3> beds{};  ///< red, yellow, green
    std::int64_t surge = 0;
};

struct CasualtyInstance {
    std::vector<OracleIncident> incidents;
    std::vector<OracleHospital> hospitals;
    /// Seconds per (incident, hospital) pair a road connects; pairs not listed are cut off.
    std::map<std::pair<std::size_t, std::size_t>, double> duration_s;
    /// Per category, seconds; a category without a limit: any value above every duration.
    std::array<double, 3> limit_s{};
    std::array<double, 3> weights{4, 2, 1};
};

/// The optimum of each stage.
struct CasualtyOptimum {
    std::array<std::int64_t, 3> placed{};
    std::int64_t surge_used = 0;
    double weighted_time_s = 0;
};

namespace detail {

inline const char* const kOracleModel = R"(
set K; set H; set C;
set A within K cross H;                 # pairs a road connects
param n{K, C} >= 0;                     # casualties
param beds{H, C} >= 0;
param surge{H} >= 0;
param d{A} >= 0;                        # seconds
param limit{C} >= 0;                    # seconds
param w{C} >= 0;
param keep{C} default -1;               # placed per category held (-1: not yet)
param keep_surge default -1;            # surge beds held (-1: not yet)
# A category goes only within its limit; red only where there are red beds.
set OK := setof{(k, h) in A, c in C: d[k, h] <= limit[c] and (c <> 'red' or beds[h, 'red'] > 0)}
          (k, h, c);
var x{OK} >= 0;
var s{H, C} >= 0;
s.t. out{k in K, c in C}: sum{(k, h, c) in OK} x[k, h, c] <= n[k, c];
s.t. bed{h in H, c in C}: sum{(k, h, c) in OK} x[k, h, c] - s[h, c] <= beds[h, c];
s.t. shared{h in H}: sum{c in C} s[h, c] <= surge[h];
s.t. held{c in C: keep[c] >= 0}: sum{(k, h, c) in OK} x[k, h, c] >= keep[c];
s.t. held_surge{z in 1..1: keep_surge >= 0}: sum{h in H, c in C} s[h, c] <= keep_surge;
)";

inline std::string oracle_number(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

// The data section: the instance, and the optima held so far.
inline std::string oracle_data(const CasualtyInstance& in, const std::vector<std::int64_t>& kept,
                               std::int64_t keep_surge) {
    static const char* const cat[] = {"red", "yellow", "green"};
    std::ostringstream o;
    o << "data;\nset C := red yellow green;\nset K :=";
    for (std::size_t k = 0; k < in.incidents.size(); ++k)
        o << " k" << k;
    o << ";\nset H :=";
    for (std::size_t h = 0; h < in.hospitals.size(); ++h)
        o << " h" << h;
    o << ";\nset A :=";
    for (const auto& [kh, seconds] : in.duration_s)
        o << " (k" << kh.first << ",h" << kh.second << ")";
    o << ";\nparam d :=";
    for (const auto& [kh, seconds] : in.duration_s)
        o << "\n k" << kh.first << " h" << kh.second << " " << oracle_number(seconds);
    o << ";\nparam n :=";
    for (std::size_t k = 0; k < in.incidents.size(); ++k) {
        for (int c = 0; c < 3; ++c)
            o << "\n k" << k << " " << cat[c] << " " << in.incidents[k].casualties[c];
    }
    o << ";\nparam beds :=";
    for (std::size_t h = 0; h < in.hospitals.size(); ++h) {
        for (int c = 0; c < 3; ++c)
            o << "\n h" << h << " " << cat[c] << " " << in.hospitals[h].beds[c];
    }
    o << ";\nparam surge :=";
    for (std::size_t h = 0; h < in.hospitals.size(); ++h)
        o << " h" << h << " " << in.hospitals[h].surge;
    o << ";\nparam limit :=";
    for (int c = 0; c < 3; ++c)
        o << " " << cat[c] << " " << oracle_number(in.limit_s[c]);
    o << ";\nparam w :=";
    for (int c = 0; c < 3; ++c)
        o << " " << cat[c] << " " << oracle_number(in.weights[c]);
    o << ";\n";
    if (!kept.empty()) {
        o << "param keep :=";
        for (std::size_t c = 0; c < kept.size(); ++c)
            o << " " << cat[c] << " " << kept[c];
        o << ";\n";
    }
    if (keep_surge >= 0)
        o << "param keep_surge := " << keep_surge << ";\n";
    return o.str() + "end;\n";
}

// Solves one stage (the model, then `objective`) and returns glpsol's optimal value.
inline double oracle_stage(const TempDir& dir, const std::string& name,
                           const std::string& objective, const std::string& data) {
    const std::string model = dir.write(name + ".mod", std::string(kOracleModel) + objective);
    const std::string data_file = dir.write(name + ".dat", data);
    return glpk::solve(dir, name, "--math '" + model + "' --data '" + data_file + "'");
}

}  // namespace detail

/// The lexicographic optimum of `in` by glpsol, stage by stage (five LPs). The placement and
/// surge stages are network flows, so their optima are whole and held exactly.
inline CasualtyOptimum casualty_optimum_by_glpsol(const TempDir& dir, const CasualtyInstance& in) {
    static const char* const cat[] = {"red", "yellow", "green"};
    CasualtyOptimum best;
    std::vector<std::int64_t> kept;
    for (int c = 0; c < 3; ++c) {
        const double placed =
            detail::oracle_stage(dir, std::string("place_") + cat[c],
                                 std::string("maximize placed: sum{(k, h, c) in OK: c = '") +
                                     cat[c] + "'} x[k, h, c];\nend;\n",
                                 detail::oracle_data(in, kept, -1));
        best.placed[c] = std::llround(placed);
        kept.push_back(best.placed[c]);
    }
    best.surge_used = std::llround(
        detail::oracle_stage(dir, "surge", "minimize opened: sum{h in H, c in C} s[h, c];\nend;\n",
                             detail::oracle_data(in, kept, -1)));
    best.weighted_time_s = detail::oracle_stage(
        dir, "weighted",
        "minimize weighted: sum{(k, h, c) in OK} w[c] * d[k, h] * x[k, h, c];\nend;\n",
        detail::oracle_data(in, kept, best.surge_used));
    return best;
}

}  // namespace muster::test

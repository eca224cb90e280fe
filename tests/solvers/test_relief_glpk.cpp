// muster's relief solvers against GLPK's glpsol (an independent LP solver, Debian glpk-utils) on
// seeded random instances of a few hundred variables. Each test writes the same problem as a
// CPLEX-LP file, solves it stage by stage with glpsol, and compares the optima.
// Seed: MUSTER_TEST_SEED (default 20240601).

#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "solvers/relief/allocation.hpp"
#include "solvers/relief/casualties.hpp"
#include "tests/support/temp_dir.hpp"

using namespace muster;
using namespace muster::relief;

namespace {

std::uint32_t seed() {
    const char* text = std::getenv("MUSTER_TEST_SEED");
    return text ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10)) : 20240601u;
}

// Runs glpsol on an LP text and returns the optimal objective. Fails the test if glpsol does not
// report an optimum.
double glpsol(const test::TempDir& dir, const std::string& name, const std::string& lp) {
    const std::string lp_file = dir.write(name + ".lp", lp);
    const std::string out_file = dir.file(name + ".out");
    std::string output;
    const int status =
        test::run_command("glpsol --lp '" + lp_file + "' -o '" + out_file + "'", &output);
    INFO(output);
    REQUIRE(status == 0);
    std::ifstream in(out_file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string report = text.str();
    INFO(report.substr(0, 600));
    REQUIRE(report.find("OPTIMAL") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(report, m, std::regex(R"(Objective:\s+\w+\s+=\s+([-+0-9.eE]+))")));
    return std::stod(m[1]);
}

std::string number(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

// A linear expression as CPLEX-LP text, wrapped so lines stay short.
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

struct RandomAllocation {
    AllocationProblem problem;

    // `mixed_tiers`: each depot's tier drawn from the five (else every depot is a county one).
    RandomAllocation(std::mt19937& rng, std::size_t depots, std::size_t destinations,
                     double stock_factor, bool mixed_tiers = false) {
        std::uniform_int_distribution<int> region(0, 2), time(60, 7200), qty(10, 500), cut(0, 9);
        std::uniform_int_distribution<int> tier(0, 4);
        for (std::size_t i = 0; i < depots; ++i) {
            const std::string region_name = "R" + std::to_string(region(rng));
            const DepotTier depot_tier =
                mixed_tiers ? static_cast<DepotTier>(tier(rng)) : DepotTier::county;
            problem.depots.push_back({"D" + std::to_string(i),
                                      region_name,
                                      depot_tier,
                                      {{"water", std::round(qty(rng) * stock_factor)}}});
        }
        for (std::size_t j = 0; j < destinations; ++j)
            problem.destinations.push_back({"S" + std::to_string(j),
                                            "R" + std::to_string(region(rng)),
                                            {{"water", static_cast<double>(qty(rng))}}});
        for (std::size_t i = 0; i < depots; ++i) {
            for (std::size_t j = 0; j < destinations; ++j) {
                // 1 in 10 pairs cut off, except depot 0 which reaches everything.
                if (i > 0 && cut(rng) == 0)
                    problem.duration_s.push_back(std::nullopt);
                else
                    problem.duration_s.push_back(static_cast<double>(time(rng)));
            }
        }
    }

    std::string x(std::size_t i, std::size_t j) const {
        return "x_" + std::to_string(i) + "_" + std::to_string(j);
    }

    // Rows shared by every stage: stock per depot and, per destination, either a fixed delivery
    // (`fixed`), or delivery within [λ·demand, demand].
    std::string rows(const std::vector<double>* fixed) const {
        std::string out;
        const auto& P = problem;
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            Expr e;
            for (std::size_t j = 0; j < P.destinations.size(); ++j) {
                if (P.duration(i, j))
                    e.add(1, x(i, j));
            }
            out += " stock_" + std::to_string(i) + ":" + e.str() +
                   " <= " + number(P.depots[i].stock.at("water")) + "\n";
        }
        for (std::size_t j = 0; j < P.destinations.size(); ++j) {
            Expr e;
            for (std::size_t i = 0; i < P.depots.size(); ++i) {
                if (P.duration(i, j))
                    e.add(1, x(i, j));
            }
            const double d = P.destinations[j].demand.at("water");
            if (fixed) {
                out += " fix_" + std::to_string(j) + ":" + e.str() + " = " + number((*fixed)[j]) +
                       "\n";
            } else {
                out += " cap_" + std::to_string(j) + ":" + e.str() + " <= " + number(d) + "\n";
                Expr f = e;
                f.add(-d, "lambda");
                out += " fair_" + std::to_string(j) + ":" + f.str() + " >= 0\n";
            }
        }
        return out;
    }

    Expr cross() const {
        Expr e;
        const auto& P = problem;
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            for (std::size_t j = 0; j < P.destinations.size(); ++j) {
                if (P.duration(i, j) && P.depots[i].region != P.destinations[j].region)
                    e.add(1, x(i, j));
            }
        }
        return e;
    }

    // The quantity shipped from depots of `tier`.
    Expr from_tier(DepotTier tier) const {
        Expr e;
        const auto& P = problem;
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            for (std::size_t j = 0; j < P.destinations.size(); ++j) {
                if (P.duration(i, j) && P.depots[i].tier == tier)
                    e.add(1, x(i, j));
            }
        }
        return e;
    }

    Expr travel_hours() const {
        Expr e;
        const auto& P = problem;
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            for (std::size_t j = 0; j < P.destinations.size(); ++j) {
                if (P.duration(i, j))
                    e.add(*P.duration(i, j) / 3600.0, x(i, j));
            }
        }
        return e;
    }

    // glpsol's optimum of: least cross-region quantity, then least travel (quantity × hours),
    // with deliveries fixed.
    std::pair<double, double> local_first_then_travel(const test::TempDir& dir,
                                                      const std::vector<double>& fixed) const {
        const std::string constraints = rows(&fixed);
        const double cross_min =
            glpsol(dir, "cross",
                   "Minimize\n obj:" + cross().str() + "\nSubject To\n" + constraints + "End\n");
        const double travel = glpsol(dir, "travel",
                                     "Minimize\n obj:" + travel_hours().str() + "\nSubject To\n" +
                                         constraints + " crossmax:" + cross().str() +
                                         " <= " + number(cross_min + 1e-6) + "\nEnd\n");
        return {cross_min, travel};
    }

    // glpsol's optima of the whole ladder with deliveries fixed: least cross-region quantity,
    // then least quantity from central, province, city and county depots in turn (every stage,
    // none skipped), then least travel; each optimum is held (+10⁻⁶) in the later stages.
    struct Ladder {
        double cross = 0;
        std::array<double, 5> from_tier{};  // by tier (township by difference is not solved)
        double travel_h = 0;
    };
    Ladder ladder_then_travel(const test::TempDir& dir, const std::vector<double>& fixed) const {
        Ladder out;
        std::string constraints = rows(&fixed);
        out.cross =
            glpsol(dir, "lcross",
                   "Minimize\n obj:" + cross().str() + "\nSubject To\n" + constraints + "End\n");
        constraints += " crossmax:" + cross().str() + " <= " + number(out.cross + 1e-6) + "\n";
        for (int t = 4; t >= 1; --t) {
            const Expr e = from_tier(static_cast<DepotTier>(t));
            const std::string name = "tier" + std::to_string(t);
            out.from_tier[t] = glpsol(
                dir, name, "Minimize\n obj:" + e.str() + "\nSubject To\n" + constraints + "End\n");
            constraints +=
                " " + name + "max:" + e.str() + " <= " + number(out.from_tier[t] + 1e-6) + "\n";
        }
        out.travel_h = glpsol(
            dir, "ltravel",
            "Minimize\n obj:" + travel_hours().str() + "\nSubject To\n" + constraints + "End\n");
        return out;
    }
};

}  // namespace

TEST_CASE("Allocation with enough stock equals glpsol: least cross-region, then least travel") {
    std::mt19937 rng(seed());
    test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        // 10 depots × 30 shelters = about 270 variables; stock 3× demand on average.
        const RandomAllocation instance(rng, 10, 30, 3.0 * 30 / 10);
        const AllocationResult r = allocate_relief(instance.problem);
        REQUIRE(r.items.size() == 1);
        INFO("round " << round);
        std::vector<double> demand;
        for (const Destination& d : instance.problem.destinations)
            demand.push_back(d.demand.at("water"));
        // Depot 0 reaches everything and the stock suffices: everyone is served in full.
        REQUIRE(r.items[0].min_fill_rate == Approx(1));
        const auto [cross, travel_h] = instance.local_first_then_travel(dir, demand);
        CHECK(r.items[0].cross_region == Approx(cross).epsilon(1e-7).margin(1e-6));
        CHECK(r.items[0].weighted_travel_s / 3600 == Approx(travel_h).epsilon(1e-7));
    }
}

TEST_CASE("Allocation under shortage equals glpsol: max-min fill rate, then the travel stages") {
    std::mt19937 rng(seed() + 1);
    test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        // Stock about 40 % of demand.
        const RandomAllocation instance(rng, 10, 30, 0.4 * 30 / 10);
        const AllocationResult r = allocate_relief(instance.problem);
        INFO("round " << round);
        const double lambda =
            glpsol(dir, "fair",
                   "Maximize\n obj: lambda\nSubject To\n" + instance.rows(nullptr) +
                       "Bounds\n 0 <= lambda <= 1\nEnd\n");
        REQUIRE(lambda < 1);
        CHECK(r.items[0].min_fill_rate == Approx(lambda).epsilon(1e-6));
        // The travel stages on muster's fair deliveries (they are a fixed point of stage 1:
        // every delivery is at least the max-min share).
        std::vector<double> delivered(instance.problem.destinations.size(), 0.0);
        for (const Fill& f : r.fills)
            delivered[f.destination] = f.delivered;
        for (std::size_t j = 0; j < delivered.size(); ++j) {
            CHECK(delivered[j] >=
                  lambda * instance.problem.destinations[j].demand.at("water") - 1e-5);
        }
        const auto [cross, travel_h] = instance.local_first_then_travel(dir, delivered);
        CHECK(r.items[0].cross_region == Approx(cross).epsilon(1e-6).margin(1e-4));
        CHECK(r.items[0].weighted_travel_s / 3600 == Approx(travel_h).epsilon(1e-6));
    }
}

TEST_CASE("The tier ladder equals glpsol stage by stage: cross-region, central to county, travel") {
    std::mt19937 rng(seed() + 3);
    test::TempDir dir;
    for (int round = 0; round < 4; ++round) {
        // Rounds 0 and 1 with enough stock (3× demand), 2 and 3 short (about 40 %).
        const double factor = round < 2 ? 3.0 * 30 / 10 : 0.4 * 30 / 10;
        const RandomAllocation instance(rng, 10, 30, factor, true);
        const AllocationResult r = allocate_relief(instance.problem);
        REQUIRE(r.items.size() == 1);
        INFO("round " << round);
        // The ladder on muster's deliveries (fixed by the fairness stage, checked above).
        std::vector<double> delivered(instance.problem.destinations.size(), 0.0);
        for (const Fill& f : r.fills)
            delivered[f.destination] = f.delivered;
        const auto ladder = instance.ladder_then_travel(dir, delivered);
        const ItemSummary& s = r.items[0];
        CHECK(s.cross_region == Approx(ladder.cross).epsilon(1e-6).margin(1e-4));
        for (int t = 4; t >= 1; --t) {
            INFO("tier " << to_string(static_cast<DepotTier>(t)));
            CHECK(s.from_tier[t] == Approx(ladder.from_tier[t]).epsilon(1e-6).margin(1e-4));
        }
        CHECK(s.weighted_travel_s / 3600 == Approx(ladder.travel_h).epsilon(1e-6));
        // And the ladder mattered: without it the travel optimum is no worse.
        AllocationParameters off;
        off.local_first = false;
        CHECK(allocate_relief(instance.problem, off).items[0].weighted_travel_s <=
              s.weighted_travel_s * (1 + 1e-9));
    }
}

TEST_CASE("Casualty distribution equals glpsol: placed per category, surge beds, weighted time") {
    std::mt19937 rng(seed() + 2);
    test::TempDir dir;
    std::uniform_int_distribution<int> casualties(0, 12), beds(0, 6), time(5, 90), cut(0, 9);
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        // 6 incidents × 12 hospitals × 3 categories: up to 216 flow variables and 36 surge ones.
        CasualtyProblem p;
        for (int k = 0; k < 6; ++k)
            p.incidents.push_back(
                {"I" + std::to_string(k), {casualties(rng), casualties(rng), casualties(rng)}});
        for (int h = 0; h < 12; ++h)
            p.hospitals.push_back({"H" + std::to_string(h),
                                   {beds(rng) / 2, beds(rng), beds(rng)},
                                   static_cast<std::int64_t>(beds(rng))});
        for (int k = 0; k < 6; ++k) {
            for (int h = 0; h < 12; ++h) {
                if (cut(rng) == 0)
                    p.duration_s.push_back(std::nullopt);
                else
                    p.duration_s.push_back(60.0 * time(rng));
            }
        }
        // A yellow limit of 45 min (transports take 5 to 90), none for green.
        CasualtyParameters params;
        params.limit_s[1] = 45 * 60.0;
        const CasualtyPlan plan = distribute_casualties(p, params);

        // The same model in CPLEX-LP: x_k_h_c on allowed arcs (within the category's limit, red
        // only where there are red beds), s_h_c surge use.
        const char* cat[] = {"r", "y", "g"};
        std::vector<Expr> placed(3);
        Expr weighted;
        std::string rows;
        std::vector<std::vector<Expr>> into(12, std::vector<Expr>(3));
        for (int k = 0; k < 6; ++k) {
            for (int c = 0; c < 3; ++c) {
                Expr out;
                for (int h = 0; h < 12; ++h) {
                    const auto d = p.duration(k, h);
                    const double limit_s = c == 1 ? 45 * 60.0 : c == 0 ? 3600.0 : 1e9;
                    if (!d || *d > limit_s || (c == 0 && p.hospitals[h].beds[0] == 0))
                        continue;
                    const std::string v =
                        "x_" + std::to_string(k) + "_" + std::to_string(h) + "_" + cat[c];
                    out.add(1, v);
                    into[h][c].add(1, v);
                    placed[c].add(1, v);
                    weighted.add(params.weights[c] * *d / 60.0, v);
                }
                rows += " inc_" + std::to_string(k) + cat[c] + ":" + out.str() +
                        " <= " + std::to_string(p.incidents[k].casualties[c]) + "\n";
            }
        }
        Expr opened;
        for (int h = 0; h < 12; ++h) {
            Expr surge;
            for (int c = 0; c < 3; ++c) {
                const std::string s = "s_" + std::to_string(h) + "_" + cat[c];
                Expr bed = into[h][c];
                bed.add(-1, s);
                rows += " bed_" + std::to_string(h) + cat[c] + ":" + bed.str() +
                        " <= " + std::to_string(p.hospitals[h].beds[c]) + "\n";
                surge.add(1, s);
                opened.add(1, s);
            }
            rows += " surge_" + std::to_string(h) + ":" + surge.str() +
                    " <= " + std::to_string(p.hospitals[h].surge) + "\n";
        }
        rows += " nodummy: 0 dummy = 0\n";
        std::string fixed;
        std::array<double, 3> best{};
        for (int c = 0; c < 3; ++c) {
            best[c] = glpsol(
                dir, std::string("max_") + cat[c],
                "Maximize\n obj:" + placed[c].str() + "\nSubject To\n" + rows + fixed + "End\n");
            fixed += std::string(" keep_") + cat[c] + ":" + placed[c].str() +
                     " >= " + number(best[c]) + "\n";
        }
        // Then the fewest surge beds, held in the last stage.
        const double fewest =
            glpsol(dir, "surge",
                   "Minimize\n obj:" + opened.str() + "\nSubject To\n" + rows + fixed + "End\n");
        fixed += " keep_surge:" + opened.str() + " <= " + number(fewest) + "\n";
        const double weighted_min =
            glpsol(dir, "weighted",
                   "Minimize\n obj:" + weighted.str() + "\nSubject To\n" + rows + fixed + "End\n");
        CHECK(plan.placed[0] == std::llround(best[0]));
        CHECK(plan.placed[1] == std::llround(best[1]));
        CHECK(plan.placed[2] == std::llround(best[2]));
        CHECK(plan.surge_used == std::llround(fewest));
        CHECK(plan.weighted_time_s / 60 == Approx(weighted_min).epsilon(1e-9));
        // The plan's surge beds are where its patients exceed the beds, hospital by hospital.
        std::int64_t surge_total = 0;
        for (int h = 0; h < 12; ++h) {
            for (int c = 0; c < 3; ++c) {
                CHECK(plan.hospitals[h].surge[c] ==
                      std::max<std::int64_t>(
                          0, plan.hospitals[h].patients[c] - p.hospitals[h].beds[c]));
                surge_total += plan.hospitals[h].surge[c];
            }
            CHECK(plan.hospitals[h].surge[0] + plan.hospitals[h].surge[1] +
                      plan.hospitals[h].surge[2] <=
                  p.hospitals[h].surge);
        }
        CHECK(surge_total == plan.surge_used);
    }
}

namespace {

// glpsol's optimum in exact rational arithmetic (--exact: its floating-point simplex can stop
// short on these badly scaled litre-and-fill-rate rows), at full precision (its written solution,
// not the 8 digits of its report).
double glpsol_exact(const test::TempDir& dir, const std::string& name, const std::string& lp) {
    const std::string lp_file = dir.write(name + ".lp", lp);
    const std::string sol_file = dir.file(name + ".sol");
    std::string output;
    const int status =
        test::run_command("glpsol --exact --lp '" + lp_file + "' -w '" + sol_file + "'", &output);
    INFO(output);
    REQUIRE(status == 0);
    std::ifstream in(sol_file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string solution = text.str();
    INFO(solution.substr(0, 400));
    REQUIRE(solution.find("OPTIMAL") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(solution, m, std::regex(R"(\ns bas \d+ \d+ f f ([-+0-9.eE]+))")));
    return std::stod(m[1]);
}

// A sparse shortage instance on the scale of a real one: demands of 10^4 to 10^6 L (15 L × 3 days
// for a few hundred to 20,000 persons) and a few depots, each reaching a random third of the
// destinations, so the fair levels differ from one group of destinations to the next.
AllocationProblem large_sparse_shortage(std::mt19937& rng, std::size_t depots,
                                        std::size_t destinations) {
    std::uniform_int_distribution<int> persons(200, 20000), stock(5000, 400000), time(60, 7200),
        third(0, 2);
    AllocationProblem p;
    for (std::size_t i = 0; i < depots; ++i)
        p.depots.push_back({"D" + std::to_string(i),
                            "R" + std::to_string(i % 3),
                            DepotTier::county,
                            {{"water", static_cast<double>(stock(rng))}}});
    for (std::size_t j = 0; j < destinations; ++j)
        p.destinations.push_back({"S" + std::to_string(j),
                                  "R" + std::to_string(j % 3),
                                  {{"water", 45.0 * persons(rng)}}});
    for (std::size_t i = 0; i < depots; ++i) {
        for (std::size_t j = 0; j < destinations; ++j) {
            if (third(rng) == 0)
                p.duration_s.push_back(static_cast<double>(time(rng)));
            else
                p.duration_s.push_back(std::nullopt);
        }
    }
    return p;
}

// The lexicographic max-min fill rates computed by glpsol alone, in litres: maximise the least
// fill rate λ of the open destinations (frozen ones keep their level); then, with λ held, maximise
// each open destination's fill rate on its own and freeze at λ those that cannot exceed it by more
// than 1e-6; repeat. Returns the fill rate per destination (0 for one no depot reaches).
std::vector<double> leximin_by_glpsol(const test::TempDir& dir, const AllocationProblem& P) {
    const auto x = [](std::size_t i, std::size_t j) {
        return "x_" + std::to_string(i) + "_" + std::to_string(j);
    };
    const std::size_t n = P.destinations.size();
    std::vector<double> level(n, 0.0);
    std::vector<bool> open(n, false);
    std::vector<Expr> into(n);
    for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            if (P.duration(i, j))
                into[j].add(1, x(i, j));
        }
        open[j] = into[j].terms > 0;
    }
    const auto rows = [&] {
        std::string out;
        for (std::size_t i = 0; i < P.depots.size(); ++i) {
            Expr e;
            for (std::size_t j = 0; j < n; ++j) {
                if (P.duration(i, j))
                    e.add(1, x(i, j));
            }
            out += " stock_" + std::to_string(i) + ":" + e.str() +
                   " <= " + number(P.depots[i].stock.at("water")) + "\n";
        }
        for (std::size_t j = 0; j < n; ++j) {
            const double d = P.destinations[j].demand.at("water");
            out += " cap_" + std::to_string(j) + ":" + into[j].str() + " <= " + number(d) + "\n";
            if (open[j]) {
                Expr f = into[j];
                f.add(-d, "lambda");
                out += " fair_" + std::to_string(j) + ":" + f.str() + " >= 0\n";
            } else {
                // Slightly below the level glpsol printed, so rounding cannot make it infeasible.
                out += " keep_" + std::to_string(j) + ":" + into[j].str() +
                       " >= " + number(level[j] * d * (1 - 1e-9)) + "\n";
            }
        }
        return out + " nodummy: 0 dummy = 0\n";
    };
    int lp = 0;
    while (std::find(open.begin(), open.end(), true) != open.end()) {
        const double lambda = glpsol_exact(
            dir, "lex" + std::to_string(lp++),
            "Maximize\n obj: lambda\nSubject To\n" + rows() + "Bounds\n 0 <= lambda <= 1\nEnd\n");
        if (lambda >= 1 - 1e-9) {
            for (std::size_t j = 0; j < n; ++j) {
                if (open[j])
                    level[j] = 1;
            }
            break;
        }
        std::vector<std::size_t> stuck;
        for (std::size_t j = 0; j < n; ++j) {
            if (!open[j])
                continue;
            Expr own;
            for (std::size_t i = 0; i < P.depots.size(); ++i) {
                if (P.duration(i, j))
                    own.add(1 / P.destinations[j].demand.at("water"), x(i, j));
            }
            const double best =
                glpsol_exact(dir, "lex" + std::to_string(lp++),
                             "Maximize\n obj:" + own.str() + "\nSubject To\n" + rows() +
                                 "Bounds\n lambda = " + number(lambda * (1 - 1e-9)) + "\nEnd\n");
            if (best <= lambda + 1e-6)
                stuck.push_back(j);
        }
        REQUIRE(!stuck.empty());
        for (std::size_t j : stuck) {
            open[j] = false;
            level[j] = lambda;
        }
    }
    return level;
}

}  // namespace

TEST_CASE("Allocation of large quantities equals glpsol's lexicographic max-min, stage by stage") {
    std::mt19937 rng(seed() + 3);
    test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        const AllocationProblem p = large_sparse_shortage(rng, 6, 15);
        const AllocationResult r = allocate_relief(p);
        REQUIRE(r.items.size() == 1);
        const std::vector<double> expected = leximin_by_glpsol(dir, p);
        double expected_total = 0;
        for (std::size_t j = 0; j < expected.size(); ++j)
            expected_total += expected[j] * p.destinations[j].demand.at("water");
        std::vector<double> fill(p.destinations.size(), -1.0);
        for (const Fill& f : r.fills)
            fill[f.destination] = f.fill_rate;
        for (std::size_t j = 0; j < expected.size(); ++j) {
            INFO("destination " << j);
            CHECK(fill[j] == Approx(expected[j]).margin(1e-5));
        }
        CHECK(r.items[0].delivered == Approx(expected_total).epsilon(1e-6));
        // No usable stock left: a depot with stock to spare serves every destination it reaches
        // in full.
        std::vector<double> used(p.depots.size(), 0.0);
        for (const Shipment& s : r.shipments)
            used[s.depot] += s.quantity;
        for (std::size_t i = 0; i < p.depots.size(); ++i) {
            const double left = p.depots[i].stock.at("water") - used[i];
            CHECK(left >= -1e-6 * p.depots[i].stock.at("water"));
            if (left <= 1e-6 * p.depots[i].stock.at("water"))
                continue;
            for (std::size_t j = 0; j < p.destinations.size(); ++j) {
                INFO("depot " << i << " has " << left << " L left, destination " << j);
                if (p.duration(i, j))
                    CHECK(fill[j] >= 1 - 1e-6);
            }
        }
    }
}

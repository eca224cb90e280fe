// muster's relief solvers against GLPK's glpsol (an independent LP solver, Debian glpk-utils) on
// seeded random instances of a few hundred variables. Each test writes the same problem as a
// CPLEX-LP file, solves it stage by stage with glpsol, and compares the optima. The allocation's
// stages are solved from the problem alone (tests/support/allocation_oracle.hpp: fairness by the
// textbook leximin loop, then each stage with glpsol's own earlier optima held), never from
// muster's answer, which is then evaluated on every stage's objective.
// Seed: MUSTER_TEST_SEED (default 20240601).

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <random>

#include "solvers/relief/allocation.hpp"
#include "solvers/relief/casualties.hpp"
#include "tests/support/allocation_oracle.hpp"
#include "tests/support/glpsol_lp.hpp"
#include "tests/support/random_seed.hpp"
#include "tests/support/temp_dir.hpp"

using namespace muster;
using namespace muster::relief;

namespace {

std::uint32_t seed() {
    return static_cast<std::uint32_t>(test::seed_from_env(20240601));
}

using test::glpk::Expr;
using test::glpk::number;

// A random instance of one item, water. `mixed_tiers`: each depot's tier drawn from the five (else
// every depot is a county one). `cut_in_ten` pairs in 10 are cut off; with 1, depot 0 reaches all.
AllocationProblem random_allocation(std::mt19937& rng, std::size_t depots, std::size_t destinations,
                                    double stock_factor, bool mixed_tiers = false,
                                    int cut_in_ten = 1) {
    std::uniform_int_distribution<int> region(0, 2), time(60, 7200), qty(10, 500), cut(0, 9);
    std::uniform_int_distribution<int> tier(0, 4);
    AllocationProblem p;
    for (std::size_t i = 0; i < depots; ++i) {
        const std::string region_name = "R" + std::to_string(region(rng));
        const DepotTier depot_tier =
            mixed_tiers ? static_cast<DepotTier>(tier(rng)) : DepotTier::county;
        p.depots.push_back({"D" + std::to_string(i),
                            region_name,
                            depot_tier,
                            {{"water", std::round(qty(rng) * stock_factor)}}});
    }
    for (std::size_t j = 0; j < destinations; ++j)
        p.destinations.push_back({"S" + std::to_string(j),
                                  "R" + std::to_string(region(rng)),
                                  {{"water", static_cast<double>(qty(rng))}}});
    for (std::size_t i = 0; i < depots; ++i) {
        for (std::size_t j = 0; j < destinations; ++j) {
            if ((i > 0 || cut_in_ten > 1) && cut(rng) < cut_in_ten)
                p.duration_s.push_back(std::nullopt);
            else
                p.duration_s.push_back(static_cast<double>(time(rng)));
        }
    }
    return p;
}

// One item of muster's problem as the oracle's plain data.
test::AllocationInstance oracle_instance(const AllocationProblem& p, const std::string& item) {
    test::AllocationInstance out;
    for (const SupplyDepot& d : p.depots) {
        const auto it = d.stock.find(item);
        out.depots.push_back(
            {d.id, d.region, std::string(to_string(d.tier)), it == d.stock.end() ? 0 : it->second});
    }
    for (const Destination& d : p.destinations) {
        const auto it = d.demand.find(item);
        out.destinations.push_back({d.id, d.region, it == d.demand.end() ? 0 : it->second});
    }
    out.duration_s = p.duration_s;
    return out;
}

// muster's shipments of `item` as the oracle's flows.
std::vector<test::Flow> plan_of(const AllocationResult& r, const std::string& item) {
    std::vector<test::Flow> out;
    for (const Shipment& s : r.shipments) {
        if (s.item == item)
            out.push_back({s.depot, s.destination, s.quantity});
    }
    return out;
}

// What muster's summary of an item states for a stage.
double summary_value(const ItemSummary& s, test::Stage stage) {
    switch (stage) {
        case test::Stage::cross_region:
            return s.cross_region;
        case test::Stage::from_central:
            return s.from_tier[tier_index(DepotTier::central)];
        case test::Stage::from_province:
            return s.from_tier[tier_index(DepotTier::province)];
        case test::Stage::from_city:
            return s.from_tier[tier_index(DepotTier::city)];
        case test::Stage::from_county:
            return s.from_tier[tier_index(DepotTier::county)];
        case test::Stage::travel:
            return s.weighted_travel_s;
    }
    return -1;
}

// The largest demand or stock: the scale of the LP's tolerances.
double largest_amount(const test::AllocationInstance& p) {
    double out = 0;
    for (const auto& d : p.destinations)
        out = std::max(out, d.demand);
    for (const auto& d : p.depots)
        out = std::max(out, d.stock);
    return out;
}

// muster's plan of water against glpsol's lexicographic optimum (`oracle`, fairness solved),
// stage by stage: every destination's fill rate, then each level of the ladder and the travel
// objective, muster's shipments evaluated on the stage's objective and as its summary states it.
// `fill_margin`: how far a fill rate may differ.
void check_stages(test::AllocationOracle& oracle, const test::AllocationInstance& instance,
                  const AllocationResult& r, double fill_margin) {
    REQUIRE(r.items.size() == 1);
    const std::vector<test::Flow> plan = plan_of(r, "water");
    const double unit = largest_amount(instance);
    test::check_feasible(instance, plan, 1e-6 * unit);
    const std::vector<double> fill = test::fill_rates(instance, plan);
    for (std::size_t j = 0; j < fill.size(); ++j) {
        INFO("destination " << instance.destinations[j].id);
        CHECK(fill[j] == Approx(oracle.fill()[j]).margin(fill_margin));
    }
    std::vector<test::Stage> stages(test::kLadder.begin(), test::kLadder.end());
    stages.push_back(test::Stage::travel);
    for (const test::Stage stage : stages) {
        INFO("stage " << to_string(stage));
        const double best = oracle.minimise(stage);
        CHECK(test::evaluate(instance, stage, plan) ==
              Approx(best).epsilon(1e-6).margin(1e-6 * unit));
        CHECK(summary_value(r.items[0], stage) == Approx(best).epsilon(1e-6).margin(1e-6 * unit));
    }
}

}  // namespace

TEST_CASE("Allocation with enough stock equals glpsol's lexicographic optimum, stage by stage") {
    std::mt19937 rng(seed());
    test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        // 10 depots × 30 shelters = about 270 variables; stock 3× demand on average.
        const AllocationProblem p = random_allocation(rng, 10, 30, 3.0 * 30 / 10);
        const test::AllocationInstance instance = oracle_instance(p, "water");
        test::AllocationOracle oracle(dir, instance, "full" + std::to_string(round));
        check_stages(oracle, instance, allocate_relief(p), 1e-6);
    }
}

TEST_CASE("Allocation under shortage equals glpsol's lexicographic optimum, stage by stage") {
    std::mt19937 rng(seed() + 1);
    test::TempDir dir;
    std::size_t most_levels = 0;
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        // Stock about 40 % of demand; 8 pairs in 10 cut off, so that groups of shelters reach
        // different stock and the fair levels differ (leximin, not only max-min).
        const AllocationProblem p = random_allocation(rng, 10, 30, 0.4 * 30 / 10, false, 8);
        const test::AllocationInstance instance = oracle_instance(p, "water");
        test::AllocationOracle oracle(dir, instance, "short" + std::to_string(round));
        std::vector<double> levels = oracle.fill();
        std::sort(levels.begin(), levels.end());
        REQUIRE(levels.front() < 1);
        levels.erase(std::unique(levels.begin(), levels.end(),
                                 [](double a, double b) { return b - a < 1e-6; }),
                     levels.end());
        most_levels = std::max(most_levels, levels.size());
        check_stages(oracle, instance, allocate_relief(p), 1e-6);
    }
    CHECK(most_levels >= 3);
}

TEST_CASE("The tier ladder equals glpsol stage by stage and changes the travel-only optimum") {
    std::mt19937 rng(seed() + 3);
    test::TempDir dir;
    for (int round = 0; round < 4; ++round) {
        INFO("round " << round);
        // Rounds 0 and 1 with enough stock (3× demand), 2 and 3 short (about 40 %).
        const double factor = round < 2 ? 3.0 * 30 / 10 : 0.4 * 30 / 10;
        const AllocationProblem p = random_allocation(rng, 10, 30, factor, true);
        const AllocationResult r = allocate_relief(p);
        const test::AllocationInstance instance = oracle_instance(p, "water");
        test::AllocationOracle oracle(dir, instance, "ladder" + std::to_string(round));
        // The same fair levels, then travel alone (the ladder's levels after it, each held).
        test::AllocationOracle travel_only = oracle;
        check_stages(oracle, instance, r, 1e-6);

        // The ladder mattered: travel alone is faster, and at the first level of the ladder where
        // the two differ, the travel-only optimum has more (glpsol's least among its optima).
        const std::vector<test::Flow> plan = plan_of(r, "water");
        const double fastest = travel_only.minimise(test::Stage::travel);
        CHECK(fastest < test::evaluate(instance, test::Stage::travel, plan) * (1 - 1e-6));
        const double unit = largest_amount(instance);
        bool differs = false;
        for (const test::Stage stage : test::kLadder) {
            INFO("stage " << to_string(stage));
            const double without = travel_only.minimise(stage);
            const double with = test::evaluate(instance, stage, plan);
            if (std::abs(without - with) > 1e-4 * unit) {
                CHECK(without > with);
                differs = true;
                break;
            }
        }
        CHECK(differs);
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
            best[c] = test::glpk::optimum(
                dir, std::string("max_") + cat[c],
                "Maximize\n obj:" + placed[c].str() + "\nSubject To\n" + rows + fixed + "End\n");
            fixed += std::string(" keep_") + cat[c] + ":" + placed[c].str() +
                     " >= " + number(best[c]) + "\n";
        }
        // Then the fewest surge beds, held in the last stage.
        const double fewest = test::glpk::optimum(
            dir, "surge",
            "Minimize\n obj:" + opened.str() + "\nSubject To\n" + rows + fixed + "End\n");
        fixed += " keep_surge:" + opened.str() + " <= " + number(fewest) + "\n";
        const double weighted_min = test::glpk::optimum(
            dir, "weighted",
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

}  // namespace

TEST_CASE("Allocation of large quantities equals glpsol's lexicographic optimum by stage") {
    std::mt19937 rng(seed() + 3);
    test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        const AllocationProblem p = large_sparse_shortage(rng, 6, 15);
        const AllocationResult r = allocate_relief(p);
        // glpsol in exact arithmetic: its floating-point simplex can stop short on litres of
        // 10^4 to 10^6 beside fill rates.
        const test::AllocationInstance instance = oracle_instance(p, "water");
        test::AllocationOracle oracle(dir, instance, "large" + std::to_string(round), true);
        check_stages(oracle, instance, r, 1e-5);
        // No usable stock left: a depot with stock to spare serves every destination it reaches
        // in full.
        std::vector<double> used(p.depots.size(), 0.0);
        for (const Shipment& s : r.shipments)
            used[s.depot] += s.quantity;
        const std::vector<double> fill = test::fill_rates(instance, plan_of(r, "water"));
        for (std::size_t i = 0; i < p.depots.size(); ++i) {
            const double left = p.depots[i].stock.at("water") - used[i];
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

TEST_CASE("Without the tier ladder glpsol ships 100 L more across regions than muster does") {
    // Shelter S (region A) needs 100 L. Depots: a (A, county, 60 L, 3,000 s away), c (A, central,
    // 100 L, 600 s), b (B, county, 100 L, 60 s). The ladder: nothing across regions, central as
    // little as the region allows: a's 60 L and 40 L from c, 60 × 3,000 + 40 × 600 = 204,000 L·s.
    // Travel alone: all 100 L from b across regions, 6,000 L·s.
    AllocationProblem p;
    p.depots = {{"a", "A", DepotTier::county, {{"water", 60}}},
                {"c", "A", DepotTier::central, {{"water", 100}}},
                {"b", "B", DepotTier::county, {{"water", 100}}}};
    p.destinations = {{"S", "A", {{"water", 100}}}};
    p.duration_s = {3000.0, 600.0, 60.0};
    test::TempDir dir;
    const test::AllocationInstance instance = oracle_instance(p, "water");
    test::AllocationOracle ladder(dir, instance, "hand");
    test::AllocationOracle travel_only = ladder;
    REQUIRE(ladder.fill()[0] == Approx(1));
    CHECK(ladder.minimise(test::Stage::cross_region) == Approx(0).margin(1e-9));
    CHECK(ladder.minimise(test::Stage::from_central) == Approx(40));
    CHECK(ladder.minimise(test::Stage::travel) == Approx(204000));
    CHECK(travel_only.minimise(test::Stage::travel) == Approx(6000));
    CHECK(travel_only.minimise(test::Stage::cross_region) == Approx(100));

    const AllocationResult r = allocate_relief(p);
    const std::vector<test::Flow> plan = plan_of(r, "water");
    CHECK(test::evaluate(instance, test::Stage::cross_region, plan) == Approx(0).margin(1e-9));
    CHECK(test::evaluate(instance, test::Stage::from_central, plan) == Approx(40));
    CHECK(test::evaluate(instance, test::Stage::travel, plan) == Approx(204000));
    AllocationParameters off;
    off.local_first = false;
    const std::vector<test::Flow> fastest = plan_of(allocate_relief(p, off), "water");
    CHECK(test::evaluate(instance, test::Stage::cross_region, fastest) == Approx(100));
    CHECK(test::evaluate(instance, test::Stage::travel, fastest) == Approx(6000));
}

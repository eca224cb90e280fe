#include "solvers/relief/casualties.hpp"

#include <algorithm>
#include <cmath>

#include "engine/errors.hpp"
#include "solvers/relief/detail/linear_program.hpp"

namespace muster::relief {
namespace {

using detail::kInfinity;
using detail::LinearProgram;

void check(const CasualtyProblem& problem, const CasualtyParameters& parameters) {
    if (problem.duration_s.size() != problem.incidents.size() * problem.hospitals.size()) {
        throw InputError("casualties: the duration matrix has " +
                         std::to_string(problem.duration_s.size()) + " entries, expected " +
                         std::to_string(problem.incidents.size()) + " incidents x " +
                         std::to_string(problem.hospitals.size()) + " hospitals");
    }
    for (const Incident& i : problem.incidents) {
        for (Triage c : kTriageOrder) {
            if (i.casualties[static_cast<int>(c)] < 0) {
                throw InputError("incident '" + i.id + "': " + std::string(to_string(c)) +
                                 " casualties must be >= 0");
            }
        }
    }
    for (const ReceivingHospital& h : problem.hospitals) {
        for (Triage c : kTriageOrder) {
            if (h.beds[static_cast<int>(c)] < 0)
                throw InputError("hospital '" + h.id + "': " + std::string(to_string(c)) +
                                 " beds must be >= 0");
        }
        if (h.surge < 0)
            throw InputError("hospital '" + h.id + "': surge beds must be >= 0");
    }
    for (Triage c : kTriageOrder) {
        if (!(parameters.limit_s[static_cast<int>(c)] >= 0))
            throw InputError(std::string(to_string(c)) + " transport limit must be >= 0 s");
    }
    for (double w : parameters.weights) {
        if (!(w >= 0) || !std::isfinite(w))
            throw InputError("triage weights must be finite numbers >= 0");
    }
}

/// May patients of category c go from incident k to hospital h? Their duration if so: a road, some
/// patients, within the category's limit, and for red a hospital with red beds.
std::optional<double> allowed_duration(const CasualtyProblem& problem,
                                       const CasualtyParameters& parameters, std::size_t k,
                                       std::size_t h, int c) {
    const auto d = problem.duration(k, h);
    if (!d || problem.incidents[k].casualties[c] == 0 || *d > parameters.limit_s[c])
        return std::nullopt;
    if (c == static_cast<int>(Triage::red) && problem.hospitals[h].beds[c] == 0)
        return std::nullopt;
    return d;
}

/// A column of the LP: patients of one category from one incident to one hospital.
struct Arc {
    std::size_t incident, hospital;
    int category;
    double duration_s;
};

/// Every allowed arc, by category, incident, hospital.
std::vector<Arc> allowed_arcs(const CasualtyProblem& problem,
                              const CasualtyParameters& parameters) {
    std::vector<Arc> arcs;
    for (int c = 0; c < 3; ++c) {
        for (std::size_t k = 0; k < problem.incidents.size(); ++k) {
            for (std::size_t h = 0; h < problem.hospitals.size(); ++h) {
                if (const auto d = allowed_duration(problem, parameters, k, h, c))
                    arcs.push_back({k, h, c, *d});
            }
        }
    }
    return arcs;
}

/// The flow LP: columns x(arc), then surge(hospital, category) from `surge0` on; rows: each
/// incident's casualties per category, each hospital's beds per category (plus its surge beds of
/// the category), each hospital's surge beds. Returns surge0.
std::size_t build_flow_lp(LinearProgram& lp, const CasualtyProblem& problem,
                          const std::vector<Arc>& arcs) {
    const std::size_t n_inc = problem.incidents.size(), n_hosp = problem.hospitals.size();
    for (std::size_t a = 0; a < arcs.size(); ++a)
        lp.add_column(0.0, kInfinity);
    const std::size_t surge0 = lp.columns();
    for (std::size_t h = 0; h < n_hosp * 3; ++h)
        lp.add_column(0.0, kInfinity);
    std::vector<std::size_t> incident_row(n_inc * 3), bed_row(n_hosp * 3), surge_row(n_hosp);
    for (std::size_t k = 0; k < n_inc; ++k) {
        for (int c = 0; c < 3; ++c)
            incident_row[k * 3 + c] =
                lp.add_row(-kInfinity, static_cast<double>(problem.incidents[k].casualties[c]));
    }
    for (std::size_t h = 0; h < n_hosp; ++h) {
        for (int c = 0; c < 3; ++c) {
            bed_row[h * 3 + c] =
                lp.add_row(-kInfinity, static_cast<double>(problem.hospitals[h].beds[c]));
            lp.add_entry(bed_row[h * 3 + c], surge0 + h * 3 + c, -1.0);
        }
        surge_row[h] = lp.add_row(-kInfinity, static_cast<double>(problem.hospitals[h].surge));
        for (int c = 0; c < 3; ++c)
            lp.add_entry(surge_row[h], surge0 + h * 3 + c, 1.0);
    }
    for (std::size_t a = 0; a < arcs.size(); ++a) {
        lp.add_entry(incident_row[arcs[a].incident * 3 + arcs[a].category], a, 1.0);
        lp.add_entry(bed_row[arcs[a].hospital * 3 + arcs[a].category], a, 1.0);
    }
    return surge0;
}

/// Stage 1: red, then yellow, then green, each as many as possible with the earlier numbers kept.
void place_most_by_category(LinearProgram& lp, const std::vector<Arc>& arcs) {
    for (int c = 0; c < 3; ++c) {
        std::vector<double> objective(lp.columns(), 0.0);
        std::vector<std::size_t> columns;
        for (std::size_t a = 0; a < arcs.size(); ++a) {
            if (arcs[a].category == c) {
                objective[a] = 1.0;
                columns.push_back(a);
            }
        }
        if (columns.empty())
            continue;
        lp.set_objective(objective);
        const double most = std::round(lp.maximise());
        const std::vector<double> ones(columns.size(), 1.0);
        // `most` is whole (the model is a network flow), so it is kept exactly.
        lp.add_row(columns, ones, most, kInfinity);
    }
}

/// Stage 2: the fewest surge beds. Minimising their total, not per hospital, means no patient
/// takes one while a regular bed of the category is free within the limit: moving the patient
/// there would open one fewer.
void open_fewest_surge_beds(LinearProgram& lp, const CasualtyProblem& problem, std::size_t surge0) {
    const bool any_surge = std::any_of(problem.hospitals.begin(), problem.hospitals.end(),
                                       [](const ReceivingHospital& h) { return h.surge > 0; });
    if (!any_surge)
        return;
    std::vector<double> objective(lp.columns(), 0.0);
    std::vector<std::size_t> columns;
    for (std::size_t s = surge0; s < lp.columns(); ++s) {
        objective[s] = 1.0;
        columns.push_back(s);
    }
    lp.set_objective(objective);
    const double fewest = std::round(lp.minimise());
    const std::vector<double> ones(columns.size(), 1.0);
    lp.add_row(columns, ones, -kInfinity, fewest);
}

/// Stage 3: the least severity-weighted transport time (minutes inside the LP); the flows of the
/// optimum go into `plan`.
void least_weighted_time(LinearProgram& lp, const std::vector<Arc>& arcs,
                         const CasualtyParameters& parameters, CasualtyPlan& plan) {
    std::vector<double> objective(lp.columns(), 0.0);
    for (std::size_t a = 0; a < arcs.size(); ++a)
        objective[a] = parameters.weights[arcs[a].category] * arcs[a].duration_s / 60.0;
    lp.set_objective(objective);
    lp.minimise();
    const std::vector<double>& x = lp.solution();
    for (std::size_t a = 0; a < arcs.size(); ++a) {
        // The model is a network flow: the optimum is integral up to the solver's tolerance.
        const auto patients = static_cast<std::int64_t>(std::llround(x[a]));
        if (patients <= 0)
            continue;
        const Arc& arc = arcs[a];
        plan.flows.push_back({arc.incident, arc.hospital, static_cast<Triage>(arc.category),
                              patients, arc.duration_s});
        plan.placed[arc.category] += patients;
        plan.hospitals[arc.hospital].patients[arc.category] += patients;
        plan.weighted_time_s +=
            parameters.weights[arc.category] * arc.duration_s * static_cast<double>(patients);
    }
}

/// Each hospital's patients beyond its beds of their category: the surge beds it opens.
void count_surge(const CasualtyProblem& problem, CasualtyPlan& plan) {
    for (std::size_t h = 0; h < problem.hospitals.size(); ++h) {
        HospitalLoad& load = plan.hospitals[h];
        for (int c = 0; c < 3; ++c) {
            load.surge[c] =
                std::max<std::int64_t>(0, load.patients[c] - problem.hospitals[h].beds[c]);
            load.surge_used += load.surge[c];
        }
        plan.surge_used += load.surge_used;
    }
}

/// Why patients of category c at incident k were left: no road, no hospital allowed, or full.
std::string overflow_reason(const CasualtyProblem& problem, const CasualtyParameters& parameters,
                            std::size_t k, int c) {
    bool any_route = false, any_arc = false;
    for (std::size_t h = 0; h < problem.hospitals.size(); ++h) {
        any_route = any_route || problem.duration(k, h).has_value();
        any_arc = any_arc || allowed_duration(problem, parameters, k, h, c).has_value();
    }
    if (!any_route)
        return "no hospital reachable";
    if (any_arc)
        return "beds full";
    if (c == static_cast<int>(Triage::red))
        return "no hospital with red beds within the red limit";
    return "no hospital within the " + std::string(to_string(static_cast<Triage>(c))) + " limit";
}

/// Overflow per incident and category, with the reason.
void report_overflow(const CasualtyProblem& problem, const CasualtyParameters& parameters,
                     CasualtyPlan& plan) {
    std::vector<TriageCounts> sent(problem.incidents.size(), TriageCounts{});
    for (const CasualtyFlow& f : plan.flows)
        sent[f.incident][static_cast<int>(f.category)] += f.patients;
    for (std::size_t k = 0; k < problem.incidents.size(); ++k) {
        for (int c = 0; c < 3; ++c) {
            const std::int64_t left = problem.incidents[k].casualties[c] - sent[k][c];
            if (left > 0) {
                plan.overflow.push_back(
                    {k, static_cast<Triage>(c), left, overflow_reason(problem, parameters, k, c)});
            }
        }
    }
}

}  // namespace

std::string_view to_string(Triage category) {
    switch (category) {
        case Triage::red:
            return "red";
        case Triage::yellow:
            return "yellow";
        case Triage::green:
            return "green";
    }
    return "?";
}

CasualtyPlan distribute_casualties(const CasualtyProblem& problem,
                                   const CasualtyParameters& parameters) {
    check(problem, parameters);
    CasualtyPlan plan;
    plan.hospitals.assign(problem.hospitals.size(), {});
    for (const Incident& i : problem.incidents) {
        for (int c = 0; c < 3; ++c)
            plan.total[c] += i.casualties[c];
    }
    const std::vector<Arc> arcs = allowed_arcs(problem, parameters);
    if (!arcs.empty()) {
        LinearProgram lp;
        const std::size_t surge0 = build_flow_lp(lp, problem, arcs);
        place_most_by_category(lp, arcs);
        open_fewest_surge_beds(lp, problem, surge0);
        least_weighted_time(lp, arcs, parameters, plan);
    }
    count_surge(problem, plan);
    report_overflow(problem, parameters, plan);
    return plan;
}

}  // namespace muster::relief

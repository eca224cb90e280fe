// Siting benchmark: OR-Library p-median (pmed1-40, Beasley 1985) and capacitated warehouse
// location (cap41-cap134, Beasley 1988) against their published optima. Per instance: value,
// optimum, gap to the optimum, proven bound, time, method; then totals and peak memory.
//
//   bench_siting [--pmed DIR] [--cap DIR] [--only NAME] [--time-limit S]
//
// Data: bench/data/orlib-pmed and bench/data/orlib-cap (see their PROVENANCE.md for the format
// traps: CRLF, duplicate edges where the last one counts, no newline at the end of pmedopt.txt).

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "solvers/siting/siting_models.hpp"

namespace {

using muster::SitingInstance;

/// Whitespace-separated tokens of a file (CR counts as whitespace).
std::vector<std::string> tokens(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    std::vector<std::string> out;
    std::string token;
    while (in >> token) {
        token.erase(std::remove(token.begin(), token.end(), '\r'), token.end());
        if (!token.empty())
            out.push_back(token);
    }
    return out;
}

/// "name value" pairs of pmedopt.txt / capopt.txt (a header line is skipped: non-numeric values).
std::map<std::string, double> optima(const std::filesystem::path& path) {
    const std::vector<std::string> t = tokens(path);
    std::map<std::string, double> out;
    for (std::size_t k = 0; k + 1 < t.size(); ++k) {
        char* end = nullptr;
        const double value = std::strtod(t[k + 1].c_str(), &end);
        if (end != t[k + 1].c_str() && *end == '\0' &&
            t[k].find_first_of("0123456789") != std::string::npos &&
            std::isalpha(static_cast<unsigned char>(t[k][0]))) {
            out[t[k]] = value;
            ++k;
        }
    }
    return out;
}

/// A pmed file: vertices, edges (last cost of a repeated edge wins), p; all-pairs shortest paths
/// by Floyd-Warshall; every vertex is a demand point of weight 1 and a candidate site.
SitingInstance read_pmed(const std::filesystem::path& path, std::size_t* p) {
    const std::vector<std::string> t = tokens(path);
    const std::size_t n = std::stoul(t.at(0)), edges = std::stoul(t.at(1));
    *p = std::stoul(t.at(2));
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d(n * n, inf);
    for (std::size_t i = 0; i < n; ++i)
        d[i * n + i] = 0;
    for (std::size_t e = 0; e < edges; ++e) {
        const std::size_t a = std::stoul(t.at(3 + 3 * e)) - 1, b = std::stoul(t.at(4 + 3 * e)) - 1;
        const double c = std::stod(t.at(5 + 3 * e));
        d[a * n + b] = d[b * n + a] = c;
    }
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t i = 0; i < n; ++i) {
            const double dik = d[i * n + k];
            if (dik == inf)
                continue;
            double* row = &d[i * n];
            const double* via = &d[k * n];
            for (std::size_t j = 0; j < n; ++j)
                row[j] = std::min(row[j], dik + via[j]);
        }
    }
    SitingInstance instance = muster::make_siting_instance(n, n);
    instance.costs = std::move(d);
    return instance;
}

/// A cap file: m sites (capacity, fixed cost), n customers (demand, then the cost of serving ALL of
/// the demand from each site). Per-unit costs are c_ij / d_j, so that weight x cost = c_ij.
SitingInstance read_cap(const std::filesystem::path& path) {
    const std::vector<std::string> t = tokens(path);
    std::size_t at = 0;
    const std::size_t m = std::stoul(t.at(at++)), n = std::stoul(t.at(at++));
    SitingInstance instance = muster::make_siting_instance(n, m);
    for (std::size_t j = 0; j < m; ++j) {
        instance.capacity[j] = std::stod(t.at(at++));
        instance.fixed_cost[j] = std::stod(t.at(at++));
    }
    for (std::size_t i = 0; i < n; ++i) {
        const double demand = std::stod(t.at(at++));
        instance.weights[i] = demand;
        for (std::size_t j = 0; j < m; ++j) {
            const double total = std::stod(t.at(at++));
            instance.costs[i * m + j] = demand > 0 ? total / demand : 0;
        }
    }
    return instance;
}

struct Totals {
    int count = 0, matched = 0;
    double seconds = 0, worst_seconds = 0, worst_gap = 0;
};

void report(const std::string& name, const muster::SitingResult& r, double optimum,
            double tolerance, Totals& totals) {
    const double gap = (r.objective - optimum) / optimum;
    const bool match =
        std::abs(r.objective - optimum) <= tolerance * std::max(1.0, std::abs(optimum));
    std::printf("%-8s %16.3f %16.3f %9.2e %16.3f %9.2e %8.2f  %s%s\n", name.c_str(), r.objective,
                optimum, gap, r.bound, r.gap, r.seconds, r.method.c_str(),
                match ? "" : "  MISMATCH");
    std::fflush(stdout);
    ++totals.count;
    totals.matched += match ? 1 : 0;
    totals.seconds += r.seconds;
    totals.worst_seconds = std::max(totals.worst_seconds, r.seconds);
    totals.worst_gap = std::max(totals.worst_gap, std::abs(gap));
}

void print_totals(const char* what, const Totals& t) {
    std::printf(
        "%s: %d/%d at the published optimum, total %.2f s, slowest %.2f s, largest gap to optimum "
        "%.2e\n\n",
        what, t.matched, t.count, t.seconds, t.worst_seconds, t.worst_gap);
}

std::string header() {
    return "instance            value          optimum   opt gap            bound  own gap  time s "
           " method\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path pmed_dir = std::filesystem::path(MUSTER_BENCH_DATA) / "orlib-pmed";
    std::filesystem::path cap_dir = std::filesystem::path(MUSTER_BENCH_DATA) / "orlib-cap";
    std::string only;
    muster::SitingOptions options;
    for (int k = 1; k < argc; ++k) {
        const std::string arg = argv[k];
        if (arg == "--pmed" && k + 1 < argc)
            pmed_dir = argv[++k];
        else if (arg == "--cap" && k + 1 < argc)
            cap_dir = argv[++k];
        else if (arg == "--only" && k + 1 < argc)
            only = argv[++k];
        else if (arg == "--time-limit" && k + 1 < argc)
            options.time_limit_s = std::stod(argv[++k]);
        else {
            std::cerr
                << "usage: bench_siting [--pmed DIR] [--cap DIR] [--only NAME] [--time-limit S]\n";
            return 2;
        }
    }
    try {
        std::printf("siting benchmark, time limit %.0f s per instance\n\n", options.time_limit_s);
        const auto pmed_optima = optima(pmed_dir / "pmedopt.txt");
        Totals pmed_totals;
        std::printf("OR-Library p-median\n%s", header().c_str());
        for (int k = 1; k <= 40; ++k) {
            const std::string name = "pmed" + std::to_string(k);
            if (!only.empty() && only != name)
                continue;
            std::size_t p = 0;
            const SitingInstance instance = read_pmed(pmed_dir / (name + ".txt"), &p);
            options.p = p;
            const muster::SitingResult r =
                muster::solve_siting(muster::SitingModel::pmedian, instance, options);
            report(name, r, pmed_optima.at(name), 1e-9, pmed_totals);
        }
        print_totals("p-median", pmed_totals);

        const auto cap_optima = optima(cap_dir / "capopt.txt");
        Totals cap_totals;
        std::printf("OR-Library capacitated facility location\n%s", header().c_str());
        // In the published order (cap41 ... cap134), not the map's lexicographic one.
        std::vector<std::pair<int, std::string>> cap_names;
        for (const auto& entry : cap_optima) {
            if (entry.first.rfind("cap", 0) == 0 && entry.first.size() > 3 &&
                std::isdigit(static_cast<unsigned char>(entry.first[3]))) {
                cap_names.emplace_back(std::stoi(entry.first.substr(3)), entry.first);
            }
        }
        std::sort(cap_names.begin(), cap_names.end());
        for (const auto& [number, name] : cap_names) {
            const double optimum = cap_optima.at(name);
            if (name.rfind("cap", 0) != 0 || !std::filesystem::exists(cap_dir / (name + ".txt")))
                continue;
            if (!only.empty() && only != name)
                continue;
            const SitingInstance instance = read_cap(cap_dir / (name + ".txt"));
            const muster::SitingResult r =
                muster::solve_siting(muster::SitingModel::cflp, instance, options);
            report(name, r, optimum, 1e-6, cap_totals);
        }
        print_totals("capacitated facility location", cap_totals);
        std::printf("peak memory %.1f MB\n", muster::bench::peak_rss_mb());
    } catch (const std::exception& e) {
        std::cerr << "bench_siting: " << e.what() << '\n';
        return 1;
    }
    return 0;
}

#include "solvers/nearest.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/network_location.hpp"
#include "solvers/detail/path_route.hpp"

namespace muster {
namespace {

// Where the search meets a facility: a node of one of its seeds.
struct Meeting {
    NodeId node;
    std::uint32_t facility;
    std::uint32_t seed;  // into that facility's seeds
};

constexpr std::uint32_t kDirect = UINT32_MAX;  // best.seed of a trip along the incident's piece

struct Candidate {
    std::uint64_t duration_ms = UINT64_MAX;
    std::uint64_t length_mm = UINT64_MAX;
    std::uint32_t seed = kDirect;
};

// The k smallest candidates as (duration, facility), sorted: ties by facility index.
class TopK {
  public:
    explicit TopK(std::size_t k) : m_k(k) {}
    void update(std::uint64_t duration, std::size_t facility) {
        const auto old = std::find_if(m_entries.begin(), m_entries.end(),
                                      [facility](const auto& e) { return e.second == facility; });
        if (old != m_entries.end())
            m_entries.erase(old);
        const std::pair entry{duration, facility};
        m_entries.insert(std::lower_bound(m_entries.begin(), m_entries.end(), entry), entry);
        if (m_entries.size() > m_k)
            m_entries.pop_back();
    }
    bool full() const { return m_entries.size() == m_k; }
    std::uint64_t worst() const { return m_entries.back().first; }
    const std::vector<std::pair<std::uint64_t, std::size_t>>& entries() const { return m_entries; }

  private:
    std::size_t m_k;
    std::vector<std::pair<std::uint64_t, std::size_t>> m_entries;
};

}  // namespace

std::vector<NearestResult> nearest_facilities(const RoutingGraph& graph, const Metric& metric,
                                              const Snap& incident,
                                              std::span<const Snap> facilities, std::size_t k,
                                              TravelDirection direction, Dijkstra& search) {
    const RoadNetwork& network = graph.network();
    const bool to_incident = direction == TravelDirection::to_incident;
    if (search.direction() != (to_incident ? Direction::backward : Direction::forward) ||
        &search.network() != &network) {
        throw ContractError(
            to_incident
                ? "nearest to an incident needs a backward search over the graph's network"
                : "nearest from an incident needs a forward search over the graph's network");
    }
    k = std::min(k, facilities.size());
    std::vector<NearestResult> results;
    if (k == 0)
        return results;

    // The incident's side seeds the search; each facility's side is met where the search settles
    // one of its seeds' nodes. A team drives to the incident: the search runs backwards from the
    // incident's arrivals and meets the team's departures.
    const auto sources =
        to_incident ? arrivals(network, metric, incident) : departures(network, metric, incident);
    std::vector<std::vector<Seed>> facility_seeds(facilities.size());
    std::vector<Meeting> meetings;
    std::vector<Candidate> best(facilities.size());
    TopK top(k);
    for (std::uint32_t f = 0; f < facilities.size(); ++f) {
        facility_seeds[f] = to_incident ? departures(network, metric, facilities[f])
                                        : arrivals(network, metric, facilities[f]);
        for (std::uint32_t s = 0; s < facility_seeds[f].size(); ++s)
            meetings.push_back({facility_seeds[f][s].node, f, s});
        const auto direct = to_incident ? direct_on_piece(network, metric, facilities[f], incident)
                                        : direct_on_piece(network, metric, incident, facilities[f]);
        if (direct) {
            best[f] = {direct->duration_ms, direct->length_mm, kDirect};
            top.update(direct->duration_ms, f);
        }
    }
    std::sort(meetings.begin(), meetings.end(),
              [](const Meeting& a, const Meeting& b) { return a.node < b.node; });

    search.clear();
    for (const Seed& s : sources)
        search.add_source(s.node, s.duration_ms, s.length_mm);
    // A facility not yet final costs at least the next node's duration (its last stretch is >= 0):
    // once that exceeds the k-th best, the k best are final. Strictly exceeds: a facility of equal
    // duration and smaller index may still be met at this duration.
    while (!(top.full() && search.next_duration_ms() > top.worst())) {
        const auto settled = search.settle_next(metric);
        if (!settled)
            break;
        const NodeId u = *settled;
        auto [first, last] =
            std::equal_range(meetings.begin(), meetings.end(), Meeting{u, 0, 0},
                             [](const Meeting& a, const Meeting& b) { return a.node < b.node; });
        for (auto it = first; it != last; ++it) {
            const Seed& seed = facility_seeds[it->facility][it->seed];
            const std::uint64_t d = search.duration_ms(u) + seed.duration_ms;
            const std::uint64_t l = search.length_mm(u) + seed.length_mm;
            const Candidate& old = best[it->facility];
            if (d < old.duration_ms || (d == old.duration_ms && l < old.length_mm)) {
                best[it->facility] = {d, l, it->seed};
                top.update(d, it->facility);
            }
        }
    }

    for (const auto& [duration, f] : top.entries()) {
        NearestResult result{f, std::nullopt};
        const Snap& at = facilities[f];
        if (best[f].seed == kDirect) {
            const auto direct = to_incident ? direct_on_piece(network, metric, at, incident)
                                            : direct_on_piece(network, metric, incident, at);
            result.route = to_incident ? detail::direct_route(network, *direct, at, incident)
                                       : detail::direct_route(network, *direct, incident, at);
        } else {
            result.route = detail::tree_route(network, graph.reverse(), search, sources, incident,
                                              facility_seeds[f][best[f].seed], at);
        }
        results.push_back(std::move(result));
    }
    // Fewer than k reachable: the search ran out, so every facility without a candidate is
    // unreachable. List them (by index) so none is mistaken for a near one.
    for (std::size_t f = 0; f < facilities.size() && results.size() < k; ++f) {
        if (best[f].duration_ms == UINT64_MAX)
            results.push_back({f, std::nullopt});
    }
    return results;
}

FacilityBuckets::FacilityBuckets(const cch::CchMetric& metric, std::span<const Snap> facilities,
                                 TravelDirection direction)
    : m_metric(metric), m_facilities(facilities.begin(), facilities.end()), m_direction(direction) {
    rebuild();
}

FacilityBuckets::FacilityBuckets(const cch::CchMetric& metric, std::span<const Snap> facilities,
                                 TravelDirection direction,
                                 std::span<const std::span<const cch::BucketEntry>> swept)
    : m_metric(metric), m_facilities(facilities.begin(), facilities.end()), m_direction(direction) {
    if (swept.size() != facilities.size())
        throw ContractError("FacilityBuckets needs one sweep per facility");
    m_buckets.assemble(swept);
}

std::vector<cch::BucketEntry> FacilityBuckets::sweep_facility(const cch::CchMetric& metric,
                                                              const Snap& facility,
                                                              TravelDirection direction,
                                                              cch::TreeSweep& sweep) {
    // Teams drive to the incident: their paths leave them, upward arcs forward.
    const bool to_incident = direction == TravelDirection::to_incident;
    const auto seeds = to_incident ? departures(metric.network(), metric.metric(), facility)
                                   : arrivals(metric.network(), metric.metric(), facility);
    return cch::sweep_item(
        metric, seeds, to_incident ? cch::SweepDirection::forward : cch::SweepDirection::backward,
        sweep);
}

void FacilityBuckets::rebuild() {
    cch::TreeSweep sweep;
    std::vector<std::vector<cch::BucketEntry>> swept;
    swept.reserve(m_facilities.size());
    for (const Snap& facility : m_facilities)
        swept.push_back(sweep_facility(m_metric, facility, m_direction, sweep));
    m_buckets.assemble(std::vector<std::span<const cch::BucketEntry>>(swept.begin(), swept.end()));
}

std::vector<RankedFacility> rank_facilities(const RoutingGraph& graph,
                                            const FacilityBuckets& facilities, const Snap& incident,
                                            std::size_t k, cch::CchQuery& query) {
    const RoadNetwork& network = graph.network();
    const cch::CchMetric& metric = facilities.metric();
    if (&metric.network() != &network || &query.topology() != &metric.topology()) {
        throw ContractError(
            "nearest_facilities needs facility buckets of the graph's network and a query on them");
    }
    const Metric& durations = metric.metric();
    const bool to_incident = facilities.direction() == TravelDirection::to_incident;
    const std::span<const Snap> snaps = facilities.facilities();
    k = std::min(k, snaps.size());
    std::vector<RankedFacility> ranked;
    if (k == 0)
        return ranked;

    cch::TreeSweep& sweep = to_incident ? query.backward_sweep() : query.forward_sweep();
    const auto seeds = to_incident ? arrivals(network, durations, incident)
                                   : departures(network, durations, incident);
    sweep.run(metric, seeds,
              to_incident ? cch::SweepDirection::backward : cch::SweepDirection::forward);
    std::vector<cch::Weight> best(snaps.size());
    facilities.buckets().scan(sweep, best);
    std::vector<std::size_t> reachable;
    for (std::size_t f = 0; f < snaps.size(); ++f) {
        const auto direct = to_incident ? direct_on_piece(network, durations, snaps[f], incident)
                                        : direct_on_piece(network, durations, incident, snaps[f]);
        if (direct)
            best[f] = std::min(best[f], cch::pack(direct->duration_ms, direct->length_mm));
        if (best[f] != cch::kInfinity)
            reachable.push_back(f);
    }
    // Nearest first by duration, ties by index (as the Dijkstra version orders them).
    const std::size_t found = std::min(k, reachable.size());
    std::partial_sort(reachable.begin(), reachable.begin() + static_cast<std::ptrdiff_t>(found),
                      reachable.end(), [&best](std::size_t a, std::size_t b) {
                          const auto da = cch::duration_ms(best[a]), db = cch::duration_ms(best[b]);
                          return da != db ? da < db : a < b;
                      });
    for (std::size_t i = 0; i < found; ++i) {
        const std::size_t f = reachable[i];
        ranked.push_back({f, cch::duration_ms(best[f]) / 1000.0, cch::length_mm(best[f]) / 1000.0});
    }
    for (std::size_t f = 0; f < snaps.size() && ranked.size() < k; ++f) {
        if (best[f] == cch::kInfinity)
            ranked.push_back({f, std::nullopt, std::nullopt});
    }
    return ranked;
}

std::vector<NearestResult> nearest_facilities(const RoutingGraph& graph,
                                              const FacilityBuckets& facilities,
                                              const Snap& incident, std::size_t k,
                                              cch::CchQuery& query) {
    const cch::CchMetric& metric = facilities.metric();
    const bool to_incident = facilities.direction() == TravelDirection::to_incident;
    const std::span<const Snap> snaps = facilities.facilities();
    std::vector<NearestResult> results;
    for (const RankedFacility& r : rank_facilities(graph, facilities, incident, k, query)) {
        const std::size_t f = r.facility;
        if (!r.duration_s) {
            results.push_back({f, std::nullopt});
            continue;
        }
        results.push_back({f, to_incident
                                  ? fastest_route(graph, metric, snaps[f], incident, query)
                                  : fastest_route(graph, metric, incident, snaps[f], query)});
    }
    return results;
}

}  // namespace muster

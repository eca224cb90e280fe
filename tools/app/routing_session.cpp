#include "tools/app/routing_session.hpp"

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "geodata/routing_loader.hpp"
#include "tools/app/hazard_scenario.hpp"
#include "tools/app/number_text.hpp"

namespace muster::tools {

RoutingSession::RoutingSession(const std::string& database, Profile profile,
                               const HazardOptions& hazards)
    : RoutingSession(ResourceDb::open_existing(database), profile, hazards) {}

RoutingSession::RoutingSession(const ResourceDb& db, Profile profile, const HazardOptions& hazards)
    : RoutingSession(db, std::make_shared<const Resources>(db.resources()), profile, hazards) {}

AdHocHazards read_ad_hoc_hazards(const std::vector<std::string>& sources) {
    AdHocHazards out;
    for (const std::string& source : sources) {
        auto read = read_hazard_source(source);
        out.zones.insert(out.zones.end(), read.items.begin(), read.items.end());
        out.problems.insert(out.problems.end(), read.problems.begin(), read.problems.end());
    }
    return out;
}

RoutingSession::RoutingSession(const ResourceDb& db, std::shared_ptr<const Resources> resources,
                               Profile profile, const HazardOptions& hazards)
    : RoutingSession(db, std::move(resources), profile, hazards,
                     read_ad_hoc_hazards(hazards.sources)) {}

RoutingSession::RoutingSession(const ResourceDb& db, std::shared_ptr<const Resources> resources,
                               Profile profile, const HazardOptions& hazards,
                               const AdHocHazards& ad_hoc, Progress* progress)
    : m_resources(std::move(resources)),
      m_graph(load_routing_graph(db, profile, progress)),
      m_hazard_problems(ad_hoc.problems) {
    if (hazards.stored)
        m_hazards = m_resources->hazards;
    m_hazards.insert(m_hazards.end(), ad_hoc.zones.begin(), ad_hoc.zones.end());
    if (hazards.ferries_closed)
        m_hazards.push_back(all_ferries_closed());
    if (m_hazards.empty()) {
        m_metric = m_graph.base();
        m_cch = &m_graph.base_cch();
        return;
    }
    const ProgressStep customize(
        progress,
        "customize the " + std::string(to_string(profile)) + " hierarchy under the hazards",
        "nodes");
    m_metric = apply_hazards(m_graph, m_graph.base(), m_hazards);
    // The graph's own hierarchy, brought up to date for the edges the zones change, rather than
    // a second one customized beside it: one hierarchy held, not two (70 bytes a node on a
    // province), and a partial customization instead of a full one.
    std::vector<EdgeId> changed;
    for (EdgeId e : m_graph.network().edges()) {
        if (m_metric.duration_ms[e] != m_graph.base().duration_ms[e])
            changed.push_back(e);
    }
    m_own_cch = std::make_unique<cch::CchMetric>(std::move(*m_graph.release_base_cch()), m_metric);
    m_own_cch->update(changed);
    m_cch = m_own_cch.get();
    customize.finish(m_graph.network().node_count());
}

const cch::CchMetric& RoutingSession::customized() const {
    if (!m_cch)
        throw ContractError("the session's customized hierarchy was given away");
    return *m_cch;
}

std::unique_ptr<cch::CchMetric> RoutingSession::release_customized() {
    m_cch = nullptr;
    return m_own_cch ? std::move(m_own_cch) : m_graph.release_base_cch();
}

std::string hazard_summary(const std::vector<HazardZone>& hazards) {
    if (hazards.empty())
        return "no hazards";
    std::string out = "hazards: ";
    for (std::size_t i = 0; i < hazards.size(); ++i) {
        const HazardZone& z = hazards[i];
        out += (i ? ", " : "") + z.id + " (" +
               (z.effect == HazardEffect::closed ? std::string("closed")
                                                 : "slow x" + fixed(z.speed_factor, 2)) +
               (z.road_class.empty() ? "" : ", " + z.road_class + " only") + ")";
    }
    return out;
}

}  // namespace muster::tools

#pragma once
// Everything one command-line routing query needs, loaded from a resource database: its
// resources, the network of one profile and the metric under the hazards in force.
//
// Hazards: the zones stored in the database apply unless `stored` is false (--no-db-hazards);
// zones read from ad-hoc polygon sources (--hazards SRC) apply on top, and the closure of every
// ferry (--no-ferries) last.

#include <memory>
#include <string>
#include <vector>

#include "engine/problem.hpp"
#include "engine/resources.hpp"
#include "engine/routing_graph.hpp"
#include "geodata/progress.hpp"
#include "geodata/resource_db.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// Which hazard zones apply.
struct HazardOptions {
    bool stored = true;                ///< apply the database's hazard zones
    std::vector<std::string> sources;  ///< ad-hoc polygon sources, PATH[:LAYER][?WHERE]
    bool ferries_closed = false;       ///< every ferry out of service (all_ferries_closed())
};

/// The zones of the ad-hoc hazard sources, and what was wrong in them.
struct AdHocHazards {
    std::vector<HazardZone> zones;
    std::vector<Problem> problems;  ///< polygons repaired or skipped
};

/// Reads each source in order (read_hazard_source). Throws InputError for an unreadable one.
AdHocHazards read_ad_hoc_hazards(const std::vector<std::string>& sources);

/// A loaded database, network and metric for the queries of one command.
class RoutingSession {
  public:
    /// Opens the database and loads. Throws InputError for a missing database, a missing network
    /// of the profile or an unreadable hazard source; DataError for a corrupt network.
    RoutingSession(const std::string& database, Profile profile, const HazardOptions& hazards);
    /// Loads from a database already open, whose resources the caller has read (`muster serve`
    /// reads them once for its live state and every profile). Throws as above.
    RoutingSession(const ResourceDb& db, std::shared_ptr<const Resources> resources,
                   Profile profile, const HazardOptions& hazards);
    /// As above, with hazards.sources already read as `ad_hoc` (`muster serve` reads them once
    /// for every profile). Throws as above, but for the sources.
    /// `progress` (if any) is told the loading, building and customizing as steps.
    RoutingSession(const ResourceDb& db, std::shared_ptr<const Resources> resources,
                   Profile profile, const HazardOptions& hazards, const AdHocHazards& ad_hoc,
                   Progress* progress = nullptr);
    RoutingSession(const RoutingSession&) = delete;
    RoutingSession& operator=(const RoutingSession&) = delete;

    /// A context referring to this session's members (valid while the session lives).
    QueryContext context() const {
        return {m_graph, m_metric, *m_resources, m_hazards, kDefaultSnapLimitM, m_cch};
    }
    /// The network of the session's profile, with its indexes.
    const RoutingGraph& graph() const { return m_graph; }
    /// The graph's hierarchy customized for the metric under hazards(). Throws ContractError
    /// once released. Under hazards it is the graph's own, taken (graph().has_base_cch() is
    /// then false) and brought up to date for them.
    const cch::CchMetric& customized() const;
    /// Gives the hierarchy customized for the metric under hazards() away (`muster serve`'s
    /// first hazard scenario takes it, rebound to a metric of its own, rather than copy it).
    /// context() then has no hierarchy: queries on it search by Dijkstra.
    std::unique_ptr<cch::CchMetric> release_customized();
    /// The zones in force: the stored ones (unless left out), then the ad-hoc ones.
    const std::vector<HazardZone>& hazards() const { return m_hazards; }
    /// Problems of the ad-hoc hazard sources (polygons repaired or skipped).
    const std::vector<Problem>& hazard_problems() const { return m_hazard_problems; }

  private:
    RoutingSession(const ResourceDb& db, Profile profile, const HazardOptions& hazards);

    std::shared_ptr<const Resources> m_resources;  // shared with serve's live state
    RoutingGraph m_graph;
    std::vector<HazardZone> m_hazards;
    std::vector<Problem> m_hazard_problems;
    Metric m_metric;
    // The hierarchy customized for m_metric: the graph's own when no hazard is in force (a
    // province's takes seconds and 70 bytes a node), else the session's.
    std::unique_ptr<cch::CchMetric> m_own_cch;
    const cch::CchMetric* m_cch = nullptr;
};

/// "no hazards" or "hazards: z1 (closed), z2 (slow x0.5)": what the metric was computed under.
std::string hazard_summary(const std::vector<HazardZone>& hazards);

}  // namespace muster::tools

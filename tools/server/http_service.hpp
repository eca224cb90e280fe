#pragma once
// The HTTP face of the routing queries (`muster serve`): a request (method, path, query
// parameters, body) in, a status and a JSON body out. Parameters have the command line's names
// (at, to, kind, status, region, k, direction, from, sources, targets, minutes, profile,
// coordinates: wgs84, gcj02 or bd09, the system of the points given and answered) and are
// parsed, answered and written by the same query layer (tools/app/query_params.hpp,
// tools/app/*_query.hpp, tools/present/routing_json.hpp); a POST carries them as a JSON object.
//
// The planning and relief queries answer as their commands' --format json does: GET or POST
// /coverage (cell-m, emergency-m, fixed-m, central-m; the walk network), POST /allocate and POST
// /mci with a JSON body whose members have the command line's option names and carry the
// command line's files inline (tools/server/relief_json_inputs.hpp). No request makes the server
// read a file.
//
// Hazards change while the service runs: POST /hazards adds a zone (a GeoJSON Feature,
// tools/server/hazard_geojson.hpp) and answers its id, DELETE /hazards/{id} lifts one, GET /hazards
// lists them. A change is stored in the database's hazard table with its event before it is
// answered (tools/app/stored_hazards.hpp), so a restart serves the same zones. Each query runs on
// the scenario in force when it starts (tools/app/hazard_scenario.hpp) and every answer says
// which: "hazards": {"version": N, "ids": [...]}.
//
// Teams change too: PATCH /teams/{id} (tools/server/team_change_json.hpp) sets a team's status
// and position, stored in the database with its event before it is answered
// (tools/app/live_resources.hpp); GET /teams and /teams/{id} show them, GET /events?since=N pages
// through the event log. GET /events/stream follows it live: the front streams it
// (tools/server/event_stream.hpp) from what committed_events_since and subscribe give. So do the
// facilities change: PATCH /shelters/{id} (status, occupancy), /hospitals/{id} (free and surge
// beds), /depots/{id} (stock), tools/server/facility_change_json.hpp; GET /shelters, /hospitals,
// /depots and their ids show them (tools/server/facility_endpoints.cpp). Every query answers on
// the state in force when it starts and says which: "state": {"version": N}.
//
// The console's map (tools/server/map_endpoints.cpp): GET
// /map/roads?bbox=MINLON,MINLAT,MAXLON,MAXLAT answers the pieces of road in the box as a GeoJSON
// FeatureCollection (min_class= the lowest class wanted, profile= the network), at most 20,000, the
// highest classes kept ("truncated"); GET /townships answers the townships (id, name,
// population, region, area) as a GeoJSON FeatureCollection; GET /search?q=TEXT&limit=N answers
// the townships, roads, facilities and teams whose name (or id) contains the text, best first
// (tools/app/place_search.hpp). The console's own files are answered before the service
// (tools/server/static_files.hpp).
//
// Incidents (tools/server/incident_endpoints.cpp): POST /incidents records one, GET /incidents
// lists them, GET and PATCH /incidents/{id}, POST /incidents/{id}/dispatch sends teams (named, or
// the nearest available by drive time) and POST /incidents/{id}/close closes it.
//
// Errors are `{"code", "message"}` bodies with the status http_status gives their code
// (tools/app/error_codes.hpp): 400 bad or missing parameter or JSON, 404 unknown path, entity id,
// hazard id, incident or no facility matching the filters, 405 wrong method, 409 a hazard id
// already in force or a change the state refuses (a closed incident, a team not available), 422
// point too far from any road or no route, 500 anything else. Writes need a token
// (tools/server/access.hpp): 401 with a WWW-Authenticate challenge without a valid one, 403 for a
// role that may not or a service started without --tokens. This file knows nothing of sockets;
// tools/server/http_front.hpp puts it behind sockets.
//
// Thread safety: handle() may be called from many threads at once. The networks are loaded once
// and only read; each call borrows its own search state from a pool; hazard updates are
// serialized and published atomically (LiveHazards).

#include <nlohmann/json.hpp>

#include <csignal>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geodata/resource_db.hpp"
#include "tools/app/change_listener.hpp"
#include "tools/app/facility_buckets_cache.hpp"
#include "tools/app/hazard_scenario.hpp"
#include "tools/app/live_resources.hpp"
#include "tools/app/place_search.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/road_map_geometry.hpp"
#include "tools/app/routing_session.hpp"
#include "tools/app/stored_hazards.hpp"
#include "tools/server/access.hpp"

namespace muster::tools {

struct HttpRequest {
    std::string method;                                      ///< GET, POST, HEAD, ...
    std::string path;                                        ///< decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded query parameters
    std::string body;                                        ///< a JSON object for POST
    std::string authorization;  ///< the Authorization header ("Bearer TOKEN"), empty if none
    std::string last_event_id;  ///< the Last-Event-ID header (event streams), empty if none
    /// Requested when nobody will read the answer (the client has gone, the service stops): long
    /// work checks it and ends early with muster::Stopped.
    std::stop_token stop;
};

struct HttpResponse {
    int status = 200;
    nlohmann::json body;
    std::string allow;             ///< the Allow header of a 405
    std::string www_authenticate;  ///< the WWW-Authenticate header of a 401
    /// A body that is not JSON (the console's files, tools/server/static_files.hpp), sent as it
    /// is instead of `body`, with content_type.
    std::optional<std::string> text{};
    std::string content_type{};  ///< the Content-Type of `text`; JSON answers leave it empty
};

/// Search state for one graph, lent to one request at a time and reused (no allocation per
/// request once as many exist as requests run at once).
class SearchPool {
  public:
    explicit SearchPool(const RoutingGraph& graph) : m_graph(graph) {}

    /// A Searches owned by the caller until the lease ends.
    class Lease {
      public:
        Lease(SearchPool& pool, std::unique_ptr<Searches> searches)
            : m_pool(pool), m_searches(std::move(searches)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { m_pool.give_back(std::move(m_searches)); }
        Searches& operator*() { return *m_searches; }

      private:
        SearchPool& m_pool;
        std::unique_ptr<Searches> m_searches;
    };

    /// A free Searches, or a new one if all are lent (its searches are made as first used).
    Lease acquire();

  private:
    void give_back(std::unique_ptr<Searches> searches);

    const RoutingGraph& m_graph;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Searches>> m_free;
};

class QueryService {
  public:
    /// Loads the drive and walk networks of the database under the hazards (as the command line
    /// does); those hazards are the scenario's version 1. A profile without a network is left
    /// out, with a note; throws InputError if neither has one, or for a missing database or
    /// unreadable hazard source; DataError for a corrupt one. `access` says who may write; by
    /// default no one (read-only). `progress` (if any) is told each network's loading,
    /// building and customizing as steps. `profiles`, if not empty, are the only networks
    /// served (a province's dispatch service needs no walking network), each of which must be
    /// stored (else InputError).
    QueryService(const std::string& database, const HazardOptions& hazards, std::ostream& notes,
                 AccessPolicy access = {}, Progress* progress = nullptr,
                 std::vector<Profile> profiles = {});

    /// Answers one request. Never throws: every failure becomes an error response.
    HttpResponse handle(const HttpRequest& request);

    /// {"status": "ok", "networks": {PROFILE: {"nodes", "edges"}}, "hazards": "...", "metric":
    /// "...", "hazard_version": N}.
    nlohmann::json health() const;

    // What the event stream (tools/server/event_stream.hpp) follows. Thread-safe.

    /// The event log after `seq`, at most `limit` events, oldest first: only changes already
    /// durable (read on a connection of its own, never inside a change being written).
    std::vector<Event> committed_events_since(std::int64_t seq, std::size_t limit) const;
    /// `listener` hears each change once it is durable, in seq order (LiveResources::feed()).
    [[nodiscard]] EventFeed::Subscription subscribe(EventFeed::Listener listener);
    /// The version of the live state in force (its last event's seq).
    std::uint64_t state_version() const;

  private:
    struct ProfileNetwork {
        Profile profile;
        std::unique_ptr<RoutingSession> session;
        std::unique_ptr<SearchPool> searches;
        std::unique_ptr<FacilityBucketsCache> nearest_buckets;  // /nearest's, per hazard version
        // /map/roads' simplified lines, made in the background: a restart answers at once.
        std::shared_future<std::shared_ptr<const RoadMapGeometry>> map_geometry;
    };

    using Params = std::map<std::string, std::string, std::less<>>;
    /// A query answered in a context with borrowed search state, as JSON.
    using QueryAnswer = nlohmann::json (*)(const QueryContext& context, const Params& params,
                                           Searches& searches);
    using ReliefAnswer = nlohmann::json (*)(const QueryContext& context, const nlohmann::json& body,
                                            Searches& searches);

    /// One endpoint (tools/http_service.cpp).
    struct Endpoint;
    /// Every endpoint: its path, methods, parameters and handler. handle() dispatches by it and
    /// answers 404 and 405 from it.
    static const std::vector<Endpoint> kEndpoints;
    /// The endpoint of a request's path, or null.
    static const Endpoint* find_endpoint(std::string_view path);

    std::size_t network_index(Profile profile) const;
    /// The hazard scenario and the live state in force together, held by a query until it is
    /// answered: the answer names the state's version and was computed on it.
    struct InForce {
        std::shared_ptr<const HazardScenario> scenario;
        std::shared_ptr<const ResourceState> state;
    };
    InForce in_force() const;
    /// The context of network `index` under `scenario` on the resources of `state` (which must
    /// both outlive it), stopped by `stop`.
    QueryContext context_for(std::size_t index, const HazardScenario& scenario,
                             const ResourceState& state, std::stop_token stop = {}) const;
    /// GET or POST /nearest, /route, /matrix, /isochrone: `answer` on the network the "profile"
    /// parameter names (drive by default) under the scenario in force.
    nlohmann::json routing_query(const HttpRequest& request, const Params& params,
                                 QueryAnswer answer) const;
    /// GET or POST /coverage: coverage_json on the walk network under the scenario in force.
    nlohmann::json coverage(const HttpRequest& request, const Params& params) const;
    /// GET or POST /response: response_json on the drive network under the scenario and the teams
    /// in force; cells=all adds every demand cell with its response times as GeoJSON.
    nlohmann::json response(const HttpRequest& request, const Params& params) const;
    /// POST /allocate and /mci: the JSON body (tools/server/relief_json_inputs.hpp) answered under
    /// the scenario in force by `answer` (answer_allocate / answer_mci and their JSON).
    nlohmann::json relief(const HttpRequest& request, ReliefAnswer answer) const;
    /// /hazards: GET lists the zones in force, POST adds one as `caller` (who has the right).
    HttpResponse hazard_list(const HttpRequest& request, const Caller& caller);
    /// /hazards/{id}: GET the zone, DELETE lifts it as `caller` (who has the right).
    HttpResponse hazard_zone(const HttpRequest& request, const Caller& caller);

    /// GET /session: the user and role of the request's bearer token, or 401 (AccessPolicy::
    /// identify): a client asks before it offers writes.
    HttpResponse session(const HttpRequest& request) const;

    /// /teams: GET lists every team as it is now.
    HttpResponse team_list() const;
    /// /teams/{id}: GET the team, PATCH changes it (on behalf of caller.user).
    HttpResponse team(const HttpRequest& request, const Caller& caller);
    /// GET /map/roads: the roads of a network in a box as GeoJSON (tools/server/map_endpoints.cpp).
    HttpResponse road_map(const Params& params) const;
    /// GET /townships: the townships as GeoJSON (tools/server/map_endpoints.cpp).
    HttpResponse township_map() const;
    /// GET /search: places by name (tools/server/map_endpoints.cpp).
    HttpResponse place_search(const Params& params) const;
    /// /events: the event log after `since`, at most `limit` (100 by default, 1,000 at most).
    HttpResponse events(const Params& params) const;

    // Incidents (tools/server/incident_endpoints.cpp), changed on behalf of caller.user.
    /// /incidents: GET lists them (status, kind, since), POST records one.
    HttpResponse incident_list(const HttpRequest& request, const Caller& caller);
    /// /incidents/{id}: GET the incident, PATCH changes it.
    HttpResponse incident(const HttpRequest& request, const Caller& caller);
    /// POST /incidents/{id}/dispatch: sends teams to it, routed under the hazards in force.
    HttpResponse incident_dispatch(const HttpRequest& request, const Caller& caller);
    /// POST /incidents/{id}/close.
    HttpResponse incident_close(const HttpRequest& request, const Caller& caller);

    /// /shelters, /hospitals, /depots (`kind`): GET lists them as they are now.
    HttpResponse facility_list(std::string_view kind) const;
    /// /shelters/{id}, /hospitals/{id}, /depots/{id}: GET the facility, PATCH changes it (on
    /// behalf of caller.user). tools/server/facility_endpoints.cpp.
    HttpResponse facility(const HttpRequest& request, const Caller& caller);
    /// The two above as kEndpoints' handlers.
    static HttpResponse facility_list_of(QueryService& service, const HttpRequest& request,
                                         const Params& params, const Caller& caller);
    static HttpResponse facility_of(QueryService& service, const HttpRequest& request,
                                    const Params& params, const Caller& caller);

    std::vector<ProfileNetwork> m_networks;
    std::vector<Profile> m_profiles_asked;            ///< empty: every stored network is served
    std::unique_ptr<LiveHazards> m_hazards;           // over m_networks' graphs, in their order
    std::unique_ptr<ResourceDb> m_db;                 // the one writer of the live state
    std::unique_ptr<LiveResources> m_live;            // the resources queries answer on, from m_db
    std::unique_ptr<StoredHazards> m_stored_hazards;  // hazard changes into m_db, then m_hazards
    std::unique_ptr<ResourceDb> m_event_reader;       // committed_events_since's own connection
    mutable std::mutex m_event_reader_mutex;
    AccessPolicy m_access;
    // The roads' names, read once (roads do not change) on a connection of its own after the
    // networks are built: a scan of every road, tens of seconds for a province.
    std::shared_future<std::shared_ptr<const RoadNameIndex>> m_road_names;
    // Other replicas' changes into m_live (on PostgreSQL). Last: it stops before what it feeds.
    std::unique_ptr<ChangeListener> m_listener;
};

/// SIGINT and SIGTERM, the signals that stop the service: taken by one thread (muster serve's)
/// and blocked in every other, the service's background threads included.
sigset_t stop_signal_set();

/// {"version": N}: which state of the resources an answer was computed on.
nlohmann::json state_version_json(const ResourceState& state);

/// {"version": N, "ids": [...]}: which hazards an answer was computed under.
nlohmann::json hazard_version_json(const HazardScenario& scenario);

/// The error response body: {"code": to_string(code), "message": message}.
nlohmann::json error_json(ErrorCode code, std::string_view message);

// For the handlers of QueryService in other files.

/// A request's body as JSON. Throws QueryError (InvalidJson) for text that is not JSON or holds
/// a number beyond a double's range, naming the member where it was.
nlohmann::json parse_json_body(const HttpRequest& request);
/// Whether the request only reads (GET or HEAD).
bool is_get(const HttpRequest& request);
/// Checks that a write has a caller. A write without one has no rule in tools/server/access.cpp:
/// a bug, answered 500 rather than done anonymously.
void require_writer(const Caller& caller, std::string_view write);

}  // namespace muster::tools

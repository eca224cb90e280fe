#include "tools/server/http_service.hpp"

#include <pthread.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <map>
#include <optional>
#include <thread>

#include "engine/errors.hpp"
#include "tools/app/coverage_query.hpp"
#include "tools/app/facility_set.hpp"
#include "tools/app/isochrone_query.hpp"
#include "tools/app/matrix_query.hpp"
#include "tools/app/nearest_query.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"
#include "tools/app/relief_query.hpp"
#include "tools/app/response_query.hpp"
#include "tools/app/route_query.hpp"
#include "tools/present/allocate_output.hpp"
#include "tools/present/coverage_output.hpp"
#include "tools/present/geojson.hpp"
#include "tools/present/live_json.hpp"
#include "tools/present/mci_output.hpp"
#include "tools/present/response_output.hpp"
#include "tools/present/routing_json.hpp"
#include "tools/present/text_table.hpp"
#include "tools/server/hazard_geojson.hpp"
#include "tools/server/relief_json_inputs.hpp"
#include "tools/server/team_change_json.hpp"

namespace muster::tools {
namespace {

// While it lives, the stop signals (SIGINT, SIGTERM) are blocked in this thread, and so in every
// thread it starts: they are for the one thread that stops the service (muster serve), and a
// thread of the service that left them unblocked would take them and end the process at once.
class StopSignalsBlocked {
  public:
    StopSignalsBlocked() {
        const sigset_t stop_signals = stop_signal_set();
        pthread_sigmask(SIG_BLOCK, &stop_signals, &m_before);
    }
    StopSignalsBlocked(const StopSignalsBlocked&) = delete;
    StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;
    ~StopSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &m_before, nullptr); }

  private:
    sigset_t m_before;
};

// Work the service starts in the background (a province's map levels and road names), its
// answer shared.
template <typename Work>
auto in_background(Work work) {
    const StopSignalsBlocked blocked;
    return std::async(std::launch::async, std::move(work)).share();
}

using nlohmann::json;
using Params = std::map<std::string, std::string, std::less<>>;  // as QueryService::Params

/// The JSON body of a POST that carries parameters: an object.
json parse_json_object(const HttpRequest& request) {
    json body = parse_json_body(request);
    if (!body.is_object())
        throw QueryError(ErrorCode::InvalidJson, "the body must be a JSON object of parameters");
    return body;
}

/// A finite number of `unit` of a query parameter (its range is the query's to check).
double parse_number(const std::string& text, std::string_view name, std::string_view unit) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value)) {
        throw QueryError(ErrorCode::InvalidValue, std::string(name) + ": '" + text +
                                                      "' is not a number of " + std::string(unit));
    }
    return value;
}

/// A distance parameter of /coverage and /response: a finite number of metres.
double parse_metres(const std::string& text, std::string_view name) {
    return parse_number(text, name, "metres");
}

/// A whole number >= `least` of a query parameter.
std::int64_t parse_count(const std::string& text, std::string_view name, std::int64_t least) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || value < least) {
        throw QueryError(ErrorCode::InvalidValue,
                         std::string(name) + ": '" + text +
                             "' is not a whole number >= " + std::to_string(least));
    }
    return value;
}

std::string number_text(double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

/// A scalar of a JSON body as the text a query string would carry.
std::optional<std::string> scalar_text(const json& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number_unsigned())  // before is_number_integer, which is true of it too
        return std::to_string(value.get<std::uint64_t>());
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    if (value.is_number_float())
        return number_text(value.get<double>());
    return std::nullopt;
}

/// A field of a JSON body as query-string text: scalars as they are, [a, b] as "a,b" (a point,
/// minutes) and [[a, b], [c, d]] as "a,b;c,d" (a list of points).
std::string field_text(const std::string& name, const json& value) {
    if (auto text = scalar_text(value))
        return *text;
    const auto bad = [&] {
        return QueryError(
            ErrorCode::InvalidValue,
            name + ": expected a string, a number, an array of numbers or of [lon, lat] pairs");
    };
    if (!value.is_array() || value.empty())
        throw bad();
    std::string out;
    for (const json& item : value) {
        if (!out.empty())
            out += item.is_array() ? ";" : ",";
        if (item.is_array()) {
            std::string inner;
            for (const json& part : item) {
                const auto text = scalar_text(part);
                if (!text || part.is_string())
                    throw bad();
                inner += (inner.empty() ? "" : ",") + *text;
            }
            out += inner;
        } else {
            const auto text = scalar_text(item);
            if (!text)
                throw bad();
            out += *text;
        }
    }
    return out;
}

/// The parameters of a request to `path`: its query string, and for a POST the fields of its
/// JSON body. A parameter given twice, or one the endpoint does not take (`names` and
/// "profile"), is an error.
Params collect_params(const HttpRequest& request, std::string_view path,
                      const std::vector<std::string_view>& names, bool post) {
    std::vector<std::pair<std::string, std::string>> all = request.query;
    for (const auto& [name, value] : all) {  // a JSON answer can quote only UTF-8
        check_utf8(name, "a parameter's name");
        check_utf8(value, name);
    }
    if (post) {
        const json body = parse_json_object(request);
        for (const auto& [name, value] : body.items())
            all.emplace_back(name, field_text(name, value));
    }
    Params params;
    for (auto& [name, value] : all) {
        const bool known =
            name == "profile" || std::find(names.begin(), names.end(), name) != names.end();
        if (!known) {
            std::string taken = "profile";
            for (std::string_view p : names)
                taken += ", " + std::string(p);
            throw QueryError(
                ErrorCode::UnknownParameter,
                name + ": not a parameter of " + std::string(path) + " (it takes " + taken + ")");
        }
        if (!params.emplace(name, std::move(value)).second)
            throw QueryError(ErrorCode::InvalidValue, name + ": given more than once");
    }
    return params;
}

const std::string& required(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end())
        throw QueryError(ErrorCode::MissingParameter, std::string(name) + ": missing");
    return it->second;
}

std::optional<std::string> optional_param(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return it->second;
}

// The routing queries: parameters to a query, answered and written as JSON.

/// coordinates=: the system of the LON,LAT given and of the answer's positions; WGS84 if absent.
CoordinateSystem coordinates_param(const Params& params) {
    const auto text = optional_param(params, "coordinates");
    return text ? parse_coordinates(*text, "coordinates") : CoordinateSystem::wgs84;
}

json nearest_answer(const QueryContext& context, const Params& params, Searches& searches) {
    const CoordinateSystem system = coordinates_param(params);
    NearestQuery query;
    query.incident = parse_query_point(required(params, "at"), context.resources, "at", system);
    if (auto set = optional_param(params, "to"))
        query.filter.set = parse_facility_set(*set, "to");
    query.filter.kind = optional_param(params, "kind").value_or("");
    query.filter.status = optional_param(params, "status").value_or("");
    query.filter.region = optional_param(params, "region").value_or("");
    if (auto k = optional_param(params, "k"))
        query.k = parse_positive_count(*k, "k");
    if (auto d = optional_param(params, "direction"))
        query.direction = parse_direction(*d, "direction");
    return nearest_json(answer_nearest(context, query, searches), system);
}

json route_answer(const QueryContext& context, const Params& params, Searches& searches) {
    const CoordinateSystem system = coordinates_param(params);
    const RouteQuery query{
        parse_query_point(required(params, "from"), context.resources, "from", system),
        parse_query_point(required(params, "to"), context.resources, "to", system)};
    return route_json(answer_route(context, query, searches), system);
}

json matrix_answer(const QueryContext& context, const Params& params, Searches& searches) {
    const CoordinateSystem system = coordinates_param(params);
    // Never a file: a client must not make the server open files.
    const MatrixQuery query{
        resolve_inline_point_set(required(params, "sources"), context.resources, "sources", system),
        resolve_inline_point_set(required(params, "targets"), context.resources, "targets",
                                 system)};
    return matrix_json(answer_matrix(context, query, searches), system);
}

json isochrone_answer(const QueryContext& context, const Params& params, Searches& searches) {
    const CoordinateSystem system = coordinates_param(params);
    IsochroneQuery query;
    // Never a file: a client must not make the server open files.
    query.facilities =
        parse_isochrone_facilities(required(params, "at"), context.resources, "at", system, false);
    query.minutes = parse_minutes(required(params, "minutes"), "minutes");
    if (auto d = optional_param(params, "direction"))
        query.direction = parse_direction(*d, "direction");
    if (auto b = optional_param(params, "bands"))
        query.shape = parse_band_shape(*b, "bands");
    // A client gone meanwhile is not written an answer of megabytes: twelve bands of a two-hour
    // walk are 60 MB of JSON, longer to write than to compute.
    return isochrone_json(answer_isochrone(context, query, searches), system, context.stop);
}

// The relief queries: a JSON body (tools/server/relief_json_inputs.hpp) whose "profile" the service
// reads itself.

constexpr std::array<std::string_view, 1> kReliefAlso{"profile"};

json allocate_answer(const QueryContext& context, const json& body, Searches& searches) {
    const AllocateQuery query = allocate_query_from_json(body, kReliefAlso);
    return allocate_json(answer_allocate(context, query, searches));
}

json mci_answer(const QueryContext& context, const json& body, Searches& searches) {
    const MciQuery query = mci_query_from_json(body, kReliefAlso);
    return mci_json(answer_mci(context, query, searches));
}

/// A zone as its event keeps it: its GeoJSON Feature.
std::string hazard_event_text(const HazardZone& zone) {
    return hazard_feature_json(zone).dump();
}

HttpResponse ok(json body) {
    return {200, std::move(body), {}, {}};
}

HttpResponse error_response(ErrorCode code, std::string_view message, std::string allow = {}) {
    return {http_status(code), error_json(code, message), std::move(allow), {}};
}

/// Whether `method` is one of `allow` ("GET, HEAD, POST").
bool takes_method(std::string_view allow, std::string_view method) {
    while (!allow.empty()) {
        const std::size_t comma = allow.find(", ");
        if (allow.substr(0, comma) == method)
            return true;
        allow = comma == std::string_view::npos ? std::string_view() : allow.substr(comma + 2);
    }
    return false;
}

/// The response to a request access refused: 401 with its challenge, or 403.
HttpResponse refused(const AccessRefusal& refusal) {
    HttpResponse response = error_response(refusal.code, refusal.message);
    response.www_authenticate = refusal.challenge;
    return response;
}

}  // namespace

json parse_json_body(const HttpRequest& request) {
    std::string member;  // the last member named before a failure: where it is
    const json::parser_callback_t note_member = [&](int, json::parse_event_t event, json& value) {
        if (event == json::parse_event_t::key)
            member = value.get<std::string>();
        return true;
    };
    try {
        return json::parse(request.body, note_member);
    } catch (const json::parse_error& e) {
        throw QueryError(ErrorCode::InvalidJson, std::string("the body is not JSON: ") + e.what());
    } catch (const json::out_of_range& e) {  // a number beyond a double: 1e400
        throw QueryError(ErrorCode::InvalidJson,
                         (member.empty() ? std::string() : quoted_text(member) + ": ") +
                             "a number of the body is beyond a double's range: " + e.what());
    }
}

bool is_get(const HttpRequest& request) {
    return request.method == "GET" || request.method == "HEAD";
}

void require_writer(const Caller& caller, std::string_view write) {
    if (caller.user.empty())
        throw ContractError(std::string(write) + " has no access rule (tools/server/access.cpp)");
}

sigset_t stop_signal_set() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    return signals;
}

json state_version_json(const ResourceState& state) {
    return {{"version", state.version}};
}

json error_json(ErrorCode code, std::string_view message) {
    return {{"code", to_string(code)}, {"message", utf8_text(message)}};  // may quote a request
}

SearchPool::Lease SearchPool::acquire() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            auto searches = std::move(m_free.back());
            m_free.pop_back();
            return Lease(*this, std::move(searches));
        }
    }
    return Lease(*this, std::make_unique<Searches>(m_graph));
}

void SearchPool::give_back(std::unique_ptr<Searches> searches) {
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(searches));
}

json hazard_version_json(const HazardScenario& scenario) {
    json ids = json::array();
    for (const HazardZone& zone : scenario.zones)
        ids.push_back(zone.id);
    return {{"version", scenario.version}, {"ids", ids}};
}

QueryService::QueryService(const std::string& database, const HazardOptions& hazards,
                           std::ostream& notes, AccessPolicy access, Progress* progress,
                           std::vector<Profile> profiles)
    : m_profiles_asked(std::move(profiles)), m_access(std::move(access)) {
    // One connection, and the resources read once: for the live state and every profile.
    m_db = std::make_unique<ResourceDb>(ResourceDb::open_existing(database));
    m_live = std::make_unique<LiveResources>(*m_db);
    const auto start = m_live->current();
    const std::shared_ptr<const Resources> resources(start, &start->resources);
    std::optional<InputError> first_error;
    const AdHocHazards ad_hoc = read_ad_hoc_hazards(hazards.sources);  // once for both networks
    for (Profile profile : {Profile::drive, Profile::walk}) {
        const bool asked = std::ranges::find(m_profiles_asked, profile) != m_profiles_asked.end();
        if (!m_profiles_asked.empty() && !asked)
            continue;
        try {
            auto session = std::make_unique<RoutingSession>(*m_db, resources, profile, hazards,
                                                            ad_hoc, progress);
            auto pool = std::make_unique<SearchPool>(session->graph());
            // The network lives as long as the session, and the session outlives the future
            // (declared after it in ProfileNetwork), whose end waits for the work.
            auto map_geometry = in_background([network = &session->graph().network()] {
                return std::make_shared<const RoadMapGeometry>(*network);
            });
            m_networks.push_back({profile, std::move(session), std::move(pool),
                                  std::make_unique<FacilityBucketsCache>(),
                                  std::move(map_geometry)});
        } catch (const InputError& e) {
            if (asked)
                throw;
            // A database without the walk network still serves driving queries.
            notes << "serve: no " << to_string(profile) << " network: " << e.what() << '\n';
            if (!first_error)
                first_error = e;
        }
    }
    if (m_networks.empty())
        throw *first_error;
    const RoutingSession& first = *m_networks.front().session;
    if (!first.hazard_problems().empty())
        print_problems(notes, first.hazard_problems(), 10);
    // The hazards' first scenario: every session's metric and hierarchy, customized once and
    // taken, not copied (a province's is 70 bytes a node). Queries run on the scenarios.
    std::vector<const RoutingGraph*> graphs;
    std::vector<std::unique_ptr<cch::CchMetric>> customized;
    for (const ProfileNetwork& n : m_networks) {
        graphs.push_back(&n.session->graph());
        customized.push_back(n.session->release_customized());
    }
    m_hazards =
        std::make_unique<LiveHazards>(std::move(graphs), first.hazards(), std::move(customized));
    try {
        m_db->prepare_live_writes();
    } catch (const Error& e) {
        // A database on read-only media still answers every query; a change is then refused.
        notes << "serve: the database cannot be written (" << e.what()
              << "): changes will be refused\n";
    }
    m_stored_hazards = std::make_unique<StoredHazards>(*m_live, *m_hazards);
    // Replicas on one PostgreSQL database: what the others change comes into force here too.
    m_live->on_caught_up([this](const ResourceState& before, const ResourceState& after) {
        m_stored_hazards->follow(before, after);
    });
    if (muster::detail::is_postgres_target(database)) {
        const StopSignalsBlocked blocked;  // for the listener's thread
        m_listener = std::make_unique<ChangeListener>(database, *m_live, notes);
    }
    // A connection of its own: it sees only committed changes, never one the writer has begun.
    m_event_reader = std::make_unique<ResourceDb>(ResourceDb::open_existing(database));
    // Once the networks are built, not beside them: the scan would slow their start, and place
    // search can wait for it.
    m_road_names = in_background([database] {
        return std::make_shared<const RoadNameIndex>(
            ResourceDb::open_existing(database).named_roads());
    });
}

std::vector<Event> QueryService::committed_events_since(std::int64_t seq, std::size_t limit) const {
    const std::lock_guard lock(m_event_reader_mutex);
    return m_event_reader->events_since(seq, limit);
}

EventFeed::Subscription QueryService::subscribe(EventFeed::Listener listener) {
    return m_live->feed().subscribe(std::move(listener));
}

std::uint64_t QueryService::state_version() const {
    return m_live->current()->version;
}

std::size_t QueryService::network_index(Profile profile) const {
    for (std::size_t i = 0; i < m_networks.size(); ++i) {
        if (m_networks[i].profile == profile)
            return i;
    }
    if (!m_profiles_asked.empty()) {
        throw QueryError(ErrorCode::InvalidValue, "profile: this service does not serve the " +
                                                      std::string(to_string(profile)) +
                                                      " network (muster serve --profiles)");
    }
    throw QueryError(ErrorCode::InvalidValue, "profile: the database holds no " +
                                                  std::string(to_string(profile)) + " network");
}

json QueryService::health() const {
    json networks = json::object();
    for (const ProfileNetwork& n : m_networks) {
        const RoadNetwork& roads = n.session->graph().network();
        networks[std::string(to_string(n.profile))] = {{"nodes", roads.node_count()},
                                                       {"edges", roads.edge_count()}};
    }
    const auto scenario = m_hazards->current();
    return {{"status", "ok"},
            {"networks", networks},
            {"hazards", hazard_summary(scenario->zones)},
            {"hazard_version", scenario->version},
            {"metric", scenario->metrics.front().label}};
}

QueryService::InForce QueryService::in_force() const {
    // A change publishes its scenario before its state (LiveResources::commit): the state is
    // read first, and a scenario ahead of it is read again once that state is out, which is
    // microseconds later. Should it never come out (a replica's change that failed half-way
    // through being followed), a second's wait bounds the query's.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    for (;;) {
        InForce now{nullptr, m_live->current()};
        now.scenario = m_hazards->current();
        if (now.scenario->state_version <= now.state->version ||
            std::chrono::steady_clock::now() > give_up)
            return now;
        std::this_thread::yield();
    }
}

json QueryService::routing_query(const HttpRequest& request, const Params& params,
                                 QueryAnswer answer) const {
    const auto profile_text = optional_param(params, "profile");
    const std::size_t index =
        network_index(profile_text ? parse_profile(*profile_text, "profile") : Profile::drive);
    // The scenario and state in force now; held until the answer is written, whatever changes
    // meanwhile.
    const auto [scenario, state] = in_force();
    const QueryContext context = context_for(index, *scenario, *state, request.stop);
    auto lease = m_networks[index].searches->acquire();
    json out = answer(context, params, *lease);
    out["hazards"] = hazard_version_json(*scenario);
    out["state"] = state_version_json(*state);
    return out;
}

HttpResponse QueryService::hazard_list(const HttpRequest& request, const Caller& caller) {
    if (is_get(request)) {
        const auto scenario = m_hazards->current();
        json features = json::array();
        for (const HazardZone& zone : scenario->zones)
            features.push_back(hazard_feature_json(zone));
        return ok({{"type", "FeatureCollection"},
                   {"features", features},
                   {"hazards", hazard_version_json(*scenario)}});
    }
    // POST: a zone added, by caller.user.
    require_writer(caller, "POST /hazards");
    HazardChange change{
        HazardChange::Kind::add, parse_hazard_feature(parse_json_body(request)), {}};
    if (change.zone.id.empty()) {
        // A fresh id: "live-" and the version it comes into force with, unless taken.
        const auto current = m_hazards->current();
        change.zone.id = "live-" + std::to_string(current->version + 1);
        for (int suffix = 2;
             std::any_of(current->zones.begin(), current->zones.end(),
                         [&](const HazardZone& z) { return z.id == change.zone.id; });
             ++suffix)
            change.zone.id =
                "live-" + std::to_string(current->version + 1) + "-" + std::to_string(suffix);
    }
    const HazardCommitted done = m_stored_hazards->make(change, caller.user, hazard_event_text);
    return {201,
            {{"id", change.zone.id},
             {"hazards", hazard_version_json(*done.scenario)},
             {"state", state_version_json(*done.state)}},
            {},
            {}};
}

HttpResponse QueryService::hazard_zone(const HttpRequest& request, const Caller& caller) {
    const std::string id = request.path.substr(std::string_view("/hazards/").size());
    if (is_get(request)) {
        const auto scenario = m_hazards->current();
        for (const HazardZone& zone : scenario->zones) {
            if (zone.id == id) {
                json feature = hazard_feature_json(zone);
                feature["hazards"] = hazard_version_json(*scenario);
                return ok(feature);
            }
        }
        throw QueryError(ErrorCode::NotFound, "id: no hazard zone '" + id + "' is in force");
    }
    // DELETE: the zone lifted, by caller.user.
    require_writer(caller, "DELETE /hazards/{id}");
    const HazardCommitted done =
        m_stored_hazards->make({HazardChange::Kind::lift, {}, id}, caller.user, hazard_event_text);
    return ok({{"lifted", id},
               {"hazards", hazard_version_json(*done.scenario)},
               {"state", state_version_json(*done.state)}});
}

QueryContext QueryService::context_for(std::size_t index, const HazardScenario& scenario,
                                       const ResourceState& state, std::stop_token stop) const {
    const ProfileNetwork& net = m_networks[index];
    // The facility buckets depend on the hierarchy, so on the hazard version alone: the cache
    // keys them by the facilities' snapped positions, and a team change only re-sweeps that team.
    return {net.session->graph(),
            scenario.metrics[index],
            state.resources,
            scenario.zones,
            kDefaultSnapLimitM,
            scenario.cch[index].get(),
            net.nearest_buckets.get(),
            scenario.version,
            std::move(stop)};
}

HttpResponse QueryService::session(const HttpRequest& request) const {
    const Access access = m_access.identify(request.authorization);
    if (const auto* refusal = std::get_if<AccessRefusal>(&access))
        return refused(*refusal);
    const Caller& caller = std::get<Caller>(access);
    return ok({{"user", caller.user}, {"role", std::string(to_string(*caller.role))}});
}

HttpResponse QueryService::team_list() const {
    const auto state = m_live->current();
    json teams = json::array();
    for (const Team& team : state->resources.teams)
        teams.push_back(team_json(team));
    return ok({{"teams", teams}, {"state", state_version_json(*state)}});
}

HttpResponse QueryService::team(const HttpRequest& request, const Caller& caller) {
    const std::string id = request.path.substr(std::string_view("/teams/").size());
    if (is_get(request)) {
        const auto state = m_live->current();
        for (const Team& team : state->resources.teams) {
            if (team.id == id) {
                json out = team_json(team);
                out["state"] = state_version_json(*state);
                return ok(out);
            }
        }
        throw QueryError(ErrorCode::NotFound, "id: no team '" + id + "'");
    }
    // PATCH: the change stored with its event, by caller.user, then in force.
    require_writer(caller, "PATCH /teams/{id}");
    const TeamChange change = parse_team_change(parse_json_body(request));
    const auto [state, event] = m_live->update_team(
        id, change, caller.user, [](const Team& team) { return team_json(team).dump(); });
    return ok({{"team", event_json(event).at("after")}, {"state", state_version_json(*state)}});
}

HttpResponse QueryService::events(const Params& params) const {
    const std::int64_t since =
        params.contains("since") ? parse_count(params.at("since"), "since", 0) : 0;
    const std::int64_t limit =
        params.contains("limit") ? parse_count(params.at("limit"), "limit", 1) : 100;
    if (limit > 1000)
        throw QueryError(ErrorCode::InvalidValue, "limit: at most 1000 events a page");
    json events = json::array();
    for (const Event& event : committed_events_since(since, static_cast<std::size_t>(limit)))
        events.push_back(event_json(event));
    return ok({{"events", events}, {"state", state_version_json(*m_live->current())}});
}

json QueryService::coverage(const HttpRequest& request, const Params& params) const {
    if (auto p = optional_param(params, "profile"); p && *p != "walk") {
        throw QueryError(ErrorCode::InvalidValue,
                         "profile: /coverage runs on the walk network only, not '" + *p + "'");
    }
    // cells=uncovered adds the uncovered demand cells; the one kind of cells it lists.
    const std::optional<std::string> cells = optional_param(params, "cells");
    if (cells && *cells != "uncovered") {
        throw QueryError(
            ErrorCode::InvalidValue,
            "cells: '" + *cells + "' is not a kind of cells /coverage lists (uncovered)");
    }
    CoverageQuery query;
    if (auto cell = optional_param(params, "cell-m"))
        query.grid.cell_m = parse_metres(*cell, "cell-m");
    const std::array<const char*, 3> radius{"emergency-m", "fixed-m", "central-m"};
    for (std::size_t c = 0; c < radius.size(); ++c) {
        if (auto r = optional_param(params, radius[c]))
            query.radius_m[c] = parse_metres(*r, radius[c]);
    }
    const std::size_t index = network_index(Profile::walk);
    const auto [scenario, state] = in_force();
    const QueryContext context = context_for(index, *scenario, *state, request.stop);
    const CoverageAnswer answer = answer_coverage(context, query);
    json out = coverage_json(context, query, answer);
    if (cells)
        out["uncovered_cells"] = uncovered_cells_json(context, query, answer);
    out["hazards"] = hazard_version_json(*scenario);
    out["state"] = state_version_json(*state);
    return out;
}

json QueryService::response(const HttpRequest& request, const Params& params) const {
    if (auto p = optional_param(params, "profile"); p && *p != "drive") {
        throw QueryError(ErrorCode::InvalidValue,
                         "profile: /response runs on the drive network only, not '" + *p + "'");
    }
    const std::optional<std::string> cells = optional_param(params, "cells");
    if (cells && *cells != "all") {
        throw QueryError(ErrorCode::InvalidValue,
                         "cells: '" + *cells + "' is not a kind of cells /response lists (all)");
    }
    ResponseQuery query;
    if (auto kind = optional_param(params, "kind"))
        query.units.kind = *kind;
    if (auto status = optional_param(params, "status"))
        query.units.status = *status;
    if (auto region = optional_param(params, "region"))
        query.units.region = *region;
    if (auto target = optional_param(params, "target-min"))
        query.target_s = parse_number(*target, "target-min", "minutes") * 60;
    if (auto turnout = optional_param(params, "turnout-min"))
        query.turnout_s = parse_number(*turnout, "turnout-min", "minutes") * 60;
    if (auto radius = optional_param(params, "radius-m"))
        query.radius_m = parse_metres(*radius, "radius-m");
    if (auto cell = optional_param(params, "cell-m"))
        query.grid.cell_m = parse_metres(*cell, "cell-m");
    const std::size_t index = network_index(Profile::drive);
    const auto [scenario, state] = in_force();
    const QueryContext context = context_for(index, *scenario, *state, request.stop);
    const ResponseAnswer answer = answer_response(context, query);
    json out = response_json(context, query, answer);
    if (cells) {
        const std::vector<FeatureTable> layers = response_layers(context, query, answer);
        out["cells"] = feature_collection(std::span(layers).first(1));
    }
    out["hazards"] = hazard_version_json(*scenario);
    out["state"] = state_version_json(*state);
    return out;
}

json QueryService::relief(const HttpRequest& request, ReliefAnswer answer) const {
    const json body = parse_json_object(request);
    Profile profile = Profile::drive;
    if (const auto it = body.find("profile"); it != body.end()) {
        if (!it->is_string())
            throw QueryError(ErrorCode::InvalidValue, "profile: expected \"drive\" or \"walk\"");
        profile = parse_profile(it->get<std::string>(), "profile");
    }
    const std::size_t index = network_index(profile);
    // The scenario and state in force now, held until the answer is written: travel times come
    // from its metric (and contraction hierarchy), closed zones from its zones.
    const auto [scenario, state] = in_force();
    const QueryContext context = context_for(index, *scenario, *state, request.stop);
    auto lease = m_networks[index].searches->acquire();
    json out = answer(context, body, *lease);
    out["hazards"] = hazard_version_json(*scenario);
    out["state"] = state_version_json(*state);
    return out;
}

/// One endpoint: where it is, which methods and parameters it takes, and what answers it.
struct QueryService::Endpoint {
    /// How a request carries the endpoint's parameters.
    enum class Parameters {
        none,           ///< it takes none: a query parameter is refused, whatever the method
        ignored,        ///< the query string is ignored
        query_or_body,  ///< the query string, and a POST's JSON object (collect_params)
        json_body,      ///< a POST's JSON object only, read by the handler; no query string
    };
    std::string_view path;  ///< "{id}" at its end: any rest of a request's path; before a suffix:
                            ///< a non-empty id (find_endpoint)
    std::string_view methods;  ///< as a 405's Allow header lists them
    std::string_view takes;    ///< what a 405's message says the endpoint takes
    Parameters parameters;
    std::vector<std::string_view> names;  ///< the parameters of query_or_body besides "profile"
    HttpResponse (*handler)(QueryService& service, const HttpRequest& request, const Params& params,
                            const Caller& caller);
};

namespace {

constexpr std::string_view kQueryMethods = "GET, HEAD, POST";
constexpr std::string_view kQueryTakes = "GET with query parameters or POST with a JSON body";
constexpr std::string_view kPatchTakes = "GET, HEAD, PATCH with a JSON body";

}  // namespace

// The facilities' handlers (tools/server/facility_endpoints.cpp), by the path's kind.
HttpResponse QueryService::facility_list_of(QueryService& service, const HttpRequest& request,
                                            const Params&, const Caller&) {
    return service.facility_list(std::string_view(request.path).substr(1));
}
HttpResponse QueryService::facility_of(QueryService& service, const HttpRequest& request,
                                       const Params&, const Caller& caller) {
    return service.facility(request, caller);
}

// The one list of endpoints. handle() finds a request's endpoint here, answers 404 (naming
// these paths) and 405 (with their methods), checks the parameters and calls the handler.
const std::vector<QueryService::Endpoint> QueryService::kEndpoints{
    {"/nearest",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"at", "to", "kind", "status", "region", "k", "direction", "coordinates"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.routing_query(request, params, nearest_answer));
     }},
    {"/route",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"from", "to", "coordinates"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.routing_query(request, params, route_answer));
     }},
    {"/matrix",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"sources", "targets", "coordinates"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.routing_query(request, params, matrix_answer));
     }},
    {"/isochrone",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"at", "minutes", "direction", "bands", "coordinates"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.routing_query(request, params, isochrone_answer));
     }},
    {"/coverage",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"cell-m", "emergency-m", "fixed-m", "central-m", "cells"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.coverage(request, params));
     }},
    {"/response",
     kQueryMethods,
     kQueryTakes,
     Endpoint::Parameters::query_or_body,
     {"kind", "status", "region", "target-min", "turnout-min", "radius-m", "cell-m", "cells"},
     [](QueryService& service, const HttpRequest& request, const Params& params, const Caller&) {
         return ok(service.response(request, params));
     }},
    {"/allocate",
     "POST",
     "POST with a JSON body",
     Endpoint::Parameters::json_body,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller&) {
         return ok(service.relief(request, allocate_answer));
     }},
    {"/mci",
     "POST",
     "POST with a JSON body",
     Endpoint::Parameters::json_body,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller&) {
         return ok(service.relief(request, mci_answer));
     }},
    {"/hazards",
     "GET, HEAD, POST",
     "GET, HEAD, POST",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.hazard_list(request, caller);
     }},
    {"/hazards/{id}",
     "GET, HEAD, DELETE",
     "GET, HEAD, DELETE",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.hazard_zone(request, caller);
     }},
    {"/session",
     "GET, HEAD",
     "GET with Authorization: Bearer TOKEN",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller&) {
         return service.session(request);
     }},
    {"/teams",
     "GET, HEAD",
     "GET, HEAD",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest&, const Params&, const Caller&) {
         return service.team_list();
     }},
    {"/teams/{id}",
     "GET, HEAD, PATCH",
     "GET, HEAD, PATCH with a JSON body",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.team(request, caller);
     }},
    {"/incidents",
     "GET, HEAD, POST",
     "GET with status, kind and since, or POST with a JSON body",
     Endpoint::Parameters::ignored,  // the handler reads a GET's filters
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.incident_list(request, caller);
     }},
    {"/incidents/{id}/dispatch",
     "POST",
     "POST with a JSON body",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.incident_dispatch(request, caller);
     }},
    {"/incidents/{id}/close",
     "POST",
     "POST",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.incident_close(request, caller);
     }},
    {"/incidents/{id}",
     "GET, HEAD, PATCH",
     "GET, HEAD, PATCH with a JSON body",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest& request, const Params&, const Caller& caller) {
         return service.incident(request, caller);
     }},
    {"/shelters", "GET, HEAD", "GET, HEAD", Endpoint::Parameters::none, {}, &facility_list_of},
    {"/shelters/{id}",
     "GET, HEAD, PATCH",
     kPatchTakes,
     Endpoint::Parameters::none,
     {},
     &facility_of},
    {"/hospitals", "GET, HEAD", "GET, HEAD", Endpoint::Parameters::none, {}, &facility_list_of},
    {"/hospitals/{id}",
     "GET, HEAD, PATCH",
     kPatchTakes,
     Endpoint::Parameters::none,
     {},
     &facility_of},
    {"/depots", "GET, HEAD", "GET, HEAD", Endpoint::Parameters::none, {}, &facility_list_of},
    {"/depots/{id}", "GET, HEAD, PATCH", kPatchTakes, Endpoint::Parameters::none, {}, &facility_of},
    {"/map/roads",
     "GET, HEAD",
     "GET with bbox, min_class and profile",
     Endpoint::Parameters::query_or_body,
     {"bbox", "min_class", "tolerance_m"},
     [](QueryService& service, const HttpRequest&, const Params& params, const Caller&) {
         return service.road_map(params);
     }},
    {"/townships",
     "GET, HEAD",
     "GET, HEAD",
     Endpoint::Parameters::none,
     {},
     [](QueryService& service, const HttpRequest&, const Params&, const Caller&) {
         return service.township_map();
     }},
    {"/search",
     "GET, HEAD",
     "GET with q and limit",
     Endpoint::Parameters::query_or_body,
     {"q", "limit"},
     [](QueryService& service, const HttpRequest&, const Params& params, const Caller&) {
         return service.place_search(params);
     }},
    {"/events",
     "GET, HEAD",
     "GET with since and limit",
     Endpoint::Parameters::query_or_body,
     {"since", "limit"},
     [](QueryService& service, const HttpRequest&, const Params& params, const Caller&) {
         return service.events(params);
     }},
    {"/health",
     "GET, HEAD",
     "GET",
     Endpoint::Parameters::ignored,
     {},
     [](QueryService& service, const HttpRequest&, const Params&, const Caller&) {
         return ok(service.health());
     }},
};

const QueryService::Endpoint* QueryService::find_endpoint(std::string_view path) {
    for (const Endpoint& endpoint : kEndpoints) {
        const std::size_t brace = endpoint.path.find('{');
        if (brace == std::string_view::npos) {
            if (path == endpoint.path)
                return &endpoint;
            continue;
        }
        // "{id}" at the end: any rest of the path; before a suffix ("/dispatch"): a non-empty id
        // between the prefix and it.
        const std::string_view prefix = endpoint.path.substr(0, brace);
        const std::string_view suffix = endpoint.path.substr(endpoint.path.find('}') + 1);
        if (path.starts_with(prefix) &&
            (suffix.empty() ||
             (path.size() > prefix.size() + suffix.size() && path.ends_with(suffix))))
            return &endpoint;
    }
    return nullptr;
}

HttpResponse QueryService::handle(const HttpRequest& request) {
    try {
        // Who asks, or why a write is refused (tools/server/access.hpp).
        const Access access = m_access.admit(request.method, request.path, request.authorization);
        if (const auto* refusal = std::get_if<AccessRefusal>(&access))
            return refused(*refusal);
        const Caller& caller = std::get<Caller>(access);
        const Endpoint* endpoint = find_endpoint(request.path);
        if (!endpoint) {
            std::string paths;
            for (const Endpoint& e : kEndpoints) {
                if (e.path.find('{') == std::string_view::npos)  // one name per resource
                    paths += (paths.empty() ? "" : ", ") + std::string(e.path);
            }
            return error_response(ErrorCode::UnknownPath,
                                  "no endpoint " + request.path + " (there are " + paths + ")");
        }
        const bool has_query = !request.query.empty();
        // A resource without parameters refuses any before it looks at the method.
        if (endpoint->parameters == Endpoint::Parameters::none && has_query) {
            const std::string_view resource = endpoint->path.substr(0, endpoint->path.find("/{"));
            throw QueryError(ErrorCode::UnknownParameter, request.query.front().first + ": " +
                                                              std::string(resource) +
                                                              " takes no query parameters");
        }
        if (!takes_method(endpoint->methods, request.method)) {
            return error_response(ErrorCode::MethodNotAllowed,
                                  request.path + " takes " + std::string(endpoint->takes),
                                  std::string(endpoint->methods));
        }
        Params params;
        if (endpoint->parameters == Endpoint::Parameters::query_or_body) {
            params =
                collect_params(request, endpoint->path, endpoint->names, request.method == "POST");
        } else if (endpoint->parameters == Endpoint::Parameters::json_body && has_query) {
            throw QueryError(ErrorCode::UnknownParameter,
                             request.query.front().first + ": " + request.path +
                                 " takes its parameters as a JSON body, not in the query string");
        }
        return endpoint->handler(*this, request, params, caller);
    } catch (const std::exception& e) {
        ErrorCode code = error_code_of(e);
        // A failure of the server's own (a corrupt database, a bug) tells a client only that it
        // is one.
        if (http_status(code) >= 500 && code != ErrorCode::ServiceStopping)
            code = ErrorCode::InternalError;
        return error_response(code, e.what());
    } catch (...) {
        return error_response(ErrorCode::InternalError, "unknown error");
    }
}

}  // namespace muster::tools

#include "tools/http_service.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "engine/errors.hpp"
#include "tools/coverage_query.hpp"
#include "tools/facility_set.hpp"
#include "tools/hazard_geojson.hpp"
#include "tools/isochrone_query.hpp"
#include "tools/matrix_query.hpp"
#include "tools/nearest_query.hpp"
#include "tools/query_error.hpp"
#include "tools/query_params.hpp"
#include "tools/relief_json_inputs.hpp"
#include "tools/relief_query.hpp"
#include "tools/route_query.hpp"
#include "tools/routing_json.hpp"
#include "tools/text_table.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;
using Params = std::map<std::string, std::string, std::less<>>;  // as QueryService::Params

/// An error response thrown inside the handling of a request; its status is http_status(code).
struct RequestError {
    ErrorCode code;
    std::string message;
};

struct Endpoint {
    std::string_view path;
    std::vector<std::string_view> parameters;  ///< besides "profile"
};

const std::array<Endpoint, 5> kEndpoints{{
    {"/nearest", {"at", "to", "kind", "status", "region", "k", "direction"}},
    {"/route", {"from", "to"}},
    {"/matrix", {"sources", "targets"}},
    {"/isochrone", {"at", "minutes", "direction"}},
    {"/coverage", {"cell-m", "emergency-m", "fixed-m", "central-m"}},
}};

/// The relief endpoints: POST only, their parameters a JSON object with structured members
/// (tools/relief_json_inputs.hpp), "profile" besides.
constexpr std::array<std::string_view, 2> kReliefEndpoints{"/allocate", "/mci"};

json parse_json_body(const HttpRequest& request) {
    try {
        return json::parse(request.body);
    } catch (const json::parse_error& e) {
        throw RequestError{ErrorCode::InvalidJson,
                           std::string("the body is not JSON: ") + e.what()};
    }
}

/// A distance parameter of /coverage: a finite number of metres (its range is answer_coverage's
/// to check).
double parse_metres(const std::string& text, std::string_view name) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value)) {
        throw RequestError{ErrorCode::InvalidValue,
                           std::string(name) + ": '" + text + "' is not a number of metres"};
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
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    if (value.is_number_unsigned())
        return std::to_string(value.get<std::uint64_t>());
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
        return RequestError{
            ErrorCode::InvalidValue,
            name + ": expected a string, a number, an array of numbers or of [lon, lat] pairs"};
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

/// The parameters of a request: its query string, and for a POST the fields of its JSON body.
/// A parameter given twice, or one the endpoint does not take, is an error.
Params collect_params(const HttpRequest& request, const Endpoint& endpoint, bool post) {
    std::vector<std::pair<std::string, std::string>> all = request.query;
    if (post) {
        json body;
        try {
            body = json::parse(request.body);
        } catch (const json::parse_error& e) {
            throw RequestError{ErrorCode::InvalidJson,
                               std::string("the body is not JSON: ") + e.what()};
        }
        if (!body.is_object()) {
            throw RequestError{ErrorCode::InvalidJson,
                               "the body must be a JSON object of parameters"};
        }
        for (const auto& [name, value] : body.items())
            all.emplace_back(name, field_text(name, value));
    }
    Params params;
    for (auto& [name, value] : all) {
        const bool known =
            name == "profile" || std::find(endpoint.parameters.begin(), endpoint.parameters.end(),
                                           name) != endpoint.parameters.end();
        if (!known) {
            std::string names = "profile";
            for (std::string_view p : endpoint.parameters)
                names += ", " + std::string(p);
            throw RequestError{ErrorCode::UnknownParameter, name + ": not a parameter of " +
                                                                std::string(endpoint.path) +
                                                                " (it takes " + names + ")"};
        }
        if (!params.emplace(name, std::move(value)).second) {
            throw RequestError{ErrorCode::InvalidValue, name + ": given more than once"};
        }
    }
    return params;
}

const std::string& required(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end()) {
        throw RequestError{ErrorCode::MissingParameter, std::string(name) + ": missing"};
    }
    return it->second;
}

std::optional<std::string> optional_param(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return it->second;
}

}  // namespace

json error_json(ErrorCode code, std::string_view message) {
    return {{"code", to_string(code)}, {"message", message}};
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
    return Lease(*this, std::make_unique<Searches>(m_graph));  // outside the lock: O(nodes)
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
                           std::ostream& notes) {
    std::optional<InputError> first_error;
    for (Profile profile : {Profile::drive, Profile::walk}) {
        try {
            auto session = std::make_unique<RoutingSession>(database, profile, hazards);
            auto pool = std::make_unique<SearchPool>(session->graph());
            m_networks.push_back({profile, std::move(session), std::move(pool),
                                  std::make_unique<FacilityBucketsCache>()});
        } catch (const InputError& e) {
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
    std::vector<const RoutingGraph*> graphs;
    for (const ProfileNetwork& n : m_networks)
        graphs.push_back(&n.session->graph());
    m_hazards = std::make_unique<LiveHazards>(std::move(graphs), first.hazards());
}

std::size_t QueryService::network_index(Profile profile) const {
    for (std::size_t i = 0; i < m_networks.size(); ++i) {
        if (m_networks[i].profile == profile)
            return i;
    }
    throw RequestError{ErrorCode::InvalidValue, "profile: the database holds no " +
                                                    std::string(to_string(profile)) + " network"};
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

json QueryService::answer(std::string_view endpoint, const Params& params) const {
    const auto profile_text = optional_param(params, "profile");
    const std::size_t index =
        network_index(profile_text ? parse_profile(*profile_text, "profile") : Profile::drive);
    const ProfileNetwork& net = m_networks[index];
    // The scenario in force now; held until the answer is written, whatever changes meanwhile.
    const std::shared_ptr<const HazardScenario> scenario = m_hazards->current();
    const QueryContext context = context_for(index, *scenario);
    auto lease = net.searches->acquire();

    json out;
    if (endpoint == "/nearest") {
        NearestQuery query;
        query.incident = parse_query_point(required(params, "at"), context.resources, "at");
        if (auto set = optional_param(params, "to"))
            query.filter.set = parse_facility_set(*set, "to");
        query.filter.kind = optional_param(params, "kind").value_or("");
        query.filter.status = optional_param(params, "status").value_or("");
        query.filter.region = optional_param(params, "region").value_or("");
        if (auto k = optional_param(params, "k"))
            query.k = parse_positive_count(*k, "k");
        if (auto d = optional_param(params, "direction"))
            query.direction = parse_direction(*d, "direction");
        out = nearest_json(answer_nearest(context, query, *lease));
    } else if (endpoint == "/route") {
        const RouteQuery query{
            parse_query_point(required(params, "from"), context.resources, "from"),
            parse_query_point(required(params, "to"), context.resources, "to")};
        out = route_json(answer_route(context, query, *lease));
    } else if (endpoint == "/matrix") {
        // Never a file: a client must not make the server open files.
        const MatrixQuery query{
            resolve_inline_point_set(required(params, "sources"), context.resources, "sources"),
            resolve_inline_point_set(required(params, "targets"), context.resources, "targets")};
        out = matrix_json(answer_matrix(context, query, *lease));
    } else {
        IsochroneQuery query;
        query.origin = parse_query_point(required(params, "at"), context.resources, "at");
        query.minutes = parse_minutes(required(params, "minutes"), "minutes");
        if (auto d = optional_param(params, "direction"))
            query.direction = parse_direction(*d, "direction");
        out = isochrone_json(answer_isochrone(context, query, *lease));
    }
    out["hazards"] = hazard_version_json(*scenario);
    return out;
}

HttpResponse QueryService::hazards(const HttpRequest& request) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (!request.query.empty()) {
        throw RequestError{ErrorCode::UnknownParameter,
                           request.query.front().first + ": /hazards takes no query parameters"};
    }
    const auto fail_method = [&](std::string allow) {
        return HttpResponse{
            405, error_json(ErrorCode::MethodNotAllowed, request.path + " takes " + allow), allow};
    };
    if (request.path == "/hazards") {
        if (get) {
            const auto scenario = m_hazards->current();
            json features = json::array();
            for (const HazardZone& zone : scenario->zones)
                features.push_back(hazard_feature_json(zone));
            return {200,
                    {{"type", "FeatureCollection"},
                     {"features", features},
                     {"hazards", hazard_version_json(*scenario)}},
                    {}};
        }
        if (request.method != "POST")
            return fail_method("GET, HEAD, POST");
        json body;
        try {
            body = json::parse(request.body);
        } catch (const json::parse_error& e) {
            throw RequestError{ErrorCode::InvalidJson,
                               std::string("the body is not JSON: ") + e.what()};
        }
        HazardChange change{HazardChange::Kind::add, parse_hazard_feature(body), {}};
        std::shared_ptr<const HazardScenario> scenario;
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
        scenario = m_hazards->update(change);
        return {201, {{"id", change.zone.id}, {"hazards", hazard_version_json(*scenario)}}, {}};
    }
    // /hazards/{id}
    const std::string id = request.path.substr(std::string_view("/hazards/").size());
    if (get) {
        const auto scenario = m_hazards->current();
        for (const HazardZone& zone : scenario->zones) {
            if (zone.id == id) {
                json feature = hazard_feature_json(zone);
                feature["hazards"] = hazard_version_json(*scenario);
                return {200, feature, {}};
            }
        }
        throw RequestError{ErrorCode::NotFound, "id: no hazard zone '" + id + "' is in force"};
    }
    if (request.method != "DELETE")
        return fail_method("GET, HEAD, DELETE");
    const auto scenario = m_hazards->update({HazardChange::Kind::lift, {}, id});
    return {200, {{"lifted", id}, {"hazards", hazard_version_json(*scenario)}}, {}};
}

QueryContext QueryService::context_for(std::size_t index, const HazardScenario& scenario) const {
    const ProfileNetwork& net = m_networks[index];
    return {net.session->graph(),
            scenario.metrics[index],
            net.session->context().resources,
            scenario.zones,
            kDefaultSnapLimitM,
            scenario.cch[index].get(),
            net.nearest_buckets.get(),
            scenario.version};
}

json QueryService::coverage(const Params& params) const {
    if (auto p = optional_param(params, "profile"); p && *p != "walk") {
        throw RequestError{ErrorCode::InvalidValue,
                           "profile: /coverage runs on the walk network only, not '" + *p + "'"};
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
    const std::shared_ptr<const HazardScenario> scenario = m_hazards->current();
    const QueryContext context = context_for(index, *scenario);
    json out = coverage_json(context, query, answer_coverage(context, query));
    out["hazards"] = hazard_version_json(*scenario);
    return out;
}

HttpResponse QueryService::relief(const HttpRequest& request) const {
    if (request.method != "POST") {
        return {
            405,
            error_json(ErrorCode::MethodNotAllowed, request.path + " takes POST with a JSON body"),
            "POST"};
    }
    if (!request.query.empty()) {
        throw RequestError{ErrorCode::UnknownParameter,
                           request.query.front().first + ": " + request.path +
                               " takes its parameters as a JSON body, not in the query string"};
    }
    const json body = parse_json_body(request);
    if (!body.is_object()) {
        throw RequestError{ErrorCode::InvalidJson, "the body must be a JSON object of parameters"};
    }
    Profile profile = Profile::drive;
    if (const auto it = body.find("profile"); it != body.end()) {
        if (!it->is_string())
            throw RequestError{ErrorCode::InvalidValue, "profile: expected \"drive\" or \"walk\""};
        profile = parse_profile(it->get<std::string>(), "profile");
    }
    constexpr std::array<std::string_view, 1> also{"profile"};
    const std::size_t index = network_index(profile);
    // The scenario in force now, held until the answer is written: travel times come from its
    // metric (and contraction hierarchy), closed zones from its zones.
    const std::shared_ptr<const HazardScenario> scenario = m_hazards->current();
    const QueryContext context = context_for(index, *scenario);
    json out;
    if (request.path == "/allocate") {
        const AllocateQuery query = allocate_query_from_json(body, also);
        auto lease = m_networks[index].searches->acquire();
        out = allocate_json(answer_allocate(context, query, *lease));
    } else {
        const MciQuery query = mci_query_from_json(body, also);
        auto lease = m_networks[index].searches->acquire();
        out = mci_json(answer_mci(context, query, *lease));
    }
    out["hazards"] = hazard_version_json(*scenario);
    return {200, out, {}};
}

HttpResponse QueryService::handle(const HttpRequest& request) {
    const auto fail = [](ErrorCode code, std::string_view message, std::string allow = {}) {
        return HttpResponse{http_status(code), error_json(code, message), std::move(allow)};
    };
    try {
        const bool get = request.method == "GET" || request.method == "HEAD";
        const bool post = request.method == "POST";
        if (request.path == "/health") {
            if (!get)
                return fail(ErrorCode::MethodNotAllowed, "/health takes GET", "GET, HEAD");
            return {200, health(), {}};
        }
        if (request.path == "/hazards" || request.path.starts_with("/hazards/"))
            return hazards(request);
        if (std::find(kReliefEndpoints.begin(), kReliefEndpoints.end(), request.path) !=
            kReliefEndpoints.end())
            return relief(request);
        const auto endpoint =
            std::find_if(kEndpoints.begin(), kEndpoints.end(),
                         [&](const Endpoint& e) { return e.path == request.path; });
        if (endpoint == kEndpoints.end()) {
            return fail(ErrorCode::UnknownPath,
                        "no endpoint " + request.path +
                            " (there are /nearest, /route, /matrix, /isochrone, /coverage, "
                            "/allocate, /mci, /hazards, /health)");
        }
        if (!get && !post) {
            return fail(ErrorCode::MethodNotAllowed,
                        std::string(endpoint->path) +
                            " takes GET with query parameters or POST with a JSON body",
                        "GET, HEAD, POST");
        }
        const Params params = collect_params(request, *endpoint, post);
        if (endpoint->path == "/coverage")
            return {200, coverage(params), {}};
        return {200, answer(endpoint->path, params), {}};
    } catch (const RequestError& e) {
        return fail(e.code, e.message);
    } catch (const std::exception& e) {
        ErrorCode code = error_code_of(e);
        // A failure of the server's own (a corrupt database, a bug) tells a client only that it
        // is one.
        if (http_status(code) >= 500)
            code = ErrorCode::InternalError;
        return fail(code, e.what());
    } catch (...) {
        return fail(ErrorCode::InternalError, "unknown error");
    }
}

}  // namespace muster::tools

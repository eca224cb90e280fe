#include "tools/http_service.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>

#include "engine/errors.hpp"
#include "tools/facility_set.hpp"
#include "tools/isochrone_query.hpp"
#include "tools/matrix_query.hpp"
#include "tools/nearest_query.hpp"
#include "tools/query_error.hpp"
#include "tools/query_params.hpp"
#include "tools/route_query.hpp"
#include "tools/routing_json.hpp"
#include "tools/text_table.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;
using Params = std::map<std::string, std::string, std::less<>>;  // as QueryService::Params

/// An error response thrown inside the handling of a request.
struct RequestError {
    int status;
    std::string code;
    std::string message;
};

struct Endpoint {
    std::string_view path;
    std::vector<std::string_view> parameters;  ///< besides "profile"
};

const std::array<Endpoint, 4> kEndpoints{{
    {"/nearest", {"at", "to", "kind", "status", "region", "k", "direction"}},
    {"/route", {"from", "to"}},
    {"/matrix", {"sources", "targets"}},
    {"/isochrone", {"at", "minutes", "direction"}},
}};

int status_of(const std::string& code) {
    if (code == query_code::kInvalidValue)
        return 400;
    if (code == query_code::kNotFound || code == query_code::kNoMatch)
        return 404;
    if (code == query_code::kNoSegment || code == query_code::kNoRoute)
        return 422;
    return 400;
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
            400, query_code::kInvalidValue,
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
            throw RequestError{400, service_code::kInvalidJson,
                               std::string("the body is not JSON: ") + e.what()};
        }
        if (!body.is_object()) {
            throw RequestError{400, service_code::kInvalidJson,
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
            throw RequestError{400, service_code::kUnknownParameter,
                               name + ": not a parameter of " + std::string(endpoint.path) +
                                   " (it takes " + names + ")"};
        }
        if (!params.emplace(name, std::move(value)).second) {
            throw RequestError{400, query_code::kInvalidValue, name + ": given more than once"};
        }
    }
    return params;
}

const std::string& required(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end()) {
        throw RequestError{400, service_code::kMissingParameter, std::string(name) + ": missing"};
    }
    return it->second;
}

std::optional<std::string> optional_param(const Params& params, std::string_view name) {
    const auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return it->second;
}

/// A matrix's sources or targets: a set of the database (teams, hospitals, shelters, depots,
/// townships) or "LON,LAT;LON,LAT;..." (ids 1, 2, ...). Never a file: resolve_point_set would
/// read one, and a client must not make the server open files.
std::vector<NamedPoint> service_point_set(const std::string& text, const Resources& resources,
                                          std::string_view parameter) {
    for (std::string_view set : {"teams", "hospitals", "shelters", "depots", "townships"}) {
        if (text == set)
            return resolve_point_set(text, resources, parameter);
    }
    std::vector<NamedPoint> points;
    std::size_t start = 0;
    while (true) {
        const auto semicolon = text.find(';', start);
        const std::string_view item = std::string_view(text).substr(
            start, semicolon == std::string::npos ? std::string_view::npos : semicolon - start);
        points.push_back({std::to_string(points.size() + 1), "", parse_lon_lat(item, parameter)});
        if (semicolon == std::string::npos)
            break;
        start = semicolon + 1;
    }
    return points;
}

}  // namespace

json error_json(std::string_view code, std::string_view message) {
    return {{"code", code}, {"message", message}};
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

QueryService::QueryService(const std::string& database, const HazardOptions& hazards,
                           std::ostream& notes) {
    std::optional<InputError> first_error;
    for (Profile profile : {Profile::drive, Profile::walk}) {
        try {
            auto session = std::make_unique<RoutingSession>(database, profile, hazards);
            auto pool = std::make_unique<SearchPool>(session->graph());
            m_networks.push_back({profile, std::move(session), std::move(pool)});
        } catch (const InputError& e) {
            // A database without the walk network still serves driving queries.
            notes << "serve: no " << to_string(profile) << " network: " << e.what() << '\n';
            if (!first_error)
                first_error = e;
        }
    }
    if (m_networks.empty())
        throw *first_error;
    const auto& problems = m_networks.front().session->hazard_problems();
    if (!problems.empty())
        print_problems(notes, problems, 10);
}

const QueryService::ProfileNetwork& QueryService::network(Profile profile) const {
    for (const ProfileNetwork& n : m_networks) {
        if (n.profile == profile)
            return n;
    }
    throw RequestError{
        400, query_code::kInvalidValue,
        "profile: the database holds no " + std::string(to_string(profile)) + " network"};
}

json QueryService::health() const {
    json networks = json::object();
    for (const ProfileNetwork& n : m_networks) {
        const RoadNetwork& roads = n.session->graph().network();
        networks[std::string(to_string(n.profile))] = {{"nodes", roads.node_count()},
                                                       {"edges", roads.edge_count()}};
    }
    const RoutingSession& session = *m_networks.front().session;
    return {{"status", "ok"},
            {"networks", networks},
            {"hazards", hazard_summary(session.hazards())},
            {"metric", session.context().metric.label}};
}

json QueryService::answer(std::string_view endpoint, const Params& params) const {
    const auto profile_text = optional_param(params, "profile");
    const ProfileNetwork& net =
        network(profile_text ? parse_profile(*profile_text, "profile") : Profile::drive);
    const QueryContext context = net.session->context();
    auto lease = net.searches->acquire();

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
        return nearest_json(answer_nearest(context, query, *lease));
    }
    if (endpoint == "/route") {
        const RouteQuery query{
            parse_query_point(required(params, "from"), context.resources, "from"),
            parse_query_point(required(params, "to"), context.resources, "to")};
        return route_json(answer_route(context, query, *lease));
    }
    if (endpoint == "/matrix") {
        const MatrixQuery query{
            service_point_set(required(params, "sources"), context.resources, "sources"),
            service_point_set(required(params, "targets"), context.resources, "targets")};
        return matrix_json(answer_matrix(context, query, *lease));
    }
    IsochroneQuery query;
    query.origin = parse_query_point(required(params, "at"), context.resources, "at");
    query.minutes = parse_minutes(required(params, "minutes"), "minutes");
    if (auto d = optional_param(params, "direction"))
        query.direction = parse_direction(*d, "direction");
    return isochrone_json(answer_isochrone(context, query, *lease));
}

HttpResponse QueryService::handle(const HttpRequest& request) const {
    const auto fail = [](int status, std::string_view code, std::string_view message,
                         std::string allow = {}) {
        return HttpResponse{status, error_json(code, message), std::move(allow)};
    };
    try {
        const bool get = request.method == "GET" || request.method == "HEAD";
        const bool post = request.method == "POST";
        if (request.path == "/health") {
            if (!get)
                return fail(405, service_code::kMethodNotAllowed, "/health takes GET", "GET, HEAD");
            return {200, health(), {}};
        }
        const auto endpoint =
            std::find_if(kEndpoints.begin(), kEndpoints.end(),
                         [&](const Endpoint& e) { return e.path == request.path; });
        if (endpoint == kEndpoints.end()) {
            return fail(404, service_code::kUnknownPath,
                        "no endpoint " + request.path +
                            " (there are /nearest, /route, /matrix, /isochrone, /health)");
        }
        if (!get && !post) {
            return fail(405, service_code::kMethodNotAllowed,
                        std::string(endpoint->path) +
                            " takes GET with query parameters or POST with a JSON body",
                        "GET, HEAD, POST");
        }
        const Params params = collect_params(request, *endpoint, post);
        return {200, answer(endpoint->path, params), {}};
    } catch (const RequestError& e) {
        return fail(e.status, e.code, e.message);
    } catch (const QueryError& e) {
        return fail(status_of(e.code()), e.code(), e.what());
    } catch (const InputError& e) {
        return fail(400, service_code::kInvalidInput, e.what());
    } catch (const std::exception& e) {
        return fail(500, service_code::kInternalError, e.what());
    } catch (...) {
        return fail(500, service_code::kInternalError, "unknown error");
    }
}

}  // namespace muster::tools

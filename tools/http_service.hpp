#pragma once
// The HTTP face of the routing queries (`muster serve`): a request (method, path, query
// parameters, body) in, a status and a JSON body out. Parameters have the command line's names
// (at, to, kind, status, region, k, direction, from, sources, targets, minutes, profile) and are
// parsed, answered and written by the same query layer (tools/query_params.hpp,
// tools/*_query.hpp, tools/routing_json.hpp); a POST carries them as a JSON object.
//
// Errors are `{"code", "message"}` bodies: 400 bad or missing parameter or JSON, 404 unknown path,
// entity id or no facility matching the filters, 405 wrong method, 422 point too far from any road
// or no route, 500 anything else. This file knows nothing of sockets; tools/serve_command.cpp
// puts it behind cpp-httplib.
//
// Thread safety: handle() may be called from many threads at once. The networks and metrics are
// loaded once and only read; each call borrows its own search state from a pool.

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/query_context.hpp"
#include "tools/routing_session.hpp"

namespace muster::tools {

/// Codes of the service's own errors, beside those of query_code (tools/query_error.hpp).
namespace service_code {
inline constexpr const char* kMissingParameter = "MissingParameter";
inline constexpr const char* kUnknownParameter = "UnknownParameter";
inline constexpr const char* kInvalidJson = "InvalidJson";
inline constexpr const char* kInvalidInput =
    "InvalidInput";  ///< an InputError that is no QueryError
inline constexpr const char* kUnknownPath = "UnknownPath";
inline constexpr const char* kMethodNotAllowed = "MethodNotAllowed";
inline constexpr const char* kInternalError = "InternalError";
}  // namespace service_code

struct HttpRequest {
    std::string method;                                      ///< GET, POST, HEAD, ...
    std::string path;                                        ///< decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded query parameters
    std::string body;                                        ///< a JSON object for POST
};

struct HttpResponse {
    int status = 200;
    nlohmann::json body;
    std::string allow;  ///< the Allow header of a 405
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

    /// A free Searches, or a new one (O(nodes)) if all are lent.
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
    /// does). A profile without a network is left out, with a note; throws InputError if neither
    /// has one, or for a missing database or unreadable hazard source; DataError for a corrupt one.
    QueryService(const std::string& database, const HazardOptions& hazards, std::ostream& notes);

    /// Answers one request. Never throws: every failure becomes an error response.
    HttpResponse handle(const HttpRequest& request) const;

    /// {"status": "ok", "networks": {PROFILE: {"nodes", "edges"}}, "hazards": "...", "metric":
    /// "..."}.
    nlohmann::json health() const;

  private:
    struct ProfileNetwork {
        Profile profile;
        std::unique_ptr<RoutingSession> session;
        std::unique_ptr<SearchPool> searches;
    };

    const ProfileNetwork& network(Profile profile) const;
    using Params = std::map<std::string, std::string, std::less<>>;
    nlohmann::json answer(std::string_view endpoint, const Params& params) const;

    std::vector<ProfileNetwork> m_networks;
};

/// The error response body.
nlohmann::json error_json(std::string_view code, std::string_view message);

}  // namespace muster::tools

// The map data of QueryService (tools/server/http_service.hpp) that the console draws: GET
// /map/roads?bbox=MINLON,MINLAT,MAXLON,MAXLAT[&min_class=CLASS][&profile=drive|walk]
// [&tolerance_m=M], the pieces of a network's roads in the box (tools/app/road_map_query.hpp),
// each drawn within M metres of its road (tools/app/road_map_geometry.hpp), as a GeoJSON
// FeatureCollection (tools/present/road_geojson.hpp); GET /townships, the townships of the state in
// force as a FeatureCollection (tools/present/township_geojson.hpp), for the planner's choropleth;
// GET /search?q=TEXT[&limit=N], the places whose name contains the text, best first
// (tools/app/place_search.hpp), for the dispatcher's search box.

#include "engine/text.hpp"
#include "tools/app/place_search.hpp"
#include "tools/app/query_params.hpp"
#include "tools/app/road_map_query.hpp"
#include "tools/present/road_geojson.hpp"
#include "tools/present/township_geojson.hpp"
#include "tools/server/http_service.hpp"

namespace muster::tools {

HttpResponse QueryService::road_map(const Params& params) const {
    const auto bbox = params.find("bbox");
    if (bbox == params.end())
        throw QueryError(ErrorCode::MissingParameter,
                         "bbox: missing (MINLON,MINLAT,MAXLON,MAXLAT in degrees)");
    RoadMapQuery query;
    query.box = parse_bbox(bbox->second, "bbox");
    if (const auto min_class = params.find("min_class"); min_class != params.end())
        query.max_rank = parse_min_class(min_class->second, "min_class");
    const auto profile = params.find("profile");
    const auto tolerance = params.find("tolerance_m");
    const std::size_t index = network_index(
        profile == params.end() ? Profile::drive : parse_profile(profile->second, "profile"));
    const double tolerance_m =
        tolerance == params.end() ? 0 : parse_road_map_tolerance(tolerance->second, "tolerance_m");
    const RoutingGraph& graph = m_networks[index].session->graph();
    HttpResponse out;
    out.text = road_map_geojson(graph.network(), answer_road_map(graph, query),
                                *m_networks[index].map_geometry.get(), tolerance_m);
    out.content_type = "application/json";
    return out;
}

HttpResponse QueryService::township_map() const {
    const auto state = m_live->current();
    nlohmann::json out = townships_geojson(state->resources.townships);
    out["state"] = state_version_json(*state);
    return {200, std::move(out), {}, {}};
}

HttpResponse QueryService::place_search(const Params& params) const {
    const auto q = params.find("q");
    if (q == params.end())
        throw QueryError(ErrorCode::MissingParameter, "q: missing (the text to search for)");
    if (trim_blanks(q->second).empty())
        throw QueryError(ErrorCode::InvalidValue, "q: empty (the text to search for)");
    std::size_t limit = kDefaultSearchLimit;
    if (const auto l = params.find("limit"); l != params.end())
        limit = parse_positive_count(l->second, "limit", kMaxSearchLimit);
    const auto state = m_live->current();
    nlohmann::json results = nlohmann::json::array();
    for (const PlaceHit& hit :
         search_places(state->resources, *m_road_names.get(), q->second, limit)) {
        const Place& place = hit.place;
        nlohmann::json item = {{"kind", to_string(place.kind)},
                               {"id", place.id},
                               {"name", place.name},
                               {"location", {place.location.lon, place.location.lat}}};
        if (place.kind == PlaceKind::road)
            item["class"] = place.road_class;
        results.push_back(std::move(item));
    }
    return {200, {{"results", results}, {"state", state_version_json(*state)}}, {}, {}};
}

}  // namespace muster::tools

#include "tools/matrix_query.hpp"

#include <cctype>
#include <filesystem>

#include "geodata/source_spec.hpp"
#include "tools/query_error.hpp"
#include "tools/query_params.hpp"
#include "tools/text_table.hpp"

namespace muster::tools {
namespace {

template <class Entity>
std::vector<NamedPoint> points_of(const std::vector<Entity>& items) {
    std::vector<NamedPoint> out;
    for (const Entity& e : items)
        out.push_back({e.id, e.name, e.location});
    return out;
}

std::vector<NamedPoint> inline_points(std::string_view text, std::string_view parameter) {
    std::vector<NamedPoint> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto semicolon = text.find(';', start);
        const auto item =
            text.substr(start, semicolon == std::string_view::npos ? std::string_view::npos
                                                                   : semicolon - start);
        out.push_back({std::to_string(out.size() + 1), "", parse_lon_lat(item, parameter)});
        if (semicolon == std::string_view::npos)
            break;
        start = semicolon + 1;
    }
    return out;
}

bool looks_like_coordinates(std::string_view text) {
    return !text.empty() && (std::isdigit(static_cast<unsigned char>(text.front())) ||
                             text.front() == '-' || text.front() == '+' || text.front() == '.');
}

std::vector<Snap> snap_all(const QueryContext& context, const std::vector<NamedPoint>& points,
                           const char* parameter, std::vector<double>& distances) {
    std::vector<Snap> snaps;
    snaps.reserve(points.size());
    for (const NamedPoint& p : points) {
        const QueryPoint q{
            "'" + p.id + "' (" + fixed(p.location.lon, 6) + "," + fixed(p.location.lat, 6) + ")",
            p.location,
            {},
            {},
            {}};
        snaps.push_back(snap_query_point(context, q, parameter));
        distances.push_back(snaps.back().distance_m);
    }
    return snaps;
}

}  // namespace

std::vector<NamedPoint> resolve_point_set(std::string_view text, const Resources& resources,
                                          std::string_view parameter) {
    std::vector<NamedPoint> points;
    if (text == "teams") {
        points = points_of(resources.teams);
    } else if (text == "hospitals") {
        points = points_of(resources.hospitals);
    } else if (text == "shelters") {
        points = points_of(resources.shelters);
    } else if (text == "depots") {
        points = points_of(resources.depots);
    } else if (text == "townships") {
        points = points_of(resources.townships);
    } else if (!std::filesystem::exists(parse_source_spec(text).path) &&
               looks_like_coordinates(text)) {
        points = inline_points(text, parameter);
    } else {
        points = read_point_source(text);
    }
    if (points.empty()) {
        throw QueryError(query_code::kInvalidValue,
                         std::string(parameter) + ": the database holds no " + std::string(text));
    }
    return points;
}

MatrixAnswer answer_matrix(const QueryContext& context, const MatrixQuery& query,
                           Searches& searches) {
    MatrixAnswer answer;
    answer.sources = query.sources;
    answer.targets = query.targets;
    answer.metric = context.metric.label;
    const auto sources = snap_all(context, query.sources, "source", answer.source_snap_m);
    const auto targets = snap_all(context, query.targets, "target", answer.target_snap_m);
    answer.matrix =
        travel_matrix(context.graph, context.metric, sources, targets, searches.forward());
    return answer;
}

}  // namespace muster::tools

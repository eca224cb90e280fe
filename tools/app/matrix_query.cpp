#include "tools/app/matrix_query.hpp"

#include <cctype>
#include <filesystem>
#include <system_error>

#include "engine/errors.hpp"
#include "geodata/source_spec.hpp"
#include "tools/app/number_text.hpp"
#include "tools/app/query_error.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {
namespace {

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
                                          std::string_view parameter, CoordinateSystem system) {
    // A long list of points is no file name: exists() would throw "File name too long".
    std::error_code not_a_file;
    if (is_database_point_set(text) ||
        (looks_like_coordinates(text) &&
         !std::filesystem::exists(parse_source_spec(text).path, not_a_file)))
        return resolve_inline_point_set(text, resources, parameter, system);
    return read_point_source(text);  // throws for a layer without points
}

MatrixAnswer answer_matrix(const QueryContext& context, const MatrixQuery& query,
                           Searches& searches) {
    MatrixAnswer answer;
    answer.sources = query.sources;
    answer.targets = query.targets;
    answer.metric = context.metric.label;
    const auto sources = snap_all(context, query.sources, "source", answer.source_snap_m);
    const auto targets = snap_all(context, query.targets, "target", answer.target_snap_m);
    throw_if_stopped(context.stop, "the matrix");
    answer.matrix =
        context.cch
            ? travel_matrix(context.graph, *context.cch, sources, targets, searches.cch())
            : travel_matrix(context.graph, context.metric, sources, targets, searches.forward());
    return answer;
}

}  // namespace muster::tools

#pragma once
// The matrix query: travel times and distances from every source to every target.

#include <string>
#include <string_view>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "geodata/point_source.hpp"
#include "solvers/matrix.hpp"
#include "tools/app/query_context.hpp"

namespace muster::tools {

/// A set of points named on the command line: "teams", "hospitals", "shelters", "depots" or
/// "townships" (the database's own, every one of them), an inline list "LON,LAT;LON,LAT;..."
/// (ids 1, 2, ...), or a point layer PATH[:LAYER][?WHERE] of any GDAL format (it reads files: the
/// HTTP service must not pass it what a client sends). Throws QueryError (InvalidValue) for bad
/// coordinates or an empty set, InputError for an unreadable source. An inline list is read in
/// `system`; a layer's points come in the layer's own spatial reference.
std::vector<NamedPoint> resolve_point_set(std::string_view text, const Resources& resources,
                                          std::string_view parameter,
                                          CoordinateSystem system = CoordinateSystem::wgs84);

/// A matrix query: the points, resolved.
struct MatrixQuery {
    std::vector<NamedPoint> sources;
    std::vector<NamedPoint> targets;
};

/// The matrix with its points and what it was computed under.
struct MatrixAnswer {
    std::vector<NamedPoint> sources;
    std::vector<NamedPoint> targets;
    std::vector<double> source_snap_m;  ///< per source, its distance to the road it starts on
    std::vector<double> target_snap_m;
    TravelMatrix matrix;
    std::string metric;  ///< the metric's label: "base" or the hazards applied
};

/// Answers a matrix query (solvers/matrix.hpp): one search per source. Throws QueryError
/// (NoSegment) naming the first point, by its id, that is too far from any road.
MatrixAnswer answer_matrix(const QueryContext& context, const MatrixQuery& query,
                           Searches& searches);

}  // namespace muster::tools

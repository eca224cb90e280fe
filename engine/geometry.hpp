#pragma once
// muster's own polygon types, with the operations the model needs. GEOS (through its stable C API)
// does the geometry; these types keep GEOS out of every other header.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"

namespace muster {

/// A closed ring of WGS84 points; the first point is repeated at the end.
using Ring = std::vector<LonLat>;

/// A polygon: the outer ring first, then holes.
struct Polygon {
    std::vector<Ring> rings;
    friend bool operator==(const Polygon&, const Polygon&) = default;
};

/// One or more polygons. A single polygon is a MultiPolygon with one member.
struct MultiPolygon {
    std::vector<Polygon> polygons;
    bool empty() const { return polygons.empty(); }
    friend bool operator==(const MultiPolygon&, const MultiPolygon&) = default;
};

/// Area on the WGS84 ellipsoid in square metres: outer rings minus holes.
double area_m2(const MultiPolygon& area);

/// Why the geometry is invalid (GEOS's reason, e.g. "Self-intersection[14.5 35.9]"), or nothing if
/// it is valid.
std::optional<std::string> invalid_reason(const MultiPolygon& area);

/// A point guaranteed to lie inside the polygon (GEOS point-on-surface); the location used to snap
/// an area feature to the road network. Throws InputError for an empty geometry.
LonLat point_on_surface(const MultiPolygon& area);

/// Whether the point lies inside or on the boundary of the area.
bool covers(const MultiPolygon& area, LonLat point);

/// The line simplified by Douglas and Peucker's algorithm (GEOS) within tolerance_m metres,
/// measured in a LocalFrame around its first point, for maps: its two ends kept. A line of fewer
/// than three points, or one that would collapse to a point (a loop), comes back as it is. Throws
/// ContractError unless tolerance_m is finite and >= 0. O(n log n).
std::vector<LonLat> simplified_line_m(std::span<const LonLat> line, double tolerance_m);

/// The area within about radius_m metres of any of the lines (a line of one point is a point;
/// empty lines are skipped), for maps: the lines are projected into a LocalFrame around their
/// extent, each simplified by radius_m / 10 and buffered with round ends and joins drawn with
/// 2 segments per quarter circle (so at most 0.08 · radius_m inside the true buffer), the buffers
/// unioned (GEOS cascaded union), the outline simplified by radius_m / 10 (topology-preserving)
/// and projected back to WGS84. Accurate to a few metres within a few kilometres of the centre:
/// a display shape, not an exact answer. Empty for no lines. Throws ContractError unless
/// radius_m is finite and > 0. The union dominates and grows faster than the vertices where
/// buffers overlap much: about 1.5 s for 17,000 roads around Valletta, 4.5 s for 27,000.
MultiPolygon buffer_lines_m(const std::vector<std::vector<LonLat>>& lines, double radius_m);

/// The union of two areas (GEOS), e.g. a service-area band and the roads its next band adds.
/// Throws InputError for a ring with fewer than 4 points or not closed, Error if GEOS fails.
/// O(V log V) in their vertices.
MultiPolygon union_of(const MultiPolygon& a, const MultiPolygon& b);

/// The part of `a` outside `b` (GEOS), e.g. a service area's band as a ring: its polygon minus
/// the previous band's. Throws like union_of. O(V log V) in their vertices.
MultiPolygon difference_of(const MultiPolygon& a, const MultiPolygon& b);

/// An area prepared for many tests against it (a GEOS prepared geometry): the test for each road
/// piece of a hazard zone. Use it in the thread that made it (GEOS handles are per thread).
class PreparedArea {
  public:
    /// Throws InputError for a ring with fewer than 4 points or not closed. O(V).
    explicit PreparedArea(const MultiPolygon& area);
    ~PreparedArea();
    PreparedArea(const PreparedArea&) = delete;
    PreparedArea& operator=(const PreparedArea&) = delete;

    /// Whether the polyline (one point: that point) touches the area: crosses it, runs inside it
    /// or meets its boundary. False for an empty line. Throws Error if GEOS cannot decide (an
    /// invalid polygon). About O(log V + points) after the first call.
    bool intersects(std::span<const LonLat> line) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace muster

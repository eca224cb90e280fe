#include "engine/geometry.hpp"

#include <geos_c.h>

#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"

namespace muster {
namespace {

// One GEOS context per thread: the reentrant API is thread-safe only per handle.
GEOSContextHandle_t geos() {
    struct Context {
        GEOSContextHandle_t handle = GEOS_init_r();
        ~Context() { GEOS_finish_r(handle); }
    };
    thread_local Context context;
    return context.handle;
}

struct GeomDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GeomPtr make_ring(const Ring& ring) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos(), static_cast<unsigned>(ring.size()), 2);
    for (unsigned i = 0; i < ring.size(); ++i) {
        GEOSCoordSeq_setXY_r(geos(), seq, i, ring[i].lon, ring[i].lat);
    }
    GeomPtr g(GEOSGeom_createLinearRing_r(geos(), seq));
    if (!g)
        throw InputError("a polygon ring has fewer than 4 points or is not closed");
    return g;
}

/// Hands owned geometries to a GEOS constructor that takes ownership of them.
std::vector<GEOSGeometry*> release_all(std::vector<GeomPtr>& owned) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(owned.size());
    for (GeomPtr& g : owned)
        raw.push_back(g.release());
    return raw;
}

// Rings and polygons are owned until GEOS takes them, so a bad ring later on (which throws)
// does not leak the ones made before it.
GeomPtr make_geos(const MultiPolygon& area) {
    std::vector<GeomPtr> polygons;
    for (const Polygon& polygon : area.polygons) {
        if (polygon.rings.empty())
            continue;
        GeomPtr shell = make_ring(polygon.rings[0]);
        std::vector<GeomPtr> holes;
        for (std::size_t i = 1; i < polygon.rings.size(); ++i)
            holes.push_back(make_ring(polygon.rings[i]));
        std::vector<GEOSGeometry*> raw_holes = release_all(holes);
        polygons.emplace_back(GEOSGeom_createPolygon_r(geos(), shell.release(), raw_holes.data(),
                                                       static_cast<unsigned>(raw_holes.size())));
    }
    std::vector<GEOSGeometry*> raw = release_all(polygons);
    return GeomPtr(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, raw.data(),
                                               static_cast<unsigned>(raw.size())));
}

// A GEOS line (or a point, for one point) in the frame's metres; nothing for no points.
GeomPtr make_line(std::span<const LonLat> line, const LocalFrame* frame) {
    if (line.empty())
        return nullptr;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos(), static_cast<unsigned>(line.size()), 2);
    for (unsigned i = 0; i < line.size(); ++i) {
        if (frame) {
            const auto xy = frame->to_xy(line[i]);
            GEOSCoordSeq_setXY_r(geos(), seq, i, xy.x, xy.y);
        } else {
            GEOSCoordSeq_setXY_r(geos(), seq, i, line[i].lon, line[i].lat);
        }
    }
    GeomPtr g(line.size() == 1 ? GEOSGeom_createPoint_r(geos(), seq)
                               : GEOSGeom_createLineString_r(geos(), seq));
    if (!g)
        throw Error("GEOS cannot make a line");
    return g;
}

Ring ring_from_geos(const GEOSGeometry* ring, const std::optional<LocalFrame>& frame) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos(), ring);
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(geos(), seq, &size);
    Ring out;
    out.reserve(size);
    for (unsigned i = 0; i < size; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(geos(), seq, i, &x, &y);
        out.push_back(frame ? frame->to_lon_lat({x, y}) : LonLat{x, y});
    }
    return out;
}

// Appends the polygons of a GEOS polygon, multipolygon or collection, projected back to WGS84
// from `frame` (coordinates already lon/lat without one).
void polygons_from_geos(const GEOSGeometry* g, const std::optional<LocalFrame>& frame,
                        MultiPolygon& out) {
    const int type = GEOSGeomTypeId_r(geos(), g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(geos(), g) == 1)
            return;
        Polygon polygon;
        polygon.rings.push_back(ring_from_geos(GEOSGetExteriorRing_r(geos(), g), frame));
        const int holes = GEOSGetNumInteriorRings_r(geos(), g);
        for (int i = 0; i < holes; ++i)
            polygon.rings.push_back(ring_from_geos(GEOSGetInteriorRingN_r(geos(), g, i), frame));
        out.polygons.push_back(std::move(polygon));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int parts = GEOSGetNumGeometries_r(geos(), g);
        for (int i = 0; i < parts; ++i)
            polygons_from_geos(GEOSGetGeometryN_r(geos(), g, i), frame, out);
    }
}

}  // namespace

double area_m2(const MultiPolygon& area) {
    double total = 0;
    for (const Polygon& polygon : area.polygons) {
        for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
            const double ring = ring_area_m2(polygon.rings[i]);
            total += i == 0 ? ring : -ring;
        }
    }
    return total;
}

std::optional<std::string> invalid_reason(const MultiPolygon& area) {
    GeomPtr g;
    try {
        g = make_geos(area);
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    if (GEOSisValid_r(geos(), g.get()) == 1)
        return std::nullopt;
    char* reason = GEOSisValidReason_r(geos(), g.get());
    std::string text = reason ? reason : "invalid geometry";
    GEOSFree_r(geos(), reason);
    return text;
}

LonLat point_on_surface(const MultiPolygon& area) {
    if (area.empty())
        throw InputError("empty polygon has no point on its surface");
    GeomPtr g = make_geos(area);
    GeomPtr point(GEOSPointOnSurface_r(geos(), g.get()));
    double x = 0, y = 0;
    if (!point || GEOSGeomGetX_r(geos(), point.get(), &x) != 1 ||
        GEOSGeomGetY_r(geos(), point.get(), &y) != 1) {
        throw InputError("cannot find a point on the polygon's surface");
    }
    return {x, y};
}

bool covers(const MultiPolygon& area, LonLat p) {
    GeomPtr g = make_geos(area);
    GeomPtr point(GEOSGeom_createPointFromXY_r(geos(), p.lon, p.lat));
    return GEOSCovers_r(geos(), g.get(), point.get()) == 1;
}

std::vector<LonLat> simplified_line_m(std::span<const LonLat> line, double tolerance_m) {
    if (!(tolerance_m >= 0) || !std::isfinite(tolerance_m))
        throw ContractError("a simplification tolerance must be a finite distance >= 0 m");
    std::vector<LonLat> out(line.begin(), line.end());
    if (line.size() < 3 || tolerance_m == 0)
        return out;
    const LocalFrame frame(line.front());
    const GeomPtr g = make_line(line, &frame);
    const GeomPtr simple(GEOSSimplify_r(geos(), g.get(), tolerance_m));
    if (!simple || GEOSGeomTypeId_r(geos(), simple.get()) != GEOS_LINESTRING)
        return out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos(), simple.get());
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(geos(), seq, &size);
    // A loop needs four points to stay a loop: fewer would draw a line or a point.
    const bool loop = line.front() == line.back();
    if (size < 2 || (loop && size < 4))
        return out;
    out.clear();
    for (unsigned i = 0; i < size; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(geos(), seq, i, &x, &y);
        out.push_back(frame.to_lon_lat({x, y}));
    }
    // The ends exactly as given, not as they come back through the frame.
    out.front() = line.front();
    out.back() = line.back();
    return out;
}

MultiPolygon buffer_lines_m(const std::vector<std::vector<LonLat>>& lines, double radius_m) {
    if (!(radius_m > 0) || !std::isfinite(radius_m)) {
        throw ContractError("buffer radius must be a finite distance > 0 m");
    }
    MultiPolygon result;
    BoundingBox box;
    for (const auto& line : lines) {
        for (LonLat p : line)
            box.extend(p);
    }
    if (box.empty())
        return result;
    const LocalFrame frame({(box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2});

    // Buffering each line and unioning the buffers (GEOS's cascaded union) is much faster than
    // buffering them as one collection, whose offset curves GEOS nodes all together.
    constexpr int kQuadrantSegments = 2;
    const double tolerance_m = radius_m / 10;
    std::vector<GeomPtr> parts;
    parts.reserve(lines.size());
    for (const auto& line : lines) {
        GeomPtr g = make_line(line, &frame);
        if (!g)
            continue;
        if (line.size() > 2) {
            if (GeomPtr simple{GEOSSimplify_r(geos(), g.get(), tolerance_m)})
                g = std::move(simple);
        }
        GeomPtr buffered(GEOSBuffer_r(geos(), g.get(), radius_m, kQuadrantSegments));
        if (!buffered)
            throw Error("GEOS could not buffer a line");
        parts.push_back(std::move(buffered));
    }
    std::vector<GEOSGeometry*> raw = release_all(parts);
    GeomPtr collection(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                   static_cast<unsigned>(raw.size())));
    GeomPtr unioned(GEOSUnaryUnion_r(geos(), collection.get()));
    if (!unioned)
        throw Error("GEOS could not union the buffers of the lines");
    GeomPtr simplified(GEOSTopologyPreserveSimplify_r(geos(), unioned.get(), tolerance_m));
    polygons_from_geos(simplified ? simplified.get() : unioned.get(), frame, result);
    return result;
}

MultiPolygon union_of(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty())
        return b;
    if (b.empty())
        return a;
    GeomPtr ga = make_geos(a), gb = make_geos(b);
    GeomPtr u(GEOSUnion_r(geos(), ga.get(), gb.get()));
    if (!u)
        throw Error("GEOS could not union two areas");
    MultiPolygon result;
    polygons_from_geos(u.get(), std::nullopt, result);
    return result;
}

MultiPolygon difference_of(const MultiPolygon& a, const MultiPolygon& b) {
    if (a.empty() || b.empty())
        return a;
    GeomPtr ga = make_geos(a), gb = make_geos(b);
    GeomPtr d(GEOSDifference_r(geos(), ga.get(), gb.get()));
    if (!d)
        throw Error("GEOS could not take one area from another");
    MultiPolygon result;
    polygons_from_geos(d.get(), std::nullopt, result);
    return result;
}

struct PreparedArea::Impl {
    GeomPtr geometry;
    const GEOSPreparedGeometry* prepared = nullptr;
};

PreparedArea::PreparedArea(const MultiPolygon& area) : m_impl(std::make_unique<Impl>()) {
    m_impl->geometry = make_geos(area);
    m_impl->prepared = GEOSPrepare_r(geos(), m_impl->geometry.get());
    if (!m_impl->prepared)
        throw Error("GEOS cannot prepare the polygon");
}

PreparedArea::~PreparedArea() {
    if (m_impl && m_impl->prepared)
        GEOSPreparedGeom_destroy_r(geos(), m_impl->prepared);
}

bool PreparedArea::intersects(std::span<const LonLat> line) const {
    GeomPtr g = make_line(line, nullptr);
    if (!g)
        return false;
    const char result = GEOSPreparedIntersects_r(geos(), m_impl->prepared, g.get());
    if (result == 2)
        throw Error("GEOS cannot test a line against the polygon (is the polygon valid?)");
    return result == 1;
}

}  // namespace muster

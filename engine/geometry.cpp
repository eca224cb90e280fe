#include "engine/geometry.hpp"

#include <geos_c.h>

#include <memory>

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
    if (!g) throw InputError("a polygon ring has fewer than 4 points or is not closed");
    return g;
}

/// Hands owned geometries to a GEOS constructor that takes ownership of them.
std::vector<GEOSGeometry*> release_all(std::vector<GeomPtr>& owned) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(owned.size());
    for (GeomPtr& g : owned) raw.push_back(g.release());
    return raw;
}

// Rings and polygons are owned until GEOS takes them, so a bad ring later on (which throws)
// does not leak the ones made before it.
GeomPtr make_geos(const MultiPolygon& area) {
    std::vector<GeomPtr> polygons;
    for (const Polygon& polygon : area.polygons) {
        if (polygon.rings.empty()) continue;
        GeomPtr shell = make_ring(polygon.rings[0]);
        std::vector<GeomPtr> holes;
        for (std::size_t i = 1; i < polygon.rings.size(); ++i) holes.push_back(make_ring(polygon.rings[i]));
        std::vector<GEOSGeometry*> raw_holes = release_all(holes);
        polygons.emplace_back(GEOSGeom_createPolygon_r(geos(), shell.release(), raw_holes.data(),
                                                       static_cast<unsigned>(raw_holes.size())));
    }
    std::vector<GEOSGeometry*> raw = release_all(polygons);
    return GeomPtr(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, raw.data(),
                                               static_cast<unsigned>(raw.size())));
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
    if (GEOSisValid_r(geos(), g.get()) == 1) return std::nullopt;
    char* reason = GEOSisValidReason_r(geos(), g.get());
    std::string text = reason ? reason : "invalid geometry";
    GEOSFree_r(geos(), reason);
    return text;
}

LonLat point_on_surface(const MultiPolygon& area) {
    if (area.empty()) throw InputError("empty polygon has no point on its surface");
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

}  // namespace muster

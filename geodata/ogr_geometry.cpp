#include "geodata/ogr_geometry.hpp"

#include <ogr_geometry.h>

#include <memory>

#include "engine/errors.hpp"

namespace muster {
namespace {

Ring ring_of(const OGRLinearRing& ring) {
    Ring out;
    out.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i)
        out.push_back({ring.getX(i), ring.getY(i)});
    return out;
}

Polygon polygon_of(const OGRPolygon& polygon) {
    Polygon out;
    if (polygon.IsEmpty())
        return out;
    out.rings.push_back(ring_of(*polygon.getExteriorRing()));
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
        out.rings.push_back(ring_of(*polygon.getInteriorRing(i)));
    return out;
}

std::unique_ptr<OGRMultiPolygon> to_ogr(const MultiPolygon& area) {
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const Polygon& polygon : area.polygons) {
        OGRPolygon ogr_polygon;
        for (const Ring& ring : polygon.rings) {
            OGRLinearRing ogr_ring;
            for (LonLat p : ring)
                ogr_ring.addPoint(p.lon, p.lat);
            ogr_polygon.addRing(&ogr_ring);
        }
        multi->addGeometry(&ogr_polygon);
    }
    return multi;
}

std::vector<unsigned char> wkb_of(const OGRGeometry& g) {
    std::vector<unsigned char> wkb(g.WkbSize());
    g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

std::unique_ptr<OGRGeometry> parse_wkb(const void* data, std::size_t size) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(data, nullptr, &g, size) != OGRERR_NONE || !g) {
        throw DataError("stored geometry is not valid WKB");
    }
    return std::unique_ptr<OGRGeometry>(g);
}

}  // namespace

std::optional<LonLat> as_point(const OGRGeometry& g) {
    const auto type = wkbFlatten(g.getGeometryType());
    if (type == wkbPoint && !g.IsEmpty()) {
        const auto* p = g.toPoint();
        return LonLat{p->getX(), p->getY()};
    }
    if (type == wkbMultiPoint && g.toMultiPoint()->getNumGeometries() == 1) {
        return as_point(*g.toMultiPoint()->getGeometryRef(0));
    }
    return std::nullopt;
}

std::optional<MultiPolygon> as_multipolygon(const OGRGeometry& g) {
    const auto type = wkbFlatten(g.getGeometryType());
    if (type == wkbCurvePolygon || type == wkbMultiSurface) {
        std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
        return as_multipolygon(*linear);
    }
    MultiPolygon out;
    if (type == wkbPolygon) {
        out.polygons.push_back(polygon_of(*g.toPolygon()));
    } else if (type == wkbMultiPolygon) {
        for (const OGRPolygon* polygon : *g.toMultiPolygon())
            out.polygons.push_back(polygon_of(*polygon));
    } else {
        return std::nullopt;
    }
    std::erase_if(out.polygons, [](const Polygon& p) { return p.rings.empty(); });
    return out;
}

std::optional<std::vector<std::vector<LonLat>>> as_lines(const OGRGeometry& g) {
    auto line_of = [](const OGRLineString& line) {
        std::vector<LonLat> out;
        out.reserve(static_cast<std::size_t>(line.getNumPoints()));
        for (int i = 0; i < line.getNumPoints(); ++i)
            out.push_back({line.getX(i), line.getY(i)});
        return out;
    };
    const auto type = wkbFlatten(g.getGeometryType());
    std::vector<std::vector<LonLat>> lines;
    if (type == wkbLineString) {
        lines.push_back(line_of(*g.toLineString()));
    } else if (type == wkbMultiLineString) {
        for (const OGRLineString* line : *g.toMultiLineString())
            lines.push_back(line_of(*line));
    } else {
        return std::nullopt;
    }
    return lines;
}

std::string geometry_type_name(const OGRGeometry& g) {
    return OGRGeometryTypeToName(g.getGeometryType());
}

std::optional<MultiPolygon> make_valid(const MultiPolygon& area) {
    const auto ogr = to_ogr(area);
    std::unique_ptr<OGRGeometry> valid(ogr->MakeValid());
    if (!valid)
        return std::nullopt;
    // MakeValid may return a collection mixing polygons with collapsed lines; keep the polygons.
    MultiPolygon out;
    auto take = [&out](const OGRGeometry& part) {
        if (auto polygons = as_multipolygon(part)) {
            out.polygons.insert(out.polygons.end(), polygons->polygons.begin(),
                                polygons->polygons.end());
        }
    };
    if (wkbFlatten(valid->getGeometryType()) == wkbGeometryCollection) {
        for (const OGRGeometry* part : *valid->toGeometryCollection())
            take(*part);
    } else {
        take(*valid);
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::vector<unsigned char> to_wkb(LonLat point) {
    return wkb_of(OGRPoint(point.lon, point.lat));
}

std::vector<unsigned char> to_wkb(const MultiPolygon& area) {
    return wkb_of(*to_ogr(area));
}

std::vector<unsigned char> to_wkb(const std::vector<LonLat>& line) {
    OGRLineString ogr_line;
    for (LonLat p : line)
        ogr_line.addPoint(p.lon, p.lat);
    return wkb_of(ogr_line);
}

LonLat point_from_wkb(const void* data, std::size_t size) {
    auto g = parse_wkb(data, size);
    if (auto p = as_point(*g))
        return *p;
    throw DataError("stored geometry is not a point");
}

MultiPolygon multipolygon_from_wkb(const void* data, std::size_t size) {
    auto g = parse_wkb(data, size);
    if (auto area = as_multipolygon(*g))
        return *area;
    throw DataError("stored geometry is not a polygon");
}

std::vector<LonLat> line_from_wkb(const void* data, std::size_t size) {
    auto g = parse_wkb(data, size);
    if (auto lines = as_lines(*g); lines && lines->size() == 1)
        return std::move(lines->front());
    throw DataError("stored geometry is not a line");
}

}  // namespace muster

#include "engine/demand_points.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "engine/geometry.hpp"

namespace muster {

std::vector<std::int64_t> apportion(std::int64_t total, std::span<const double> weights) {
    if (total < 0)
        throw ContractError("apportion: negative total");
    if (weights.empty()) {
        if (total > 0)
            throw ContractError("apportion: a positive total and no parts");
        return {};
    }
    double sum = 0;
    for (double w : weights) {
        if (!(w >= 0) || !std::isfinite(w))
            throw ContractError("apportion: a negative or non-finite weight");
        sum += w;
    }
    const std::size_t n = weights.size();
    std::vector<std::int64_t> parts(n);
    std::vector<double> remainder(n);
    std::int64_t given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double exact = sum > 0 ? static_cast<double>(total) * (weights[i] / sum)
                                     : static_cast<double>(total) / static_cast<double>(n);
        parts[i] = std::min(total, static_cast<std::int64_t>(std::floor(exact)));
        remainder[i] = exact - static_cast<double>(parts[i]);
        given += parts[i];
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    // Floating point may leave the floors short by more than n in theory; cycling keeps the sum
    // exact.
    for (std::size_t k = 0; given < total; k = (k + 1) % n, ++given)
        ++parts[order[k]];
    return parts;
}

namespace {

struct Cell {
    std::int64_t ix, iy;
    friend auto operator<=>(const Cell&, const Cell&) = default;
};

/// The common grid: cells of `side` metres in one local frame.
class Grid {
  public:
    Grid(LonLat origin, double side) : m_frame(origin), m_side(side) {}

    Cell cell_of(LonLat p) const {
        const LocalFrame::Xy xy = m_frame.to_xy(p);
        return {static_cast<std::int64_t>(std::floor(xy.x / m_side)),
                static_cast<std::int64_t>(std::floor(xy.y / m_side))};
    }
    LonLat centre(Cell c) const {
        return m_frame.to_lon_lat({(static_cast<double>(c.ix) + 0.5) * m_side,
                                   (static_cast<double>(c.iy) + 0.5) * m_side});
    }

  private:
    LocalFrame m_frame;
    double m_side;
};

BoundingBox bounds(const MultiPolygon& area) {
    BoundingBox box;
    for (const Polygon& polygon : area.polygons)
        for (const Ring& ring : polygon.rings)
            for (LonLat p : ring)
                box.extend(p);
    return box;
}

/// The grid cells whose centres lie inside `area`, rows south to north.
std::vector<Cell> cells_inside(const Grid& grid, const MultiPolygon& area,
                               const PreparedArea& prepared) {
    const BoundingBox box = bounds(area);
    const Cell low = grid.cell_of({box.min_lon, box.min_lat});
    const Cell high = grid.cell_of({box.max_lon, box.max_lat});
    std::vector<Cell> cells;
    for (std::int64_t iy = low.iy; iy <= high.iy; ++iy) {
        for (std::int64_t ix = low.ix; ix <= high.ix; ++ix) {
            const LonLat centre = grid.centre({ix, iy});
            if (prepared.intersects(std::span<const LonLat>(&centre, 1)))
                cells.push_back({ix, iy});
        }
    }
    return cells;
}

}  // namespace

DemandPoints demand_points(std::span<const Township> townships, const RoadNetwork& roads,
                           const DemandGridOptions& options) {
    if (!std::isfinite(options.cell_m) || options.cell_m < 10 || options.cell_m > 10000)
        throw InputError("demand grid: cell size " + std::to_string(options.cell_m) +
                         " m is outside [10, 10000] m");
    BoundingBox extent;
    for (const Township& t : townships)
        extent.extend(t.location);
    if (extent.empty())
        return {};
    const Grid grid({(extent.min_lon + extent.max_lon) / 2, (extent.min_lat + extent.max_lat) / 2},
                    options.cell_m);

    // Each township's cells; a cell belongs to the (first) township whose polygon holds its centre.
    std::vector<std::unique_ptr<PreparedArea>> prepared(townships.size());
    std::vector<std::vector<Cell>> township_cells(townships.size());
    std::map<Cell, std::pair<std::size_t, std::size_t>>
        owner;  // cell -> (township, index in its cells)
    for (std::size_t t = 0; t < townships.size(); ++t) {
        if (!townships[t].area || !townships[t].population)
            continue;
        prepared[t] = std::make_unique<PreparedArea>(*townships[t].area);
        for (Cell c : cells_inside(grid, *townships[t].area, *prepared[t])) {
            if (owner.emplace(c, std::pair{t, township_cells[t].size()}).second)
                township_cells[t].push_back(c);
        }
    }

    // Residential road length per cell, counted where each segment's midpoint lies.
    std::vector<std::vector<double>> road_m(townships.size());
    for (std::size_t t = 0; t < townships.size(); ++t)
        road_m[t].assign(township_cells[t].size(), 0.0);
    std::vector<bool> residential(roads.arrays().class_names.size());
    for (std::size_t c = 0; c < residential.size(); ++c)
        residential[c] = options.residential_classes.contains(roads.arrays().class_names[c]);
    for (PieceId p : roads.pieces()) {
        const EdgeId e = roads.piece_edge(p, false) != kInvalidEdge ? roads.piece_edge(p, false)
                                                                    : roads.piece_edge(p, true);
        if (e == kInvalidEdge || !residential[roads.arrays().road_class[e]])
            continue;
        const auto points = roads.piece_points(p);
        for (std::size_t i = 0; i + 1 < points.size(); ++i) {
            const LonLat a = points[i].lon_lat(), b = points[i + 1].lon_lat();
            const LonLat mid{(a.lon + b.lon) / 2, (a.lat + b.lat) / 2};
            const auto found = owner.find(grid.cell_of(mid));
            if (found == owner.end())
                continue;
            const auto [t, index] = found->second;
            if (prepared[t]->intersects(std::span<const LonLat>(&mid, 1)))
                road_m[t][index] += distance_m(a, b);
        }
    }

    DemandPoints result;
    for (std::size_t t = 0; t < townships.size(); ++t) {
        const Township& township = townships[t];
        if (!township.population) {
            result.problems.push_back({"townships", "", township.id, "population",
                                       "population unknown: the township has no demand points",
                                       township.location});
            continue;
        }
        if (township_cells[t].empty()) {
            if (*township.population > 0)
                result.points.push_back({t, township.location, *township.population, 0});
            continue;
        }
        const auto parts = apportion(*township.population, road_m[t]);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (parts[i] > 0)
                result.points.push_back(
                    {t, grid.centre(township_cells[t][i]), parts[i], road_m[t][i]});
        }
    }
    return result;
}

MultiPolygon demand_cell(LonLat centre, double cell_m) {
    const LocalFrame frame(centre);
    const double h = cell_m / 2;
    Polygon p;
    p.rings.push_back({frame.to_lon_lat({-h, -h}), frame.to_lon_lat({h, -h}),
                       frame.to_lon_lat({h, h}), frame.to_lon_lat({-h, h}),
                       frame.to_lon_lat({-h, -h})});
    return MultiPolygon{{p}};
}

}  // namespace muster

#pragma once
// Where people live, as points a walking search can reach: each township's population spread over
// a square grid clipped to its polygon, weighted by the residential roads in each cell.
//
// The grid is one for all townships (cells of cell_m metres in a local frame around their
// extent), so neighbouring townships share cell boundaries. A township takes the cells whose
// centre lies inside its polygon; a township given as a point, or too small to hold a cell
// centre, stays one point (its location). Its population is split over its cells in proportion
// to the length of residential roads in each (a segment counts in the cell and township its
// midpoint lies in), or evenly where the township has no residential road, then rounded by
// largest remainder so the township's total is preserved exactly. Cells that receive nobody are
// left out.

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "engine/entities.hpp"
#include "engine/geometry.hpp"
#include "engine/problem.hpp"
#include "engine/road_network.hpp"

namespace muster {

struct DemandGridOptions {
    double cell_m = 250;  ///< cell side, metres
    /// Road classes whose length weights a cell: where people live (OSM's highway values and the
    /// plain-layer classes; docs/fields.md).
    std::set<std::string> residential_classes = {"residential", "living_street"};
};

/// A share of one township's population at one place.
struct DemandPoint {
    std::size_t township = 0;       ///< index into the townships given
    LonLat location;                ///< the cell centre (or the township's own point)
    std::int64_t population = 0;    ///< > 0
    double residential_road_m = 0;  ///< the weight it was given (0 for an even split)
};

struct DemandPoints {
    std::vector<DemandPoint> points;  ///< by township, then by cell (rows south to north)
    std::vector<Problem> problems;    ///< townships with unknown population
};

/// The demand points of `townships`, weighted by the residential roads of `roads` (any profile;
/// the walking network has them all). Townships with unknown population get no points and a
/// problem. Throws InputError unless cell_m is finite and in [10, 10000].
/// O(townships' cells + road segments) geometry tests, each O(log V) on a prepared polygon.
DemandPoints demand_points(std::span<const Township> townships, const RoadNetwork& roads,
                           const DemandGridOptions& options = {});

/// The square of side `cell_m` metres around a demand point: its grid cell (a township too small
/// to hold a cell centre is drawn as such a square around its own point). O(1).
MultiPolygon demand_cell(LonLat centre, double cell_m);

/// `total` split in proportion to `weights` (evenly if they sum to 0), in whole units, by largest
/// remainder with ties to the earlier index: the parts sum to `total` exactly. Throws
/// ContractError for a negative total or weight, or no weights with a positive total.
std::vector<std::int64_t> apportion(std::int64_t total, std::span<const double> weights);

}  // namespace muster

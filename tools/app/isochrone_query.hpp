#pragma once
// The isochrone (service area) query: what can be reached from one or more facilities within given
// minutes, or from where they can be reached within them, with the population each band holds.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "engine/demand_points.hpp"
#include "solvers/service_area.hpp"
#include "tools/app/query_context.hpp"
#include "tools/app/query_params.hpp"

namespace muster::tools {

/// How a facility's bands are drawn, as ArcGIS names it: disks (each band's polygon holds the
/// smaller bands', from 0 to its limit) or rings (each band's polygon minus the previous one's,
/// from the previous limit to its own).
enum class BandShape { disks, rings };

/// "disks" or "rings". Throws QueryError (InvalidValue) naming the parameter for anything else.
BandShape parse_band_shape(std::string_view text, std::string_view parameter);
std::string_view to_string(BandShape shape);

/// The most facilities one isochrone query draws areas for: each costs a search and a field (a
/// few milliseconds on a county, tens on a province), and the answer holds every one's roads.
/// A county's hospitals, shelters or depots number tens.
inline constexpr std::size_t kMaxIsochroneFacilities = 100;

/// A place an isochrone query draws an area around.
struct IsochroneFacility {
    QueryPoint point;  ///< kind/id/name empty for a plain coordinate
};

/// The places `text` names: LON,LAT (in `system`), an entity id (team:ID, hospital:ID, ...), a set
/// of the database (teams, hospitals, shelters, depots, townships: every one of them) or, when
/// `files` allows, a point layer PATH[:LAYER][?WHERE] (its features' id and name kept, kind
/// "point"). Throws QueryError (InvalidValue) naming `parameter` for none of these or more than
/// kMaxIsochroneFacilities places, InputError for an unreadable layer.
std::vector<IsochroneFacility> parse_isochrone_facilities(std::string_view text,
                                                          const Resources& resources,
                                                          std::string_view parameter,
                                                          CoordinateSystem system, bool files);

/// An isochrone query, parsed.
struct IsochroneQuery {
    std::vector<IsochroneFacility> facilities;  ///< at least one
    std::vector<double> minutes;  ///< ascending, each in (0, kMaxMinutes] (parse_minutes)
    TravelDirection direction = TravelDirection::from_incident;  ///< from the point (or to it)
    BandShape shape = BandShape::disks;
};

/// One facility's bands.
struct IsochroneArea {
    QueryPoint origin;
    Snap snap;
    /// Ascending. Disks: each band's area holds the previous one's; rings: each band's area is
    /// its polygon minus the previous band's (nodes and segments are the solver's either way).
    std::vector<ServiceAreaBand> bands;
    /// People per band: the demand points (coverage's grid, engine/demand_points.hpp) inside
    /// the band's area; nothing when the database has no township with a population.
    std::vector<std::optional<std::int64_t>> population;
};

/// The bands of an isochrone query, with what they were computed under.
struct IsochroneAnswer {
    std::vector<IsochroneArea> areas;  ///< one per facility, in the order given
    TravelDirection direction = TravelDirection::from_incident;
    BandShape shape = BandShape::disks;
    std::vector<double> minutes;  ///< one per band
    std::string metric;           ///< the metric's label: "base" or the hazards applied
    std::string profile;          ///< the network's: drive or walk
};

/// People per band: the sum of the demand points each band's polygon covers (its edge included),
/// the bands ascending and nested (disks). Nothing per band when there are no demand points.
/// O(points · bands) tests on prepared polygons.
std::vector<std::optional<std::int64_t>> band_population(const std::vector<ServiceAreaBand>& bands,
                                                         std::span<const DemandPoint> demand);

/// Turns an area's nested bands (disks) into rings: each band's polygon minus the previous
/// band's (GEOS), its population minus the previous band's. Nodes and segments are kept.
void make_rings(IsochroneArea& area);

/// Answers an isochrone query (solvers/service_area.hpp), one area per facility. Population: the
/// demand points coverage uses (the township population spread over the residential roads' cells
/// of 250 m), each counted in every disk whose polygon covers it (so a ring holds those between
/// its two limits). Throws QueryError: InvalidValue for no facility or more than
/// kMaxIsochroneFacilities, no minutes, more than kMaxBands or one outside (0, kMaxMinutes],
/// NoSegment if a facility is too far from any road (naming it).
IsochroneAnswer answer_isochrone(const QueryContext& context, const IsochroneQuery& query,
                                 Searches& searches);

}  // namespace muster::tools

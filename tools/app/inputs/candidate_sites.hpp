#pragma once
// Reading candidate shelter sites from any GDAL vector source: points, or polygons placed at a
// point on their surface (GEOS, through engine/geometry), with an id, a name, an optional
// planning capacity and an optional fixed opening cost.

#include <optional>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"
#include "geodata/source_spec.hpp"

namespace muster::tools {

/// Which fields of the candidate layer hold what. An empty name means "look for the default
/// names" (case-insensitive): id, 编号 / name, 名称 / capacity, 容量 / fixed_cost, 建设费用.
struct CandidateFieldNames {
    std::string id;
    std::string name;
    std::string capacity;
    std::string fixed_cost;
    bool read_capacity = true;  ///< false: capacities come from elsewhere (one for all)
};

/// One candidate site.
struct CandidateSite {
    std::string id;
    std::string name;                ///< empty when the layer has no name or the value is null
    LonLat location;                 ///< WGS84; a polygon's point on its surface
    std::optional<double> capacity;  ///< people, > 0; nothing when the layer gives none
    double fixed_cost = 0;           ///< cost of opening the site (cflp), >= 0
    bool from_area = false;          ///< located on a polygon's surface
};

/// Every feature of the layer named by `spec`, in the source's order. The id field is required
/// (named by names.id, else one of the defaults); the capacity and fixed-cost fields are used
/// when named or present under a default name (a field named explicitly must exist).
/// Throws InputError naming the source, layer, feature (FID and id) and field for: a missing
/// file or layer, an empty layer, a missing id field or a field named but absent, an empty or
/// duplicate id, a capacity that is missing or not a number > 0 where a capacity field is in use,
/// a fixed cost that is not a number >= 0, a feature without geometry or with an empty one, a
/// geometry that is neither a point nor a polygon. O(features × vertices).
std::vector<CandidateSite> read_candidate_sites(const SourceSpec& spec,
                                                const CandidateFieldNames& names);

}  // namespace muster::tools

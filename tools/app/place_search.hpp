#pragma once
// Places found by name for GET /search: the townships, shelters, hospitals, depots and teams of a
// state whose name or id contains the text searched, and the roads whose name does. Exact matches
// first, then those that begin with the text, then those that contain it; ties by kind (in
// PlaceKind's order), then by name, then by id.
//
// Case: only ASCII letters are folded ("valletta" finds "Valletta"; "ħ" does not find "Ħ").
// Other text matches byte for byte, which for UTF-8 is character for character: a substring of
// valid UTF-8 found in valid UTF-8 always starts and ends on a character's boundary, so "新街口"
// finds "新街口广场" and never a part of another character.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/resources.hpp"
#include "geodata/resource_db.hpp"

namespace muster::tools {

/// What a place is; ties between equal matches are broken in this order.
enum class PlaceKind { township, road, shelter, hospital, depot, team };

/// "township", "road", "shelter", "hospital", "depot" or "team".
std::string_view to_string(PlaceKind kind);

/// A place a search can answer: where an incident can be put.
struct Place {
    PlaceKind kind = PlaceKind::township;
    std::string id;
    std::string name;
    LonLat location;
    std::string road_class;  ///< a road's class ("primary", ...); empty for the other kinds
};

/// How well a text matches: the lower, the better.
enum class MatchRank { exact = 0, prefix = 1, substring = 2 };

/// How `text` matches `query` (ASCII letters folded), or nothing if it does not contain it.
/// An empty query matches nothing. O(|text| · |query|), no allocation.
std::optional<MatchRank> match_rank(std::string_view text, std::string_view query);

/// The roads by name, built once when the service starts: one place per distinct name (as
/// written), at the middle of its longest drivable road of that name (of its longest road if
/// none is drivable), with that road's id and class.
/// Invariant: names are distinct and sorted (byte order).
class RoadNameIndex {
  public:
    RoadNameIndex() = default;
    /// O(roads · log roads).
    explicit RoadNameIndex(std::span<const NamedRoad> roads);

    std::span<const Place> roads() const { return m_roads; }

  private:
    std::vector<Place> m_roads;
};

/// A place found, and how well it matched.
struct PlaceHit {
    Place place;
    MatchRank rank = MatchRank::substring;
};

inline constexpr std::size_t kDefaultSearchLimit = 10;
inline constexpr std::size_t kMaxSearchLimit = 50;

/// The places of `resources` (matched by name or id, the better counting) and of `roads` (by
/// name) that match `query` (leading and trailing blanks ignored), best first as the top of this
/// file says, at most `limit`. O(places · |query| · average name length + hits · log hits).
std::vector<PlaceHit> search_places(const Resources& resources, const RoadNameIndex& roads,
                                    std::string_view query, std::size_t limit);

}  // namespace muster::tools

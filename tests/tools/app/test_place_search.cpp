// Places by name (tools/app/place_search.hpp) on a handful of places written here, the expected
// order worked out by hand: exact before prefix before substring, ties by kind (township, road,
// shelter, hospital, depot, team) then name; ASCII letters folded, Chinese matched as written.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tools/app/place_search.hpp"

using namespace muster;
using namespace muster::tools;

namespace {

template <typename Entity>
Entity entity(std::string id, std::string name, LonLat at) {
    Entity e;
    e.id = std::move(id);
    e.name = std::move(name);
    e.location = at;
    return e;
}

Resources places() {
    Resources r;
    r.townships = {entity<Township>("t-val", "Valletta", {14.51, 35.90}),
                   entity<Township>("t-gz", "Gżira", {14.49, 35.90}),
                   entity<Township>("t-xjk", "新街口", {118.78, 32.04})};
    r.shelters = {entity<Shelter>("s-b", "Valletta shelter B", {14.512, 35.899}),
                  entity<Shelter>("s-a", "Valletta shelter A", {14.513, 35.898})};
    // Found by its id only.
    r.hospitals = {entity<Hospital>("h-valletta", "Mater Dei", {14.48, 35.90})};
    r.depots = {entity<Depot>("d-1", "Floriana store", {14.50, 35.89})};
    r.teams = {entity<Team>("amb-1", "VALLETTA", {14.511, 35.901})};
    return r;
}

// Two roads of each name: the index keeps one place per name, on the longest drivable road.
std::vector<NamedRoad> roads() {
    return {
        {"w1", "Triq Valletta", "secondary", true, 120.0, {14.40, 35.80}},
        {"w2", "Triq Valletta", "primary", true, 900.0, {14.41, 35.81}},
        {"w3", "Valletta Road", "footway", false, 2000.0, {14.42, 35.82}},
        {"w4", "Valletta Road", "residential", true, 50.0, {14.43, 35.83}},
        {"w5", "中山南路", "primary", true, 400.0, {118.78, 32.03}},
        {"w6", "新街口广场路", "tertiary", true, 300.0, {118.781, 32.041}},
    };
}

struct Found {
    std::string kind;
    std::string id;
    std::string name;
};

std::vector<Found> found(const std::vector<PlaceHit>& hits) {
    std::vector<Found> out;
    for (const PlaceHit& h : hits)
        out.push_back({std::string(to_string(h.place.kind)), h.place.id, h.place.name});
    return out;
}

bool operator==(const Found& a, const Found& b) {
    return a.kind == b.kind && a.id == b.id && a.name == b.name;
}

std::ostream& operator<<(std::ostream& out, const Found& f) {
    return out << f.kind << ":" << f.id << ":" << f.name;
}

}  // namespace

TEST_CASE("match_rank tells exact, prefix and substring apart, ASCII letters folded") {
    CHECK(match_rank("Valletta", "valletta") == MatchRank::exact);
    CHECK(match_rank("Valletta Road", "VALL") == MatchRank::prefix);
    CHECK(match_rank("Triq Valletta", "letta") == MatchRank::substring);
    CHECK_FALSE(match_rank("Valletta", "valletta road"));
    CHECK_FALSE(match_rank("Valletta", ""));
    // Only ASCII is folded: the Maltese Ħ is not ħ.
    CHECK(match_rank("Ħamrun", "Ħam") == MatchRank::prefix);
    CHECK_FALSE(match_rank("Ħamrun", "ħam"));
}

TEST_CASE("the road name index keeps one place per name, on its longest drivable road") {
    const RoadNameIndex index(roads());
    REQUIRE(index.roads().size() == 4);
    // Sorted by name (bytes): the Latin names before the Chinese ones.
    const Place& triq = index.roads()[0];
    CHECK(triq.name == "Triq Valletta");
    CHECK(triq.id == "w2");
    CHECK(triq.road_class == "primary");
    CHECK(triq.location == LonLat{14.41, 35.81});
    // The longer footway loses to the drivable road: an ambulance must reach the point.
    const Place& road = index.roads()[1];
    CHECK(road.name == "Valletta Road");
    CHECK(road.id == "w4");
    CHECK(road.location == LonLat{14.43, 35.83});
}

TEST_CASE("search_places ranks exact, prefix, substring, then by kind and name") {
    const Resources r = places();
    const RoadNameIndex index(roads());
    const std::vector<Found> all = found(search_places(r, index, "valletta", kMaxSearchLimit));
    const std::vector<Found> expected{
        {"township", "t-val", "Valletta"},         // exact
        {"team", "amb-1", "VALLETTA"},             // exact, case folded; teams after townships
        {"road", "w4", "Valletta Road"},           // prefix; roads before shelters
        {"shelter", "s-a", "Valletta shelter A"},  // prefix; by name
        {"shelter", "s-b", "Valletta shelter B"},  //
        {"road", "w2", "Triq Valletta"},           // substring
        {"hospital", "h-valletta", "Mater Dei"},   // substring of its id
    };
    CHECK(all == expected);

    SECTION("the limit keeps the best") {
        const std::vector<Found> three = found(search_places(r, index, "valletta", 3));
        CHECK(three == std::vector<Found>(expected.begin(), expected.begin() + 3));
        CHECK(search_places(r, index, "valletta", 1).at(0).place.location == LonLat{14.51, 35.90});
    }
    SECTION("blanks around the text are ignored") {
        CHECK(found(search_places(r, index, "  Valletta\t", kMaxSearchLimit)) == expected);
    }
    SECTION("a text nothing contains finds nothing") {
        CHECK(search_places(r, index, "Mdina", kMaxSearchLimit).empty());
        CHECK(search_places(r, index, "   ", kMaxSearchLimit).empty());
    }
}

TEST_CASE("search_places finds Chinese names by any part of them") {
    const Resources r = places();
    const RoadNameIndex index(roads());
    CHECK(found(search_places(r, index, "新街口", 10)) ==
          std::vector<Found>{{"township", "t-xjk", "新街口"}, {"road", "w6", "新街口广场路"}});
    // 路 ends both road names: substrings of both, by name (byte order: 中 U+4E2D before 新
    // U+65B0).
    CHECK(found(search_places(r, index, "路", 10)) ==
          std::vector<Found>{{"road", "w5", "中山南路"}, {"road", "w6", "新街口广场路"}});
    const auto road = search_places(r, index, "广场", 10);
    REQUIRE(road.size() == 1);
    CHECK(road[0].rank == MatchRank::substring);
    CHECK(road[0].place.road_class == "tertiary");
    CHECK(road[0].place.location == LonLat{118.781, 32.041});
}

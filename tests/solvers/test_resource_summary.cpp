// summarize(): the figures `muster info` prints, on hand-built resources and a hand-built network
// whose totals are worked out by hand in the comments.

#include <catch2/catch.hpp>

#include <vector>

#include "engine/network_builder.hpp"
#include "solvers/resource_summary.hpp"

namespace {

using namespace muster;

// One degree of longitude along the equator on the WGS84 ellipsoid: 2π × 6,378,137 m / 360. The
// geodesic between two points of the equator less than 180° apart runs along the equator.
constexpr double kEquatorDegreeM = 111'319.49;
// One degree of latitude at the equator: the meridian arc a(1 - e²) × π/180
// = 6,378,137 m × (1 - 0.00669438) × π/180.
constexpr double kMeridianDegreeAtEquatorM = 110'574.27;

Township township(const char* id, std::optional<std::int64_t> population, LonLat at) {
    Township t;
    t.id = id;
    t.name = id;
    t.population = population;
    t.region = "R1";
    t.location = at;
    return t;
}

Shelter shelter(const char* id, ShelterClass c, std::int64_t capacity, LonLat at) {
    Shelter s;
    s.id = id;
    s.shelter_class = c;
    s.capacity = capacity;
    s.status = ShelterStatus::open;
    s.location = at;
    return s;
}

Depot depot(const char* id, DepotTier tier, std::vector<InventoryItem> inventory, LonLat at) {
    Depot d;
    d.id = id;
    d.tier = tier;
    d.inventory = std::move(inventory);
    d.location = at;
    return d;
}

Team team(const char* id, const char* kind, const char* status, LonLat at) {
    Team t;
    t.id = id;
    t.kind = kind;
    t.capacity = 2;
    t.status = status;
    t.location = at;
    return t;
}

Hospital hospital(const char* id, std::int64_t red, std::int64_t yellow, std::int64_t green,
                  std::int64_t surge, LonLat at) {
    Hospital h;
    h.id = id;
    h.beds_red = red;
    h.beds_yellow = yellow;
    h.beds_green = green;
    h.beds_surge = surge;
    h.location = at;
    return h;
}

HazardZone hazard(const char* id, HazardEffect effect, double factor) {
    HazardZone z;
    z.id = id;
    z.kind = "flood";
    z.effect = effect;
    z.speed_factor = factor;
    // A small square inside the extent of the other entities, so the bounds do not depend on it.
    Polygon square;
    square.rings.push_back(
        Ring{{14.41, 35.91}, {14.42, 35.91}, {14.42, 35.92}, {14.41, 35.92}, {14.41, 35.91}});
    z.area.polygons.push_back(square);
    return z;
}

// A small county: the figures below are summed by hand in the test.
Resources hand_built_resources() {
    Resources r;
    r.townships = {township("t1", 1200, {14.40, 35.90}), township("t2", 3400, {14.45, 35.95}),
                   township("t3", std::nullopt, {14.42, 35.93}), township("t4", 0, {14.43, 35.91})};
    r.shelters = {shelter("s1", ShelterClass::emergency, 100, {14.41, 35.90}),
                  shelter("s2", ShelterClass::emergency, 250, {14.44, 35.94}),
                  shelter("s3", ShelterClass::fixed, 2000, {14.46, 35.92})};
    r.depots = {depot("d1", DepotTier::township, {{"water", 2000, "L"}, {"blanket", 200, "piece"}},
                      {14.40, 35.91}),
                depot("d2", DepotTier::county, {{"water", 20000, "L"}, {"tent", 200, "piece"}},
                      {14.43, 35.89}),
                depot("d3", DepotTier::county, {}, {14.44, 35.90})};
    r.teams = {team("a1", "ambulance", "available", {14.41, 35.91}),
               team("a2", "ambulance", "busy", {14.42, 35.91}),
               team("m1", "medical", "available", {14.43, 35.92}),
               team("f1", "fire", "out_of_service", {14.47, 35.93})};
    r.hospitals = {hospital("h1", 4, 12, 30, 15, {14.44, 35.96}),
                   hospital("h2", 1, 4, 12, 6, {14.39, 35.92})};
    r.hazards = {hazard("z1", HazardEffect::closed, 0), hazard("z2", HazardEffect::slow, 0.5)};
    return r;
}

RoadWay road(const char* id, const char* road_class, std::vector<LonLat> points, bool forward,
             bool backward) {
    RoadWay w;
    w.id = id;
    w.road_class = road_class;
    w.points = std::move(points);
    w.drive = {forward, backward, 36.0};
    w.walk = {true, true, 5.0};
    return w;
}

}  // namespace

TEST_CASE("summarize counts and totals every entity kind of hand-built resources") {
    const ResourceSummary s = summarize(hand_built_resources());

    // Townships: 1,200 + 3,400 + 0 = 4,600; t3's population is unknown and not counted as known.
    CHECK(s.townships == 4);
    CHECK(s.population == 4600);
    CHECK(s.townships_without_population == 1);

    // Shelters: 100 + 250 + 2,000 = 2,350 persons; emergency 2 / 350, fixed 1 / 2,000, no central.
    CHECK(s.shelters == 3);
    CHECK(s.shelter_capacity == 2350);
    REQUIRE(s.shelters_by_class.size() == 2);
    CHECK(s.shelters_by_class.at("emergency").count == 2);
    CHECK(s.shelters_by_class.at("emergency").capacity == 350);
    CHECK(s.shelters_by_class.at("fixed").count == 1);
    CHECK(s.shelters_by_class.at("fixed").capacity == 2000);
    CHECK(s.shelters_by_class.count("central") == 0);

    // Depots: 1 township, 2 county (d3 holds nothing). Stock: water 2,000 + 20,000 L; blanket 200
    // pieces (d1 only); tent 200 pieces (d2 only).
    CHECK(s.depots == 3);
    CHECK(s.depots_by_tier == std::map<std::string, std::size_t>{{"county", 2}, {"township", 1}});
    REQUIRE(s.stock.size() == 3);
    CHECK(s.stock.at("water") == std::map<std::string, double>{{"L", 22000.0}});
    CHECK(s.stock.at("blanket") == std::map<std::string, double>{{"piece", 200.0}});
    CHECK(s.stock.at("tent") == std::map<std::string, double>{{"piece", 200.0}});

    // Teams: ambulance 2 (1 available), medical 1 (1), fire 1 (0: out of service).
    CHECK(s.teams == 4);
    using KindFigures = std::pair<std::size_t, std::size_t>;
    CHECK(s.teams_by_kind == std::map<std::string, KindFigures>{
                                 {"ambulance", {2, 1}}, {"fire", {1, 0}}, {"medical", {1, 1}}});

    // Hospitals: red 4 + 1, yellow 12 + 4, green 30 + 12, surge 15 + 6.
    CHECK(s.hospitals == 2);
    CHECK(s.beds_red == 5);
    CHECK(s.beds_yellow == 16);
    CHECK(s.beds_green == 42);
    CHECK(s.beds_surge == 21);

    // Hazards: one closed, one slow.
    CHECK(s.hazards == 2);
    CHECK(s.hazards_closed == 1);

    // Extent of the locations: lon 14.39 (h2) to 14.47 (f1), lat 35.89 (d2) to 35.96 (h1).
    CHECK(s.bounds.min_lon == 14.39);
    CHECK(s.bounds.max_lon == 14.47);
    CHECK(s.bounds.min_lat == 35.89);
    CHECK(s.bounds.max_lat == 35.96);
}

TEST_CASE("summarize keeps an item held in two units as two totals") {
    Resources r;
    r.depots = {depot("d1", DepotTier::township, {{"water", 2000, "L"}, {"water", 5, "m3"}},
                      {14.40, 35.91}),
                depot("d2", DepotTier::county,
                      {{"water", 500, "L"}, {"food_ration", 300, "ration"}}, {14.43, 35.89})};
    const ResourceSummary s = summarize(r);

    // 2,000 L + 500 L = 2,500 L; the 5 m3 are not added to litres.
    REQUIRE(s.stock.size() == 2);
    CHECK(s.stock.at("water") == std::map<std::string, double>{{"L", 2500.0}, {"m3", 5.0}});
    CHECK(s.stock.at("food_ration") == std::map<std::string, double>{{"ration", 300.0}});
}

TEST_CASE("summarize of empty resources is all zeros with empty bounds") {
    const ResourceSummary s = summarize(Resources{});
    CHECK(s.townships == 0);
    CHECK(s.population == 0);
    CHECK(s.townships_without_population == 0);
    CHECK(s.shelters == 0);
    CHECK(s.shelter_capacity == 0);
    CHECK(s.shelters_by_class.empty());
    CHECK(s.depots == 0);
    CHECK(s.stock.empty());
    CHECK(s.teams == 0);
    CHECK(s.hospitals == 0);
    CHECK(s.beds_red + s.beds_yellow + s.beds_green + s.beds_surge == 0);
    CHECK(s.hazards == 0);
    CHECK(s.bounds.empty());
}

TEST_CASE("summarize of a road network counts each road once whatever its directions") {
    // Along the equator, drive profile:
    //
    //   A (0,0) <====> B (0.001,0) ----> C (0.003,0) <---- D (0.004,0)
    //     a: residential, both ways   b: primary, oneway   c: primary, oneway -1
    //
    // Nodes A, B, C, D. Directed edges: a twice, b once, c once = 4.
    // Lengths: a = 0.001° = 111.31949 m, b = 0.002° = 222.63898 m, c = 111.31949 m.
    // Strongly connected components: {A, B}, {C}, {D}: 3, the largest of 2 nodes, and the other
    // two (1 node, under the 50-node threshold) are small.
    const std::vector<RoadWay> ways = {
        road("a", "residential", {{0.0, 0.0}, {0.001, 0.0}}, true, true),
        road("b", "primary", {{0.001, 0.0}, {0.003, 0.0}}, true, false),
        road("c", "primary", {{0.003, 0.0}, {0.004, 0.0}}, false, true),
    };
    const RoadNetwork network = build_road_network(ways, Profile::drive);
    const NetworkSummary s = summarize(network);

    CHECK(s.nodes == 4);
    CHECK(s.edges == 4);
    // Each piece is stored in whole millimetres: allow 0.5 mm per road.
    CHECK(s.length_m == Approx(0.004 * kEquatorDegreeM).margin(0.0015));
    REQUIRE(s.length_m_by_class.size() == 2);
    CHECK(s.length_m_by_class.at("residential") == Approx(0.001 * kEquatorDegreeM).margin(0.0005));
    CHECK(s.length_m_by_class.at("primary") == Approx(0.003 * kEquatorDegreeM).margin(0.001));
    CHECK(s.components == 3);
    CHECK(s.largest_component_nodes == 2);
    CHECK(s.small_components == 2);
    CHECK(s.bounds.min_lon == 0.0);
    CHECK(s.bounds.max_lon == Approx(0.004).margin(1e-12));
    CHECK(s.bounds.min_lat == 0.0);
    CHECK(s.bounds.max_lat == 0.0);
}

TEST_CASE("summarize of a road network: a way cut at a shared vertex keeps its length once") {
    // A two-way way P-Q-R along the equator and a second two-way way Q-S northwards share Q, so
    // P-Q-R is cut at Q into two pieces. Nodes P, Q, R, S; 3 pieces × 2 directions = 6 edges; one
    // strongly connected component of 4 nodes.
    //   P (0,0) --- Q (0.001,0) --- R (0.002,0)      PQR: 0.002° of the equator = 222.63898 m
    //                    |
    //                    S (0.001,0.001)              QS: 0.001° of latitude at the equator
    // QS: 0.001 of the meridian degree at the equator = 110.57427 m.
    const std::vector<RoadWay> ways = {
        road("pqr", "tertiary", {{0.0, 0.0}, {0.001, 0.0}, {0.002, 0.0}}, true, true),
        road("qs", "service", {{0.001, 0.0}, {0.001, 0.001}}, true, true),
    };
    const NetworkSummary s = summarize(build_road_network(ways, Profile::drive));

    CHECK(s.nodes == 4);
    CHECK(s.edges == 6);
    CHECK(s.length_m_by_class.at("tertiary") == Approx(0.002 * kEquatorDegreeM).margin(0.001));
    CHECK(s.length_m_by_class.at("service") ==
          Approx(0.001 * kMeridianDegreeAtEquatorM).margin(0.001));
    CHECK(s.length_m ==
          Approx(0.002 * kEquatorDegreeM + 0.001 * kMeridianDegreeAtEquatorM).margin(0.002));
    CHECK(s.components == 1);
    CHECK(s.largest_component_nodes == 4);
    CHECK(s.small_components == 0);
    CHECK(s.bounds.max_lat == Approx(0.001).margin(1e-12));
}

TEST_CASE("summarize of an empty road network") {
    const NetworkSummary s = summarize(build_road_network({}, Profile::walk));
    CHECK(s.nodes == 0);
    CHECK(s.edges == 0);
    CHECK(s.length_m == 0.0);
    CHECK(s.length_m_by_class.empty());
    CHECK(s.components == 0);
    CHECK(s.largest_component_nodes == 0);
    CHECK(s.small_components == 0);
    CHECK(s.bounds.empty());
}

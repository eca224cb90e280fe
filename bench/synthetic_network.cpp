#include "bench/synthetic_network.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace muster::bench {
namespace {

// Every random choice is a hash of the seed and the choice's place in the grid, so no choice
// depends on the order of generation.
std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

enum Choice : std::uint64_t {
    kJitterX = 1,
    kJitterY,
    kBend,
    kMissing,
    kStub,
    kStubSide,
    kWayLength,
    kMidCut,
    kOneway
};

constexpr std::size_t kPrimaryEvery = 32;
constexpr std::size_t kSecondaryEvery = 8;
constexpr std::size_t kMotorwayEvery = 400;
constexpr double kMissingShare = 0.12;  // of residential block sides
constexpr double kStubShare = 0.30;     // of block sides
constexpr double kMidCutShare = 0.08;   // block sides where one way ends and the next begins
constexpr double kCarriagewayHalfGapM = 15;
constexpr double kRampOffsetM = 150;

class Generator {
  public:
    explicit Generator(const SyntheticOptions& o) : m_o(o) {
        // About 2.1 nodes per grid intersection: the intersection, and stubs (two nodes each) on
        // 30 % of the ~1.8 block sides it starts.
        m_side = std::max<std::size_t>(
            8, static_cast<std::size_t>(std::sqrt(static_cast<double>(o.target_nodes) / 2.1)));
        const double lat = o.origin.lat * std::numbers::pi / 180;
        m_deg_per_m_lat = 1 / (111132.954 - 559.822 * std::cos(2 * lat));
        m_deg_per_m_lon = 1 / (111412.84 * std::cos(lat) - 93.5 * std::cos(3 * lat));
        for (std::size_t r = m_side / 2; r + 1 < m_side; r += kMotorwayEvery)
            m_motorway_rows.push_back(r);
    }

    std::vector<RoadWay> run() {
        for (std::size_t i = 0; i < m_side; ++i)
            street(i, true);
        for (std::size_t j = 0; j < m_side; ++j)
            street(j, false);
        for (std::size_t r : m_motorway_rows)
            motorway(r);
        return std::move(m_ways);
    }

  private:
    double unit(std::uint64_t a, std::uint64_t b, std::uint64_t c, Choice what) const {
        const std::uint64_t h = mix(mix(mix(mix(m_o.seed ^ what) + a) + b) + c);
        return static_cast<double>(h >> 11) * 0x1.0p-53;
    }
    LonLat at(double x_m, double y_m) const {
        return {m_o.origin.lon + x_m * m_deg_per_m_lon, m_o.origin.lat + y_m * m_deg_per_m_lat};
    }
    struct Xy {
        double x, y;
    };
    Xy intersection_xy(std::size_t i, std::size_t j) const {
        const double b = m_o.block_m;
        return {static_cast<double>(j) * b + (unit(i, j, 0, kJitterX) - 0.5) * 0.3 * b,
                static_cast<double>(i) * b + (unit(i, j, 0, kJitterY) - 0.5) * 0.3 * b};
    }
    // Row street i at column j, or column street j at row i: the same intersection.
    Xy grid_xy(std::size_t street, std::size_t k, bool row) const {
        return row ? intersection_xy(street, k) : intersection_xy(k, street);
    }
    // The shape point in the middle of block side k..k+1 of a street, bent off the straight line.
    Xy middle_xy(std::size_t street, std::size_t k, bool row) const {
        const Xy a = grid_xy(street, k, row), b = grid_xy(street, k + 1, row);
        const double bend = (unit(street, k, row, kBend) - 0.5) * 0.16 * m_o.block_m;
        return row ? Xy{(a.x + b.x) / 2, (a.y + b.y) / 2 + bend}
                   : Xy{(a.x + b.x) / 2 + bend, (a.y + b.y) / 2};
    }

    static const char* street_class(std::size_t index) {
        if (index % kPrimaryEvery == 0)
            return "primary";
        if (index % kSecondaryEvery == 0)
            return "secondary";
        return "residential";
    }
    bool next_to_motorway(std::size_t row, int* away) const {
        for (std::size_t r : m_motorway_rows) {
            if (row == r)
                return *away = -1, true;
            if (row == r + 1)
                return *away = 1, true;
        }
        return false;
    }

    void add_way(const char* road_class, std::vector<LonLat> points, int oneway) {
        if (points.size() < 2)
            return;
        RoadWay way;
        way.id = "syn-" + std::to_string(m_ways.size());
        way.road_class = road_class;
        way.points = std::move(points);
        way.drive = plain_drive_access(road_class, std::nullopt, oneway);
        way.walk = plain_walk_access(road_class);
        m_ways.push_back(std::move(way));
    }

    // One grid street (row i or column j), cut into ways, with its stubs.
    void street(std::size_t index, bool row) {
        const char* road_class = street_class(index);
        const bool residential = road_class[0] == 'r';
        int oneway = 0;
        if (residential && unit(index, row, 0, kOneway) < 1.0 / 12)
            oneway = (index / kSecondaryEvery) % 2 ? 1 : -1;
        int away_from_motorway = 0;
        const bool beside_motorway = row && next_to_motorway(index, &away_from_motorway);

        std::vector<LonLat> points{[&] {
            const Xy p = grid_xy(index, 0, row);
            return at(p.x, p.y);
        }()};
        std::size_t blocks = 0;
        auto length_goal = [&](std::size_t k) {
            return 1 + static_cast<std::size_t>(unit(index, k, row, kWayLength) * 6);
        };
        std::size_t goal = length_goal(0);
        auto finish = [&](LonLat restart) {
            add_way(road_class, std::move(points), oneway);
            points = {restart};
            blocks = 0;
        };
        for (std::size_t k = 0; k + 1 < m_side; ++k) {
            const Xy end_xy = grid_xy(index, k + 1, row);
            const LonLat end = at(end_xy.x, end_xy.y);
            if (residential && unit(index, k, row, kMissing) < kMissingShare) {
                finish(end);  // a missing link: the street breaks here
                goal = length_goal(k + 1);
                continue;
            }
            const Xy mid_xy = middle_xy(index, k, row);
            const LonLat mid = at(mid_xy.x, mid_xy.y);
            points.push_back(mid);
            if (unit(index, k, row, kMidCut) < kMidCutShare)
                finish(mid);
            points.push_back(end);
            if (++blocks >= goal) {
                finish(end);
                goal = length_goal(k + 1);
            }

            // A cul-de-sac from the middle of the side, perpendicular to it.
            const bool in_corridor =
                !row && std::any_of(m_motorway_rows.begin(), m_motorway_rows.end(),
                                    [&](std::size_t r) { return k == r; });
            if (!in_corridor && unit(index, k, row, kStub) < kStubShare) {
                double side = unit(index, k, row, kStubSide) < 0.5 ? -1 : 1;
                if (beside_motorway)
                    side = away_from_motorway;
                const double reach = 0.3 * m_o.block_m;
                const Xy tip = row ? Xy{mid_xy.x, mid_xy.y + side * reach}
                                   : Xy{mid_xy.x + side * reach, mid_xy.y};
                add_way("residential", {mid, at(tip.x, tip.y)}, 0);
            }
        }
        add_way(road_class, std::move(points), oneway);
    }

    // Two oneway carriageways between rows r and r + 1, ramps at every primary column, and a
    // link at each end so neither carriageway is a dead end.
    void motorway(std::size_t r) {
        const double b = m_o.block_m;
        const double y_mid = (static_cast<double>(r) + 0.5) * b;
        const double y_east = y_mid - kCarriagewayHalfGapM;  // southern carriageway, eastbound
        const double y_west = y_mid + kCarriagewayHalfGapM;  // northern carriageway, westbound
        std::vector<double> xs;
        for (std::size_t j = 0; j + 1 < m_side; ++j)
            xs.push_back((static_cast<double>(j) + 0.5) * b);
        for (std::size_t j = kPrimaryEvery; j + 1 < m_side; j += kPrimaryEvery) {
            const double x = static_cast<double>(j) * b;
            xs.push_back(x - kRampOffsetM);
            xs.push_back(x + kRampOffsetM);
            const Xy south = intersection_xy(r, j), north = intersection_xy(r + 1, j);
            // Eastbound: off before the column down to row r, on after it.
            add_way("motorway_link",
                    {at(x - kRampOffsetM, y_east), at(x - 60, y_east - 20), at(south.x, south.y)},
                    1);
            add_way("motorway_link",
                    {at(south.x, south.y), at(x + 60, y_east - 20), at(x + kRampOffsetM, y_east)},
                    1);
            // Westbound: off before the column (east of it) up to row r + 1, on west of it.
            add_way("motorway_link",
                    {at(x + kRampOffsetM, y_west), at(x + 60, y_west + 20), at(north.x, north.y)},
                    1);
            add_way("motorway_link",
                    {at(north.x, north.y), at(x - 60, y_west + 20), at(x - kRampOffsetM, y_west)},
                    1);
        }
        std::sort(xs.begin(), xs.end());
        std::vector<LonLat> east, west;
        for (double x : xs)
            east.push_back(at(x, y_east));
        for (auto it = xs.rbegin(); it != xs.rend(); ++it)
            west.push_back(at(*it, y_west));
        add_way("motorway_link", {west.back(), at(xs.front() - 40, y_mid), east.front()}, 1);
        add_way("motorway_link", {east.back(), at(xs.back() + 40, y_mid), west.front()}, 1);
        add_way("motorway", std::move(east), 1);
        add_way("motorway", std::move(west), 1);
    }

    const SyntheticOptions& m_o;
    std::size_t m_side = 0;
    double m_deg_per_m_lat = 0, m_deg_per_m_lon = 0;
    std::vector<std::size_t> m_motorway_rows;
    std::vector<RoadWay> m_ways;
};

}  // namespace

std::vector<RoadWay> synthetic_road_ways(const SyntheticOptions& options) {
    return Generator(options).run();
}

}  // namespace muster::bench

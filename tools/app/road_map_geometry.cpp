#include "tools/app/road_map_geometry.hpp"

#include <algorithm>
#include <bit>

#include "engine/geometry.hpp"

namespace muster::tools {

namespace {

// The positions in `own` of the points of `kept`, a subsequence of it: empty if one is not
// found (the simplification moved it), and the piece is then drawn with all its points.
std::vector<std::uint16_t> positions(std::span<const Coordinate> own,
                                     const std::vector<LonLat>& kept) {
    std::vector<std::uint16_t> out;
    std::size_t j = 0;
    for (LonLat point : kept) {
        const Coordinate c = Coordinate::from(point);
        while (j < own.size() && own[j] != c)
            ++j;
        if (j == own.size())
            return {};
        out.push_back(static_cast<std::uint16_t>(j++));
    }
    return out;
}

}  // namespace

RoadMapGeometry::RoadMapGeometry(const RoadNetwork& network) : m_network(&network) {
    constexpr std::size_t kMaxPoints = std::size_t{1} << 16;
    const std::size_t words = (network.piece_count() + 63) / 64;
    std::vector<LonLat> line;
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        Level& level = m_levels[k];
        level.simplified.assign(words, 0);
        level.before_word.assign(words, 0);
        for (PieceId p : network.pieces()) {
            const std::size_t word = p.value() / 64;
            if (p.value() % 64 == 0)
                level.before_word[word] = static_cast<std::uint32_t>(level.first.size());
            const auto own = network.piece_points(p);
            if (own.size() <= 2 || own.size() > kMaxPoints)
                continue;  // nothing to drop, or too many points to count in two bytes
            line.clear();
            for (Coordinate c : own)
                line.push_back(c.lon_lat());
            const std::vector<LonLat> kept = simplified_line_m(line, kRoadMapTolerancesM[k]);
            if (kept.size() == own.size())
                continue;
            const std::vector<std::uint16_t> at = positions(own, kept);
            if (at.empty())
                continue;
            level.simplified[word] |= std::uint64_t{1} << (p.value() % 64);
            level.first.push_back(static_cast<std::uint32_t>(level.kept.size()));
            level.kept.insert(level.kept.end(), at.begin(), at.end());
        }
        level.first.push_back(static_cast<std::uint32_t>(level.kept.size()));
        level.first.shrink_to_fit();
        level.kept.shrink_to_fit();
    }
}

std::optional<std::size_t> RoadMapGeometry::Level::index(PieceId p) const {
    const std::size_t word = p.value() / 64;
    const std::uint64_t bit = std::uint64_t{1} << (p.value() % 64);
    if ((simplified[word] & bit) == 0)
        return std::nullopt;
    return before_word[word] +
           static_cast<std::size_t>(std::popcount(simplified[word] & (bit - 1)));
}

std::span<const Coordinate> RoadMapGeometry::points(PieceId p, double tolerance_m,
                                                    std::vector<Coordinate>& scratch) const {
    const auto own = m_network->piece_points(p);
    for (std::size_t k = m_levels.size(); k-- > 0;) {
        if (kRoadMapTolerancesM[k] <= tolerance_m) {
            const Level& level = m_levels[k];
            const auto i = level.index(p);
            if (!i)
                break;  // the level keeps every point
            scratch.clear();
            for (std::uint32_t j = level.first[*i]; j < level.first[*i + 1]; ++j)
                scratch.push_back(own[level.kept[j]]);
            return scratch;
        }
    }
    return own;
}

std::array<std::size_t, kRoadMapTolerancesM.size()> RoadMapGeometry::level_points() const {
    const std::size_t own = m_network->arrays().piece_points.size();
    std::array<std::size_t, kRoadMapTolerancesM.size()> out{};
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        const Level& level = m_levels[k];
        std::size_t dropped = 0;
        for (PieceId p : m_network->pieces()) {
            if (const auto i = level.index(p))
                dropped +=
                    m_network->piece_points(p).size() - (level.first[*i + 1] - level.first[*i]);
        }
        out[k] = own - dropped;
    }
    return out;
}

}  // namespace muster::tools

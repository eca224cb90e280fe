#include "tools/app/road_map_geometry.hpp"

#include <algorithm>

#include "engine/geometry.hpp"

namespace muster::tools {

RoadMapGeometry::RoadMapGeometry(const RoadNetwork& network) : m_network(&network) {
    std::vector<LonLat> line;
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        Level& level = m_levels[k];
        for (PieceId p : network.pieces()) {
            const auto own = network.piece_points(p);
            if (own.size() <= 2)
                continue;  // nothing to drop
            line.clear();
            for (Coordinate c : own)
                line.push_back(c.lon_lat());
            const std::vector<LonLat> kept = simplified_line_m(line, kRoadMapTolerancesM[k]);
            if (kept.size() == own.size())
                continue;
            level.pieces.push_back(p);
            level.first.push_back(static_cast<std::uint32_t>(level.points.size()));
            for (LonLat point : kept)
                level.points.push_back(Coordinate::from(point));
        }
        level.first.push_back(static_cast<std::uint32_t>(level.points.size()));
        level.pieces.shrink_to_fit();
        level.first.shrink_to_fit();
        level.points.shrink_to_fit();
    }
}

std::span<const Coordinate> RoadMapGeometry::points(PieceId p, double tolerance_m) const {
    for (std::size_t k = m_levels.size(); k-- > 0;) {
        if (kRoadMapTolerancesM[k] <= tolerance_m) {
            const Level& level = m_levels[k];
            const auto at = std::lower_bound(level.pieces.begin(), level.pieces.end(), p);
            if (at == level.pieces.end() || *at != p)
                break;  // the level keeps every point
            const auto i = static_cast<std::size_t>(at - level.pieces.begin());
            return {level.points.data() + level.first[i], level.first[i + 1] - level.first[i]};
        }
    }
    return m_network->piece_points(p);
}

std::array<std::size_t, kRoadMapTolerancesM.size()> RoadMapGeometry::level_points() const {
    const std::size_t own = m_network->arrays().piece_points.size();
    std::array<std::size_t, kRoadMapTolerancesM.size()> out{};
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        const Level& level = m_levels[k];
        std::size_t dropped = 0;
        for (std::size_t i = 0; i < level.pieces.size(); ++i)
            dropped += m_network->piece_points(level.pieces[i]).size() -
                       (level.first[i + 1] - level.first[i]);
        out[k] = own - dropped;
    }
    return out;
}

}  // namespace muster::tools

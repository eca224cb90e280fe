#include "tools/app/road_map_geometry.hpp"

#include "engine/geometry.hpp"

namespace muster::tools {

RoadMapGeometry::RoadMapGeometry(const RoadNetwork& network) : m_network(&network) {
    std::vector<LonLat> line;
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        Level& level = m_levels[k];
        level.first.reserve(network.piece_count() + 1);
        for (PieceId p : network.pieces()) {
            level.first.push_back(static_cast<std::uint32_t>(level.points.size()));
            line.clear();
            for (Coordinate c : network.piece_points(p))
                line.push_back(c.lon_lat());
            for (LonLat kept : simplified_line_m(line, kRoadMapTolerancesM[k]))
                level.points.push_back(Coordinate::from(kept));
        }
        level.first.push_back(static_cast<std::uint32_t>(level.points.size()));
    }
}

std::span<const Coordinate> RoadMapGeometry::points(PieceId p, double tolerance_m) const {
    for (std::size_t k = m_levels.size(); k-- > 0;) {
        if (kRoadMapTolerancesM[k] <= tolerance_m) {
            const Level& level = m_levels[k];
            const std::uint32_t begin = level.first[p.value()];
            return {level.points.data() + begin, level.first[p.value() + 1] - begin};
        }
    }
    return m_network->piece_points(p);
}

std::array<std::size_t, kRoadMapTolerancesM.size()> RoadMapGeometry::level_points() const {
    std::array<std::size_t, kRoadMapTolerancesM.size()> out{};
    for (std::size_t k = 0; k < m_levels.size(); ++k)
        out[k] = m_levels[k].points.size();
    return out;
}

}  // namespace muster::tools

#pragma once
// Test support: ids written as literals in hand-drawn cases (3_node, 0_edge, 2_rank), and lists
// of node ids (a CCH order), since ids do not convert from plain integers.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <vector>

#include "engine/cch/cch_topology.hpp"
#include "engine/road_network.hpp"

namespace muster::test {

inline std::vector<NodeId> node_ids(std::initializer_list<std::uint32_t> ids) {
    std::vector<NodeId> out;
    for (std::uint32_t id : ids)
        out.push_back(NodeId(id));
    return out;
}

inline std::vector<EdgeId> edge_ids(std::initializer_list<std::uint32_t> ids) {
    std::vector<EdgeId> out;
    for (std::uint32_t id : ids)
        out.push_back(EdgeId(id));
    return out;
}

/// Uniformly random ids 0 .. count - 1: std::uniform_int_distribution over their integers, so a
/// seed draws the same ids as it drew integers.
template <class Id>
class UniformId {
  public:
    explicit UniformId(std::size_t count)
        : m_integers(0, static_cast<typename Id::rep_type>(count - 1)) {}
    template <class Random>
    Id operator()(Random& random) {
        return Id(m_integers(random));
    }

  private:
    std::uniform_int_distribution<typename Id::rep_type> m_integers;
};

inline namespace id_literals {

constexpr NodeId operator""_node(unsigned long long id) {
    return NodeId(static_cast<std::uint32_t>(id));
}
constexpr EdgeId operator""_edge(unsigned long long id) {
    return EdgeId(static_cast<std::uint32_t>(id));
}
constexpr PieceId operator""_piece(unsigned long long id) {
    return PieceId(static_cast<std::uint32_t>(id));
}
constexpr cch::Rank operator""_rank(unsigned long long id) {
    return cch::Rank(static_cast<std::uint32_t>(id));
}
constexpr cch::ArcId operator""_arc(unsigned long long id) {
    return cch::ArcId(static_cast<std::uint32_t>(id));
}

}  // namespace id_literals
}  // namespace muster::test

// Node, edge and piece ids (and the CCH's ranks and arcs) are distinct types: passing one where
// another is meant does not compile, and none converts to or from a plain integer implicitly. At
// run time they are the integers they wrap: a hand-drawn network answers tail and head in them.

#include <catch2/catch.hpp>

#include <cstdint>
#include <type_traits>
#include <unordered_set>

#include "engine/cch/cch_topology.hpp"
#include "engine/road_network.hpp"
#include "tests/support/ids.hpp"
#include "tests/support/tiny_network.hpp"

using namespace muster;
using namespace muster::test::id_literals;

namespace {

template <class Vector, class Index>
concept IndexableBy = requires(const Vector& v, Index i) {
    v[i];
};

}  // namespace

TEST_CASE("Ids of different kinds do not mix, and do not convert from or to integers") {
    STATIC_REQUIRE(!std::is_convertible_v<EdgeId, NodeId>);
    STATIC_REQUIRE(!std::is_constructible_v<NodeId, EdgeId>);
    STATIC_REQUIRE(!std::is_convertible_v<NodeId, EdgeId>);
    STATIC_REQUIRE(!std::is_constructible_v<EdgeId, NodeId>);
    STATIC_REQUIRE(!std::is_constructible_v<PieceId, EdgeId>);
    STATIC_REQUIRE(!std::is_constructible_v<NodeId, cch::Rank>);
    STATIC_REQUIRE(!std::is_constructible_v<cch::Rank, NodeId>);
    STATIC_REQUIRE(!std::is_constructible_v<cch::ArcId, EdgeId>);
    STATIC_REQUIRE(!std::is_convertible_v<std::uint32_t, NodeId>);
    STATIC_REQUIRE(!std::is_convertible_v<int, EdgeId>);
    STATIC_REQUIRE(!std::is_convertible_v<NodeId, std::uint32_t>);
    STATIC_REQUIRE(!std::is_convertible_v<EdgeId, std::size_t>);
    STATIC_REQUIRE(!std::is_constructible_v<std::uint32_t, NodeId>);
    STATIC_REQUIRE(std::is_constructible_v<NodeId, std::uint32_t>);  // explicitly only
    // Two ids of different kinds cannot be compared, nor an id with an integer.
    STATIC_REQUIRE(!std::equality_comparable_with<NodeId, EdgeId>);
    STATIC_REQUIRE(!std::equality_comparable_with<NodeId, std::uint32_t>);
    STATIC_REQUIRE(!std::totally_ordered_with<EdgeId, PieceId>);
    // An IdVector is indexed by its own kind of id only.
    STATIC_REQUIRE(IndexableBy<IdVector<EdgeId, int>, EdgeId>);
    STATIC_REQUIRE(!IndexableBy<IdVector<EdgeId, int>, NodeId>);
    STATIC_REQUIRE(!IndexableBy<IdVector<EdgeId, int>, std::size_t>);
    // Zero cost: the integer itself.
    STATIC_REQUIRE(sizeof(NodeId) == sizeof(std::uint32_t));
    STATIC_REQUIRE(sizeof(cch::ArcId) == sizeof(std::uint32_t));
    STATIC_REQUIRE(std::is_trivially_copyable_v<EdgeId>);
    STATIC_REQUIRE(std::is_trivially_copyable_v<cch::Rank>);
    STATIC_REQUIRE(sizeof(IdVector<NodeId, int>) == sizeof(std::vector<int>));
}

TEST_CASE("Ids compare, step and hash as the integers they wrap") {
    CHECK(NodeId(3).value() == 3u);
    CHECK(NodeId(3) == 3_node);
    CHECK(2_edge < 3_edge);
    CHECK(2_edge + 1 == 3_edge);
    CHECK(7_rank - 3_rank == 4u);
    EdgeId e = 5_edge;
    CHECK(++e == 6_edge);
    CHECK(e++ == 6_edge);
    CHECK(e == 7_edge);
    CHECK(kInvalidNode.value() == UINT32_MAX);
    const std::unordered_set<PieceId> pieces = {1_piece, 2_piece, 1_piece};
    CHECK(pieces.size() == 2);
    std::uint32_t sum = 0;
    for (NodeId u : first_ids<NodeId>(4))
        sum += u.value();
    CHECK(sum == 0 + 1 + 2 + 3);
}

TEST_CASE("Tail and head of the edges of a hand-drawn triangle") {
    // Nodes 0, 1, 2; road 0 -> 1 one-way, road 1 - 2 two-way, road 2 -> 0 one-way. Edges are
    // numbered by tail, then head: 0: 0 -> 1, 1: 1 -> 2, 2: 2 -> 0, 3: 2 -> 1.
    const RoadNetwork network = test::tiny_network(
        {{0, 0}, {0.001, 0}, {0.001, 0.001}},
        {{0, 1, 1000, 1000, true}, {1, 2, 1000, 1000}, {2, 0, 1000, 1000, true}});
    REQUIRE(network.node_count() == 3);
    REQUIRE(network.edge_count() == 4);
    CHECK(network.tail(0_edge) == 0_node);
    CHECK(network.head(0_edge) == 1_node);
    CHECK(network.tail(1_edge) == 1_node);
    CHECK(network.head(1_edge) == 2_node);
    CHECK(network.tail(2_edge) == 2_node);
    CHECK(network.head(2_edge) == 0_node);
    CHECK(network.tail(3_edge) == 2_node);
    CHECK(network.head(3_edge) == 1_node);
    CHECK(network.first_out(2_node) == 2_edge);
    CHECK(network.end_out(2_node) == 4_edge);
    // The arrays are the network's own: first_out and head are stored, not empty.
    CHECK(network.arrays().first_out.size() == 4);
    CHECK(network.arrays().head.size() == 4);
    // Road 1 (1 - 2) runs forward as edge 1 and against its direction as edge 3.
    CHECK(network.piece(1_edge) == 1_piece);
    CHECK(network.piece(3_edge) == 1_piece);
    CHECK_FALSE(network.reversed(1_edge));
    CHECK(network.reversed(3_edge));
    CHECK(network.piece_edge(1_piece, true) == 3_edge);
}

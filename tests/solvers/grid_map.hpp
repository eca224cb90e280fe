#pragma once
// Test support: the 3 x 3 grid that the route and matrix tests compute their answers on by hand.

#include "engine/routing_graph.hpp"
#include "tests/support/tiny_network.hpp"

namespace muster::test::grid_map {

constexpr NodeId A{0}, B{1}, C{2}, D{3}, E{4}, F{5}, G{6}, H{7}, I{8}, J{9}, K{10};
constexpr PieceId kAB{0}, kBC{1}, kDE{2}, kEF{3}, kGH{4}, kHI{5}, kAD{6}, kDG{7}, kBE{8}, kEH{9},
    kCF{10}, kFI{11}, kJK{12};

// A 3 x 3 grid, 0.001° apart (about 111 m; travel times and lengths are set by hand), and an
// island road J - K far to the east. Seconds and metres; B -> E is one way (northwards).
//
//   G --100 s, 1300 m-- H --100 s, 1300 m-- I        y = 0.002
//   |                   |                   |
//   40 s, 500 m         30 s, 400 m         40 s, 500 m
//   |                   |                   |
//   D --90 s, 1200 m--- E --90 s, 1200 m--- F        y = 0.001
//   |                   ^                   |
//   40 s, 500 m         30 s, 400 m (B->E)  50 s, 600 m
//   |                   |                   |
//   A --60 s, 1000 m--- B --60 s, 1000 m--- C        y = 0        J --- K (x = 0.010, 0.011)
inline RoutingGraph grid() {
    return RoutingGraph(muster::test::tiny_network({{0, 0},
                                                    {0.001, 0},
                                                    {0.002, 0},
                                                    {0, 0.001},
                                                    {0.001, 0.001},
                                                    {0.002, 0.001},
                                                    {0, 0.002},
                                                    {0.001, 0.002},
                                                    {0.002, 0.002},
                                                    {0.010, 0},
                                                    {0.011, 0}},
                                                   {{A, B, 60'000, 1'000'000},
                                                    {B, C, 60'000, 1'000'000},
                                                    {D, E, 90'000, 1'200'000},
                                                    {E, F, 90'000, 1'200'000},
                                                    {G, H, 100'000, 1'300'000},
                                                    {H, I, 100'000, 1'300'000},
                                                    {A, D, 40'000, 500'000},
                                                    {D, G, 40'000, 500'000},
                                                    {B, E, 30'000, 400'000, true},
                                                    {E, H, 30'000, 400'000},
                                                    {C, F, 50'000, 600'000},
                                                    {F, I, 40'000, 500'000},
                                                    {J, K, 10'000, 100'000}}));
}

}  // namespace muster::test::grid_map

#pragma once
// Test support: the oracle for partial customization is a customization from scratch.

#include "engine/cch/cch_metric.hpp"

namespace muster::test {

/// Whether every arc of `got` weighs, both ways, what a full customization of its topology for
/// its metric gives.
inline bool equals_fresh_customization(const cch::CchMetric& got) {
    const cch::CchMetric fresh(got.topology(), got.network(), got.metric());
    for (cch::ArcId a : got.topology().arcs()) {
        if (got.up(a) != fresh.up(a) || got.down(a) != fresh.down(a))
            return false;
    }
    return true;
}

}  // namespace muster::test

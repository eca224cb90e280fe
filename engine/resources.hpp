#pragma once
// Every entity of a resource database, in memory: what the solvers work on.

#include <vector>

#include "engine/entities.hpp"

namespace muster {

struct Resources {
    std::vector<Township> townships;
    std::vector<Shelter> shelters;
    std::vector<Depot> depots;
    std::vector<Team> teams;
    std::vector<Hospital> hospitals;
    std::vector<HazardZone> hazards;
};

}  // namespace muster

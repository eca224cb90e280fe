#pragma once
// One side of a scenario comparison: the ambulance response, shelter coverage and assignment,
// relief fill rates by township and (with incidents) the casualties' placement, each as its own
// query answers it. `muster compare` answers it for the database as it is and for a scenario
// (tools/app/scenario.hpp), and sets the two side by side.

#include <optional>
#include <string>
#include <vector>

#include "tools/app/coverage_query.hpp"
#include "tools/app/relief_query.hpp"
#include "tools/app/response_query.hpp"

namespace muster::tools {

struct CompareQuery {
    ResponseQuery response;
    CoverageQuery coverage;
    std::vector<IncidentSite> incidents;  ///< empty: no casualty placement compared
};

struct CompareSide {
    ResponseAnswer response;
    CoverageAnswer coverage;
    std::optional<AllocateAnswer> relief;  ///< to townships; none where the database cannot
    std::string relief_note;               ///< why there is no relief answer
    std::optional<MciAnswer> casualties;
};

/// Answers every part on the driving and the walking network of one side. Throws as the parts'
/// queries do, but for the relief allocation, whose refusal (no depots, nothing to allocate) is
/// kept as relief_note.
CompareSide answer_compare_side(const QueryContext& drive, const QueryContext& walk,
                                const CompareQuery& query);

/// A township's relief fill rate: that of its least filled item (items are counted in their own
/// units, so they are not summed); nothing without demand or without a relief answer. Indexed
/// like resources.townships.
std::vector<std::optional<double>> township_fill_rates(const CompareSide& side,
                                                       const Resources& resources);

}  // namespace muster::tools

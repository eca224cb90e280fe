#include "tools/app/compare_query.hpp"

#include <map>

#include "tools/app/query_error.hpp"

namespace muster::tools {

CompareSide answer_compare_side(const QueryContext& drive, const QueryContext& walk,
                                const CompareQuery& query) {
    CompareSide side;
    side.response = answer_response(drive, query.response);
    side.coverage = answer_coverage(walk, query.coverage);
    Searches searches(drive.graph);
    AllocateQuery allocate;
    allocate.to = AllocationTarget::townships;
    try {
        side.relief = answer_allocate(drive, allocate, searches);
    } catch (const QueryError& e) {
        side.relief_note = e.what();
    }
    if (!query.incidents.empty()) {
        MciQuery mci;
        mci.incidents = query.incidents;
        side.casualties = answer_mci(drive, mci, searches);
    }
    return side;
}

std::vector<std::optional<double>> township_fill_rates(const CompareSide& side,
                                                       const Resources& resources) {
    std::vector<std::optional<double>> out(resources.townships.size());
    if (!side.relief)
        return out;
    std::map<std::string, std::size_t> index;
    for (std::size_t t = 0; t < resources.townships.size(); ++t)
        index[resources.townships[t].id] = t;
    for (const relief::Fill& f : side.relief->result.fills) {
        const auto it = index.find(side.relief->destinations[f.destination].id);
        if (it == index.end() || !(f.demand > 0))
            continue;
        std::optional<double>& rate = out[it->second];
        rate = std::min(rate.value_or(1.0), f.fill_rate);
    }
    return out;
}

}  // namespace muster::tools

#include "solvers/response/response_coverage.hpp"

#include <algorithm>

#include "engine/errors.hpp"

namespace muster {
namespace {

void tally(ResponseTally& t, std::int64_t population, const PointResponse& r,
           ResponseLimits limits) {
    t.population += population;
    if (!r.first)
        return;
    t.reached += population;
    t.person_ms += static_cast<double>(population) * static_cast<double>(r.first->duration_ms);
    t.longest_ms = std::max(t.longest_ms.value_or(0), r.first->duration_ms);
    if (r.first->duration_ms <= limits.drive_ms)
        t.covered += population;
    if (r.second && r.second->duration_ms <= limits.drive_ms)
        t.backed += population;
    if (r.first->length_mm <= limits.radius_mm)
        t.within_radius += population;
}

}  // namespace

ResponseCoverage response_coverage(std::span<const PopulationPoint> points,
                                   std::span<const PointResponse> responses, ResponseLimits limits,
                                   std::size_t township_count) {
    if (points.size() != responses.size())
        throw ContractError("response coverage needs one response per demand point");
    ResponseCoverage out;
    out.townships.resize(township_count);
    for (std::size_t p = 0; p < points.size(); ++p) {
        if (points[p].township >= township_count)
            throw ContractError("response coverage: a demand point's township is out of range");
        tally(out.townships[points[p].township], points[p].population, responses[p], limits);
        tally(out.total, points[p].population, responses[p], limits);
    }
    return out;
}

}  // namespace muster

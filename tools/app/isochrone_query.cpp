#include "tools/app/isochrone_query.hpp"

#include "tools/app/query_error.hpp"

namespace muster::tools {

IsochroneAnswer answer_isochrone(const QueryContext& context, const IsochroneQuery& query,
                                 Searches& searches) {
    if (query.minutes.empty())
        throw QueryError(ErrorCode::InvalidValue, "minutes: give at least one time limit");
    if (query.minutes.size() > kMaxBands) {
        throw QueryError(ErrorCode::InvalidValue,
                         "minutes: " + std::to_string(query.minutes.size()) +
                             " time limits; a service area takes at most " +
                             std::to_string(kMaxBands) + " (one band each)");
    }
    std::vector<double> limits_s;
    for (double m : query.minutes) {
        if (!(m > 0 && m <= kMaxMinutes)) {
            throw QueryError(ErrorCode::InvalidValue,
                             "minutes: each limit must be in (0, " + minutes_cap_text() + "]");
        }
        if (!limits_s.empty() && m * 60 <= limits_s.back()) {
            throw QueryError(ErrorCode::InvalidValue,
                             "minutes: limits must ascend without repeats");
        }
        limits_s.push_back(m * 60);
    }
    IsochroneAnswer answer;
    answer.origin = query.origin;
    answer.direction = query.direction;
    answer.minutes = query.minutes;
    answer.metric = context.metric.label;
    answer.snap = snap_query_point(context, query.origin, "origin");
    answer.bands = service_area(context.graph, context.metric, answer.snap, std::move(limits_s),
                                query.direction, searches.for_direction(query.direction),
                                {.stop = context.stop});
    return answer;
}

}  // namespace muster::tools

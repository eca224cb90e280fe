#include "tools/app/isochrone_query.hpp"

#include <filesystem>
#include <memory>
#include <system_error>

#include "engine/demand_points.hpp"
#include "engine/geometry.hpp"
#include "geodata/point_source.hpp"
#include "geodata/source_spec.hpp"
#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

QueryError invalid_value(std::string_view parameter, const std::string& message) {
    return QueryError(ErrorCode::InvalidValue, std::string(parameter) + ": " + message);
}

void check_count(std::size_t count, std::string_view parameter) {
    if (count > kMaxIsochroneFacilities) {
        throw invalid_value(parameter, std::to_string(count) +
                                           " facilities; an isochrone query draws at most " +
                                           std::to_string(kMaxIsochroneFacilities));
    }
}

std::string singular(std::string_view set) {
    return std::string(set.substr(0, set.size() - 1));  // teams -> team, hospitals -> hospital
}

std::vector<double> checked_limits_s(const std::vector<double>& minutes) {
    if (minutes.empty())
        throw QueryError(ErrorCode::InvalidValue, "minutes: give at least one time limit");
    if (minutes.size() > kMaxBands) {
        throw QueryError(ErrorCode::InvalidValue,
                         "minutes: " + std::to_string(minutes.size()) +
                             " time limits; a service area takes at most " +
                             std::to_string(kMaxBands) + " (one band each)");
    }
    std::vector<double> limits_s;
    for (double m : minutes) {
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
    return limits_s;
}

}  // namespace

std::vector<std::optional<std::int64_t>> band_population(const std::vector<ServiceAreaBand>& bands,
                                                         std::span<const DemandPoint> demand) {
    std::vector<std::optional<std::int64_t>> out(bands.size());
    if (demand.empty())
        return out;
    std::vector<std::unique_ptr<PreparedArea>> prepared(bands.size());
    for (std::size_t b = 0; b < bands.size(); ++b) {
        out[b] = 0;
        if (!bands[b].area.empty())
            prepared[b] = std::make_unique<PreparedArea>(bands[b].area);
    }
    // The disks nest: a point outside one is outside the smaller ones.
    for (const DemandPoint& p : demand) {
        for (std::size_t b = bands.size(); b-- > 0;) {
            if (!prepared[b] || !prepared[b]->intersects(std::span(&p.location, 1)))
                break;
            *out[b] += p.population;
        }
    }
    return out;
}

void make_rings(IsochroneArea& area) {
    for (std::size_t b = area.bands.size(); b-- > 1;) {
        area.bands[b].area = difference_of(area.bands[b].area, area.bands[b - 1].area);
        if (b < area.population.size() && area.population[b] && area.population[b - 1])
            *area.population[b] -= *area.population[b - 1];
    }
}

BandShape parse_band_shape(std::string_view text, std::string_view parameter) {
    if (text == "disks")
        return BandShape::disks;
    if (text == "rings")
        return BandShape::rings;
    throw invalid_value(parameter, "'" + quoted_text(text) +
                                       "' is not a band shape: disks (each band holds the smaller "
                                       "ones) or rings (each band minus the previous one)");
}

std::string_view to_string(BandShape shape) {
    return shape == BandShape::disks ? "disks" : "rings";
}

std::vector<IsochroneFacility> parse_isochrone_facilities(std::string_view text,
                                                          const Resources& resources,
                                                          std::string_view parameter,
                                                          CoordinateSystem system, bool files) {
    check_utf8(text, parameter);
    std::vector<IsochroneFacility> out;
    if (is_database_point_set(text)) {
        const auto points = resolve_inline_point_set(text, resources, parameter, system);
        check_count(points.size(), parameter);
        for (const NamedPoint& p : points) {
            out.push_back({QueryPoint{singular(text) + ":" + p.id, p.location, singular(text), p.id,
                                      p.name}});
        }
        return out;
    }
    // A point layer, where files may be read and the text names an existing one.
    std::error_code not_a_file;
    if (files && std::filesystem::exists(parse_source_spec(text).path, not_a_file)) {
        const auto points = read_point_source(text);
        check_count(points.size(), parameter);
        for (const NamedPoint& p : points)
            out.push_back({QueryPoint{p.id, p.location, "point", p.id, p.name}});
        return out;
    }
    const bool entity = text.find(':') != std::string_view::npos;
    const bool coordinates = text.find(',') != std::string_view::npos;
    if (!entity && !coordinates) {
        throw invalid_value(
            parameter,
            "'" + quoted_text(text) +
                "' is neither LON,LAT, an entity id (e.g. hospital:ID), a set (teams, hospitals, "
                "shelters, depots, townships)" +
                (files ? " nor an existing point layer PATH[:LAYER]" : ""));
    }
    out.push_back({parse_query_point(text, resources, parameter, system)});
    return out;
}

IsochroneAnswer answer_isochrone(const QueryContext& context, const IsochroneQuery& query,
                                 Searches& searches) {
    if (query.facilities.empty())
        throw QueryError(ErrorCode::InvalidValue, "at: give at least one place");
    check_count(query.facilities.size(), "at");
    const std::vector<double> limits_s = checked_limits_s(query.minutes);
    IsochroneAnswer answer;
    answer.direction = query.direction;
    answer.shape = query.shape;
    answer.minutes = query.minutes;
    answer.metric = context.metric.label;
    answer.profile = std::string(to_string(context.graph.network().profile()));
    // The demand points coverage uses, once for every facility.
    const DemandPoints demand = demand_points(context.resources.townships, context.graph.network());
    for (const IsochroneFacility& facility : query.facilities) {
        IsochroneArea area;
        area.origin = facility.point;
        area.snap = snap_query_point(
            context, facility.point,
            query.facilities.size() == 1 ? "origin" : "facility " + facility.point.text);
        // On the hierarchy when there is one: the same bands, found faster.
        area.bands =
            context.cch
                ? service_area(context.graph, context.metric, area.snap, limits_s, query.direction,
                               searches.hierarchy(*context.cch, query.direction),
                               {.stop = context.stop})
                : service_area(context.graph, context.metric, area.snap, limits_s, query.direction,
                               searches.for_direction(query.direction), {.stop = context.stop});
        area.population = band_population(area.bands, demand.points);
        if (query.shape == BandShape::rings)
            make_rings(area);
        answer.areas.push_back(std::move(area));
    }
    return answer;
}

}  // namespace muster::tools

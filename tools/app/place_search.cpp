#include "tools/app/place_search.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/text.hpp"

namespace muster::tools {
namespace {

bool same_folded(char a, char b) {
    return ascii_lower(a) == ascii_lower(b);
}

std::optional<MatchRank> better(std::optional<MatchRank> a, std::optional<MatchRank> b) {
    if (!a)
        return b;
    if (!b)
        return a;
    return std::min(*a, *b);
}

/// The hits of one search, kept until they are ranked.
class Hits {
  public:
    explicit Hits(std::string_view query) : m_query(query) {}

    /// Keeps the entity if its name or id matches.
    template <typename Entity>
    void offer(PlaceKind kind, const Entity& entity) {
        const auto rank = better(match_rank(entity.name, m_query), match_rank(entity.id, m_query));
        if (rank)
            m_hits.push_back({{kind, entity.id, entity.name, entity.location, {}}, *rank});
    }
    /// Keeps the road if its name matches.
    void offer_road(const Place& road) {
        if (const auto rank = match_rank(road.name, m_query))
            m_hits.push_back({road, *rank});
    }

    std::vector<PlaceHit> best(std::size_t limit) && {
        const auto key = [](const PlaceHit& h) {
            return std::tie(h.rank, h.place.kind, h.place.name, h.place.id);
        };
        const std::size_t kept = std::min(limit, m_hits.size());
        std::partial_sort(m_hits.begin(), m_hits.begin() + static_cast<std::ptrdiff_t>(kept),
                          m_hits.end(),
                          [&](const PlaceHit& a, const PlaceHit& b) { return key(a) < key(b); });
        m_hits.resize(kept);
        return std::move(m_hits);
    }

  private:
    std::string_view m_query;
    std::vector<PlaceHit> m_hits;
};

}  // namespace

std::string_view to_string(PlaceKind kind) {
    switch (kind) {
        case PlaceKind::township:
            return "township";
        case PlaceKind::road:
            return "road";
        case PlaceKind::shelter:
            return "shelter";
        case PlaceKind::hospital:
            return "hospital";
        case PlaceKind::depot:
            return "depot";
        case PlaceKind::team:
            return "team";
    }
    return "unknown";
}

std::optional<MatchRank> match_rank(std::string_view text, std::string_view query) {
    if (query.empty() || query.size() > text.size())
        return std::nullopt;
    if (std::equal(query.begin(), query.end(), text.begin(), same_folded))
        return query.size() == text.size() ? MatchRank::exact : MatchRank::prefix;
    if (std::search(text.begin(), text.end(), query.begin(), query.end(), same_folded) !=
        text.end())
        return MatchRank::substring;
    return std::nullopt;
}

RoadNameIndex::RoadNameIndex(std::span<const NamedRoad> roads) {
    // The representative road of each name: drivable first, then the longest; the first stored
    // of equals, so that the index does not depend on the order of a sort.
    std::map<std::string_view, const NamedRoad*> chosen;
    for (const NamedRoad& road : roads) {
        const auto [it, inserted] = chosen.emplace(road.name, &road);
        const NamedRoad& held = *it->second;
        if (!inserted &&
            std::tie(road.drivable, road.length_m) > std::tie(held.drivable, held.length_m))
            it->second = &road;
    }
    m_roads.reserve(chosen.size());
    for (const auto& [name, road] : chosen)
        m_roads.push_back({PlaceKind::road, road->id, road->name, road->middle, road->road_class});
}

std::vector<PlaceHit> search_places(const Resources& resources, const RoadNameIndex& roads,
                                    std::string_view query, std::size_t limit) {
    Hits hits(trim_blanks(query));
    for (const Township& t : resources.townships)
        hits.offer(PlaceKind::township, t);
    for (const Place& road : roads.roads())
        hits.offer_road(road);
    for (const Shelter& s : resources.shelters)
        hits.offer(PlaceKind::shelter, s);
    for (const Hospital& h : resources.hospitals)
        hits.offer(PlaceKind::hospital, h);
    for (const Depot& d : resources.depots)
        hits.offer(PlaceKind::depot, d);
    for (const Team& t : resources.teams)
        hits.offer(PlaceKind::team, t);
    return std::move(hits).best(limit);
}

}  // namespace muster::tools

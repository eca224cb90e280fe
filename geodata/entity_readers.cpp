#include "geodata/entity_readers.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "engine/errors.hpp"
#include "engine/text.hpp"
#include "geodata/feature_fields.hpp"
#include "geodata/ogr_geometry.hpp"

namespace muster {
namespace {

enum class Shape { point, area, point_or_area };

struct Located {
    LonLat location;
    std::optional<MultiPolygon> area;
};

template <class Value, std::size_t N>
std::optional<Value> lookup(const std::pair<const char*, Value> (&table)[N],
                            const std::string& text) {
    const std::string key = ascii_lower(text);
    for (const auto& [name, value] : table) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

// What every reader does per feature: ids unique, geometry of the right shape, problems recorded.
class FeatureChecks {
  public:
    FeatureChecks(const VectorLayer& layer, const FeatureFields& fields, SourceKind kind,
                  std::vector<Problem>& problems)
        : m_layer(layer), m_fields(fields), m_kind(kind), m_problems(problems) {}

    void record(const SourceFeature& f, const std::string& attribute, std::string message,
                std::optional<LonLat> location = std::nullopt) {
        m_problems.push_back({std::string(to_string(m_kind)), m_layer.describe(), m_fields.id(f),
                              attribute.empty() ? "" : m_fields.field_name(attribute),
                              std::move(message), location});
    }

    /// Throws InputError if the id was seen before in this layer.
    std::string unique_id(const SourceFeature& f) {
        std::string id = m_fields.id(f);
        auto [it, inserted] = m_seen.emplace(id, f.fid);
        if (!inserted) {
            // A duplicate needs an id field (FIDs are unique): name it, so the user knows where to
            // look.
            throw InputError(m_fields.where(f, "id") + ": duplicate id '" + id +
                             "' (features with FID " + std::to_string(it->second) + " and " +
                             std::to_string(f.fid) + ")");
        }
        return id;
    }

    /// The feature's location (and area), or nothing if it has no geometry (a problem, skipped).
    /// Throws InputError for a geometry of the wrong type.
    std::optional<Located> locate(const SourceFeature& f, Shape shape) {
        if (!f.geometry || f.geometry->IsEmpty()) {
            record(f, "", "no geometry: feature skipped");
            return std::nullopt;
        }
        if (shape != Shape::area) {
            if (auto point = as_point(*f.geometry))
                return Located{*point, std::nullopt};
        }
        auto area = as_multipolygon(*f.geometry);
        if (!area) {
            const char* expected = shape == Shape::point  ? "a point (or a polygon)"
                                   : shape == Shape::area ? "a polygon"
                                                          : "a point or a polygon";
            throw InputError(m_fields.where(f) + ": expected " + expected + ", found " +
                             geometry_type_name(*f.geometry) + " (is this the right layer?)");
        }
        if (auto reason = invalid_reason(*area)) {
            auto repaired = make_valid(*area);
            if (!repaired) {
                record(
                    f, "",
                    "invalid polygon (" + *reason + ") that cannot be repaired: feature skipped");
                return std::nullopt;
            }
            record(f, "", "invalid polygon (" + *reason + "): repaired with MakeValid");
            area = std::move(repaired);
        }
        return Located{point_on_surface(*area), std::move(area)};
    }

  private:
    const VectorLayer& m_layer;
    const FeatureFields& m_fields;
    SourceKind m_kind;
    std::vector<Problem>& m_problems;
    std::unordered_map<std::string, std::int64_t> m_seen;
};

constexpr std::pair<const char*, const char*> kTeamKinds[] = {
    {"救护车", "ambulance"}, {"急救", "ambulance"}, {"医疗", "medical"},  {"医疗队", "medical"},
    {"消防", "fire"},        {"救援", "rescue"},    {"救援队", "rescue"},
};
constexpr std::pair<const char*, const char*> kTeamStatuses[] = {
    {"可用", "available"}, {"待命", "available"},      {"出勤", "busy"},
    {"忙", "busy"},        {"停用", "out_of_service"},
};
constexpr std::pair<const char*, HazardEffect> kHazardEffects[] = {
    {"closed", HazardEffect::closed},  {"close", HazardEffect::closed},
    {"closure", HazardEffect::closed}, {"关闭", HazardEffect::closed},
    {"封闭", HazardEffect::closed},    {"封路", HazardEffect::closed},
    {"slow", HazardEffect::slow},      {"slowdown", HazardEffect::slow},
    {"减速", HazardEffect::slow},
};

// Free-text kinds and statuses are kept in lower case, with Chinese terms translated.
std::string normalised(const std::string& text,
                       std::span<const std::pair<const char*, const char*>> table) {
    for (const auto& [from, to] : table) {
        if (text == from)
            return to;
    }
    return ascii_lower(text);
}

}  // namespace

ReadResult<Township> read_townships(VectorLayer& layer, const FieldMap& map) {
    ReadResult<Township> out;
    const FeatureFields fields(layer, map, SourceKind::townships, {"population"});
    FeatureChecks checks(layer, fields, SourceKind::townships, out.problems);
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Township t;
        t.id = checks.unique_id(f);
        t.name = fields.text(f, "name").value_or("");
        t.population = fields.count(f, "population");
        t.region = fields.text(f, "region").value_or("");
        auto located = checks.locate(f, Shape::point_or_area);
        if (!located)
            return;
        if (!t.population) {
            checks.record(f, "population", "population unknown: stored as NULL, counted as 0",
                          located->location);
        }
        t.location = located->location;
        t.area = std::move(located->area);
        out.items.push_back(std::move(t));
    });
    return out;
}

ReadResult<Shelter> read_shelters(VectorLayer& layer, const FieldMap& map,
                                  double per_capita_area_m2) {
    ReadResult<Shelter> out;
    const FeatureFields fields(layer, map, SourceKind::shelters, {"class"});
    FeatureChecks checks(layer, fields, SourceKind::shelters, out.problems);
    if (!fields.has("capacity") && !fields.has("area_m2")) {
        throw InputError(layer.describe() +
                         ": missing required field: shelters need 'capacity' or "
                         "'area_m2' (looked for: " +
                         map.candidates(SourceKind::shelters, "capacity").front() + ", " +
                         map.candidates(SourceKind::shelters, "area_m2").front() +
                         " and their aliases; map another name with --fields)");
    }
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Shelter s;
        s.id = checks.unique_id(f);
        s.name = fields.text(f, "name").value_or("");
        const auto class_text = fields.text(f, "class");
        const auto shelter_class = class_text ? parse_shelter_class(*class_text) : std::nullopt;
        if (!shelter_class) {
            throw InputError(fields.where(f, "class") +
                             ": shelter class must be emergency, fixed or "
                             "central (紧急/固定/中心), not '" +
                             class_text.value_or("") + "'");
        }
        s.shelter_class = *shelter_class;
        s.area_m2 = fields.amount(f, "area_m2");
        const auto capacity = fields.count(f, "capacity");
        const auto status_text = fields.text(f, "status");
        const auto status = status_text ? parse_shelter_status(*status_text) : ShelterStatus::open;
        if (!status) {
            throw InputError(fields.where(f, "status") + ": status must be open or closed, not '" +
                             *status_text + "'");
        }
        s.status = *status;
        auto located = checks.locate(f, Shape::point_or_area);
        if (!located)
            return;
        s.location = located->location;
        s.footprint = std::move(located->area);
        if (capacity) {
            s.capacity = *capacity;
            s.capacity_source = CapacitySource::given;
        } else if (s.area_m2) {
            s.capacity = static_cast<std::int64_t>(std::floor(*s.area_m2 / per_capita_area_m2));
            s.capacity_source = CapacitySource::derived_from_area;
        } else {
            checks.record(f, "capacity", "neither capacity nor effective area given: capacity 0",
                          s.location);
        }
        out.items.push_back(std::move(s));
    });
    return out;
}

ReadResult<Depot> read_depots(VectorLayer& layer, const FieldMap& map) {
    ReadResult<Depot> out;
    const FeatureFields fields(layer, map, SourceKind::depots, {"tier"});
    FeatureChecks checks(layer, fields, SourceKind::depots, out.problems);
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Depot d;
        d.id = checks.unique_id(f);
        d.name = fields.text(f, "name").value_or("");
        d.region = fields.text(f, "region").value_or("");
        const auto tier_text = fields.text(f, "tier");
        const auto tier = tier_text ? parse_depot_tier(*tier_text) : std::nullopt;
        if (!tier) {
            throw InputError(fields.where(f, "tier") +
                             ": depot tier must be township, county, city, "
                             "province or central, not '" +
                             tier_text.value_or("") + "'");
        }
        d.tier = *tier;
        auto located = checks.locate(f, Shape::point);
        if (!located)
            return;
        d.location = located->location;
        out.items.push_back(std::move(d));
    });
    return out;
}

ReadResult<InventoryRow> read_inventory(VectorLayer& layer, const FieldMap& map) {
    ReadResult<InventoryRow> out;
    const FeatureFields fields(layer, map, SourceKind::inventory, {"depot_id", "item", "quantity"});
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        InventoryRow row;
        const std::string where = layer.describe() + ": row " + std::to_string(f.fid);
        const auto depot = fields.text(f, "depot_id");
        const auto item = fields.text(f, "item");
        if (!depot)
            throw InputError(where + ": field '" + fields.field_name("depot_id") + "' is empty");
        if (!item)
            throw InputError(where + ": field '" + fields.field_name("item") + "' is empty");
        const auto quantity = fields.amount(f, "quantity");
        if (!quantity)
            throw InputError(where + ": field '" + fields.field_name("quantity") + "' is empty");
        row.depot_id = *depot;
        row.item = {*item, *quantity, fields.text(f, "unit").value_or("")};
        row.fid = f.fid;
        out.items.push_back(std::move(row));
    });
    return out;
}

ReadResult<Team> read_teams(VectorLayer& layer, const FieldMap& map) {
    ReadResult<Team> out;
    const FeatureFields fields(layer, map, SourceKind::teams, {"kind"});
    FeatureChecks checks(layer, fields, SourceKind::teams, out.problems);
    if (!fields.has("capacity"))
        out.warnings.push_back("no capacity field: every team assumed to take 1");
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Team t;
        t.id = checks.unique_id(f);
        t.name = fields.text(f, "name").value_or("");
        const auto kind = fields.text(f, "kind");
        if (!kind)
            throw InputError(fields.where(f, "kind") + ": team kind is empty");
        t.kind = normalised(*kind, kTeamKinds);
        t.status = normalised(fields.text(f, "status").value_or("available"), kTeamStatuses);
        t.region = fields.text(f, "region").value_or("");
        const auto capacity = fields.count(f, "capacity");
        auto located = checks.locate(f, Shape::point);
        if (!located)
            return;
        t.location = located->location;
        t.capacity = capacity.value_or(1);
        if (!capacity && fields.has("capacity")) {
            checks.record(f, "capacity", "capacity unknown: assumed 1", t.location);
        }
        out.items.push_back(std::move(t));
    });
    return out;
}

ReadResult<Hospital> read_hospitals(VectorLayer& layer, const FieldMap& map) {
    ReadResult<Hospital> out;
    const FeatureFields fields(layer, map, SourceKind::hospitals, {});
    FeatureChecks checks(layer, fields, SourceKind::hospitals, out.problems);
    const char* beds[] = {"beds_red", "beds_yellow", "beds_green", "beds_surge"};
    for (const char* attribute : beds) {
        if (!fields.has(attribute))
            out.warnings.push_back(std::string("no ") + attribute + " field: 0 beds assumed");
    }
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Hospital h;
        h.id = checks.unique_id(f);
        h.name = fields.text(f, "name").value_or("");
        h.region = fields.text(f, "region").value_or("");
        std::int64_t* targets[] = {&h.beds_red, &h.beds_yellow, &h.beds_green, &h.beds_surge};
        std::vector<std::string> unknown;
        for (std::size_t i = 0; i < 4; ++i) {
            const auto value = fields.count(f, beds[i]);
            *targets[i] = value.value_or(0);
            if (!value && fields.has(beds[i]))
                unknown.push_back(beds[i]);
        }
        auto located = checks.locate(f, Shape::point);
        if (!located)
            return;
        h.location = located->location;
        for (const auto& attribute : unknown) {
            checks.record(f, attribute, attribute + " unknown: 0 assumed", h.location);
        }
        out.items.push_back(std::move(h));
    });
    return out;
}

ReadResult<HazardZone> read_hazards(VectorLayer& layer, const FieldMap& map) {
    ReadResult<HazardZone> out;
    const FeatureFields fields(layer, map, SourceKind::hazards, {});
    FeatureChecks checks(layer, fields, SourceKind::hazards, out.problems);
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        HazardZone z;
        z.id = checks.unique_id(f);
        z.name = fields.text(f, "name").value_or("");
        z.kind = ascii_lower(fields.text(f, "kind").value_or("hazard"));
        const auto effect_text = fields.text(f, "effect");
        const auto factor = fields.number(f, "speed_factor");
        if (effect_text) {
            auto effect = lookup(kHazardEffects, *effect_text);
            if (!effect) {
                throw InputError(fields.where(f, "effect") +
                                 ": effect must be closed or slow, not '" + *effect_text + "'");
            }
            z.effect = *effect;
        } else {
            z.effect = factor ? HazardEffect::slow : HazardEffect::closed;
        }
        if (z.effect == HazardEffect::slow) {
            if (!factor || !(*factor > 0 && *factor <= 1)) {
                throw InputError(fields.where(f, "speed_factor") +
                                 ": a slow zone needs a speed factor in (0, 1], e.g. 0.5");
            }
            z.speed_factor = *factor;
        }
        auto located = checks.locate(f, Shape::area);
        if (!located)
            return;
        z.area = std::move(*located->area);
        out.items.push_back(std::move(z));
    });
    return out;
}

}  // namespace muster

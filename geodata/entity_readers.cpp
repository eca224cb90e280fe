#include "geodata/entity_readers.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "engine/errors.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/hospital_beds.hpp"
#include "engine/text.hpp"
#include "engine/vocabulary.hpp"
#include "geodata/feature_fields.hpp"
#include "geodata/ogr_geometry.hpp"

namespace muster {
namespace {

enum class Shape { point, area, point_or_area };

struct Located {
    LonLat location;
    std::optional<MultiPolygon> area;
};

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

// A coded value as muster stores it: the office's own word (the --fields file's values) first,
// then muster's words. Throws InputError naming the feature and the field, listing the words.
std::string coded_value(const FieldMap& map, const FeatureFields& fields, SourceKind kind,
                        const SourceFeature& f, const std::string& attribute,
                        const Vocabulary& words, const std::optional<std::string>& text) {
    if (text) {
        if (auto own = map.own_value(kind, attribute, *text))
            return *own;
        if (auto value = words.canonical(*text))
            return std::string(*value);
    }
    throw InputError(fields.where(f, attribute) + ": " + std::string(words.attribute()) + " '" +
                     text.value_or("") + "' is not one of: " + words.accepted_words() +
                     " (map an office's own word in the --fields file's \"values\")");
}

// A team kind: the office's word, muster's word, or (kinds are open) the text in lower case.
std::string team_kind(const FieldMap& map, const std::string& text) {
    if (auto own = map.own_value(SourceKind::teams, "kind", text))
        return *own;
    if (auto value = team_kind_words().canonical(text))
        return std::string(*value);
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
        const auto shelter_class =
            parse_shelter_class(coded_value(map, fields, SourceKind::shelters, f, "class",
                                            shelter_class_words(), fields.text(f, "class")));
        s.shelter_class = *shelter_class;
        s.area_m2 = fields.amount(f, "area_m2");
        const auto capacity = fields.count(f, "capacity");
        const auto status_text = fields.text(f, "status");
        const auto status =
            status_text
                ? parse_shelter_status(coded_value(map, fields, SourceKind::shelters, f, "status",
                                                   shelter_status_words(), status_text))
                : ShelterStatus::open;
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
        const auto tier = parse_depot_tier(coded_value(map, fields, SourceKind::depots, f, "tier",
                                                       depot_tier_words(), fields.text(f, "tier")));
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
    std::map<std::string, std::size_t> unknown_kinds;
    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        Team t;
        t.id = checks.unique_id(f);
        t.name = fields.text(f, "name").value_or("");
        const auto kind = fields.text(f, "kind");
        if (!kind)
            throw InputError(fields.where(f, "kind") + ": team kind is empty");
        t.kind = team_kind(map, *kind);
        if (!team_kind_words().is_canonical(t.kind) &&
            !map.own_value(SourceKind::teams, "kind", *kind))
            ++unknown_kinds[t.kind];
        const auto status_text = fields.text(f, "status");
        t.status = status_text ? coded_value(map, fields, SourceKind::teams, f, "status",
                                             team_status_words(), status_text)
                               : "available";
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
    // Kinds are open (a county has teams muster has no word for), but a word muster does not
    // know is often a variant of one it does: say so, rather than file it silently.
    for (const auto& [kind, count] : unknown_kinds) {
        out.warnings.push_back("team kind '" + kind + "' on " + std::to_string(count) +
                               " teams is not one of muster's (" +
                               team_kind_words().accepted_words() +
                               "): kept as written; map it in the --fields file's \"values\"");
    }
    return out;
}

ReadResult<Hospital> read_hospitals(VectorLayer& layer, const FieldMap& map) {
    ReadResult<Hospital> out;
    const FeatureFields fields(layer, map, SourceKind::hospitals, {});
    FeatureChecks checks(layer, fields, SourceKind::hospitals, out.problems);
    const char* beds[] = {"beds_red", "beds_yellow", "beds_green", "beds_surge"};
    // A source with only a hospital's total beds: its triage categories come from the total.
    const bool from_total = fields.has("beds_total") && !fields.has("beds_red") &&
                            !fields.has("beds_yellow") && !fields.has("beds_green");
    if (from_total) {
        out.warnings.push_back(
            "no beds_red, beds_yellow, beds_green fields: split from the total in '" +
            fields.field_name("beds_total") +
            "' by planning assumptions: " + std::to_string(kCasualtyBedPercent) +
            " % of beds take casualties (bed surge capacity, Bayram et al. 2011), of those red " +
            std::to_string(kRedBedPercent) + " %, yellow " + std::to_string(kYellowBedPercent) +
            " %, green the rest");
    }
    for (const char* attribute : beds) {
        if (!fields.has(attribute) && !(from_total && attribute != std::string("beds_surge")))
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
        if (from_total) {
            const auto total = fields.count(f, "beds_total");
            const TriageBeds split = split_total_beds(total.value_or(0));
            h.beds_red = split.red;
            h.beds_yellow = split.yellow;
            h.beds_green = split.green;
            if (!total)
                unknown.push_back("beds_total");
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
            z.effect = *parse_hazard_effect(coded_value(
                map, fields, SourceKind::hazards, f, "effect", hazard_effect_words(), effect_text));
        } else {
            z.effect = factor ? HazardEffect::slow : HazardEffect::closed;
        }
        if (z.effect == HazardEffect::slow) {
            if (!factor || !(*factor >= kMinSpeedFactor && *factor <= 1)) {
                throw InputError(fields.where(f, "speed_factor") +
                                 ": a slow zone needs a speed factor in [0.01, 1] (0.5: half the "
                                 "usual speed; 0.01, a hundredth, at the slowest)");
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

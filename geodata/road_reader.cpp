#include "geodata/road_reader.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <map>

#include "engine/errors.hpp"
#include "engine/vocabulary.hpp"
#include "geodata/feature_fields.hpp"
#include "geodata/ogr_geometry.hpp"

namespace muster {
namespace {

// Reads one "..." token starting at text[pos] (the opening quote); returns the unescaped text.
std::string quoted(std::string_view text, std::size_t& pos) {
    if (pos >= text.size() || text[pos] != '"')
        throw InputError("other_tags: expected '\"' at offset " + std::to_string(pos));
    std::string out;
    for (++pos; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '\\' && pos + 1 < text.size()) {
            out += text[++pos];
        } else if (c == '"') {
            ++pos;
            return out;
        } else {
            out += c;
        }
    }
    throw InputError("other_tags: unterminated string");
}

}  // namespace

Tags parse_other_tags(std::string_view text) {
    Tags tags;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::string key = quoted(text, pos);
        if (text.substr(pos, 2) != "=>")
            throw InputError("other_tags: expected '=>' after \"" + key + "\"");
        pos += 2;
        tags[std::move(key)] = quoted(text, pos);
        if (pos < text.size()) {
            if (text[pos] != ',')
                throw InputError("other_tags: expected ',' at offset " + std::to_string(pos));
            ++pos;
        }
    }
    return tags;
}

RoadReadResult read_roads(VectorLayer& layer, const FieldMap& map) {
    RoadReadResult out;
    const FeatureFields fields(layer, map, SourceKind::roads, {"class"});
    const auto other_tags = layer.find_field(std::vector<std::string>{"other_tags"});
    out.osm_tags = other_tags && fields.field_name("class") == "highway";
    std::unordered_map<std::string, std::int64_t> seen;
    std::map<std::string, std::size_t> unknown_classes;
    std::size_t zero_speeds = 0;

    layer.for_each([&](const SourceFeature& f) {
        ++out.features;
        const std::string id = fields.id(f);
        const auto road_class = fields.text(f, "class");
        Tags tags;
        if (out.osm_tags && f.values[*other_tags]) {
            try {
                tags = parse_other_tags(*f.values[*other_tags]);
            } catch (const InputError& e) {
                throw InputError(fields.where(f) + ": field 'other_tags': " + e.what());
            }
        }
        if (out.osm_tags && !road_class && !is_osm_ferry(tags)) {
            ++out.not_roads;
            return;
        }
        auto [it, inserted] = seen.emplace(id, f.fid);
        if (!inserted) {
            throw InputError(fields.where(f, "id") + ": duplicate id '" + id +
                             "' (features with FID " + std::to_string(it->second) + " and " +
                             std::to_string(f.fid) + ")");
        }

        RoadWay way;
        way.id = id;
        way.name = fields.text(f, "name").value_or("");
        if (out.osm_tags) {
            if (road_class)
                tags["highway"] = *road_class;
            way.road_class = is_osm_ferry(tags) ? std::string(kFerryClass) : *road_class;
            way.drive = osm_drive_access(tags);
            way.walk = osm_walk_access(tags);
            way.structure = osm_road_structure(tags);
        } else {
            way.road_class = road_class.value_or("");
            // The office's own word names an OSM class; muster's words are read by the profile.
            const std::string class_word =
                map.own_value(SourceKind::roads, "class", way.road_class).value_or(way.road_class);
            if (!canonical_road_class(class_word))
                ++unknown_classes[way.road_class];
            std::optional<int> oneway;
            if (auto text = fields.text(f, "oneway")) {
                const auto own = map.own_value(SourceKind::roads, "oneway", *text);
                oneway = parse_oneway(own.value_or(*text));
                if (!oneway) {
                    throw InputError(fields.where(f, "oneway") + ": oneway '" + *text +
                                     "' is not one of: " + oneway_words().accepted_words() +
                                     " (map an office's own word in the --fields file's "
                                     "\"values\")");
                }
            }
            if (auto text = fields.text(f, "structure")) {
                const auto own = map.own_value(SourceKind::roads, "structure", *text);
                const auto structure = parse_road_structure(own.value_or(*text));
                if (!structure) {
                    throw InputError(fields.where(f, "structure") + ": structure '" + *text +
                                     "' is not one of: " + road_structure_words().accepted_words() +
                                     " (map an office's own word in the --fields file's "
                                     "\"values\")");
                }
                way.structure = *structure;
            }
            // County tables write 0 for a speed nobody measured: the class speed is used.
            const auto speed = fields.amount(f, "speed_kmh");
            if (speed && *speed == 0)
                ++zero_speeds;
            way.drive = plain_drive_access(class_word, speed, oneway);
            way.walk = plain_walk_access(class_word, speed, oneway);
            // Every ferry is found by one class name, whatever the county called it.
            if (canonical_road_class(class_word) == kFerryClass)
                way.road_class = kFerryClass;
        }
        if (!way.drive.usable() && !way.walk.usable()) {
            ++out.not_routable;
            return;
        }
        if (!f.geometry || f.geometry->IsEmpty()) {
            out.problems.push_back(
                {"roads", layer.describe(), id, "", "no geometry: road skipped", std::nullopt});
            return;
        }
        auto lines = as_lines(*f.geometry);
        if (!lines) {
            throw InputError(fields.where(f) + ": expected a line, found " +
                             geometry_type_name(*f.geometry) + " (is this the right layer?)");
        }
        for (std::size_t part = 0; part < lines->size(); ++part) {
            RoadWay piece = way;
            if (lines->size() > 1)
                piece.id += "/" + std::to_string(part + 1);
            piece.points = std::move((*lines)[part]);
            const bool degenerate =
                std::all_of(piece.points.begin(), piece.points.end(), [&](LonLat p) {
                    return Coordinate::from(p) == Coordinate::from(piece.points.front());
                });
            if (degenerate) {
                out.problems.push_back(
                    {"roads", layer.describe(), piece.id, "",
                     "line with fewer than two distinct points: road skipped",
                     piece.points.empty() ? std::nullopt : std::optional(piece.points.front())});
                continue;
            }
            out.items.push_back(std::move(piece));
        }
    });
    // An unknown class stays a warning: the road is still there, and a routable network with an
    // assumed speed is better than none. The warning names the words muster knows.
    for (const auto& [name, count] : unknown_classes) {
        out.warnings.push_back(
            "unknown road class '" + name + "' on " + std::to_string(count) +
            " roads: drivable at " + std::to_string(static_cast<int>(kUnknownClassSpeedKmh)) +
            " km/h unless a speed is given, and walkable (muster knows OSM highway classes and " +
            chinese_road_class_words() +
            "; map an office's own word to an OSM class in the --fields file's \"values\")");
    }
    if (zero_speeds > 0) {
        out.warnings.push_back(
            "speed 0 in field '" + fields.field_name("speed_kmh") + "' on " +
            std::to_string(zero_speeds) +
            " roads: read as unknown, the road class's speed used (docs/vocabularies.md)");
    }
    return out;
}

}  // namespace muster

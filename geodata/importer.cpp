#include "geodata/importer.hpp"

#include <filesystem>

#include "engine/components.hpp"
#include "engine/errors.hpp"
#include "engine/facility_snapping.hpp"
#include "engine/network_builder.hpp"
#include "geodata/road_reader.hpp"

namespace muster {
namespace {

template <class T>
ImportLogEntry log_entry(std::int64_t run, SourceKind kind, const VectorLayer& layer, const ReadResult<T>& read,
                         std::size_t imported) {
    ImportLogEntry entry;
    entry.run = run;
    entry.kind = std::string(to_string(kind));
    entry.source = layer.describe();
    entry.filter = layer.spec().where;
    entry.features = static_cast<std::int64_t>(read.features);
    entry.imported = static_cast<std::int64_t>(imported);
    entry.problems = static_cast<std::int64_t>(read.problems.size());
    for (const auto& warning : read.warnings) entry.warnings += (entry.warnings.empty() ? "" : "\n") + warning;
    return entry;
}

// Reads one kind, stores it, logs it. Returns the problems it found.
template <class Read, class Store>
void import_kind(ResourceDb& db, ImportSummary& summary, SourceKind kind, const std::string& spec_text,
                 Read read, Store store) {
    VectorLayer layer(parse_source_spec(spec_text));
    auto result = read(layer);
    store(result.items, layer);
    auto entry = log_entry(summary.run, kind, layer, result, result.items.size());
    db.log_import(entry);
    db.replace_problems(std::string(to_string(kind)), summary.run, result.problems);
    summary.entries.push_back(std::move(entry));
    summary.problems.insert(summary.problems.end(), result.problems.begin(), result.problems.end());
}

template <class T>
void add_facilities(std::vector<FacilityRef>& out, const char* kind, const std::vector<T>& items) {
    for (const T& item : items) out.push_back({kind, item.id, item.location});
}

// Snapping and connectivity of every stored facility against the current networks.
std::vector<Problem> check_facilities(const ResourceDb& db, double limit_m) {
    std::vector<FacilityRef> driven, walked;
    const auto shelters = db.shelters();
    add_facilities(driven, "teams", db.teams());
    add_facilities(driven, "hospitals", db.hospitals());
    add_facilities(driven, "depots", db.depots());
    add_facilities(driven, "shelters", shelters);
    add_facilities(walked, "shelters", shelters);

    std::vector<Problem> problems;
    for (auto [profile, facilities] : {std::pair{Profile::drive, &driven}, std::pair{Profile::walk, &walked}}) {
        if (facilities->empty()) continue;
        const auto network = db.network(profile);
        if (!network) continue;
        const SnapIndex index(*network);
        const auto components = strongly_connected_components(*network);
        auto found = snapping_problems(index, components, *facilities, limit_m);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    return problems;
}

NetworkFigures figures(const RoadNetwork& network) {
    return {network.node_count(), network.edge_count(), strongly_connected_components(network).count()};
}

ImportSummary import_into(ResourceDb& db, const ImportRequest& request) {
    const FieldMap fields = request.fields_file ? FieldMap::from_file(*request.fields_file) : FieldMap::defaults();
    ImportSummary summary;
    summary.run = db.next_import_run();
    auto source = [&](SourceKind kind) -> const std::string* {
        auto it = request.sources.find(kind);
        return it == request.sources.end() ? nullptr : &it->second;
    };

    if (const auto* spec = source(SourceKind::roads)) {
        VectorLayer layer(parse_source_spec(*spec));
        RoadReadResult roads = read_roads(layer, fields);
        if (roads.items.empty()) throw InputError(layer.describe() + ": no routable roads");
        if (roads.not_roads) roads.warnings.push_back(std::to_string(roads.not_roads) + " lines are not highways: not roads");
        if (roads.not_routable) {
            roads.warnings.push_back(std::to_string(roads.not_routable) +
                                     " highways are usable neither by car nor on foot (construction, private, ...)");
        }
        db.replace_roads(roads.items);
        for (Profile profile : {Profile::drive, Profile::walk}) {
            const RoadNetwork network = build_road_network(roads.items, profile);
            db.replace_network(network);
            (profile == Profile::drive ? summary.drive : summary.walk) = figures(network);
        }
        auto entry = log_entry(summary.run, SourceKind::roads, layer, roads, roads.items.size());
        db.log_import(entry);
        db.replace_problems("roads", summary.run, roads.problems);
        summary.entries.push_back(std::move(entry));
        summary.problems.insert(summary.problems.end(), roads.problems.begin(), roads.problems.end());
    } else if (!db.network(Profile::drive)) {
        throw InputError(request.database + ": has no road network yet: give --roads");
    }

    auto with = [&](auto read_fn) { return [&, read_fn](VectorLayer& layer) { return read_fn(layer, fields); }; };
    if (const auto* spec = source(SourceKind::townships)) {
        import_kind(db, summary, SourceKind::townships, *spec, with(read_townships),
                    [&](const auto& items, const VectorLayer&) { db.replace_townships(items); });
    }
    if (const auto* spec = source(SourceKind::shelters)) {
        import_kind(db, summary, SourceKind::shelters, *spec,
                    [&](VectorLayer& layer) { return read_shelters(layer, fields); },
                    [&](const auto& items, const VectorLayer&) { db.replace_shelters(items); });
    }
    if (const auto* spec = source(SourceKind::depots)) {
        import_kind(db, summary, SourceKind::depots, *spec, with(read_depots),
                    [&](const auto& items, const VectorLayer&) { db.replace_depots(items); });
    }
    if (const auto* spec = source(SourceKind::inventory)) {
        import_kind(db, summary, SourceKind::inventory, *spec, with(read_inventory),
                    [&](const auto& items, const VectorLayer& layer) { db.replace_inventory(items, layer.describe()); });
    }
    if (const auto* spec = source(SourceKind::teams)) {
        import_kind(db, summary, SourceKind::teams, *spec, with(read_teams),
                    [&](const auto& items, const VectorLayer&) { db.replace_teams(items); });
    }
    if (const auto* spec = source(SourceKind::hospitals)) {
        import_kind(db, summary, SourceKind::hospitals, *spec, with(read_hospitals),
                    [&](const auto& items, const VectorLayer&) { db.replace_hospitals(items); });
    }
    if (const auto* spec = source(SourceKind::hazards)) {
        import_kind(db, summary, SourceKind::hazards, *spec, with(read_hazards),
                    [&](const auto& items, const VectorLayer&) { db.replace_hazards(items); });
    }

    const auto network_problems = check_facilities(db, request.snap_limit_m);
    db.replace_problems("network", summary.run, network_problems);
    summary.problems.insert(summary.problems.end(), network_problems.begin(), network_problems.end());
    return summary;
}

}  // namespace

ImportSummary run_import(const ImportRequest& request) {
    if (request.sources.empty()) throw InputError("nothing to import: give --roads and/or other sources");
    const bool existed = std::filesystem::exists(request.database);
    try {
        ResourceDb db = ResourceDb::open_or_create(request.database);
        db.begin();
        try {
            ImportSummary summary = import_into(db, request);
            db.commit();
            return summary;
        } catch (...) {
            db.rollback();
            throw;
        }
    } catch (...) {
        if (!existed) std::filesystem::remove(request.database);
        throw;
    }
}

}  // namespace muster

#include "geodata/importer.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <span>

#include "engine/cch/nested_dissection.hpp"
#include "engine/components.hpp"
#include "engine/errors.hpp"
#include "engine/facility_snapping.hpp"
#include "engine/network_builder.hpp"
#include "geodata/road_reader.hpp"

namespace muster {
namespace {

// "21 features read, none usable: every one has no geometry (...)", from the problems that
// skipped them, most frequent first.
std::string none_usable(std::size_t features, const std::vector<Problem>& problems) {
    std::string text = std::to_string(features) + (features == 1 ? " feature" : " features") +
                       " read, none usable";
    std::map<std::string, std::size_t> reasons;
    for (const Problem& problem : problems) {
        std::string reason = problem.message;
        if (const auto skipped = reason.find(": feature skipped"); skipped != std::string::npos)
            reason.erase(skipped);
        ++reasons[reason];
    }
    std::vector<std::pair<std::size_t, std::string>> ranked;
    for (const auto& [reason, count] : reasons)
        ranked.emplace_back(count, reason);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
        const auto& [count, reason] = ranked[i];
        text += (i == 0 ? ": " : "; ") + (count == features
                                              ? "every one has " + reason
                                              : std::to_string(count) + " have " + reason);
    }
    if (reasons.count("no geometry")) {
        text +=
            " (a table gives points through lon/lat columns: 经度/纬度, lon/lat, "
            "longitude/latitude, lng, x/y; coordinates that are not degrees need a source with "
            "its CRS, e.g. a Shapefile with its .prj)";
    }
    return text + "; nothing is imported and what is stored stays";
}

// One `muster import`: reads sources, stores them, and logs what it read and what was wrong.
class ImportRun {
  public:
    ImportRun(ResourceDb& db, const FieldMap& fields, Progress* progress)
        : m_db(db), m_fields(fields), m_progress(progress) {
        m_summary.run = db.next_import_run();
    }

    /// Logs one source's read and stores its problems (replacing older ones of the kind).
    template <class T>
    void record(SourceKind kind, const VectorLayer& layer, const ReadResult<T>& read) {
        ImportLogEntry entry;
        entry.run = m_summary.run;
        entry.kind = std::string(to_string(kind));
        entry.source = layer.describe();
        entry.filter = layer.spec().where;
        entry.features = static_cast<std::int64_t>(read.features);
        entry.imported = static_cast<std::int64_t>(read.items.size());
        entry.problems = static_cast<std::int64_t>(read.problems.size());
        for (const auto& note : layer.notes())
            entry.warnings += (entry.warnings.empty() ? "" : "\n") + note;
        for (const auto& warning : read.warnings)
            entry.warnings += (entry.warnings.empty() ? "" : "\n") + warning;
        m_db.log_import(entry);
        m_db.replace_problems(entry.kind, m_summary.run, read.problems);
        m_summary.entries.push_back(std::move(entry));
        add_problems(read.problems);
    }

    /// Reads one entity kind with `read(layer, fields)` and stores it with `store(items, layer)`.
    template <class Read, class Store>
    void entities(SourceKind kind, const SourceSpec& spec, Read read, Store store) {
        VectorLayer layer(spec);
        layer.report_to(m_progress);
        const auto result = read(layer, m_fields);
        // Replacing what is stored with nothing would lose it: the source must be wrong.
        if (result.features > 0 && result.items.empty())
            throw InputError(layer.describe() + ": " +
                             none_usable(result.features, result.problems));
        store(result.items, layer);
        record(kind, layer, result);
    }

    void add_problems(std::span<const Problem> problems) {
        m_summary.problems.insert(m_summary.problems.end(), problems.begin(), problems.end());
    }
    ImportSummary& summary() { return m_summary; }

  private:
    ResourceDb& m_db;
    const FieldMap& m_fields;
    Progress* m_progress;
    ImportSummary m_summary;
};

// The source of a kind as the request names it, with the encoding and coordinate system given
// for it.
SourceSpec source_spec(const ImportRequest& request, SourceKind kind, const std::string& text) {
    SourceSpec spec = parse_source_spec(text);
    if (auto it = request.encodings.find(kind); it != request.encodings.end())
        spec.encoding = it->second;
    if (auto it = request.coordinates.find(kind); it != request.coordinates.end())
        spec.coordinates = it->second;
    return spec;
}

template <class T>
void add_facilities(std::vector<FacilityRef>& out, const char* kind, const std::vector<T>& items) {
    for (const T& item : items)
        out.push_back({kind, item.id, item.location});
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
    for (auto [profile, facilities] :
         {std::pair{Profile::drive, &driven}, std::pair{Profile::walk, &walked}}) {
        if (facilities->empty())
            continue;
        const auto network = db.network(profile);
        if (!network)
            continue;
        const SnapIndex index(*network);
        const auto components = strongly_connected_components(*network);
        auto found = snapping_problems(index, components, *facilities, limit_m);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    return problems;
}

NetworkFigures figures(const RoadNetwork& network) {
    return {network.node_count(), network.edge_count(),
            strongly_connected_components(network).count()};
}

// A profile's network, built from the roads and ordered for the CCH.
struct OrderedNetwork {
    RoadNetwork network;
    std::vector<NodeId> order;
    NetworkFigures figures;
};

// The drive network, then the walk network.
std::vector<OrderedNetwork> ordered_networks(std::span<const RoadWay> roads) {
    std::vector<OrderedNetwork> networks;
    for (Profile profile : {Profile::drive, Profile::walk}) {
        RoadNetwork network = build_road_network(roads, profile);
        auto order = cch::nested_dissection_order(network);
        const NetworkFigures counted = figures(network);
        networks.push_back({std::move(network), std::move(order), counted});
    }
    return networks;
}

ImportSummary import_into(ResourceDb& db, const ImportRequest& request) {
    const FieldMap fields =
        request.fields_file ? FieldMap::from_file(*request.fields_file) : FieldMap::defaults();
    ImportRun run(db, fields, request.progress);
    auto source = [&](SourceKind kind) -> std::optional<SourceSpec> {
        auto it = request.sources.find(kind);
        if (it == request.sources.end())
            return std::nullopt;
        return source_spec(request, kind, it->second);
    };

    if (const auto spec = source(SourceKind::roads)) {
        // An OSM file's roads are its ways: the `lines` layer, as OSRM and osm2pgrouting read them.
        VectorLayer layer(*spec, "lines");
        layer.report_to(request.progress);
        RoadReadResult roads = read_roads(layer, fields);
        if (layer.osm_layer_chosen()) {
            roads.warnings.insert(roads.warnings.begin(),
                                  "read the OSM file's '" + layer.layer_name() +
                                      "' layer (its ways); name another as PATH:LAYER");
        }
        if (roads.items.empty())
            throw InputError(layer.describe() + ": no routable roads");
        if (roads.not_roads)
            roads.warnings.push_back(std::to_string(roads.not_roads) +
                                     " lines are not highways: not roads");
        if (roads.not_routable) {
            roads.warnings.push_back(
                std::to_string(roads.not_routable) +
                " highways are usable neither by car nor on foot (construction, private, ...)");
        }
        // A province's networks take minutes to build and order: that is done on another thread
        // while this one stores the roads. (METIS draws from the C library's one random state,
        // so the two orders are computed one after the other, each from its fixed seed.)
        auto ordering = std::async(std::launch::async,
                                   [&items = roads.items] { return ordered_networks(items); });
        {
            const ProgressStep store_roads(request.progress, "store the roads", "roads");
            db.replace_roads(roads.items);
            store_roads.finish(roads.items.size());
        }
        std::vector<OrderedNetwork> networks;
        {
            const ProgressStep order(request.progress,
                                     "build and order the drive and walk networks (nested "
                                     "dissection)",
                                     "nodes");
            networks = ordering.get();
            order.finish(networks[0].network.node_count() + networks[1].network.node_count());
        }
        for (OrderedNetwork& ordered : networks) {
            const Profile profile = ordered.network.profile();
            const ProgressStep store(request.progress,
                                     "store the " + std::string(to_string(profile)) + " network",
                                     "nodes");
            db.replace_network(ordered.network, std::move(ordered.order));
            store.finish(ordered.network.node_count());
            (profile == Profile::drive ? run.summary().drive : run.summary().walk) =
                ordered.figures;
        }
        run.record(SourceKind::roads, layer, roads);
    } else if (!db.network(Profile::drive)) {
        throw InputError(request.database + ": has no road network yet: give --roads");
    }

    // Depots before inventory: the inventory refers to them.
    if (const auto spec = source(SourceKind::townships)) {
        run.entities(SourceKind::townships, *spec, read_townships,
                     [&](const auto& items, const auto&) { db.replace_townships(items); });
    }
    if (const auto spec = source(SourceKind::shelters)) {
        run.entities(
            SourceKind::shelters, *spec,
            [](VectorLayer& layer, const FieldMap& map) { return read_shelters(layer, map); },
            [&](const auto& items, const auto&) { db.replace_shelters(items); });
    }
    if (const auto spec = source(SourceKind::depots)) {
        run.entities(SourceKind::depots, *spec, read_depots,
                     [&](const auto& items, const auto&) { db.replace_depots(items); });
    }
    if (const auto spec = source(SourceKind::inventory)) {
        run.entities(SourceKind::inventory, *spec, read_inventory,
                     [&](const auto& items, const VectorLayer& layer) {
                         db.replace_inventory(items, layer.describe());
                     });
    }
    if (const auto spec = source(SourceKind::teams)) {
        run.entities(SourceKind::teams, *spec, read_teams,
                     [&](const auto& items, const auto&) { db.replace_teams(items); });
    }
    if (const auto spec = source(SourceKind::hospitals)) {
        run.entities(SourceKind::hospitals, *spec, read_hospitals,
                     [&](const auto& items, const auto&) { db.replace_hospitals(items); });
    }
    if (const auto spec = source(SourceKind::hazards)) {
        run.entities(SourceKind::hazards, *spec, read_hazards,
                     [&](const auto& items, const auto&) { db.replace_hazards(items); });
    }

    // Every stored facility against the current networks: roads or facilities may have changed.
    const auto network_problems = check_facilities(db, request.snap_limit_m);
    db.replace_problems("network", run.summary().run, network_problems);
    run.add_problems(network_problems);
    return std::move(run.summary());
}

}  // namespace

ImportSummary run_import(const ImportRequest& request) {
    if (request.sources.empty())
        throw InputError("nothing to import: give --roads and/or other sources");
    // A file the run creates goes if it fails; a PostgreSQL database keeps muster's empty tables.
    const bool existed =
        detail::is_postgres_target(request.database) || std::filesystem::exists(request.database);
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
        if (!existed)
            std::filesystem::remove(request.database);
        throw;
    }
}

}  // namespace muster

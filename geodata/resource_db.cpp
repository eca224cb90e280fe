#include "geodata/resource_db.hpp"

#include <array>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string_view>

#include "engine/errors.hpp"
#include "engine/geodesic.hpp"
#include "engine/hazard_overlay.hpp"
#include "engine/utc_time.hpp"
#include "geodata/ogr_geometry.hpp"
#include "geodata/resource_db_styles.hpp"

namespace muster {
namespace {

using detail::Statement;

// 2: the network's CCH order is stored with it; 3: roads have their length and ferries their
// crossing time, the live state its event log and teams the time of their position; 4: incidents
// and the teams dispatched to them, shelters their occupancy, hazard zones the road class they
// act on (and none: the whole world).
// 5: township and shelter areas declared MULTIPOLYGON (NULL where there is none), so that
// QGIS's SpatiaLite provider shows them; the layers' default styles in layer_styles.
// 6: each network array in parts in network_array, as a province's pass the 1 GB a value holds.
constexpr int kFormatVersion = 7;

// Tables per entity kind. `geom` is registered with SpatiaLite (SRID 4326) and spatially indexed.
constexpr const char* kSchema = R"SQL(
CREATE TABLE muster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE township (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT,
    population INTEGER CHECK (population >= 0), region TEXT);
CREATE TABLE shelter (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT,
    class TEXT NOT NULL CHECK (class IN ('emergency', 'fixed', 'central')),
    area_m2 REAL CHECK (area_m2 >= 0), capacity INTEGER NOT NULL CHECK (capacity >= 0),
    capacity_source TEXT NOT NULL, status TEXT NOT NULL,
    occupancy INTEGER NOT NULL DEFAULT 0 CHECK (occupancy >= 0));
CREATE TABLE depot (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT, region TEXT,
    tier TEXT NOT NULL CHECK (tier IN ('township', 'county', 'city', 'province', 'central')));
CREATE TABLE inventory (fid INTEGER PRIMARY KEY, depot_id TEXT NOT NULL REFERENCES depot (id),
    item TEXT NOT NULL, quantity REAL NOT NULL CHECK (quantity >= 0), unit TEXT);
CREATE TABLE team (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT, kind TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity >= 0), status TEXT NOT NULL, region TEXT,
    position_time TEXT);
CREATE TABLE hospital (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT,
    beds_red INTEGER NOT NULL, beds_yellow INTEGER NOT NULL, beds_green INTEGER NOT NULL,
    beds_surge INTEGER NOT NULL, region TEXT);
CREATE TABLE hazard (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT, kind TEXT,
    effect TEXT NOT NULL CHECK (effect IN ('closed', 'slow')), speed_factor REAL, road_class TEXT);
CREATE TABLE road (fid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT, class TEXT,
    drive_forward INTEGER NOT NULL, drive_backward INTEGER NOT NULL, drive_speed_kmh REAL,
    walk INTEGER NOT NULL, length_m REAL NOT NULL, crossing_s REAL,
    structure TEXT CHECK (structure IN ('bridge', 'tunnel')));
CREATE TABLE network (profile TEXT PRIMARY KEY, nodes INTEGER NOT NULL, edges INTEGER NOT NULL,
    pieces INTEGER NOT NULL, class_names TEXT NOT NULL);
CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "user" TEXT NOT NULL,
    kind TEXT NOT NULL, target TEXT NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT);
CREATE TABLE incident (fid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180), lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    red INTEGER NOT NULL CHECK (red >= 0), yellow INTEGER NOT NULL CHECK (yellow >= 0),
    green INTEGER NOT NULL CHECK (green >= 0), black INTEGER NOT NULL CHECK (black >= 0),
    note TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_time TEXT NOT NULL, updated_time TEXT NOT NULL, closed_time TEXT);
CREATE TABLE incident_dispatch (fid INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incident (id), team_id TEXT NOT NULL,
    eta_s REAL NOT NULL CHECK (eta_s >= 0), distance_m REAL NOT NULL CHECK (distance_m >= 0),
    dispatched_time TEXT NOT NULL, arrival_time TEXT NOT NULL, dispatched_by TEXT NOT NULL);
CREATE INDEX incident_dispatch_incident ON incident_dispatch (incident_id);
CREATE TABLE import_log (fid INTEGER PRIMARY KEY, run INTEGER NOT NULL, time TEXT NOT NULL,
    kind TEXT NOT NULL, source TEXT NOT NULL, filter TEXT, features INTEGER NOT NULL,
    imported INTEGER NOT NULL, problems INTEGER NOT NULL, warnings TEXT);
CREATE TABLE problem (fid INTEGER PRIMARY KEY, run INTEGER NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL, feature_id TEXT, field TEXT, message TEXT NOT NULL);
)SQL";

// Each network array (geodata/resource_db_network.cpp) in parts 0, 1, ... of little-endian bytes.
// Its own statement: an upgrade from format 5 makes it too.
constexpr const char* kNetworkArrayTable = R"SQL(
CREATE TABLE network_array (profile TEXT NOT NULL REFERENCES network (profile), name TEXT NOT NULL,
    part INTEGER NOT NULL CHECK (part >= 0), data BLOB NOT NULL, PRIMARY KEY (profile, name, part));
)SQL";

// The event log refuses to be changed, in each store's own words.
constexpr const char* kSpatialiteTriggers = R"SQL(
CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
)SQL";
constexpr const char* kPostgresTriggers = R"SQL(
CREATE FUNCTION muster_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION muster_event_is_append_only();
)SQL";

// kSchema in PostgreSQL's types, which hold what SQLite's hold: 64-bit integers, 64-bit reals,
// bytes, and fids that number themselves.
std::string in_postgres_types(std::string schema) {
    const std::pair<std::regex, const char*> types[] = {
        {std::regex(R"(\bINTEGER PRIMARY KEY( AUTOINCREMENT)?)"),
         "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {std::regex(R"(\bINTEGER\b)"), "BIGINT"},
        {std::regex(R"(\bREAL\b)"), "DOUBLE PRECISION"},
        {std::regex(R"(\bBLOB\b)"), "BYTEA"},
    };
    for (const auto& [type, postgres] : types)
        schema = std::regex_replace(schema, type, postgres);
    return schema;
}

// A registered geometry column of SRID 4326 (WGS84), two-dimensional.
void add_geometry_column(detail::Connection& db, const char* table, const char* column,
                         const char* type) {
    const bool spatialite = db.dialect() == detail::SqlDialect::spatialite;
    db.exec(std::string("SELECT AddGeometryColumn('") + table + "', '" + column + "', 4326, '" +
            type + (spatialite ? "', 'XY')" : "', 2)"));
}

constexpr std::pair<const char*, const char*> kGeometryColumns[] = {
    {"township", "MULTIPOLYGON"}, {"shelter", "MULTIPOLYGON"},
    {"depot", "POINT"},           {"team", "POINT"},
    {"hospital", "POINT"},        {"hazard", "MULTIPOLYGON"},
    {"road", "LINESTRING"},       {"problem", "POINT"},
};

// Names a stored row in messages: "PATH: depot row 3 (id 'D7')", the row by its fid.
std::string stored_row(const std::string& path, std::string_view table, std::int64_t fid,
                       const std::string& id) {
    return path + ": " + std::string(table) + " row " + std::to_string(fid) + " (id '" + id + "')";
}

// The value of a stored word of an enum `all` lists. A word muster does not write means the file
// was written or edited by something else; a silent default would hide that, so it is a DataError
// naming the row, the column and the word.
template <class Enum, std::size_t N>
Enum stored_enum(std::optional<Enum> parsed, const std::array<Enum, N>& all, const std::string& row,
                 std::string_view column, const std::string& text) {
    if (parsed)
        return *parsed;
    std::string names;
    for (const Enum value : all)
        names += (names.empty() ? "" : ", ") + std::string(to_string(value));
    throw DataError(row + ": " + std::string(column) + " '" + text + "' is not one of " + names);
}

constexpr std::array kShelterClasses{ShelterClass::emergency, ShelterClass::fixed,
                                     ShelterClass::central};
constexpr std::array kCapacitySources{CapacitySource::given, CapacitySource::derived_from_area};
constexpr std::array kShelterStatuses{ShelterStatus::open, ShelterStatus::closed};
constexpr std::array kDepotTiers{DepotTier::township, DepotTier::county, DepotTier::city,
                                 DepotTier::province, DepotTier::central};
constexpr std::array kHazardEffects{HazardEffect::closed, HazardEffect::slow};

// The area of a zone over the whole world (all_ferries_closed()'s): stored as no geometry.
MultiPolygon whole_world() {
    return all_ferries_closed().area;
}

bool is_whole_world(const MultiPolygon& area) {
    const MultiPolygon world = whole_world();
    return area.polygons.size() == 1 && area.polygons[0].rings == world.polygons[0].rings;
}

// An area feature's `geom` is its area, NULL where it has none; `location` is always its point.
std::optional<std::vector<unsigned char>> area_wkb(const std::optional<MultiPolygon>& area) {
    return area ? std::optional(to_wkb(*area)) : std::nullopt;
}

// Whether a PostgreSQL database holds muster's tables.
bool has_muster_tables(const detail::Connection& db) {
    Statement tables(db, "SELECT to_regclass('muster_meta') IS NOT NULL");
    tables.step();
    return tables.integer(0) == 1;
}

}  // namespace

ResourceDb ResourceDb::open_existing(const std::string& path) {
    if (!detail::is_postgres_target(path) && !std::filesystem::exists(path))
        throw InputError(path + ": no such resource database");
    ResourceDb db{detail::Connection(path, false)};
    try {
        std::string stored;
        {
            Statement version(db.m_db,
                              "SELECT value FROM muster_meta WHERE key = 'format_version'");
            if (version.step())
                stored = version.text(0);
        }
        // Format 4 was SpatiaLite's only.
        const bool spatialite = db.m_db.dialect() == detail::SqlDialect::spatialite;
        if ((stored == "4" && spatialite) || stored == "5" || stored == "6") {
            db.upgrade_from(std::stoi(stored));
        } else if (stored != std::to_string(kFormatVersion)) {
            throw InputError(db.path() + ": resource database format is not version " +
                             std::to_string(kFormatVersion));
        }
    } catch (const DataError&) {
        throw InputError(db.path() + ": not a muster resource database");
    }
    return db;
}

ResourceDb ResourceDb::open_or_create(const std::string& path) {
    const bool stored = detail::is_postgres_target(path)
                            ? has_muster_tables(detail::Connection(path, false))
                            : std::filesystem::exists(path);
    if (stored)
        return open_existing(path);
    ResourceDb db = create_new(path);
    db.commit();
    return db;
}

ResourceDb ResourceDb::create_new(const std::string& path) {
    // A PostgreSQL database is made by its administrator; muster makes its tables.
    const bool postgres = detail::is_postgres_target(path);
    if (!postgres && std::filesystem::exists(path))
        throw InputError(path + ": exists already; give a new file");
    ResourceDb db{detail::Connection(path, !postgres)};
    if (postgres && has_muster_tables(db.m_db)) {
        throw InputError(db.path() +
                         ": holds a muster resource database already; give an empty database");
    }
    db.begin();
    try {
        db.write_schema();
    } catch (...) {
        db.rollback();
        throw;
    }
    return db;
}

void ResourceDb::write_schema() {
    if (m_db.dialect() == detail::SqlDialect::spatialite) {
        m_db.exec("SELECT InitSpatialMetaData(0, 'WGS84')");
        m_db.exec(kSchema);
        m_db.exec(kNetworkArrayTable);
        m_db.exec(kSpatialiteTriggers);
    } else {
        m_db.exec("CREATE EXTENSION IF NOT EXISTS postgis");
        m_db.exec(in_postgres_types(kSchema));
        m_db.exec(in_postgres_types(kNetworkArrayTable));
        m_db.exec(kPostgresTriggers);
    }
    for (auto [table, type] : kGeometryColumns) {
        add_geometry_column(m_db, table, "geom", type);
        if (m_db.dialect() == detail::SqlDialect::spatialite) {
            m_db.exec(std::string("SELECT CreateSpatialIndex('") + table + "', 'geom')");
        } else {
            m_db.exec(std::string("CREATE INDEX ") + table + "_geom ON " + table +
                      " USING GIST (geom)");
        }
    }
    for (const char* table : {"township", "shelter"})
        add_geometry_column(m_db, table, "location", "POINT");
    m_db.exec("INSERT INTO muster_meta VALUES ('format_version', '" +
              std::to_string(kFormatVersion) + "')");
    detail::write_resource_styles(m_db);
}

void ResourceDb::upgrade_from(int format) {
    try {
        m_db.begin();
        if (format == 4) {
            // Format 4 declared township and shelter areas as GEOMETRY and stored a point where
            // there was no area. The constraint triggers read geometry_columns when they run, so
            // the rows are recast while the column is still generic, then the column is declared.
            for (const char* table : {"township", "shelter"}) {
                const std::string t = table;
                m_db.exec("UPDATE " + t + " SET geom = NULL WHERE GeometryType(geom) = 'POINT'");
                m_db.exec("UPDATE " + t +
                          " SET geom = CastToMultiPolygon(geom) WHERE geom IS NOT NULL");
                m_db.exec("UPDATE geometry_columns SET geometry_type = 6 WHERE f_table_name = '" +
                          t + "' AND f_geometry_column = 'geom'");
            }
            detail::write_resource_styles(m_db);
        }
        if (format <= 5) {
            m_db.exec(m_db.dialect() == detail::SqlDialect::spatialite
                          ? std::string(kNetworkArrayTable)
                          : in_postgres_types(kNetworkArrayTable));
            split_network_arrays_from_5();
        }
        // Format 7 keeps the roads' bridges and tunnels; older imports did not read them, so
        // their roads stay NULL (not known) until imported again.
        m_db.exec(
            "ALTER TABLE road ADD COLUMN structure TEXT CHECK (structure IN ('bridge', 'tunnel'))");
        m_db.exec("UPDATE muster_meta SET value = '" + std::to_string(kFormatVersion) +
                  "' WHERE key = 'format_version'");
        m_db.exec("COMMIT");
    } catch (const std::exception& e) {
        rollback();
        throw WriteError(path() + ": cannot upgrade the resource database from format " +
                         std::to_string(format) + " to " + std::to_string(kFormatVersion) + " (" +
                         e.what() + "); it is unchanged: make its file writable, or import again");
    }
}

void ResourceDb::begin() {
    m_db.begin();
}
void ResourceDb::commit() {
    m_db.exec("COMMIT");
}
void ResourceDb::rollback() {
    // SQLite has already rolled back on some failures (a full disk, an I/O error); a second
    // ROLLBACK would fail and hide the error that caused it.
    if (m_db.in_transaction())
        m_db.exec("ROLLBACK");
}

void ResourceDb::replace_townships(std::span<const Township> items) {
    m_db.exec("DELETE FROM township");
    Statement insert(m_db,
                     "INSERT INTO township (id, name, population, region, geom, location) "
                     "VALUES (?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326))");
    for (const Township& t : items) {
        insert.bind(1, t.id).bind(2, t.name).bind(3, t.population).bind(4, t.region);
        insert.bind(5, area_wkb(t.area)).bind(6, to_wkb(t.location)).run();
    }
}

void ResourceDb::replace_shelters(std::span<const Shelter> items) {
    m_db.exec("DELETE FROM shelter");
    Statement insert(m_db,
                     "INSERT INTO shelter (id, name, class, area_m2, capacity, capacity_source, "
                     "status, geom, location, occupancy) VALUES (?, ?, ?, ?, ?, ?, ?, "
                     "ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326), ?)");
    for (const Shelter& s : items) {
        insert.bind(1, s.id).bind(2, s.name).bind(3, std::string(to_string(s.shelter_class)));
        insert.bind(4, s.area_m2)
            .bind(5, s.capacity)
            .bind(6, std::string(to_string(s.capacity_source)));
        insert.bind(7, std::string(to_string(s.status)))
            .bind(8, area_wkb(s.footprint))
            .bind(9, to_wkb(s.location))
            .bind(10, s.occupancy)
            .run();
    }
}

void ResourceDb::replace_depots(std::span<const Depot> items) {
    m_db.exec("DELETE FROM inventory");
    m_db.exec("DELETE FROM depot");
    Statement insert(m_db,
                     "INSERT INTO depot (id, name, region, tier, geom) VALUES (?, ?, ?, ?, "
                     "ST_GeomFromWKB(?, 4326))");
    for (const Depot& d : items) {
        insert.bind(1, d.id)
            .bind(2, d.name)
            .bind(3, d.region)
            .bind(4, std::string(to_string(d.tier)));
        insert.bind(5, to_wkb(d.location)).run();
    }
}

void ResourceDb::replace_inventory(std::span<const InventoryRow> rows, const std::string& source) {
    m_db.exec("DELETE FROM inventory");
    Statement known(m_db, "SELECT 1 FROM depot WHERE id = ?");
    Statement insert(m_db,
                     "INSERT INTO inventory (depot_id, item, quantity, unit) VALUES (?, ?, ?, ?)");
    for (const InventoryRow& row : rows) {
        known.bind(1, row.depot_id);
        const bool exists = known.step();
        known.reset();
        if (!exists) {
            // The row's own FID, as read_inventory names rows: the position in `rows` is not the
            // row of the file once an attribute filter has left rows out.
            throw InputError(source + ": row " + std::to_string(row.fid) + ": no depot with id '" +
                             row.depot_id + "' (import the depots in the same run or before)");
        }
        insert.bind(1, row.depot_id)
            .bind(2, row.item.item)
            .bind(3, row.item.quantity)
            .bind(4, row.item.unit)
            .run();
    }
}

void ResourceDb::replace_teams(std::span<const Team> items) {
    m_db.exec("DELETE FROM team");
    Statement insert(m_db,
                     "INSERT INTO team (id, name, kind, capacity, status, region, geom) "
                     "VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))");
    for (const Team& t : items) {
        insert.bind(1, t.id).bind(2, t.name).bind(3, t.kind).bind(4, t.capacity).bind(5, t.status);
        insert.bind(6, t.region).bind(7, to_wkb(t.location)).run();
    }
}

void ResourceDb::replace_hospitals(std::span<const Hospital> items) {
    m_db.exec("DELETE FROM hospital");
    Statement insert(
        m_db,
        "INSERT INTO hospital (id, name, beds_red, beds_yellow, beds_green, beds_surge, "
        "region, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))");
    for (const Hospital& h : items) {
        insert.bind(1, h.id).bind(2, h.name).bind(3, h.beds_red).bind(4, h.beds_yellow);
        insert.bind(5, h.beds_green)
            .bind(6, h.beds_surge)
            .bind(7, h.region)
            .bind(8, to_wkb(h.location))
            .run();
    }
}

void ResourceDb::replace_hazards(std::span<const HazardZone> items) {
    m_db.exec("DELETE FROM hazard");
    for (const HazardZone& z : items)
        insert_hazard(z);
}

void ResourceDb::insert_hazard(const HazardZone& zone) {
    Statement insert(m_db,
                     "INSERT INTO hazard (id, name, kind, effect, speed_factor, road_class, geom) "
                     "VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))");
    insert.bind(1, zone.id).bind(2, zone.name).bind(3, zone.kind);
    insert.bind(4, std::string(to_string(zone.effect)));
    if (zone.effect == HazardEffect::slow) {
        insert.bind(5, zone.speed_factor);
    } else {
        insert.bind_null(5);
    }
    if (zone.road_class.empty()) {
        insert.bind_null(6);
    } else {
        insert.bind(6, zone.road_class);
    }
    // A zone of one road class over the whole world (every ferry) has no area worth indexing.
    if (!zone.road_class.empty() && is_whole_world(zone.area)) {
        insert.bind_null(7);
    } else {
        insert.bind(7, to_wkb(zone.area));
    }
    insert.run();
}

void ResourceDb::replace_roads(std::span<const RoadWay> roads) {
    m_db.exec("DELETE FROM road");
    // SpatiaLite checks each row's geometry and adds it to the R-tree by trigger, which is most
    // of a province's import. Muster's own lines need no check row by row, and a tree built
    // once from all rows costs no more than one grown row by row: the column is unregistered
    // for the load, then registered (every row checked at once) and indexed anew.
    const bool spatialite = m_db.dialect() == detail::SqlDialect::spatialite;
    if (spatialite) {
        spatialite_call("DisableSpatialIndex('road', 'geom')");
        m_db.exec("DROP TABLE idx_road_geom");
        spatialite_call("DiscardGeometryColumn('road', 'geom')");
    }
    Statement insert(
        m_db,
        "INSERT INTO road (id, name, class, drive_forward, drive_backward, drive_speed_kmh, "
        "walk, length_m, crossing_s, structure, geom) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))");
    for (const RoadWay& r : roads) {
        const double metres = length_m(r.points);
        // A ferry's crossing time, boarding included: the same for cars and people.
        const WayAccess& timed = r.drive.usable() ? r.drive : r.walk;
        const bool ferry = r.road_class == kFerryClass && timed.usable();
        insert.bind(1, r.id).bind(2, r.name).bind(3, r.road_class);
        insert.bind(4, std::int64_t{r.drive.forward}).bind(5, std::int64_t{r.drive.backward});
        insert.bind(6, r.drive.usable() ? std::optional(r.drive.speed_kmh) : std::nullopt);
        insert.bind(7, std::int64_t{r.walk.usable()}).bind(8, metres);
        insert.bind(9, ferry ? std::optional(way_duration_s(timed, metres)) : std::nullopt);
        const std::string_view structure = to_string(r.structure);
        insert.bind(10, structure.empty() ? std::nullopt : std::optional(std::string(structure)));
        insert.bind(11, to_wkb(r.points)).run();
    }
    if (spatialite) {
        spatialite_call("RecoverGeometryColumn('road', 'geom', 4326, 'LINESTRING', 'XY')");
        spatialite_call("CreateSpatialIndex('road', 'geom')");
    }
}

void ResourceDb::spatialite_call(const std::string& call) {
    Statement select(m_db, "SELECT " + call);
    if (!select.step() || select.integer(0) != 1)
        throw WriteError(path() + ": SpatiaLite's " + call + " failed");
}

std::int64_t ResourceDb::next_import_run() const {
    Statement select(m_db, "SELECT COALESCE(MAX(run), 0) + 1 FROM import_log");
    select.step();
    return select.integer(0);
}

void ResourceDb::log_import(const ImportLogEntry& e) {
    Statement insert(
        m_db,
        "INSERT INTO import_log (run, time, kind, source, filter, features, imported, problems, "
        "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, e.run)
        .bind(2, e.time.empty() ? utc_now() : e.time)
        .bind(3, e.kind)
        .bind(4, e.source);
    insert.bind(5, e.filter)
        .bind(6, e.features)
        .bind(7, e.imported)
        .bind(8, e.problems)
        .bind(9, e.warnings)
        .run();
}

void ResourceDb::replace_problems(const std::string& kind, std::int64_t run,
                                  std::span<const Problem> problems) {
    Statement erase(m_db, "DELETE FROM problem WHERE kind = ?");
    erase.bind(1, kind).run();
    Statement insert(m_db,
                     "INSERT INTO problem (run, kind, source, feature_id, field, message, geom) "
                     "VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))");
    for (const Problem& p : problems) {
        insert.bind(1, run)
            .bind(2, p.kind)
            .bind(3, p.source)
            .bind(4, p.feature_id)
            .bind(5, p.field)
            .bind(6, p.message);
        if (p.location) {
            insert.bind(7, to_wkb(*p.location));
        } else {
            insert.bind_null(7);
        }
        insert.run();
    }
}

std::vector<Township> ResourceDb::townships() const {
    std::vector<Township> out;
    Statement select(m_db,
                     "SELECT id, name, population, region, ST_AsBinary(location), "
                     "CASE WHEN GeometryType(geom) = 'POINT' THEN NULL ELSE ST_AsBinary(geom) END "
                     "FROM township ORDER BY fid");
    while (select.step()) {
        Township t;
        t.id = select.text(0);
        t.name = select.text(1);
        if (!select.is_null(2))
            t.population = select.integer(2);
        t.region = select.text(3);
        const auto location = select.blob(4);
        t.location = point_from_wkb(location.data(), location.size());
        if (!select.is_null(5)) {
            const auto area = select.blob(5);
            t.area = multipolygon_from_wkb(area.data(), area.size());
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Shelter> ResourceDb::shelters() const {
    std::vector<Shelter> out;
    Statement select(m_db,
                     "SELECT id, name, class, area_m2, capacity, capacity_source, status, "
                     "ST_AsBinary(location), "
                     "CASE WHEN GeometryType(geom) = 'POINT' THEN NULL ELSE ST_AsBinary(geom) END, "
                     "fid, occupancy "
                     "FROM shelter ORDER BY fid");
    while (select.step()) {
        Shelter s;
        s.id = select.text(0);
        s.name = select.text(1);
        const std::string row = stored_row(path(), "shelter", select.integer(9), s.id);
        const std::string class_text = select.text(2);
        s.shelter_class =
            stored_enum(parse_shelter_class(class_text), kShelterClasses, row, "class", class_text);
        if (!select.is_null(3))
            s.area_m2 = select.real(3);
        s.capacity = select.integer(4);
        const std::string source_text = select.text(5);
        s.capacity_source = stored_enum(parse_capacity_source(source_text), kCapacitySources, row,
                                        "capacity_source", source_text);
        const std::string status_text = select.text(6);
        s.status = stored_enum(parse_shelter_status(status_text), kShelterStatuses, row, "status",
                               status_text);
        const auto location = select.blob(7);
        s.location = point_from_wkb(location.data(), location.size());
        if (!select.is_null(8)) {
            const auto area = select.blob(8);
            s.footprint = multipolygon_from_wkb(area.data(), area.size());
        }
        s.occupancy = select.integer(10);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Depot> ResourceDb::depots() const {
    std::vector<Depot> out;
    Statement select(
        m_db, "SELECT id, name, region, tier, ST_AsBinary(geom), fid FROM depot ORDER BY fid");
    Statement items(m_db,
                    "SELECT item, quantity, unit FROM inventory WHERE depot_id = ? ORDER BY fid");
    while (select.step()) {
        Depot d;
        d.id = select.text(0);
        d.name = select.text(1);
        d.region = select.text(2);
        const std::string tier_text = select.text(3);
        d.tier =
            stored_enum(parse_depot_tier(tier_text), kDepotTiers,
                        stored_row(path(), "depot", select.integer(5), d.id), "tier", tier_text);
        const auto location = select.blob(4);
        d.location = point_from_wkb(location.data(), location.size());
        items.bind(1, d.id);
        while (items.step())
            d.inventory.push_back({items.text(0), items.real(1), items.text(2)});
        items.reset();
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<Team> ResourceDb::teams() const {
    std::vector<Team> out;
    Statement select(m_db,
                     "SELECT id, name, kind, capacity, status, region, ST_AsBinary(geom) FROM team "
                     "ORDER BY fid");
    while (select.step()) {
        Team t;
        t.id = select.text(0);
        t.name = select.text(1);
        t.kind = select.text(2);
        t.capacity = select.integer(3);
        t.status = select.text(4);
        t.region = select.text(5);
        const auto location = select.blob(6);
        t.location = point_from_wkb(location.data(), location.size());
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Hospital> ResourceDb::hospitals() const {
    std::vector<Hospital> out;
    Statement select(
        m_db,
        "SELECT id, name, beds_red, beds_yellow, beds_green, beds_surge, region, ST_AsBinary(geom) "
        "FROM hospital ORDER BY fid");
    while (select.step()) {
        Hospital h;
        h.id = select.text(0);
        h.name = select.text(1);
        h.beds_red = select.integer(2);
        h.beds_yellow = select.integer(3);
        h.beds_green = select.integer(4);
        h.beds_surge = select.integer(5);
        h.region = select.text(6);
        const auto location = select.blob(7);
        h.location = point_from_wkb(location.data(), location.size());
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<HazardZone> ResourceDb::hazards() const {
    std::vector<HazardZone> out;
    Statement select(m_db,
                     "SELECT id, name, kind, effect, speed_factor, ST_AsBinary(geom), fid, "
                     "road_class FROM hazard "
                     "ORDER BY fid");
    while (select.step()) {
        HazardZone z;
        z.id = select.text(0);
        z.name = select.text(1);
        z.kind = select.text(2);
        const std::string effect_text = select.text(3);
        z.effect = stored_enum(parse_hazard_effect(effect_text), kHazardEffects,
                               stored_row(path(), "hazard", select.integer(6), z.id), "effect",
                               effect_text);
        z.speed_factor = select.is_null(4) ? 0 : select.real(4);
        z.road_class = select.is_null(7) ? "" : select.text(7);
        if (select.is_null(5)) {
            z.area = whole_world();  // a zone of a road class everywhere (stored without geometry)
        } else {
            const auto area = select.blob(5);
            z.area = multipolygon_from_wkb(area.data(), area.size());
        }
        out.push_back(std::move(z));
    }
    return out;
}

Resources ResourceDb::resources() const {
    return {townships(), shelters(), depots(), teams(), hospitals(), hazards()};
}

std::vector<FerryLine> ResourceDb::ferries() const {
    std::vector<FerryLine> out;
    Statement select(m_db,
                     "SELECT id, name, drive_forward, drive_backward, walk, length_m, crossing_s "
                     "FROM road WHERE class = ? ORDER BY fid");
    select.bind(1, std::string(kFerryClass));
    while (select.step()) {
        out.push_back({select.text(0), select.text(1), select.integer(2) != 0,
                       select.integer(3) != 0, select.integer(4) != 0, select.real(5),
                       select.real(6)});
    }
    return out;
}

std::vector<NamedRoad> ResourceDb::named_roads() const {
    std::vector<NamedRoad> out;
    // The store's interpolation: a point on the line itself, whatever its bends.
    const char* interpolate = m_db.dialect() == detail::SqlDialect::spatialite
                                  ? "ST_Line_Interpolate_Point"
                                  : "ST_LineInterpolatePoint";
    Statement select(m_db,
                     std::string("SELECT id, name, class, CASE WHEN drive_forward <> 0 OR "
                                 "drive_backward <> 0 THEN 1 ELSE 0 END, length_m, ST_X(p), "
                                 "ST_Y(p) FROM (SELECT fid, id, name, class, drive_forward, "
                                 "drive_backward, length_m, ") +
                         interpolate +
                         "(geom, 0.5) AS p FROM road WHERE name IS NOT NULL AND name <> '' AND "
                         "class IS DISTINCT FROM ?) AS named WHERE p IS NOT NULL ORDER BY fid");
    select.bind(1, std::string(kFerryClass));
    while (select.step()) {
        out.push_back({select.text(0),
                       select.text(1),
                       select.text(2),
                       select.integer(3) != 0,
                       select.real(4),
                       {select.real(5), select.real(6)}});
    }
    return out;
}

std::vector<StoredRoad> ResourceDb::roads_of_classes(const std::set<std::string>& classes) const {
    std::vector<StoredRoad> out;
    Statement select(m_db,
                     "SELECT id, name, class, structure, ST_AsBinary(geom) FROM road WHERE geom "
                     "IS NOT NULL ORDER BY fid");
    while (select.step()) {
        StoredRoad road{select.text(0), select.text(1), select.text(2), RoadStructure::none, {}};
        if (classes.count(road.road_class) == 0)
            continue;
        if (!select.is_null(3))
            road.structure =
                select.text(3) == "bridge" ? RoadStructure::bridge : RoadStructure::tunnel;
        const auto line = select.blob(4);
        road.points = line_from_wkb(line.data(), line.size());
        out.push_back(std::move(road));
    }
    return out;
}

std::int64_t ResourceDb::road_count() const {
    Statement select(m_db, "SELECT COUNT(*) FROM road");
    select.step();
    return select.integer(0);
}

std::vector<ImportLogEntry> ResourceDb::import_log() const {
    std::vector<ImportLogEntry> out;
    Statement select(
        m_db,
        "SELECT run, time, kind, source, filter, features, imported, problems, warnings "
        "FROM import_log ORDER BY fid");
    while (select.step()) {
        out.push_back({select.integer(0), select.text(1), select.text(2), select.text(3),
                       select.text(4), select.integer(5), select.integer(6), select.integer(7),
                       select.text(8)});
    }
    return out;
}

std::vector<Problem> ResourceDb::problems() const {
    std::vector<Problem> out;
    Statement select(
        m_db,
        "SELECT kind, source, feature_id, field, message, ST_AsBinary(geom) FROM problem "
        "ORDER BY fid");
    while (select.step()) {
        Problem p{select.text(0), select.text(1), select.text(2),
                  select.text(3), select.text(4), std::nullopt};
        if (!select.is_null(5)) {
            const auto location = select.blob(5);
            p.location = point_from_wkb(location.data(), location.size());
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace muster

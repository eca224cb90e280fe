#pragma once
// The resource database: one SpatiaLite file, or one PostgreSQL database with PostGIS for many
// desks and replicas, holding every entity kind (a table each, with a spatial index), the
// roads, the routable networks of both profiles (CSR arrays as blobs in parts, with their
// contraction order, so a later command loads them without re-reading the roads or re-ordering), an
// import log and a problem table. docs/database.md describes the tables.

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "engine/coordinate.hpp"
#include "engine/entities.hpp"
#include "engine/incident.hpp"
#include "engine/problem.hpp"
#include "engine/resources.hpp"
#include "engine/road_network.hpp"
#include "geodata/detail/sql.hpp"
#include "geodata/entity_readers.hpp"

namespace muster {

/// One row of the import log: one source read by one import run.
struct ImportLogEntry {
    std::int64_t run = 0;  ///< import run number
    std::string time;      ///< UTC, ISO 8601
    std::string kind;      ///< roads, townships, ...
    std::string source;    ///< path:layer
    std::string filter;    ///< attribute filter, if any
    std::int64_t features = 0;
    std::int64_t imported = 0;
    std::int64_t problems = 0;
    std::string warnings;  ///< newline-separated
    friend bool operator==(const ImportLogEntry&, const ImportLogEntry&) = default;
};

/// One change of the live state, as the event log keeps it (geodata/live_state.cpp).
struct Event {
    std::int64_t seq = 0;  ///< 1, 2, ...: the state's version once the change is made
    std::string time;      ///< UTC, ISO 8601 with milliseconds
    std::string user;      ///< who made the change
    std::string kind;      ///< what kind of entity: team, hazard, ...
    std::string target;    ///< the entity's id
    std::string action;    ///< update, add, lift, ...
    std::string before;    ///< the entity before, as JSON; empty if it is new
    std::string after;     ///< the entity after, as JSON; empty if it is gone
    friend bool operator==(const Event&, const Event&) = default;
};

/// A ferry line as stored with the roads.
struct FerryLine {
    std::string id;
    std::string name;
    bool drive_forward = false;  ///< cars cross in the line's digitised direction
    bool drive_backward = false;
    bool walk = false;      ///< people cross (in the directions it sails)
    double length_m = 0;    ///< geodesic
    double crossing_s = 0;  ///< the whole crossing, boarding included
    friend bool operator==(const FerryLine&, const FerryLine&) = default;
};

/// A named road as the road table keeps it, with a point on it: what a search by name finds.
struct NamedRoad {
    std::string id;
    std::string name;
    std::string road_class;
    bool drivable = false;  ///< cars may use it in at least one direction
    double length_m = 0;    ///< geodesic
    LonLat middle;          ///< halfway along the line (by its length in degrees): on the road
    friend bool operator==(const NamedRoad&, const NamedRoad&) = default;
};

/// A road of the road table as a line, with what the network's pieces do not keep: its name
/// and its structure.
struct StoredRoad {
    std::string id;
    std::string name;
    std::string road_class;
    RoadStructure structure = RoadStructure::none;  ///< none also where the import did not know
    std::vector<LonLat> points;
};

class ResourceDb {
  public:
    /// Opens an existing resource database. Throws InputError if the file is missing or is not a
    /// muster resource database.
    static ResourceDb open_existing(const std::string& path);
    /// Opens a resource database, creating the file and its schema if it does not exist.
    /// `path` may name a PostgreSQL database instead (detail::is_postgres_target): its tables
    /// are created if it has none of muster's.
    static ResourceDb open_or_create(const std::string& path);
    /// A new resource database: a file that does not exist yet, or a PostgreSQL database without
    /// muster's tables, its schema written in a transaction left open: commit() makes it (a
    /// file stays behind a rollback, empty, for the caller to remove). Throws InputError if there
    /// is one already.
    static ResourceDb create_new(const std::string& path);

    const std::string& path() const { return m_db.path(); }

    /// All writes between begin() and commit() land together or not at all.
    void begin();
    /// Reads between begin_read() and commit() (or rollback()) see one committed state, whatever
    /// other connections commit meanwhile.
    void begin_read() { m_db.begin_read(); }
    void commit();
    void rollback();

    // Each replace_* empties the kind's table and stores the given entities.
    void replace_townships(std::span<const Township> items);
    void replace_shelters(std::span<const Shelter> items);
    /// Also empties the inventory: it belongs to the depots it replaces.
    void replace_depots(std::span<const Depot> items);
    /// Throws InputError naming the first row (by its `fid`) whose depot is not stored.
    void replace_inventory(std::span<const InventoryRow> rows, const std::string& source);
    void replace_teams(std::span<const Team> items);
    void replace_hospitals(std::span<const Hospital> items);
    void replace_hazards(std::span<const HazardZone> items);
    /// Stores one more zone; one of a road class over the whole world (all_ferries_closed()) is
    /// stored without geometry and read back as the whole world. Throws DataError (SQLite's
    /// constraint) for an id already stored.
    void insert_hazard(const HazardZone& zone);
    void replace_roads(std::span<const RoadWay> roads);
    /// Stores a profile's network with its contraction order (cch/nested_dissection.hpp), which
    /// is costly to compute and depends only on the network. Throws ContractError if
    /// the order's length is not the node count.
    void replace_network(const RoadNetwork& network, std::span<const NodeId> cch_order);
    /// Smaller parts for the stored network arrays than the default 64 MiB (a part always holds
    /// one element at least), so that tests see arrays of many parts.
    void store_network_arrays_in_parts_of(std::size_t bytes);

    /// A new import run number (one per `muster import`).
    std::int64_t next_import_run() const;
    void log_import(const ImportLogEntry& entry);
    /// Replaces the stored problems of the given kind with these.
    void replace_problems(const std::string& kind, std::int64_t run,
                          std::span<const Problem> problems);

    // Each reader throws DataError naming the table, the row (its fid and id), the column and the
    // word when a column of a fixed set of words (shelter class, capacity source and status,
    // depot tier, hazard effect) holds another one.
    std::vector<Township> townships() const;
    std::vector<Shelter> shelters() const;
    std::vector<Depot> depots() const;  ///< with their inventories
    std::vector<Team> teams() const;
    std::vector<Hospital> hospitals() const;
    std::vector<HazardZone> hazards() const;
    /// All of the above.
    Resources resources() const;
    std::int64_t road_count() const;
    /// The ferry lines among the roads (class kFerryClass), in import order.
    std::vector<FerryLine> ferries() const;
    /// The roads with a name, ferries left out, in import order. O(roads).
    std::vector<NamedRoad> named_roads() const;
    /// The roads of the given classes, in import order. O(roads).
    std::vector<StoredRoad> roads_of_classes(const std::set<std::string>& classes) const;
    /// The stored network of a profile, checked against its invariants; nothing if none stored.
    std::optional<RoadNetwork> network(Profile profile) const;
    /// The contraction order stored with a profile's network (node ids, rank 0 first), as
    /// stored: RoutingGraph checks it is a permutation. Empty if no network is stored.
    std::vector<NodeId> cch_order(Profile profile) const;
    std::vector<ImportLogEntry> import_log() const;
    std::vector<Problem> problems() const;

    // ---- The live state (geodata/live_state.cpp) ----
    // The service changes the database while it runs, and the command line may read it then:
    // each change is one transaction (begin() ... commit()) holding the change and its event.

    /// Makes every commit durable before it returns and lets readers in other processes work
    /// while one writer writes: WAL journal, synchronous=FULL, a 5 s busy timeout.
    void prepare_live_writes();
    /// Appends `event` (its seq and time as given are ignored: the next number, and now) and
    /// returns it as stored. Inside a transaction, it lands with the change or not at all, and
    /// its commit is told to every connection that listens (listen_for_changes()). Writers take
    /// their numbers in the order they commit: begin() admits one writer at a time.
    Event append_event(Event event);
    /// From now on, wait_for_changes() hears of the changes other connections (processes,
    /// replicas) commit.
    void listen_for_changes() { m_db.listen(); }
    /// Waits up to `timeout` for a commit of another connection since the last call: whether
    /// one came. Then events_since() has its events. Throws InputError if the connection to a
    /// PostgreSQL database is lost.
    bool wait_for_changes(std::chrono::milliseconds timeout) {
        return m_db.wait_for_change(timeout);
    }
    /// The events after `seq`, oldest first, at most `limit` of them.
    std::vector<Event> events_since(std::int64_t seq, std::size_t limit) const;
    /// The last event's seq: the live state's version (0 before any change).
    std::int64_t last_event_seq() const;
    /// The stored team with this id, or nothing.
    std::optional<Team> team(const std::string& id) const;
    /// Stores a team's status and location, and the time of that location if given (empty:
    /// unknown; nothing: the stored time is kept). Throws InputError if no team has the id.
    void update_team_state(const Team& team, const std::optional<std::string>& position_time);

    // ---- Incidents (geodata/incident_store.cpp) ----
    /// Every stored incident with its dispatches, in the order they were recorded.
    std::vector<Incident> incidents() const;
    /// Stores a new incident and its dispatches. Throws DataError if its id is taken.
    void insert_incident(const Incident& incident);
    /// Stores an incident's every field and its dispatches in place of the stored ones. Throws
    /// InputError if no incident has its id.
    void update_incident(const Incident& incident);
    // ---- The facilities and hazards the service changes (geodata/facility_state.cpp) ----
    // Each throws InputError if no row has the entity's id.

    /// Stores a shelter's status and occupancy.
    void update_shelter_state(const Shelter& shelter);
    /// Stores a hospital's free and surge beds.
    void update_hospital_beds(const Hospital& hospital);
    /// Replaces a depot's inventory rows with its inventory.
    void replace_depot_inventory(const Depot& depot);
    /// Removes the zone with this id; whether there was one.
    bool delete_hazard(const std::string& id);

    // ---- Copies between stores (geodata/resource_db_copy.cpp) ----
    /// Every row of every table of `source` into this database, which must be new (create_new),
    /// inside the caller's transaction: fids, event numbers, geometry and bytes as they are. The
    /// styles are this database's own (analysts' saved styles are not copied). Returns the rows
    /// copied per table, in copy order.
    std::vector<std::pair<std::string, std::int64_t>> copy_rows_from(const ResourceDb& source);

  private:
    explicit ResourceDb(detail::Connection db) : m_db(std::move(db)) {}
    void write_schema();
    /// Runs one of SpatiaLite's functions that return 1 on success; WriteError if it does not.
    void spatialite_call(const std::string& call);
    /// Brings a format-4 or -5 database to the current format in one transaction (WriteError if
    /// it cannot be written: the database is left as it was).
    void upgrade_from(int format);
    /// Format 5's network arrays, a column each of `network`, into network_array.
    void split_network_arrays_from_5();
    void write_network_array(const std::string& profile, const char* name,
                             std::span<const unsigned char> bytes, std::size_t element);
    /// A stored array, whole; DataError naming it if it is missing or damaged.
    template <class T>
    std::vector<T> read_network_array(const std::string& profile, const char* name) const;

    detail::Connection m_db;
    /// Network arrays are stored in parts of at most this many bytes: SQLite and PostgreSQL
    /// refuse a value of more than 1 GB, and a hex-escaped part is twice its size in transit.
    std::size_t m_network_part_bytes = std::size_t{64} << 20;
};

}  // namespace muster

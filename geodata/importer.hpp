#pragma once
// `muster import`: reads every given source, validates it, builds the road networks and stores
// it all in the resource database in one transaction. If anything fails the database is exactly
// as it was (a database the run created is removed).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/china_coordinates.hpp"
#include "engine/problem.hpp"
#include "engine/snapping.hpp"
#include "geodata/field_map.hpp"
#include "geodata/progress.hpp"
#include "geodata/resource_db.hpp"

namespace muster {

struct ImportRequest {
    std::string database;
    std::map<SourceKind, std::string> sources;  ///< PATH[:LAYER][?WHERE] per kind
    std::optional<std::string> fields_file;     ///< JSON field mapping
    /// Per kind, the encoding of its source's text where the user names it (`--encoding`).
    std::map<SourceKind, std::string> encodings;
    /// Per kind, the system of its source's lon/lat where the user names it (`--coordinates`).
    std::map<SourceKind, CoordinateSystem> coordinates;
    double snap_limit_m = kDefaultSnapLimitM;
    /// Told of each step as it goes (reading each source, building, ordering and storing each
    /// network); may be null.
    Progress* progress = nullptr;
};

struct NetworkFigures {
    std::size_t nodes = 0;
    std::size_t edges = 0;
    std::size_t components = 0;
};

struct ImportSummary {
    std::int64_t run = 0;
    std::vector<ImportLogEntry> entries;  ///< one per source read
    std::vector<Problem> problems;        ///< this run's problems, network checks included
    std::optional<NetworkFigures> drive;  ///< when roads were imported
    std::optional<NetworkFigures> walk;
};

/// Runs one import. Throws InputError (bad input, naming file, layer, feature and field; a
/// source of which no feature is usable) or DataError; in either case nothing is stored.
ImportSummary run_import(const ImportRequest& request);

}  // namespace muster

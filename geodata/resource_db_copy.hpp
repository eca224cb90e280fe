#pragma once
// `muster copy`: a resource database from one store to the other, SpatiaLite file and PostgreSQL
// with PostGIS either way (or file to file), nothing left out.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace muster {

/// Every table of the resource database `source` into `destination`, a new one
/// (ResourceDb::create_new), in one transaction (ResourceDb::copy_rows_from). If anything fails
/// the destination is as it was: a file the copy made is removed. Returns the rows copied per
/// table. Throws InputError for a missing source or a destination that holds a database.
std::vector<std::pair<std::string, std::int64_t>> copy_resource_db(const std::string& source,
                                                                   const std::string& destination);

}  // namespace muster

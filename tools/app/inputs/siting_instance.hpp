#pragma once
// Reading a plain siting instance from CSV files, through GDAL's CSV driver as every other input
// (header row; columns found by name, any order, case-insensitive; extra columns ignored; fields
// may be double-quoted; text in UTF-8):
//   costs.csv   demand,site,cost           one row per allowed pair (missing pairs are not allowed)
//   demand.csv  id,weight                  weight >= 0 (people)
//   sites.csv   id[,capacity][,fixed_cost][,open]   optional; capacity > 0 or empty (unlimited),
//               fixed_cost >= 0 (default 0), open 0 or 1 (1 = forced open, default 0)
// Without sites.csv the sites are the site ids of costs.csv in order of first appearance,
// uncapacitated, free and not forced open.

#include <optional>
#include <string>

#include "solvers/siting/siting_instance.hpp"

namespace muster::tools {

/// Reads and validates the instance. Throws muster::InputError naming the file, row (the header
/// is row 1; blank lines are not rows) and column and what is wrong: a file that cannot be
/// opened, a missing column, an empty or duplicate id, a value that is not a number or out of
/// range, an unknown demand or site id in costs.csv, a pair given twice.
/// O(file sizes + demand x sites).
SitingInstance read_siting_instance(const std::string& costs_path, const std::string& demand_path,
                                    const std::optional<std::string>& sites_path);

}  // namespace muster::tools

#pragma once
// The answers a report draws, asked of a resource database as the command line asks them: shelter
// coverage on the walking network (`muster coverage`), 10/20/30-minute service areas of every
// hospital on the drive network (`muster isochrone`), relief for the people coverage places in
// shelters for 3 days (`muster allocate` with --persons, as the console's relief flows ask it) and,
// given incidents, the mass-casualty plan (`muster mci`). The same hazards apply to all of them:
// the database's unless left out, and ad-hoc ones, as the commands take them.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/app/coverage_query.hpp"
#include "tools/app/isochrone_query.hpp"
#include "tools/app/relief_query.hpp"
#include "tools/app/routing_session.hpp"

namespace muster::tools {

/// The driving times of the hospitals' service areas, minutes.
inline constexpr std::array<double, 3> kServiceAreaMinutes{10, 20, 30};

/// One hospital's service areas.
struct HospitalServiceArea {
    std::size_t hospital = 0;  ///< index into resources.hospitals
    IsochroneAnswer answer;    ///< bands for kServiceAreaMinutes
    /// People (coverage's demand points) inside each band's area: cumulative, as the bands are.
    std::array<std::int64_t, kServiceAreaMinutes.size()> population{};
};

struct ReportData {
    std::string database;
    std::unique_ptr<RoutingSession> walk;
    std::unique_ptr<RoutingSession> drive;
    CoverageQuery coverage_query;
    CoverageAnswer coverage;
    std::vector<HospitalServiceArea> service_areas;
    std::vector<std::string> hospitals_off_road;  ///< names of hospitals too far from a road
    std::int64_t relief_persons = 0;              ///< persons the allocation plans for
    AllocateAnswer relief;
    std::optional<MciAnswer> mci;
};

/// Loads `database` under `hazards` and answers every question of the report; the mass-casualty
/// plan only when `incidents` (PATH[:LAYER][?WHERE], as `muster mci --incidents`) is not empty.
/// Throws as the queries do (InputError for a missing database, incidents or hazard source,
/// QueryError for a database the questions cannot be asked of).
ReportData gather_report_data(const std::string& database, const std::string& incidents,
                              const HazardOptions& hazards);

}  // namespace muster::tools

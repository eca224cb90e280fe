#include "tools/report/report_data.hpp"

#include "tools/app/query_error.hpp"

namespace muster::tools {
namespace {

std::vector<HospitalServiceArea> hospital_service_areas(const QueryContext& context,
                                                        std::vector<std::string>& off_road) {
    Searches searches(context.graph);
    std::vector<HospitalServiceArea> areas;
    for (std::size_t h = 0; h < context.resources.hospitals.size(); ++h) {
        const Hospital& hospital = context.resources.hospitals[h];
        IsochroneQuery query;
        query.facilities = {{{"hospital:" + hospital.id, hospital.location, "hospital", hospital.id,
                              hospital.name}}};
        query.minutes.assign(kServiceAreaMinutes.begin(), kServiceAreaMinutes.end());
        HospitalServiceArea area;
        area.hospital = h;
        try {
            area.answer = answer_isochrone(context, query, searches);
        } catch (const QueryError& e) {
            if (e.code() != ErrorCode::NoSegment)
                throw;
            off_road.push_back(hospital.name.empty() ? hospital.id : hospital.name);
            continue;
        }
        // The people of coverage's demand points inside each band, as the service area counts
        // them (disks: cumulative).
        const IsochroneArea& reached = area.answer.areas.front();
        for (std::size_t b = 0; b < reached.population.size() && b < area.population.size(); ++b)
            area.population[b] = reached.population[b].value_or(0);
        areas.push_back(std::move(area));
    }
    return areas;
}

}  // namespace

ReportData gather_report_data(const std::string& database, const std::string& incidents,
                              const HazardOptions& hazards) {
    ReportData data;
    data.database = database;
    // Read the incidents first: a bad source fails before the networks load.
    std::optional<MciQuery> mci_query;
    if (!incidents.empty()) {
        mci_query.emplace();
        mci_query->incidents = read_incidents(incidents);
    }
    data.walk = std::make_unique<RoutingSession>(database, Profile::walk, hazards);
    data.drive = std::make_unique<RoutingSession>(database, Profile::drive, hazards);
    const QueryContext walk = data.walk->context();
    const QueryContext drive = data.drive->context();

    data.coverage = answer_coverage(walk, data.coverage_query);
    data.service_areas = hospital_service_areas(drive, data.hospitals_off_road);

    // The people coverage places in each open shelter, as the console's relief flows plan them.
    AllocateQuery relief;
    relief.to = AllocationTarget::shelters;
    relief.days = kDefaultReliefDays;
    std::vector<PersonsRow> persons;
    for (std::size_t i = 0; i < data.coverage.shelters.size(); ++i) {
        const std::int64_t load = data.coverage.within_capacity.load[i];
        if (load <= 0)
            continue;
        persons.push_back(
            {walk.resources.shelters[data.coverage.shelters[i]].id, load, "coverage"});
        data.relief_persons += load;
    }
    relief.persons = std::move(persons);
    Searches searches(drive.graph);
    data.relief = answer_allocate(drive, relief, searches);

    if (mci_query)
        data.mci = answer_mci(drive, *mci_query, searches);
    return data;
}

}  // namespace muster::tools

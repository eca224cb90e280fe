#include "geodata/detail/china_transformation.hpp"

#include <cmath>

namespace muster::detail {

ChinaToWgs84::ChinaToWgs84(CoordinateSystem system) : m_system(system) {
    m_wgs84.importFromEPSG(4326);
    m_wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}

int ChinaToWgs84::Transform(int count, double* x, double* y, double*, double*, int* success) {
    bool all = true;
    for (int i = 0; i < count; ++i) {
        const bool finite = std::isfinite(x[i]) && std::isfinite(y[i]);
        if (finite) {
            const LonLat wgs84 = to_wgs84({x[i], y[i]}, m_system);
            x[i] = wgs84.lon;
            y[i] = wgs84.lat;
        }
        if (success)
            success[i] = finite;
        all = all && finite;
    }
    return all;
}

}  // namespace muster::detail

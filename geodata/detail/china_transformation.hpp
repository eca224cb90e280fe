#pragma once
// GCJ-02 or BD-09 to WGS84 as a GDAL coordinate transformation, so that OGRGeometry::transform
// shifts every vertex of any geometry (engine/china_coordinates.hpp has the formulas; PROJ has
// none: it declined them).

#include <ogr_spatialref.h>

#include "engine/china_coordinates.hpp"

namespace muster::detail {

/// Lon/lat in `system` to WGS84 lon/lat (both in GIS order). Points outside China are unchanged,
/// as the formulas define.
class ChinaToWgs84 final : public OGRCoordinateTransformation {
  public:
    explicit ChinaToWgs84(CoordinateSystem system);

    OGRSpatialReference* GetSourceCS() override { return &m_wgs84; }
    OGRSpatialReference* GetTargetCS() override { return &m_wgs84; }
    int Transform(int count, double* x, double* y, double* z, double* t, int* success) override;
    OGRCoordinateTransformation* Clone() const override { return new ChinaToWgs84(m_system); }
    /// No inverse is needed on import.
    OGRCoordinateTransformation* GetInverse() const override { return nullptr; }

  private:
    CoordinateSystem m_system;
    OGRSpatialReference m_wgs84;  // source and target alike: the shift is within lon/lat
};

}  // namespace muster::detail

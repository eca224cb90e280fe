#pragma once
// GDAL's drivers, registered once per process before geodata opens or creates any source.

namespace muster::detail {

/// Registers all of GDAL's drivers the first time it is called; later calls do nothing.
/// Thread-safe (the HTTP service reads from several threads).
void register_gdal_drivers();

}  // namespace muster::detail

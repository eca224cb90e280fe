#include "geodata/detail/gdal_drivers.hpp"

#include <gdal.h>

#include <mutex>

namespace muster::detail {

void register_gdal_drivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace muster::detail

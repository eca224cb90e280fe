#include "solvers/siting/siting_result.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace muster {
namespace {

constexpr std::array<std::pair<SitingModel, std::string_view>, 6> kNames{{
    {SitingModel::lscp, "lscp"},
    {SitingModel::mclp, "mclp"},
    {SitingModel::pmedian, "pmedian"},
    {SitingModel::pcenter, "pcenter"},
    {SitingModel::cpmedian, "cpmedian"},
    {SitingModel::cflp, "cflp"},
}};

}  // namespace

std::string_view siting_model_name(SitingModel model) {
    for (const auto& [m, name] : kNames) {
        if (m == model)
            return name;
    }
    return "unknown";
}

std::optional<SitingModel> parse_siting_model(std::string_view name) {
    for (const auto& [m, n] : kNames) {
        if (n == name)
            return m;
    }
    return std::nullopt;
}

bool siting_model_covers(SitingModel model) {
    return model == SitingModel::lscp || model == SitingModel::mclp;
}

bool siting_model_capacitated(SitingModel model) {
    return model == SitingModel::cpmedian || model == SitingModel::cflp;
}

double relative_gap(double objective, double bound) {
    const double scale = std::max(std::abs(objective), 1e-12);
    const double gap = std::abs(objective - bound) / scale;
    return gap <= 1e-9 ? 0.0 : gap;
}

}  // namespace muster

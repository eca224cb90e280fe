#include "tools/server/facility_change_json.hpp"

#include <cmath>
#include <string>

#include "tools/server/json_body.hpp"

namespace muster::tools {
namespace {

using nlohmann::json;

constexpr JsonShape kShelterChange{"a shelter change", "status, occupancy"};
constexpr JsonShape kHospitalChange{"a hospital change",
                                    "beds_red, beds_yellow, beds_green, beds_surge"};
constexpr JsonShape kDepotChange{"a depot change", "stock"};
constexpr JsonShape kStock{"a stock", "items"};
constexpr JsonShape kStockItem{"a stock item", "item, quantity, unit"};

/// A whole number >= 0 (420 or 420.0).
std::int64_t count_of(const json& value, const std::string& member) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() <= INT64_MAX)
        return value.get<std::int64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
        return value.get<std::int64_t>();
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (number >= 0 && number < 9.2e18 && std::floor(number) == number)
            return static_cast<std::int64_t>(number);
    }
    throw invalid_member(member, value.dump() + " is not a whole number >= 0");
}

StockItemChange stock_item_of(const json& value, const std::string& where) {
    if (!value.is_object())
        throw invalid_member(where, "must be {\"item\", \"quantity\", \"unit\"}");
    StockItemChange item;
    bool has_item = false, has_quantity = false;
    for (const auto& [member, field] : value.items()) {
        if (member == "item") {
            if (!field.is_string() || field.get<std::string>().empty())
                throw invalid_member(where + ".item", "must be the item's name");
            item.item = field.get<std::string>();
            has_item = true;
        } else if (member == "quantity") {
            if (!field.is_number() || !std::isfinite(field.get<double>()) ||
                field.get<double>() < 0)
                throw invalid_member(where + ".quantity", field.dump() + " is not a number >= 0");
            item.quantity = field.get<double>();
            has_quantity = true;
        } else if (member == "unit") {
            item.unit = text_of(field, where + ".unit", "\"L\"");
        } else {
            unknown_member(where + "." + member, kStockItem);
        }
    }
    if (!has_item)
        throw invalid_member(where + ".item", "missing");
    if (!has_quantity)
        throw invalid_member(where + ".quantity", "missing");
    return item;
}

}  // namespace

ShelterChange parse_shelter_change(const json& body) {
    require_object(body, kShelterChange);
    ShelterChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "status") {
            change.status = text_of(value, "status", "\"closed\"");
        } else if (member == "occupancy") {
            change.occupancy = count_of(value, "occupancy");
        } else {
            unknown_member(member, kShelterChange);
        }
    }
    if (!change.status && !change.occupancy)
        throw invalid_member("body", "nothing to change: give status, occupancy or both");
    return change;
}

HospitalChange parse_hospital_change(const json& body) {
    require_object(body, kHospitalChange);
    HospitalChange change;
    for (const auto& [member, value] : body.items()) {
        if (member == "beds_red") {
            change.beds_red = count_of(value, member);
        } else if (member == "beds_yellow") {
            change.beds_yellow = count_of(value, member);
        } else if (member == "beds_green") {
            change.beds_green = count_of(value, member);
        } else if (member == "beds_surge") {
            change.beds_surge = count_of(value, member);
        } else {
            unknown_member(member, kHospitalChange);
        }
    }
    if (!change.beds_red && !change.beds_yellow && !change.beds_green && !change.beds_surge)
        throw invalid_member("body",
                             "nothing to change: give beds_red, beds_yellow, beds_green or "
                             "beds_surge");
    return change;
}

StockChange parse_stock_change(const json& body) {
    require_object(body, kDepotChange);
    for (const auto& [member, value] : body.items()) {
        if (member != "stock")
            unknown_member(member, kDepotChange);
    }
    if (!body.contains("stock"))
        throw invalid_member("stock", "missing: {\"stock\": {\"items\": [...]}}");
    const json& stock = body.at("stock");
    if (!stock.is_object())
        throw invalid_member("stock", "must be {\"items\": [...]}");
    for (const auto& [member, value] : stock.items()) {
        if (member != "items")
            unknown_member("stock." + member, kStock);
    }
    if (!stock.contains("items") || !stock.at("items").is_array() || stock.at("items").empty())
        throw invalid_member("stock.items", "must be a non-empty array of items");
    StockChange change;
    const json& items = stock.at("items");
    for (std::size_t k = 0; k < items.size(); ++k)
        change.items.push_back(stock_item_of(items[k], "stock.items[" + std::to_string(k) + "]"));
    return change;
}

}  // namespace muster::tools

#pragma once
// Which source field holds which attribute of an entity. Every attribute has a list of candidate
// field names, tried in order (case-insensitive): the names a mapping file gives first, then
// muster's defaults, which include the Chinese names county data carry (名称, 人口, 容量, 面积,
// ...). docs/fields.md documents the defaults and the file format.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace muster {

/// The kinds of source muster imports.
enum class SourceKind { roads, townships, shelters, depots, inventory, teams, hospitals, hazards };
std::string_view to_string(SourceKind kind);
inline constexpr SourceKind kAllSourceKinds[] = {
    SourceKind::roads,     SourceKind::townships, SourceKind::shelters,  SourceKind::depots,
    SourceKind::inventory, SourceKind::teams,     SourceKind::hospitals, SourceKind::hazards};

class FieldMap {
  public:
    /// muster's default field names.
    static FieldMap defaults();

    /// The defaults, with the names of a JSON mapping file tried first:
    ///   {"shelters": {"capacity": ["容纳人数"], "name": ["SHELTER_NM"]}, "roads": {...}}
    /// Throws InputError for a missing or malformed file, an unknown kind or attribute.
    static FieldMap from_file(const std::string& path);

    /// Candidate field names for an attribute of a kind; throws ContractError for an
    /// attribute the kind does not have (a programming error).
    const std::vector<std::string>& candidates(SourceKind kind, std::string_view attribute) const;

    /// The attributes of a kind, in documentation order.
    std::vector<std::string> attributes(SourceKind kind) const;

  private:
    std::map<SourceKind, std::map<std::string, std::vector<std::string>, std::less<>>> m_names;
};

}  // namespace muster

#pragma once
// Which source field holds which attribute of an entity. Every attribute has a list of candidate
// field names, tried in order (case-insensitive): the names a mapping file gives first, then
// muster's defaults, which include the Chinese names county data carry (名称, 人口, 容量, 面积,
// ...). The mapping file can also give an office's own words for coded values. docs/fields.md
// documents the defaults and the file format, docs/vocabularies.md the built-in words.

#include <map>
#include <optional>
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

    /// The defaults, with the names of a JSON mapping file tried first, and the office's own
    /// words for coded values under "values" (tried before muster's, engine/vocabulary.hpp):
    ///   {"shelters": {"capacity": ["容纳人数"], "values": {"class": {"A类": "central"}}}}
    /// Throws InputError for a missing or malformed file, an unknown kind or attribute, "values"
    /// for an attribute that is not coded, or a word mapped to a value muster does not have.
    static FieldMap from_file(const std::string& path);

    /// Candidate field names for an attribute of a kind; throws ContractError for an
    /// attribute the kind does not have (a programming error).
    const std::vector<std::string>& candidates(SourceKind kind, std::string_view attribute) const;

    /// The attributes of a kind, in documentation order.
    std::vector<std::string> attributes(SourceKind kind) const;

    /// The canonical value the mapping file's "values" give an office's own word for an
    /// attribute (ASCII letters in any case, surrounding spaces ignored), or nothing.
    std::optional<std::string> own_value(SourceKind kind, std::string_view attribute,
                                         std::string_view word) const;

  private:
    std::map<SourceKind, std::map<std::string, std::vector<std::string>, std::less<>>> m_names;
    using ValueWords = std::map<std::string, std::map<std::string, std::string>, std::less<>>;
    std::map<SourceKind, ValueWords> m_values;  // attribute -> lower-cased word -> value
};

}  // namespace muster

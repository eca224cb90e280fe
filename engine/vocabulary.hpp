#pragma once
// The words county files use for every coded attribute, in English and Chinese, and the canonical
// value each stands for. One place for all of them: the readers, the database reader and the
// query filters translate through these tables. docs/vocabularies.md lists them with their sources.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace muster {

/// One canonical value of a coded attribute and the words that stand for it.
struct VocabularyEntry {
    std::string_view canonical;             ///< the value muster stores, e.g. "ambulance"
    std::vector<std::string_view> english;  ///< other English or code words, e.g. "120", "II"
    std::vector<std::string_view> chinese;  ///< e.g. 救护车, 急救
};

/// The words of one coded attribute. Invariant: no word stands for two canonical values.
class Vocabulary {
  public:
    /// `attribute` names the attribute in messages, e.g. "team status".
    Vocabulary(std::string_view attribute, std::vector<VocabularyEntry> entries);

    std::string_view attribute() const { return m_attribute; }
    const std::vector<VocabularyEntry>& entries() const { return m_entries; }

    /// The canonical value a word stands for: ASCII letters in any case, surrounding spaces
    /// ignored; the canonical value itself is a word too. Nothing for a word not in the table.
    /// O(words).
    std::optional<std::string_view> canonical(std::string_view word) const;

    /// Whether `value` is one of the canonical values (exactly, as stored).
    bool is_canonical(std::string_view value) const;

    /// The canonical values, e.g. "open, closed".
    std::string canonical_list() const;

    /// Every accepted word, grouped by value, for messages:
    /// "open (开放, 已启用, ...), closed (关闭, ...)".
    std::string accepted_words() const;

  private:
    std::string m_attribute;
    std::vector<VocabularyEntry> m_entries;
};

/// Shelter class (GB 51143-2015 classes; GB 21734-2008 Ⅰ/Ⅱ/Ⅲ by their stay and facilities).
const Vocabulary& shelter_class_words();
/// Shelter status: open, closed.
const Vocabulary& shelter_status_words();
/// Depot tier: township, county, city, province, central.
const Vocabulary& depot_tier_words();
/// Team kind: ambulance, fire, rescue, medical. Kinds are open: a word not here is kept as written.
const Vocabulary& team_kind_words();
/// Team status: available, busy, dispatched, on_scene, transporting, at_hospital, out_of_service.
const Vocabulary& team_status_words();
/// Hazard effect on roads: closed, slow.
const Vocabulary& hazard_effect_words();
/// Oneway of a plain road layer: "yes" (digitised direction), "-1" (against it), "no" (both).
const Vocabulary& oneway_words();
/// Road structure of a plain road layer: bridge, tunnel, none.
const Vocabulary& road_structure_words();

/// A Chinese road class: the nearest OSM highway class and, where a design standard gives the
/// class design speeds, the speed muster assumes when a road gives none.
struct ChineseRoadClass {
    std::string_view word;            ///< e.g. 一级公路
    std::string_view osm_class;       ///< e.g. trunk
    std::optional<double> speed_kmh;  ///< nothing: the OSM class's default speed applies
    std::string_view source;          ///< "JTG B01-2014", "CJJ 37-2012" or "" (no standard speed)
};

/// The Chinese road classes muster knows, in documentation order.
const std::vector<ChineseRoadClass>& chinese_road_classes();
/// The entry for a word, or nothing.
const ChineseRoadClass* find_chinese_road_class(std::string_view word);
/// The Chinese words, comma-separated, for messages.
std::string chinese_road_class_words();

}  // namespace muster

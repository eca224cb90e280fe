#pragma once
// The one catalogue of the words muster prints, in English and Chinese: table headers, notes,
// the error frame and the titles of the GIS layers' columns. A label is looked up by its English
// text, so English output stays what it was and a label the catalogue lacks stays English.
//
// The output language is process-wide: `muster --lang zh|en`, by default from the locale
// (LC_ALL, else LC_MESSAGES, else LANG: a value starting with "zh" gives Chinese). The HTTP
// service's JSON keeps its English keys and messages.

#include <string>
#include <string_view>
#include <vector>

#include "geodata/feature_table.hpp"

namespace muster::tools {

enum class Language { en, zh };

/// The language of a locale name: "zh_CN.UTF-8", "zh_TW", "zh" give zh, anything else en.
Language language_of_locale(std::string_view locale);

/// The language of the environment: the first set and non-empty of LC_ALL, LC_MESSAGES, LANG
/// (POSIX's order), through language_of_locale; en when none is set.
Language language_from_environment();

/// "zh" or "en" (as --lang takes them). Throws InputError naming `option` for any other text.
Language parse_language(std::string_view text, std::string_view option);

/// The output language, set once by the command line before a command runs.
void set_output_language(Language language);
Language output_language();

/// `english` in the output language: its Chinese text from the catalogue, or `english` itself
/// where the language is en or the catalogue lacks it. A key may carry a context after '|'
/// ("unit|ambulance" is "unit" in English, 救护车 in Chinese). O(catalogue).
std::string tr(std::string_view english, Language language);
std::string tr(std::string_view english);  ///< in output_language()

/// ": " in English, "：" (fullwidth) in Chinese: after a label such as "error".
std::string_view colon(Language language);

/// The title of a GIS layer's column named `field` (travel_time_min, shelter_id, ...) in
/// `language`, "" if the catalogue has none. docs/outputs.md lists the columns.
std::string field_title(std::string_view field, Language language);

/// What the column named `field` holds, in `language`, "" if the catalogue has none.
std::string field_description(std::string_view field, Language language);

/// The column's name in a Shapefile (at most 10 characters, unique across the catalogue and
/// unlike any column's name), "" where the name fits in 10 or the catalogue has none.
std::string field_short_name(std::string_view field);

/// `table` with every column's title, description and short name (FieldDef) set from the
/// catalogue in the output language where they are empty and the catalogue has them.
FeatureTable with_titles(FeatureTable table);
std::vector<FeatureTable> with_titles(std::vector<FeatureTable> tables);

}  // namespace muster::tools

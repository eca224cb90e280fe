#pragma once
// A long step's progress as text (tools/cli/terminal_progress.hpp shows it): on a terminal a bar
// redrawn in place, with the counts and the time left at the rate so far; in a log one line per
// step once it is done.

#include <cstdint>
#include <string>

namespace muster::tools {

/// "read roads.gpkg:roads  [########............]  4,096,000 / 10,091,800 features  0:42
/// elapsed, 1:01 left": a bar of `width` cells, the time left at the rate so far (none until a
/// unit is done); without a total, the count and time elapsed alone. Times are m:ss, or h:mm:ss
/// from an hour.
std::string progress_bar_text(const std::string& step, std::uint64_t done, std::uint64_t total,
                              const std::string& unit, double elapsed_s, int width = 20);

/// "read roads.gpkg:roads: 10,091,800 features in 95.2 s", or with no count "order the drive
/// network (nested dissection): 297.3 s".
std::string progress_line_text(const std::string& step, std::uint64_t done, const std::string& unit,
                               double elapsed_s);

}  // namespace muster::tools

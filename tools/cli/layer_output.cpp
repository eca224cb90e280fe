#include "tools/cli/layer_output.hpp"

#include <filesystem>

#include "engine/utc_time.hpp"
#include "geodata/result_writer.hpp"
#include "tools/present/analyst_layers.hpp"

namespace muster::tools {
namespace {

std::string g_command_line = "muster";

/// An argument as a shell would need it typed: single-quoted when it holds anything but
/// letters, digits and ,.:/=_+@%- (UTF-8 text, such as Chinese, passes as it is).
std::string shell_word(const std::string& word) {
    const bool plain =
        !word.empty() && word.find_first_of(" \t\n'\"\\$`!*?;&|<>()[]{}#~") == std::string::npos;
    if (plain)
        return word;
    std::string quoted = "'";
    for (const char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace

void record_command_line(int argc, const char* const* argv) {
    g_command_line = "muster";
    for (int i = 1; i < argc; ++i)
        g_command_line += " " + shell_word(argv[i]);
}

std::vector<std::string> write_layers(const std::string& target, std::vector<FeatureTable> tables,
                                      const std::string& conditions) {
    const RunRecord run{g_command_line, conditions, utc_now()};
    return write_feature_tables(target, analyst_layers(std::move(tables), run));
}

}  // namespace muster::tools

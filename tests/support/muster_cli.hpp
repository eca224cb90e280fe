#pragma once
// Test support for the tools tests: running the built `muster` binary (MUSTER_BINARY).

#include <string>

#include "tests/support/temp_dir.hpp"

namespace muster::test {

/// Single-quotes text for the shell.
inline std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// True when `part` stands somewhere in `text` (a command's output, a message).
inline bool contains_text(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr
};

/// Runs `muster ARGS` (ARGS already quoted where needed).
inline Run run_muster(const std::string& args) {
    Run run;
    // English output whatever the locale of the machine running the tests (--lang overrides).
    run.status = run_command("LC_ALL=C.UTF-8 " + quote(MUSTER_BINARY) + " " + args, &run.output);
    return run;
}

}  // namespace muster::test

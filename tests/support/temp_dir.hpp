#pragma once
// Test support: a fresh temporary directory per test, removed afterwards, and paths to fixtures.

#include <filesystem>
#include <string>

namespace muster::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// path() / name, as a string.
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    /// Writes text to path() / name and returns that path.
    std::string write(const std::string& name, const std::string& text) const;

  private:
    std::filesystem::path m_path;
};

/// A file in tests/fixtures.
inline std::string fixture(const std::string& name) {
    return std::string(MUSTER_TEST_FIXTURES) + "/" + name;
}
/// A file in tests/fixtures/geodata.
inline std::string geodata_fixture(const std::string& name) {
    return fixture("geodata/" + name);
}
/// A file in samples/.
inline std::string sample(const std::string& name) {
    return std::string(MUSTER_SAMPLES) + "/" + name;
}

/// Runs a shell command, returns its exit status; stdout and stderr go to `output` if given.
int run_command(const std::string& command, std::string* output = nullptr);

}  // namespace muster::test

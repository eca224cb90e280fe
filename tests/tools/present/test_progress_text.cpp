// A long step's progress as text (tools/present/progress_text.hpp), figures worked by hand, and
// what a step tells its Progress (geodata/progress.hpp).

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "geodata/progress.hpp"
#include "tools/present/progress_text.hpp"

using muster::tools::progress_bar_text;
using muster::tools::progress_line_text;

TEST_CASE("Progress bar: a quarter done in 30 s leaves 90 s at that rate") {
    // 250 of 1,000: 5 of 20 cells; 30 s for 250, so 750 more take 90 s.
    CHECK(progress_bar_text("read roads.gpkg:roads", 250, 1000, "features", 30.0) ==
          "read roads.gpkg:roads  [#####...............]  250 / 1,000 features  0:30 elapsed, "
          "1:30 left");
    // Nothing done yet: no rate, so no time left.
    CHECK(progress_bar_text("store", 0, 8, "roads", 0.4, 4) ==
          "store  [....]  0 / 8 roads  0:00 elapsed");
    // From an hour, h:mm:ss: 3,725 s is 1:02:05; 10 of 11 done leaves a tenth of it, 372.5 s.
    CHECK(progress_bar_text("order", 10, 11, "parts", 3725.0, 11) ==
          "order  [##########.]  10 / 11 parts  1:02:05 elapsed, 6:13 left");
    // More done than the total (a count that grew): a full bar, nothing left.
    CHECK(progress_bar_text("read", 12, 10, "features", 5.0, 2) ==
          "read  [##]  10 / 10 features  0:05 elapsed, 0:00 left");
}

TEST_CASE("Progress without a total shows the count and the time, and a step's line its result") {
    CHECK(progress_bar_text("read a.osm.pbf:lines", 8192, 0, "features", 65.0) ==
          "read a.osm.pbf:lines  8,192 features  1:05 elapsed");
    CHECK(progress_bar_text("order the drive network", 0, 0, "nodes", 2.0) ==
          "order the drive network  0:02 elapsed");
    CHECK(progress_line_text("read r.gpkg:roads", 10091800, "features", 95.24) ==
          "read r.gpkg:roads: 10,091,800 features in 95.2 s");
    CHECK(progress_line_text("check", 0, "facilities", 0.04) == "check: 0.0 s");
}

namespace {

// What a Progress is told, in order.
struct RecordedProgress final : muster::Progress {
    std::vector<std::string> told;
    void begin(const std::string& step, std::uint64_t, const std::string&) override {
        told.push_back("begin " + step);
    }
    void advance(std::uint64_t) override {}
    void end(std::uint64_t done) override { told.push_back("end " + std::to_string(done)); }
    void abandon() override { told.push_back("abandon"); }
};

}  // namespace

TEST_CASE("A step an exception leaves is abandoned, a finished one ended once") {
    RecordedProgress progress;
    {
        const muster::ProgressStep step(&progress, "load", "nodes");
        step.finish(6);
    }
    try {
        const muster::ProgressStep step(&progress, "build", "nodes");
        throw std::runtime_error("no network");
    } catch (const std::runtime_error&) {
    }
    CHECK(progress.told ==
          std::vector<std::string>{"begin load", "end 6", "begin build", "abandon"});
}

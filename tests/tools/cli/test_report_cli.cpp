// `muster report` on the samples, read back with poppler's tools as a reader of the PDF would:
// pdftotext for the words and figures (which must be those of `muster coverage` and `muster
// allocate --format json`, formatted here independently), pdfinfo for the pages, pdffonts for the
// embedded CJK font, pdftoppm for pages that render and are not blank; the PNGs read with GDAL.
// The PDF and the PNGs are kept in build/report-artifacts/ to be looked at.

#include <gdal_priv.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/support/muster_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using muster::test::contains_text;
using muster::test::quote;
using muster::test::run_command;
using muster::test::run_muster;
using muster::test::sample;
using muster::test::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

struct Imported {
    TempDir dir;
    std::string db;
};

std::string src(const std::string& file) {
    return quote(sample(file));
}

/// The Malta sample imported as `make demo` imports it.
const Imported& malta() {
    static Imported imported;
    static bool done = false;
    if (!done) {
        imported.db = imported.dir.file("malta.sqlite");
        const auto run = run_muster(
            "import " + quote(imported.db) + " --roads " + src("malta/malta-latest.osm.pbf") +
            " --townships " + src("malta/townships.geojson") + " --shelters " +
            src("malta/shelters.geojson") + " --depots " + src("malta/depots.geojson") +
            " --inventory " + src("malta/inventory.csv") + " --teams " +
            src("malta/teams.geojson") + " --hospitals " + src("malta/hospitals.geojson") +
            " --hazards " + src("malta/hazards.geojson"));
        INFO(run.output);
        REQUIRE(run.status == 0);
        done = true;
    }
    return imported;
}

/// The Chinese county sample imported as `make demo-nanjing` imports it.
const Imported& nanjing() {
    static Imported imported;
    static bool done = false;
    if (!done) {
        imported.db = imported.dir.file("nanjing.sqlite");
        const auto run =
            run_muster("import " + quote(imported.db) + " --roads " + src("nanjing/roads.shp") +
                       " --townships " + src("nanjing/townships.shp") + " --shelters " +
                       src("nanjing/shelters.xlsx") + " --depots " + src("nanjing/depots.shp") +
                       " --inventory " + src("nanjing/inventory.csv") + " --teams " +
                       src("nanjing/teams.csv") + " --coordinates teams=gcj02 --hospitals " +
                       src("nanjing/hospitals.shp") + " --hazards " + src("nanjing/hazards.shp"));
        INFO(run.output);
        REQUIRE(run.status == 0);
        done = true;
    }
    return imported;
}

std::string output_of(const std::string& command) {
    std::string out;
    INFO(command);
    REQUIRE(run_command(command, &out) == 0);
    return out;
}

/// `muster ARGS --format json`'s answer; its notes on stderr left out.
json muster_json(const std::string& args) {
    std::string out;
    const int status = run_command(
        "(LC_ALL=C.UTF-8 " + quote(MUSTER_BINARY) + " " + args + " --format json 2>/dev/null)",
        &out);
    INFO(args << "\n" << out);
    REQUIRE(status == 0);
    return json::parse(out);
}

/// 1234567 as "1,234,567": the thousands separators a reader sees.
std::string grouped(std::int64_t value) {
    std::string digits = std::to_string(std::llabs(value));
    for (int k = static_cast<int>(digits.size()) - 3; k > 0; k -= 3)
        digits.insert(static_cast<std::size_t>(k), ",");
    return (value < 0 ? "-" : "") + digits;
}

/// A rate in [0, 1] as "41.0 %".
std::string percent(double rate) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", rate * 100);
    return text;
}

/// The townships of a coverage answer with the most people uncovered, as the report lists them.
std::vector<json> most_uncovered(const json& coverage, std::size_t count) {
    std::vector<json> townships(coverage["by_township"].begin(), coverage["by_township"].end());
    std::stable_sort(townships.begin(), townships.end(), [](const json& a, const json& b) {
        return a["uncovered"].get<std::int64_t>() > b["uncovered"].get<std::int64_t>();
    });
    townships.resize(std::min(count, townships.size()));
    return townships;
}

/// pdftotext's words on one line each: a figure is found whatever the columns around it.
std::string pdf_text(const std::string& pdf) {
    return output_of("pdftotext -enc UTF-8 " + quote(pdf) + " -");
}

/// The report's text holds the name, people and uncovered people of the `count` townships of the
/// coverage answer with the most people uncovered.
void check_most_uncovered(const std::string& text, const json& coverage, std::size_t count) {
    for (const json& t : most_uncovered(coverage, count)) {
        INFO(t.dump());
        CHECK(contains_text(text, t["name"].get<std::string>()));
        CHECK(contains_text(text, grouped(t["population"].get<std::int64_t>())));
        CHECK(contains_text(text, grouped(t["uncovered"].get<std::int64_t>())));
    }
}

struct RasterStats {
    int width = 0, height = 0;
    double variance = 0;  ///< of the first band's values
};

RasterStats raster_stats(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(dataset);
    RasterStats stats;
    stats.width = dataset->GetRasterXSize();
    stats.height = dataset->GetRasterYSize();
    std::vector<double> values(static_cast<std::size_t>(stats.width) * stats.height);
    REQUIRE(dataset->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, stats.width, stats.height,
                                                values.data(), stats.width, stats.height,
                                                GDT_Float64, 0, 0) == CE_None);
    double mean = 0;
    for (const double v : values)
        mean += v;
    mean /= static_cast<double>(values.size());
    for (const double v : values)
        stats.variance += (v - mean) * (v - mean);
    stats.variance /= static_cast<double>(values.size());
    return stats;
}

/// The value of a "Name:   value" line of pdfinfo's output, or "".
std::string info_field(const std::string& info, const std::string& name) {
    std::istringstream lines(info);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(name + ":", 0) == 0) {
            const std::size_t start = line.find_first_not_of(' ', name.size() + 1);
            return start == std::string::npos ? "" : line.substr(start);
        }
    }
    return "";
}

/// Every page of the PDF rendered at 50 dpi: `pages` of them, each A4 landscape (841.89 ×
/// 595.28 pt is 584.6 × 413.4 pixels, which pdftoppm rounds up) and none blank (a white page has no
/// variance; a page of maps, tables and text has much).
void check_pages_render(const std::string& pdf, int pages, const TempDir& dir) {
    const std::string stem = dir.file("page");
    output_of("pdftoppm -r 50 -png " + quote(pdf) + " " + quote(stem));
    for (int p = 1; p <= pages; ++p) {
        const std::string png = stem + "-" + std::to_string(p) + ".png";
        INFO(png);
        REQUIRE(fs::exists(png));
        const RasterStats stats = raster_stats(png);
        CHECK(stats.width == 585);
        CHECK(stats.height == 414);
        CHECK(stats.variance > 100);
    }
    CHECK_FALSE(fs::exists(stem + "-" + std::to_string(pages + 1) + ".png"));
}

/// A copy of the report kept in build/report-artifacts/NAME.
void keep_artifacts(const std::string& name, const std::string& pdf, const std::string& png_dir) {
    const fs::path kept = fs::path(MUSTER_REPORT_ARTIFACTS) / name;
    fs::create_directories(kept);
    fs::copy_file(pdf, kept / fs::path(pdf).filename(), fs::copy_options::overwrite_existing);
    for (const auto& entry : fs::directory_iterator(png_dir))
        fs::copy_file(entry.path(), kept / entry.path().filename(),
                      fs::copy_options::overwrite_existing);
}

/// The persons coverage places in each shelter, as the report (and the console) plan relief for.
std::string persons_table(const json& coverage, const TempDir& dir) {
    std::string csv = "destination,persons\n";
    for (const json& s : coverage["shelters"]) {
        if (s["assigned"].get<std::int64_t>() > 0)
            csv +=
                s["id"].get<std::string>() + "," + std::to_string(s["assigned"].get<long>()) + "\n";
    }
    return dir.write("persons.csv", csv);
}

bool same_bytes(const std::string& a, const std::string& b) {
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::stringstream sa, sb;
    sa << fa.rdbuf();
    sb << fb.rdbuf();
    return sa.str() == sb.str() && !sa.str().empty();
}

}  // namespace

TEST_CASE("report on Malta: the figures of coverage and allocate on 4 A4 pages, a PNG per map",
          "[cli][report]") {
    const Imported& db = malta();
    TempDir dir;
    const std::string pdf = dir.file("malta-report.pdf");
    const std::string pngs = dir.file("maps");
    const auto run = run_muster("report " + quote(db.db) + " --out " + quote(pdf) + " --png-dir " +
                                quote(pngs) + " --incidents " + src("malta/incidents.geojson") +
                                " --date 2026-03-14 --lang en");
    INFO(run.output);
    REQUIRE(run.status == 0);
    keep_artifacts("malta", pdf, pngs);

    const std::string info = output_of("pdfinfo " + quote(pdf));
    CHECK(info_field(info, "Pages") == "4");
    CHECK(info_field(info, "Page size") == "841.89 x 595.28 pts (A4)");
    CHECK(info_field(info, "CreationDate") == "Sat Mar 14 00:00:00 2026 UTC");

    const std::string text = pdf_text(pdf);
    CHECK(contains_text(text, "Shelter coverage by township"));
    CHECK(contains_text(text, "Hospital service areas"));
    CHECK(contains_text(text, "Relief flows and fill rates"));
    CHECK(contains_text(text, "Mass-casualty plan"));
    CHECK(contains_text(text, "© OpenStreetMap contributors (ODbL)"));
    CHECK(contains_text(text, "2026-03-14"));

    const json coverage = muster_json("coverage " + quote(db.db));
    CHECK(contains_text(text, grouped(coverage["population"].get<std::int64_t>())));
    CHECK(contains_text(text, grouped(coverage["uncovered"].get<std::int64_t>())));
    check_most_uncovered(text, coverage, 10);

    const json allocation = muster_json("allocate " + quote(db.db) + " --days 3 --persons " +
                                        quote(persons_table(coverage, dir)));
    for (const json& item : allocation["items"]) {
        INFO(item.dump());
        CHECK(contains_text(text, item["item"].get<std::string>()));
        CHECK(contains_text(text, percent(item["min_fill_rate"].get<double>())));
    }

    // The database's hazard zones apply, and every page's sources name them.
    CHECK(contains_text(text,
                        "hazards in force: hz-birkirkara-flood (slow ×0.50), hz-msida-flood "
                        "(closed), hz-xlendi-landslide (closed)"));

    check_pages_render(pdf, 4, dir);
    // Each PNG is the page's map panel, 470 × 459.28 pt at 150 dpi.
    for (const char* name : {"1-shelter-coverage.png", "2-hospital-service-areas.png",
                             "3-relief-flows.png", "4-mass-casualty.png"}) {
        INFO(name);
        const RasterStats stats = raster_stats(pngs + "/" + name);
        CHECK(stats.width == 979);
        CHECK(stats.height == 957);
        CHECK(stats.variance > 100);
    }

    SECTION("the same database and date give the same bytes") {
        const std::string again = dir.file("again.pdf");
        REQUIRE(run_muster("report " + quote(db.db) + " --out " + quote(again) + " --incidents " +
                           src("malta/incidents.geojson") + " --date 2026-03-14 --lang en")
                    .status == 0);
        CHECK(same_bytes(pdf, again));
    }
}

TEST_CASE("report under ad-hoc hazards alone names them and has coverage's figures under them",
          "[cli][report]") {
    const Imported& db = malta();
    TempDir dir;
    // Valletta closed: fewer people within a walk of a shelter than under the stored zones.
    const std::string closure = dir.write(
        "closure.geojson",
        R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": )"
        R"({"id": "valletta-closed", "effect": "closed"}, "geometry": {"type": "Polygon", )"
        R"("coordinates": [[[14.505, 35.895], [14.52, 35.895], [14.52, 35.905], )"
        R"([14.505, 35.905], [14.505, 35.895]]]}}]})");
    const std::string hazards = " --no-db-hazards --hazards " + quote(closure);
    const std::string pdf = dir.file("closed.pdf");
    const auto run = run_muster("report " + quote(db.db) + " --out " + quote(pdf) + hazards +
                                " --date 2026-03-14 --lang en");
    INFO(run.output);
    REQUIRE(run.status == 0);

    const std::string text = pdf_text(pdf);
    CHECK(contains_text(text, "hazards in force: valletta-closed (closed)"));
    CHECK_FALSE(contains_text(text, "hz-msida-flood"));
    const json coverage = muster_json("coverage " + quote(db.db) + hazards);
    const json stored = muster_json("coverage " + quote(db.db));
    REQUIRE(coverage["uncovered"] != stored["uncovered"]);  // the closure changes the answer
    CHECK(contains_text(text, grouped(coverage["uncovered"].get<std::int64_t>())));
    CHECK_FALSE(contains_text(text, grouped(stored["uncovered"].get<std::int64_t>())));
    check_most_uncovered(text, coverage, 10);
}

TEST_CASE("report on Nanjing in Chinese: Chinese labels and names, the CJK font embedded",
          "[cli][report][nanjing]") {
    const Imported& db = nanjing();
    TempDir dir;
    const std::string pdf = dir.file("nanjing-report.pdf");
    const std::string pngs = dir.file("maps");
    const auto run =
        run_muster("report " + quote(db.db) + " --out " + quote(pdf) + " --png-dir " + quote(pngs) +
                   " --incidents " + src("nanjing/incidents.csv") + " --lang zh --date 2026-03-14");
    INFO(run.output);
    REQUIRE(run.status == 0);
    keep_artifacts("nanjing", pdf, pngs);

    const std::string text = pdf_text(pdf);
    CHECK(contains_text(text, "各乡镇应急避难场所覆盖"));
    CHECK(contains_text(text, "医院服务范围"));
    CHECK(contains_text(text, "救灾物资调拨流向与满足率"));
    CHECK(contains_text(text, "批量伤员分流方案"));
    CHECK(contains_text(text, "乡镇"));
    CHECK(contains_text(text, "未覆盖"));
    CHECK(contains_text(text, "© OpenStreetMap contributors (ODbL)"));
    const json coverage = muster_json("coverage " + quote(db.db));
    check_most_uncovered(text, coverage, 5);
    const json allocation = muster_json("allocate " + quote(db.db) + " --days 3 --persons " +
                                        quote(persons_table(coverage, dir)));
    for (const json& item : allocation["items"])
        CHECK(contains_text(text, percent(item["min_fill_rate"].get<double>())));

    // The CJK font, embedded (a subset) so that the PDF reads the same on any machine.
    const std::string fonts = output_of("pdffonts " + quote(pdf));
    INFO(fonts);
    bool embedded = false;
    std::istringstream lines(fonts);
    for (std::string line; std::getline(lines, line);) {
        if (contains_text(line, "WenQuanYiMicroHei") && contains_text(line, " yes yes "))
            embedded = true;
    }
    CHECK(embedded);
    check_pages_render(pdf, 4, dir);
}

TEST_CASE("report refuses bad outputs and options, naming them, and writes nothing",
          "[cli][report]") {
    const Imported& db = nanjing();
    TempDir dir;
    const std::string base = "report " + quote(db.db) + " ";
    const auto refused = [&](const std::string& args, int status, const std::string& named) {
        const auto run = run_muster(base + args);
        INFO(args << "\n" << run.output);
        CHECK(run.status == status);
        CHECK(contains_text(run.output, named));
    };
    refused("--out " + quote(dir.file("report.png")), 1, "--out");
    refused("--out " + quote(dir.file("no-such-folder/report.pdf")), 5, "--out");
    const std::string file = dir.write("a-file", "not a folder");
    refused("--out " + quote(dir.file("r.pdf")) + " --png-dir " + quote(file), 1, "--png-dir");
    refused("--out " + quote(dir.file("r.pdf")) + " --lang fr", 2, "--lang");
    refused("--out " + quote(dir.file("r.pdf")) + " --date 2026-02-30", 1, "--date");
    refused("--out " + quote(dir.file("r.pdf")) + " --hazards " +
                quote(dir.file("no-such-zones.geojson")),
            1, "no-such-zones.geojson");
    // A failure after the checks (incidents that do not exist) leaves no file behind either.
    refused(
        "--out " + quote(dir.file("r.pdf")) + " --incidents " + quote(dir.file("missing.geojson")),
        1, "missing.geojson");
    // Nor an empty --png-dir, made only to write the maps into.
    refused("--out " + quote(dir.file("r.pdf")) + " --png-dir " + quote(dir.file("maps/2026")) +
                " --incidents " + quote(dir.file("missing.geojson")),
            1, "missing.geojson");
    refused("--out " + quote(dir.file("r.pdf")) + " --png-dir " + quote(file + "/maps"), 5,
            "--png-dir");
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir.path()))
        left.push_back(entry.path().filename().string());
    CHECK(left == std::vector<std::string>{"a-file"});
}

# The README's two commands: `make demo` and `make test`. Both install what is missing first.
BUILD ?= build
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
DEMO_DB ?= out/malta.sqlite

NANJING_DB ?= out/nanjing.sqlite

.PHONY: deps configure build demo demo-nanjing test bench sanitize format format-check tidy clean

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: configure
	@cmake --build $(BUILD) -j $(JOBS) --target muster
	@mkdir -p out && rm -f $(DEMO_DB) out/coverage.gpkg
	$(BUILD)/tools/muster import $(DEMO_DB) \
	    --roads samples/malta/malta-latest.osm.pbf \
	    --townships samples/malta/townships.geojson \
	    --shelters samples/malta/shelters.geojson \
	    --depots samples/malta/depots.geojson \
	    --inventory samples/malta/inventory.csv \
	    --teams samples/malta/teams.geojson \
	    --hospitals samples/malta/hospitals.geojson \
	    --hazards samples/malta/hazards.geojson
	$(BUILD)/tools/muster info $(DEMO_DB)
	$(BUILD)/tools/muster nearest $(DEMO_DB) --at 14.5146,35.8989 --kind ambulance -k 3
	$(BUILD)/tools/muster route $(DEMO_DB) --from 14.5146,35.8989 --to 14.4035,35.9375
	$(BUILD)/tools/muster response $(DEMO_DB)
	$(BUILD)/tools/muster compare $(DEMO_DB) --scenario samples/malta/scenario.json \
	    --incidents samples/malta/incidents.geojson
	$(BUILD)/tools/muster coverage $(DEMO_DB) --out out/coverage.gpkg
	$(BUILD)/tools/muster site $(DEMO_DB) --candidates samples/malta/candidates.geojson \
	    --model mclp -p 8 --radius 500 --existing ignore
	$(BUILD)/tools/muster allocate $(DEMO_DB) --persons out/coverage.gpkg:demand_points_shelters
	$(BUILD)/tools/muster mci $(DEMO_DB) --incidents samples/malta/incidents.geojson
	$(BUILD)/tools/muster report $(DEMO_DB) --out out/malta-report.pdf --png-dir out/malta-maps \
	    --incidents samples/malta/incidents.geojson

# The Chinese county sample, imported as the office's files are: GBK Shapefiles without a .cpg in
# CGCS2000 Gauss-Kruger, an Excel shelter list, a GB18030 inventory, teams in GCJ-02.
demo-nanjing: configure
	@cmake --build $(BUILD) -j $(JOBS) --target muster
	@mkdir -p out && rm -f $(NANJING_DB) out/nanjing-coverage.gpkg
	$(BUILD)/tools/muster import $(NANJING_DB) \
	    --roads samples/nanjing/roads.shp \
	    --townships samples/nanjing/townships.shp \
	    --shelters samples/nanjing/shelters.xlsx \
	    --depots samples/nanjing/depots.shp \
	    --inventory samples/nanjing/inventory.csv \
	    --teams samples/nanjing/teams.csv --coordinates teams=gcj02 \
	    --hospitals samples/nanjing/hospitals.shp \
	    --hazards samples/nanjing/hazards.shp
	$(BUILD)/tools/muster info $(NANJING_DB)
	$(BUILD)/tools/muster nearest $(NANJING_DB) --at 118.789401,32.039746 --coordinates gcj02 \
	    --kind 救护车 -k 3
	$(BUILD)/tools/muster route $(NANJING_DB) --from 118.7842,32.0418 --to 118.7700,32.0520
	$(BUILD)/tools/muster response $(NANJING_DB) --kind 救护车
	$(BUILD)/tools/muster compare $(NANJING_DB) --scenario samples/nanjing/scenario.json
	$(BUILD)/tools/muster criticality $(NANJING_DB) --top 5
	$(BUILD)/tools/muster criticality $(NANJING_DB) --structures-only --top 5
	$(BUILD)/tools/muster coverage $(NANJING_DB) --out out/nanjing-coverage.gpkg
	$(BUILD)/tools/muster site $(NANJING_DB) --candidates samples/nanjing/candidates.shp \
	    --model mclp -p 3 --radius 500 --existing ignore
	$(BUILD)/tools/muster allocate $(NANJING_DB) --persons out/nanjing-coverage.gpkg:demand_points_shelters
	$(BUILD)/tools/muster mci $(NANJING_DB) --incidents samples/nanjing/incidents.csv

test: build format-check
	@scripts/check-layout.sh
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@scripts/check-test-count.sh $(BUILD)

bench: configure
	@cmake --build $(BUILD) -j $(JOBS) --target bench_import bench_routing
	$(BUILD)/bench/bench_import samples/malta
	scripts/pg_private.sh run $(BUILD)/bench/bench_routing samples/malta
	$(BUILD)/bench/bench_routing --synthetic 1000000
	$(BUILD)/bench/bench_routing samples/malta --tiled 1000000
	@cmake --build $(BUILD) -j $(JOBS) --target bench_province
	$(BUILD)/bench/bench_province samples/malta 1000000
	@cmake --build $(BUILD) -j $(JOBS) --target bench_relief
	$(BUILD)/bench/bench_relief samples/malta
	$(BUILD)/bench/bench_relief --synthetic
	@cmake --build $(BUILD) -j $(JOBS) --target bench_response
	$(BUILD)/bench/bench_response samples/malta
	@cmake --build $(BUILD) -j $(JOBS) --target bench_siting
	$(BUILD)/bench/bench_siting
	@cmake --build $(BUILD) -j $(JOBS) --target muster bench_replicas
	node bench/console/console_bench.mjs $(BUILD)/tools/muster samples/malta
	scripts/pg_private.sh run $(BUILD)/bench/bench_replicas

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMUSTER_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ctest --output-on-failure -j $(JOBS)

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

# Fails, naming the files, when a source drifts from .clang-format (`make format` fixes it).
format-check: deps
	@clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

# clang-tidy with .clang-tidy's checks on every muster source (not the tests' Catch2 macros), on
# the build's compile_commands.json; fails on any finding.
tidy: configure
	@run-clang-tidy -quiet -p $(BUILD) -j $(JOBS) '^$(CURDIR)/(engine|geodata|solvers|tools|bench)/' >$(BUILD)/tidy.log 2>&1 \
	    || { grep -E 'error:|warning:' $(BUILD)/tidy.log | sort -u; exit 1; }
	@echo "clang-tidy: no findings"

clean:
	rm -rf $(BUILD) build-asan out

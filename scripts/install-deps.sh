#!/usr/bin/env bash
# Installs muster's build and test dependencies from Debian 12 packages.
# Idempotent and quick when everything is present: apt-get runs only for what is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  clang-format clang-tidy       # the house style (`make format-check`, run by `make test`) and `make tidy`
  libgdal-dev gdal-bin          # vector I/O and CRS (GDAL); ogrinfo is the tests' oracle
  libproj-dev                   # geodesic lengths and areas on the WGS84 ellipsoid
  libgeos-dev                   # geometry
  libboost-graph-dev            # CSR graph and graph algorithms; its libboost1.74-dev has Boost.Beast/Asio (`muster serve`)
  libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite  # the resource database
  catch2                        # tests (v2)
  nlohmann-json3-dev            # JSON output of the CLI and the field-mapping files
  libcli11-dev                  # command-line parsing with clear errors for bad parameters
  libcpp-httplib-dev            # the HTTP client of the tests of `muster serve`
  libssl-dev                    # libcrypto: SHA-256 and random bytes of `muster serve`'s access tokens
  postgresql-15 postgresql-15-pgrouting libpq-dev  # pgRouting, the peer of the routing comparison and benchmark
  postgresql-15-postgis-3       # the resource database on PostgreSQL/PostGIS (libpq), and its tests' private server
  nginx                         # the replicas' proxy: deploy/nginx/muster.conf, run as the tests run it
  libmetis-dev                  # nested-dissection order of the customizable contraction hierarchy
  coinor-libcbc-dev             # MIP/LP (CBC, CLP) for exact shelter siting
  liblemon-dev                  # LEMON's network simplex: exact min-cost flow for shelter assignment
  glpk-utils                    # glpsol, the tests' independent LP oracle for allocation and casualties
  wrk sqlite3 python3           # bench/serve_load.py: the load generator, its team-state oracle's writer, its driver
  # The console's map library: Leaflet 1.7 from Debian, served by `muster serve` from
  # /usr/share/javascript/leaflet: works offline (no CDN), small, and draws vector layers on a plain
  # canvas/SVG with no raster tiles. Chromium runs the console's browser tests (tests/console).
  libjs-leaflet chromium
  # `muster report`: one drawing path gives the PDF and the PNGs, with the same bytes for the same
  # inputs, offline (no tiles, no network); pango shapes Chinese text and cairo embeds its font.
  libcairo2-dev libpango1.0-dev
  fonts-wqy-microhei            # a small CJK font: the browser tests' and the Chinese report's labels
  fonts-dejavu-core             # the English report's font
  poppler-utils                 # pdftotext, pdfinfo, pdffonts, pdftoppm: the report tests read the PDF
  nodejs                        # runs the browser tests with playwright-core (npm, pinned below)
  python3-qgis qgis-providers   # QGIS 3.22, headless: the tests open every GIS output as analysts do (tests/qgis)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm comes with NodeSource's nodejs; Debian's nodejs needs Debian's npm besides.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages, exactly as tests/console/package-lock.json pins them: installed
# again only when the lock file changed. playwright-core drives Debian's chromium; it never
# downloads a browser.
console_tests="$(dirname "$0")/../tests/console"
stamp="$console_tests/node_modules/.installed-package-lock.json"
if ! cmp -s "$console_tests/package-lock.json" "$stamp"; then
  echo "install-deps: npm ci in tests/console"
  (cd "$console_tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  cp "$console_tests/package-lock.json" "$stamp"
fi

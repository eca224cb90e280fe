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
  libmetis-dev                  # nested-dissection order of the customizable contraction hierarchy
  coinor-libcbc-dev             # MIP/LP (CBC, CLP) for exact shelter siting
  liblemon-dev                  # LEMON's network simplex: exact min-cost flow for shelter assignment
  glpk-utils                    # glpsol, the tests' independent LP oracle for allocation and casualties
  wrk sqlite3 python3           # bench/serve_load.py: the load generator, its team-state oracle's writer, its driver
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

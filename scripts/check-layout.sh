#!/usr/bin/env bash
# Checks that the layout docs/architecture.md draws holds: dependencies run one way between the
# folders, engine and solvers stay free of GDAL and SQLite, and every folder of sources is on the
# map. Run by `make test`; prints each breach and exits 1 if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
breach() {
  echo "check-layout: $*" >&2
  status=1
}

# FOLDER may not include from any of FORBIDDEN (extended regex of include prefixes).
forbid() {
  local folder=$1 forbidden=$2
  local hits
  hits=$(git grep -nE "#include [<\"]($forbidden)" -- "$folder/*.cpp" "$folder/*.hpp" || true)
  [ -z "$hits" ] || breach "$folder may not include $forbidden:
$hits"
}

forbid engine 'geodata/|solvers/|tools/|gdal|ogr_|cpl_|sqlite3|spatialite'
forbid solvers 'geodata/|tools/|gdal|ogr_|cpl_|sqlite3|spatialite'
forbid geodata 'solvers/|tools/'
forbid tools/app/inputs 'tools/app/[a-z_]+\.hpp|tools/(present|server|cli|report)/'
forbid tools/app 'tools/(present|server|cli|report)/'
forbid tools/present 'tools/(server|cli|report)/'
forbid tools/report 'tools/(server|cli)/'
forbid tools/server 'tools/report/'
forbid tools/server 'tools/cli/'

# Every folder that holds sources is named in docs/architecture.md.
for folder in $(git ls-files '*.cpp' '*.hpp' | grep -E '^(engine|geodata|solvers|tools)/' |
                sed 's|/[^/]*$||' | grep -v '/detail$' | sort -u); do
  grep -qF "${folder#*/}/" docs/architecture.md || grep -qF "$folder/" docs/architecture.md ||
    breach "$folder is not on the map in docs/architecture.md"
done

[ $status -eq 0 ] && echo "check-layout: dependencies run one way; every folder is on the map"
exit $status

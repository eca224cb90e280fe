#!/usr/bin/env bash
# Regenerate the bundled muster samples (samples/malta, samples/liechtenstein, samples/nanjing)
# from the OpenStreetMap extracts in the shared data folder.
#
#   samples/derive.sh [DATA_DIR]      # default: <repo>/../shared/data
#
# Needs GDAL (ogr2ogr) and Python 3 with the GDAL bindings (Debian python3-gdal).
# Deterministic: the same inputs give byte-identical outputs. See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
data="${1:-$repo/../shared/data}"
data="$(cd "$data" && pwd)"

export LC_ALL=C TZ=UTC
# GDAL's defaults are used everywhere; pin the few that could change outputs.
export OSM_USE_CUSTOM_INDEXING=YES OGR_INTERLEAVED_READING=YES

py=""
for cand in "${PYTHON:-}" python3 /usr/bin/python3; do
  if [ -n "$cand" ] && command -v "$cand" >/dev/null 2>&1 \
     && "$cand" -c 'from osgeo import ogr' >/dev/null 2>&1; then
    py="$cand"; break
  fi
done
[ -n "$py" ] || { echo "derive.sh: no python3 with the GDAL bindings (osgeo) found; set PYTHON=" >&2; exit 1; }
command -v ogr2ogr >/dev/null || { echo "derive.sh: ogr2ogr not found" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# expected sha256 of an input, from the table in its folder's PROVENANCE.md
check_sha() {  # folder file
  local want got
  want="$(grep -F "| $2 " "$data/$1/PROVENANCE.md" | grep -oE '[0-9a-f]{64}' | head -1 || true)"
  got="$(sha256sum "$data/$1/$2" | cut -d' ' -f1)"
  if [ -n "$want" ] && [ "$want" != "$got" ]; then
    echo "derive.sh: $1/$2 has sha256 $got, PROVENANCE.md says $want" >&2; exit 1
  fi
}

derive() {  # sample folder pbf townships
  local sample="$1" folder="$2" pbf="$3" towns="$4"
  local out="$here/$sample" gpkg="$tmp/$sample.gpkg"
  check_sha "$folder" "$pbf"
  check_sha "$folder" "$towns"
  mkdir -p "$out"
  rm -f "$out/$pbf"
  cp "$data/$folder/$pbf" "$out/$pbf"
  chmod 0644 "$out/$pbf"
  # OSM layers through GDAL's OSM driver (default osmconf.ini); roads only for the hazard check
  ogr2ogr -q -f GPKG "$gpkg" "$data/$folder/$pbf" points multipolygons
  ogr2ogr -q -update -f GPKG "$gpkg" "$data/$folder/$pbf" lines -where "highway IS NOT NULL"
  "$py" "$here/derive_layers.py" --sample "$sample" --osm "$gpkg" \
        --townships "$data/$folder/$towns" --out "$out"
}

derive malta malta-2018 malta-latest.osm.pbf malta-local-councils.geojson
derive liechtenstein liechtenstein-2024 liechtenstein-latest.osm.pbf liechtenstein-gemeinden.geojson

# The Chinese county sample: files as an office keeps them (GBK Shapefiles, Excel, GCJ-02, ...)
check_sha nanjing-xinjiekou-2021 nanjing-xinjiekou.osm
rm -rf "$here/nanjing"
mkdir -p "$here/nanjing"
cp "$data/nanjing-xinjiekou-2021/nanjing-xinjiekou.osm" "$here/nanjing/"
chmod 0644 "$here/nanjing/nanjing-xinjiekou.osm"
"$py" "$here/derive_nanjing.py" "$here/nanjing/nanjing-xinjiekou.osm" "$here/nanjing"

(cd "$here" && sha256sum malta/* liechtenstein/* nanjing/*)

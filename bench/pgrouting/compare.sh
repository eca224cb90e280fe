#!/usr/bin/env bash
# The pgRouting comparison, as `make test` runs it (tests/pgrouting/CMakeLists.txt):
#   compare.sh MUSTER COMPARE_PGROUTING SAMPLE_DIR [compare_pgrouting options...]
# Imports the sample's roads into a temporary resource database with MUSTER, exports the drive
# network with `muster network DB --out edges.csv`, starts a private PostgreSQL with pgRouting
# (pg_private.sh), and runs COMPARE_PGROUTING on them. Everything is removed on exit.
# MUSTER_TEST_SEED changes the random nodes the comparison draws.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: compare.sh MUSTER COMPARE_PGROUTING SAMPLE_DIR [options...]" >&2
  exit 2
fi
muster=$1
compare=$2
sample=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

roads=$(find "$sample" -maxdepth 1 -name '*.osm.pbf' | sort | head -n 1)
[ -n "$roads" ] || { echo "compare.sh: no .osm.pbf in $sample" >&2; exit 2; }

work=$(mktemp -d /tmp/muster-pgrouting.XXXXXX)
trap 'rm -rf "$work"' EXIT

start=$(date +%s)
"$muster" import "$work/network.sqlite" --roads "$roads:lines" >"$work/import.log" 2>&1 ||
  { cat "$work/import.log" >&2; echo "compare.sh: muster import failed" >&2; exit 2; }
"$muster" network "$work/network.sqlite" --out "$work/edges.csv" >"$work/network.log" 2>&1 ||
  { cat "$work/network.log" >&2; echo "compare.sh: muster network failed" >&2; exit 2; }
echo "imported $(basename "$roads") and exported $(($(wc -l <"$work/edges.csv") - 1)) directed edges in $(($(date +%s) - start)) s"

"$here/../../scripts/pg_private.sh" run "$compare" --db "$work/network.sqlite" --edges "$work/edges.csv" "$@"

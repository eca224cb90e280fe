#!/usr/bin/env bash
# Checks that CTest runs every Catch2 case the test binaries list, each as its own entry, and that
# the entries' names are short enough to read in CTest's output.
#
# CTest discovery has dropped cases before: a name with `;` or an unbalanced `]` became an entry
# whose filter matched nothing, which Catch2 counted as a pass. Every entry now runs with
# `--warn NoTests`, so an entry that runs no case fails; this script makes sure that no listed case
# lacks its entry. Usage: check-test-count.sh BUILD_DIR. Prints the count; exits 1 on a mismatch.
set -euo pipefail
build=${1:?usage: check-test-count.sh BUILD_DIR}
max_name=90  # characters of "suite/case name"; CTest pads every line to the longest
cd "$build"
export LC_ALL=C.UTF-8  # one collation for sort and comm; ${#name} counts characters

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "  Test  #12: engine/Dijkstra finds ..." -> "engine/Dijkstra finds ..."
ctest -N | sed -n 's/^ *Test *#[0-9]*: //p' | sort > "$work/entries"

# A Catch2 entry is "PREFIX/case", PREFIX its binary tests/PREFIX_tests (tests/CMakeLists.txt).
suites=()
for prefix in $(sed -n 's|^\([a-z_]*\)/.*|\1|p' "$work/entries" | sort -u); do
  [ -x "tests/${prefix}_tests" ] && suites+=("$prefix")
done
[ ${#suites[@]} -gt 0 ] || { echo "check-test-count: no Catch2 entries in $build" >&2; exit 1; }

: > "$work/listed"
: > "$work/catch_entries"
for prefix in "${suites[@]}"; do
  # --list-test-names-only exits with the number of cases, so its status is not an error.
  { "tests/${prefix}_tests" --list-test-names-only || true; } | sed '/^$/d; s|^|'"$prefix"'/|' >> "$work/listed"
  grep "^$prefix/" "$work/entries" >> "$work/catch_entries" || true
done
sort -o "$work/listed" "$work/listed"
sort -o "$work/catch_entries" "$work/catch_entries"

listed=$(wc -l < "$work/listed")
entries=$(wc -l < "$work/catch_entries")
others=$(( $(wc -l < "$work/entries") - entries ))
status=0
if ! cmp -s "$work/listed" "$work/catch_entries"; then
  echo "check-test-count: the binaries list $listed Catch2 cases; CTest has $entries entries for them" >&2
  comm -23 "$work/listed" "$work/catch_entries" | sed 's/^/  listed, no entry: /' >&2
  comm -13 "$work/listed" "$work/catch_entries" | sed 's/^/  entry, not listed: /' >&2
  status=1
fi
long=0
while IFS= read -r name; do
  if [ ${#name} -gt $max_name ]; then
    [ $long -gt 0 ] || echo "check-test-count: test names longer than $max_name characters:" >&2
    echo "  ${#name}: $name" >&2
    long=$((long + 1))
  fi
done < "$work/entries"
[ $long -eq 0 ] || status=1
[ $status -eq 0 ] || exit 1
echo "check-test-count: CTest runs all $listed Catch2 cases of ${#suites[@]} binaries, each as its own" \
  "entry, and $others other test(s)"

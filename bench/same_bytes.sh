#!/usr/bin/env bash
# Shows that two builds of accord write the same bytes: the reference run and a sweep (plus a
# sweep in shards merged, and a comparison), output file by output file, by sha256. manifest.json
# is compared without its start_time and end_time, which say when it ran, and its
# working_directory (each build runs in a directory of its own).
#   bash bench/same_bytes.sh REFERENCE [CANDIDATE]
# REFERENCE is an accord binary or a git revision of this repository (built into a temporary
# directory first, e.g. `main`); CANDIDATE defaults to build/sim/accord. Exits 1 on a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
reference=${1:?usage: bash bench/same_bytes.sh REFERENCE-BINARY-OR-REVISION [CANDIDATE]}
candidate=$(realpath "${2:-build/sim/accord}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$reference" ]; then
  echo "building accord at $reference"
  mkdir -p "$work/ref-src"
  git archive "$reference" | tar -x -C "$work/ref-src"
  cmake -S "$work/ref-src" -B "$work/ref-build" -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF >/dev/null
  cmake --build "$work/ref-build" --parallel "$(nproc)" --target accord >/dev/null
  reference=$work/ref-build/sim/accord
fi
reference=$(realpath "$reference")

# Runs one build in a directory of its own, under the same argv[0] and relative output paths, so
# that the manifests' command lines match.
produce() {  # binary, directory
  local bin=$1 dir=$2
  mkdir -p "$dir"
  (
    cd "$dir"
    run() { (exec -a accord "$bin" "$@"); }
    run run "$src/scenarios/nato_russia_council_2002.yaml" -q -o run
    run sweep "$src/tests/data/sweep_small.yaml" -q -o sweep
    run sweep "$src/tests/data/sweep_small.yaml" -q --shard 0/2 -o shard0
    run sweep "$src/tests/data/sweep_small.yaml" -q --shard 1/2 -o shard1
    run merge shard0 shard1 -q -o merged
    run compare "$src/scenarios/nato_russia_council_2002.yaml" \
      "$src/scenarios/nato_russia_council_2002_no_schroeder.yaml" -q --runs 200 -o compare
  )
}

# sha256 of every file, manifest.json without the lines of its two times.
digest() {  # directory
  (
    cd "$1"
    find . -type f | LC_ALL=C sort | while read -r f; do
      if [ "$(basename "$f")" = manifest.json ]; then
        printf '%s  %s\n' "$(grep -v -E '"(start|end)_time"|"working_directory"' "$f" | sha256sum | cut -d' ' -f1)" "$f (without times and directory)"
      else
        sha256sum "$f"
      fi
    done
  )
}

produce "$reference" "$work/a"
produce "$candidate" "$work/b"
digest "$work/a" >"$work/a.sha256"
digest "$work/b" >"$work/b.sha256"
echo "reference: $reference"
echo "candidate: $candidate"
if diff "$work/a.sha256" "$work/b.sha256"; then
  cat "$work/b.sha256"
  echo "same bytes: $(wc -l <"$work/b.sha256") files"
else
  echo "DIFFERENT bytes (lines < reference, > candidate)"
  exit 1
fi

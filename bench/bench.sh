#!/usr/bin/env bash
# Benchmarks of accord on the reference scenario (not part of the test suite: speed belongs here,
# not in timed tests). Prints wall time and peak memory of each case.
#   bash bench/bench.sh [path-to-accord] [--million]
# --million adds the sweep of one million runs (about 25 s on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
accord=${1:-build/sim/accord}
scenario=scenarios/nato_russia_council_2002.yaml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() {  # label, then the command
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null
  read -r seconds kb <"$out/time"
  printf '%-48s %8.2f s %8d KiB\n' "$label" "$seconds" "$kb"
}
measure "run, 10000 runs, 1 thread" "$accord" run "$scenario" -q --runs 10000 --threads 1
measure "run, 10000 runs, all threads" "$accord" run "$scenario" -q --runs 10000
measure "run, 1000 runs, all trajectories written" "$accord" run "$scenario" -q --runs 1000 --trajectories all -o "$out/run"
measure "sweep, 15 points x 2000 replications" "$accord" sweep "$scenario" -q --runs 2000 -o "$out/sweep"
measure "sensitivity, sobol N=256, 20 replications" "$accord" sensitivity "$scenario" -q --runs 20 --samples 256 -o "$out/sens"
measure "backtest, DEU III (353 issues)" "$accord" backtest --deu tests/data/deu3/deu3.tsv -q
if [ "${2:-}" = "--million" ]; then
  measure "sweep, 15 points x 66667 replications (1e6 runs)" "$accord" sweep "$scenario" -q --runs 66667 -o "$out/million"
fi

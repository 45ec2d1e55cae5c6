#!/usr/bin/env bash
# merge checks every point's replications (docs/reliability.md, docs/sweeps.md): a shard that lost
# rows, was emptied to its header, holds a row twice or rows of another seed is refused with exit
# status 2 and a message, and nothing is written.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
small=tests/data/sweep_small.yaml  # 12 points x 10 replications
"$accord" sweep "$small" -q -o "$tmp/s0" --shard 0/2 --seed 42
"$accord" sweep "$small" -q -o "$tmp/s1" --shard 1/2 --seed 42
"$accord" sweep "$small" -q -o "$tmp/other" --shard 1/2 --seed 7
"$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/whole"
[ "$(wc -l < "$tmp/whole/runs.csv")" -eq 121 ] || fail "the merge of intact shards"

refused() {  # what: merging s0 with $tmp/v must exit 2 with the message, writing nothing
  local status=0
  rm -rf "$tmp/out"
  "$accord" merge "$tmp/s0" "$tmp/v" -q -o "$tmp/out" 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$1: exit status $status, expected 2: $(cat "$tmp/err")"
  grep -q "$2" "$tmp/err" || fail "$1: message: $(cat "$tmp/err")"
  [ ! -e "$tmp/out/runs.csv" ] && [ ! -e "$tmp/out/manifest.json" ] || fail "$1: results written"
  echo "  $1: $(head -n 1 "$tmp/err")"
}
variant() { rm -rf "$tmp/v"; cp -a "$tmp/s1" "$tmp/v"; }
variant; sed -i '5d' "$tmp/v/runs.csv"; refused "a row deleted from runs.csv" "rows were lost"
variant; sed -i '$d' "$tmp/v/runs.csv"; refused "the last row deleted" "rows were lost"
variant; sed -i '2,$d' "$tmp/v/runs.csv"; refused "runs.csv emptied to its header" "rows were lost"
variant; sed -i '2,$d' "$tmp/v/runs.csv" "$tmp/v/points.csv"; refused "both files emptied to their header" "rows were lost"
variant; sed -i '2,11d' "$tmp/v/runs.csv"; refused "a point's runs deleted" "rows were lost"
variant; sed -i '3p' "$tmp/v/runs.csv"; refused "a row twice" "replication"
variant; cp "$tmp/other/runs.csv" "$tmp/v/runs.csv"; refused "runs.csv of another seed" "is not of this sweep"
variant; cp "$tmp/other/runs.csv" "$tmp/other/points.csv" "$tmp/v/"; refused "both files of another seed" "is not of this sweep"
variant; cp "$tmp/s0/runs.csv" "$tmp/s0/points.csv" "$tmp/v/"; refused "another shard's files" "point"
echo ok

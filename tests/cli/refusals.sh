#!/usr/bin/env bash
# Directories and shards accord must refuse rather than damage: --resume on results that are not
# a sweep, merge of a shard whose manifest is malformed or whose rows are not numbered.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sweep_small.yaml
expect_refusal() {  # pattern description, then the command
  local pattern=$1 what=$2; shift 2
  local status=0
  "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2; stderr: $(cat "$tmp/err")"
  grep -qE -- "$pattern" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  echo "  $what: refused"
}

echo "sweep --resume on a directory of accord run results leaves it alone"
"$accord" run "$scenario" --runs 5 -q -o "$tmp/run"
cp -r "$tmp/run" "$tmp/run.before"
expect_refusal "not a sweep --resume can finish" "resume over run results" \
  "$accord" sweep "$scenario" --runs 2 -q -o "$tmp/run" --resume
diff -r "$tmp/run" "$tmp/run.before" >/dev/null || fail "the run results were changed"

echo "--shard is K/N in plain decimal, as --seed"
expect_refusal "--shard takes K/N in plain decimal with 0 <= K < N, found '01/2'" "a leading zero" \
  "$accord" sweep "$scenario" --runs 2 -q -o "$tmp/zero" --shard 01/2
[ ! -e "$tmp/zero" ] || fail "a refused shard made its directory"

echo "merge refuses malformed shards with exit 2"
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/s0" --shard 0/2
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/s1" --shard 1/2
"$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/merged"
cp -r "$tmp/s1" "$tmp/s1_bad_manifest"
sed -i 's/"points": [0-9]*/"points": "many"/' "$tmp/s1_bad_manifest/manifest.json"
expect_refusal "has no whole number 'points'" "non-numeric points" \
  "$accord" merge "$tmp/s0" "$tmp/s1_bad_manifest" -q -o "$tmp/m1"
cp -r "$tmp/s1" "$tmp/s1_bad_rows"
sed -i '2s/^[0-9]*/99999999999999999999999/' "$tmp/s1_bad_rows/runs.csv"
expect_refusal "malformed row" "row number beyond a long" \
  "$accord" merge "$tmp/s0" "$tmp/s1_bad_rows" -q -o "$tmp/m2"
[ ! -e "$tmp/m1/runs.csv" ] && [ ! -e "$tmp/m2/runs.csv" ] || fail "a refused merge wrote runs.csv"
echo ok

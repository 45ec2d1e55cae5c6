#!/usr/bin/env bash
# A sweep killed (kill -9) while it finishes (docs/sweeps.md section 8): after its journals were
# renamed to runs.csv and points.csv, and before manifest.json was written or the state file and the
# block records removed. Found by killing `accord sweep tests/data/sweep_long.yaml --runs 60` at random
# moments and resuming, 20 times: one directory in 20 was refused by --resume ("a journal is missing;
# they were changed after accord wrote them"), and only --force, which recomputes everything, went on.
# Each window is built here exactly from an uninterrupted sweep (the state file is the manifest's
# fingerprints, one block record vouches for both files) and --resume must finish it, exit 0, with
# the uninterrupted runs.csv and points.csv and a manifest, and leave no journal.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
small=tests/data/sweep_small.yaml
"$accord" sweep "$small" -q -o "$tmp/ref" --seed 5 || fail "the reference sweep failed"
. "$(dirname "$0")/lib/sweep_state.bash"
state=$(sweep_state_of "$tmp/ref")
record="block $(stat -c %s "$tmp/ref/runs.csv") $(stat -c %s "$tmp/ref/points.csv") $(sha256sum < "$tmp/ref/runs.csv" | cut -c1-64) $(sha256sum < "$tmp/ref/points.csv" | cut -c1-64)"

# window NAME FILES...: a copy of the finished sweep holding FILES (the rest removed) plus the state
# file and the block record, as a process killed at that instant leaves it.
window() {
  local name=$1; shift
  mkdir "$tmp/$name"
  local f
  for f in "$@"; do
    case $f in
      runs.csv.partial) cp "$tmp/ref/runs.csv" "$tmp/$name/$f" ;;
      points.csv.partial) cp "$tmp/ref/points.csv" "$tmp/$name/$f" ;;
      *) cp "$tmp/ref/$f" "$tmp/$name/$f" ;;
    esac
  done
  printf '%s\n' "$state" > "$tmp/$name/.accord-sweep"
  printf '%s\n' "$record" > "$tmp/$name/.accord-sweep-blocks"
}
check() {  # NAME what: --resume finishes it to the reference's bytes
  local status=0
  "$accord" sweep "$small" -q -o "$tmp/$1" --seed 5 --resume 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 0 ] || fail "$2: --resume exited with status $status: $(cat "$tmp/err.txt")"
  for f in runs.csv points.csv; do
    cmp -s "$tmp/$1/$f" "$tmp/ref/$f" || fail "$2: $f differs from the uninterrupted sweep"
  done
  [ -f "$tmp/$1/manifest.json" ] || fail "$2: no manifest.json after --resume"
  local left
  left=$(ls -A "$tmp/$1" | grep -v -x -e runs.csv -e points.csv -e manifest.json || true)
  [ -z "$left" ] || fail "$2: left beside the results: $left"
  "$accord" sweep "$small" -q -o "$tmp/$1" --seed 5 --resume || fail "$2: a second --resume of the finished sweep failed"
  echo "  $2: --resume finished it (exit 0), the same bytes"
}
# The journals are checked first: the window still works as a control.
window journals runs.csv.partial points.csv.partial
check journals "killed after the last block, before the renames"
window between runs.csv points.csv.partial
check between "killed between the two renames"
window renamed runs.csv points.csv
check renamed "killed after both renames, before manifest.json"
window manifest runs.csv points.csv manifest.json
check manifest "killed after manifest.json, before the block records went"

# Renamed files that the records do not vouch for (a digit changed) are still refused, exit 2.
window edited runs.csv points.csv
sed -i '2s/,5,/,6,/' "$tmp/edited/runs.csv"
cmp -s "$tmp/edited/runs.csv" "$tmp/ref/runs.csv" && fail "the edit did not change runs.csv"
status=0
"$accord" sweep "$small" -q -o "$tmp/edited" --seed 5 --resume 2> "$tmp/err.txt" || status=$?
[ "$status" -eq 2 ] || fail "an edited runs.csv in the finishing window: exit $status, expected 2: $(cat "$tmp/err.txt")"
grep -q "checksum" "$tmp/err.txt" || fail "the refusal does not name the checksum: $(cat "$tmp/err.txt")"
echo "  an edited runs.csv in the window: exit 2: $(head -n 1 "$tmp/err.txt")"
echo "PASS"

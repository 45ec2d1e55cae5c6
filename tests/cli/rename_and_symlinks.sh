#!/usr/bin/env bash
# Temporary result files are created with O_EXCL|O_NOFOLLOW: a symlink planted at the temporary
# name (out/NAME.tmp.PID) is never followed, its target never written. A failed rename reports
# its real cause, never "Success" (docs/reliability.md).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
small=tests/data/sweep_small.yaml
"$accord" sweep "$small" -q -o "$tmp/r" --runs 2

echo "--- a failed rename names its cause"
mkdir -p "$tmp/target/sub"  # summarize -o onto a non-empty directory: the rename fails
status=0
"$accord" summarize "$tmp/r/runs.csv" --by actors.EAST.capability -o "$tmp/target" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "exit status $status, expected 1: $(cat "$tmp/err")"
grep -q "Success" "$tmp/err" && fail "the message says Success: $(cat "$tmp/err")"
grep -q "cannot write '$tmp/target': Is a directory" "$tmp/err" || fail "message: $(cat "$tmp/err")"
[ -z "$(find "$tmp" -maxdepth 1 -name 'target.tmp.*')" ] || fail "temporary file left"
echo "  $(cat "$tmp/err")"

echo "--- symlinks planted at every temporary name of the process (NAME.tmp.PID)"
echo precious > "$tmp/precious"
mkdir -p "$tmp/out"
# The shell plants the links for its own process id, then becomes accord with exec (same id).
bash -c 'for name in runs.csv trajectory.csv terms.csv summary.csv blockers.csv zopa.csv manifest.json; do
           ln -s "$1/precious" "$1/out/$name.tmp.$$"
         done
         exec "$2" run "$3" -q -o "$1/out" --runs 3 --force' planter "$tmp" "$accord" "$small"
[ "$(cat "$tmp/precious")" = precious ] || fail "the target of a planted symlink was overwritten"
[ -f "$tmp/out/runs.csv" ] && [ ! -L "$tmp/out/runs.csv" ] || fail "runs.csv is not a regular file"
"$accord" run "$small" -q -o "$tmp/plain" --runs 3
cmp "$tmp/out/runs.csv" "$tmp/plain/runs.csv" || fail "runs.csv differs"
echo "--- a symlink planted at a journal's name is not followed"
mkdir -p "$tmp/sw"
ln -s "$tmp/precious" "$tmp/sw/runs.csv.partial"
"$accord" sweep "$small" -q -o "$tmp/sw" --runs 2 --force
[ "$(cat "$tmp/precious")" = precious ] || fail "a journal followed a planted symlink"
echo ok

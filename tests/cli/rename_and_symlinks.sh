#!/usr/bin/env bash
# A failed rename reports its real cause, never "Success" (docs/reliability.md).
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

echo ok

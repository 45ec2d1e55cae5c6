#!/usr/bin/env bash
# One mistake, one error: an actor missing from a broken table is reported once, not once per edge,
# parameter path and proposer that names it; a meeting refused for its date is not also reported as
# missing ("outcome.decide 'at-meetings' needs at least one event with meeting: true").
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
invalid=tests/data/invalid

errors() {  # the error lines of `accord validate` on a file, which must be refused
  local status=0
  (cd "$(dirname "$1")" && "$accord" validate "$(basename "$1")") 2>"$tmp/err" >/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "$1: exit status $status, expected 2"
  grep -c ": error: " "$tmp/err" || true
}

echo "a broken row and a meeting off the calendar: three errors"
n=$(errors "$invalid/actor_row_broken_cascade.yaml")
[ "$n" -eq 3 ] || fail "expected 3 errors, got $n: $(cat "$tmp/err")"
grep -q "needs at least one event with meeting: true" "$tmp/err" && fail "a refused meeting reported as missing"
grep -q "outcome.proposer" "$tmp/err" && fail "the proposer reported beside the edge"

echo "a refused header (no column for issue x): its error and one reference, not one per reference"
cp "$invalid/actor_row_broken_cascade.yaml" "$tmp/header.yaml"
printf 'id,capability,y\nA,1,0\nB,1,50\nC,1,100\n' >"$tmp/actor_row_broken_cascade.csv"
n=$(errors "$tmp/header.yaml")
grep -q "the actor table has no column 'x'" "$tmp/err" || fail "the header's error is missing: $(cat "$tmp/err")"
[ "$(grep -c "unknown actor" "$tmp/err")" -eq 1 ] || fail "unknown actors reported more than once: $(cat "$tmp/err")"
echo "ok"

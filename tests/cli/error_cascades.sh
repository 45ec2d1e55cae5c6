#!/usr/bin/env bash
# One mistake, one error: the actor of a broken row of the actor table is not reported again by every
# edge, parameter path and proposer that names it (the row's error says why it is missing), while a
# misspelled actor still is; behind a refused header, the first unknown actor is reported once; a
# meeting refused for its date is not also reported as missing ("outcome.decide 'at-meetings' needs
# at least one event with meeting: true").
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
invalid=tests/data/invalid

errors() {  # the error lines of `accord validate` on a file, which must be refused
  local status=0
  (cd "$(dirname "$1")" && "$accord" validate "$(basename "$1")") 2>"$tmp/err" >/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "$1: exit status $status, expected 2"
  grep -c ": error: " "$tmp/err" || true
}

echo "a broken row and a meeting off the calendar: two errors"
n=$(errors "$invalid/actor_row_broken_cascade.yaml")
[ "$n" -eq 2 ] || fail "expected 2 errors, got $n: $(cat "$tmp/err")"
grep -q "needs at least one event with meeting: true" "$tmp/err" && fail "a refused meeting reported as missing"
grep -q "unknown actor 'B'" "$tmp/err" && fail "the broken row's actor reported again"

echo "beside a broken row, misspelled actors are still reported, each"
cp "$invalid/actor_row_broken_cascade.yaml" "$tmp/typos.yaml"
cp "$invalid/actor_row_broken_cascade.csv" "$tmp/"
sed -i 's/{from: B, to: C, weight: 1}/{from: B, to: Cc, weight: 1}/; s/actors.B.capability: 2/actors.Aa.capability: 2/' "$tmp/typos.yaml"
n=$(errors "$tmp/typos.yaml")
grep -q "unknown actor 'Cc' (did you mean 'C'?)" "$tmp/err" || fail "the misspelled edge actor is hidden: $(cat "$tmp/err")"
grep -q "unknown actor 'Aa' (did you mean 'A'?)" "$tmp/err" || fail "the misspelled path actor is hidden: $(cat "$tmp/err")"
[ "$n" -eq 4 ] || fail "expected 4 errors, got $n: $(cat "$tmp/err")"

echo "a refused header (no column for issue x): its error and one reference, not one per reference"
cp "$invalid/actor_row_broken_cascade.yaml" "$tmp/header.yaml"
printf 'id,capability,y\nA,1,0\nB,1,50\nC,1,100\n' >"$tmp/actor_row_broken_cascade.csv"
n=$(errors "$tmp/header.yaml")
grep -q "the actor table has no column 'x'" "$tmp/err" || fail "the header's error is missing: $(cat "$tmp/err")"
[ "$(grep -c "unknown actor" "$tmp/err")" -eq 1 ] || fail "unknown actors reported more than once: $(cat "$tmp/err")"
echo "ok"

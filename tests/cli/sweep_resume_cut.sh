#!/usr/bin/env bash
# A --resume killed (kill -9) while it cuts the journals to the points they hold in full (docs/sweeps.md
# section 8). It found runs.csv.partial a point ahead of points.csv.partial, as a sweep interrupted
# between its two journals' writes leaves them. It cut the journals first and wrote their new block
# record after: killed between the two, the journals were shorter than their record, and every later
# --resume refused them ("block 1 is shorter than its record"), so only --force, which recomputes
# everything, went on (found by killing --resume at random moments: 2 directories in 10). The record
# now comes first. Here strace kills the --resume at its first and at its second cut (truncate), and
# the next --resume must finish the sweep, exit 0, with the uninterrupted sweep's bytes.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
. "$(dirname "$0")/lib/strace.bash"
small=tests/data/sweep_small.yaml
"$accord" sweep "$small" -q -o "$tmp/ref" --seed 5 || fail "the reference sweep failed"
. "$(dirname "$0")/lib/sweep_state.bash"
state=$(sweep_state_of "$tmp/ref")

# interrupted NAME: every run journalled, the last point's row not, one block record vouching for both.
interrupted() {
  mkdir "$tmp/$1"
  cp "$tmp/ref/runs.csv" "$tmp/$1/runs.csv.partial"
  head -n -1 "$tmp/ref/points.csv" > "$tmp/$1/points.csv.partial"
  printf '%s\n' "$state" > "$tmp/$1/.accord-sweep"
  printf 'block %s %s %s %s\n' "$(stat -c %s "$tmp/$1/runs.csv.partial")" "$(stat -c %s "$tmp/$1/points.csv.partial")" \
    "$(sha256sum < "$tmp/$1/runs.csv.partial" | cut -c1-64)" "$(sha256sum < "$tmp/$1/points.csv.partial" | cut -c1-64)" \
    > "$tmp/$1/.accord-sweep-blocks"
}
for when in 1 2; do
  interrupted "cut$when"
  status=0
  under_strace -f -qq -o /dev/null -e trace=truncate -e inject=truncate:signal=SIGKILL:when=$when \
    "$accord" sweep "$small" -q -o "$tmp/cut$when" --seed 5 --resume 2> /dev/null || status=$?
  [ "$status" -ne 0 ] || fail "the --resume was not killed at its cut number $when"
  status=0
  "$accord" sweep "$small" -q -o "$tmp/cut$when" --seed 5 --resume 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 0 ] || fail "killed at cut $when, the next --resume exited with status $status: $(cat "$tmp/err.txt")"
  for f in runs.csv points.csv; do
    cmp -s "$tmp/cut$when/$f" "$tmp/ref/$f" || fail "killed at cut $when: $f differs from the uninterrupted sweep"
  done
  echo "  a --resume killed at its cut number $when (exit $status of the next): the next --resume finished it, the same bytes"
done
echo "PASS"

#!/usr/bin/env bash
# Every shipped scenario (scenarios/*.yaml and scenarios/counterfactuals/*.yaml) runs: `accord run FILE --runs 20 -q -o DIR` exits 0,
# prints nothing on stdout, and writes a runs.csv with 20 rows (runs 0..19).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

count=0 failed=0
for f in scenarios/*.yaml scenarios/counterfactuals/*.yaml; do
  count=$((count + 1))
  out=$tmp/$(basename "$f" .yaml)
  echo "checking: accord run $f --runs 20 -q -o DIR"
  status=0
  "$accord" run "$f" --runs 20 -q -o "$out" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL $f: exit status $status, expected 0; stderr:"; cat "$tmp/stderr"
    failed=$((failed + 1)); continue
  fi
  if [ -s "$tmp/stdout" ]; then
    echo "FAIL $f: -q printed on stdout:"; head -n 5 "$tmp/stdout"; failed=$((failed + 1)); continue
  fi
  if [ ! -f "$out/runs.csv" ]; then
    echo "FAIL $f: no runs.csv written"; failed=$((failed + 1)); continue
  fi
  rows=$(tail -n +2 "$out/runs.csv" | wc -l)
  runs=$(awk -F, 'NR > 1 { print $1 }' "$out/runs.csv" | tr '\n' ' ')
  if [ "$rows" -ne 20 ] || [ "$runs" != "$(seq 0 19 | tr '\n' ' ')" ]; then
    echo "FAIL $f: runs.csv has $rows rows (runs: $runs), expected 20 rows, runs 0..19"; failed=$((failed + 1)); continue
  fi
  head -n 1 "$out/runs.csv" | grep -q '^run,seed,rounds,converged,agreed,agreement_round,agreement_date,terms\.' ||
    { echo "FAIL $f: runs.csv header: $(head -n 1 "$out/runs.csv")"; failed=$((failed + 1)); continue; }
  echo "  ok: 20 rows, $(awk -F, 'NR > 1 && $5 == 1' "$out/runs.csv" | wc -l) agreed"
done
echo "scenarios_run: $count scenarios, $failed failures"
[ "$count" -gt 0 ] || fail "no scenarios/*.yaml found"
[ "$failed" -eq 0 ] || fail "$failed of $count scenarios did not run"

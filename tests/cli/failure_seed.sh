#!/usr/bin/env bash
# A run that fails (numeric overflow) is reported as the failing run with the lowest index, the
# same message on any number of threads (docs/reliability.md, "Runs"): in tests/data/
# overflow_some_runs.yaml about one run in 200 overflows, the first being run 68 (seed 69); with
# several threads another thread used to fail first and name its own run.
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/overflow_some_runs.yaml

failing() {  # name command...: must exit with status 1; its stderr goes to $tmp/err-NAME
  local name=$1 status=0; shift
  "$@" >/dev/null 2>"$tmp/err-$name" || status=$?
  [ "$status" -eq 1 ] || fail "$name: exit status $status, expected 1: $(cat "$tmp/err-$name")"
}

echo "accord run"
failing run-1 "$accord" run "$scenario" -q --threads 1
grep -q "error: run with seed 69: round 0: the capabilities add up to more than a double can hold" "$tmp/err-run-1" ||
  fail "one thread does not name run 68 (seed 69): $(cat "$tmp/err-run-1")"
for threads in 2 3 4 8 8 8; do
  failing run-$threads "$accord" run "$scenario" -q --threads $threads
  cmp -s "$tmp/err-run-1" "$tmp/err-run-$threads" || fail "--threads $threads: $(cat "$tmp/err-run-$threads"), one thread: $(cat "$tmp/err-run-1")"
done

echo "accord sweep"
failing sweep-1 "$accord" sweep "$scenario" -q --threads 1 -o "$tmp/sweep-1"
# Every point's replications share their seeds: the message names the design point first.
grep -qF "error: design point 0 (actors.A.positions.x = 10): run with seed 69: round 0:" "$tmp/err-sweep-1" ||
  fail "one thread: $(cat "$tmp/err-sweep-1")"
for threads in 2 4 8 8; do
  failing sweep-$threads "$accord" sweep "$scenario" -q --threads $threads -o "$tmp/sweep-$threads" --force
  cmp -s "$tmp/err-sweep-1" "$tmp/err-sweep-$threads" || fail "sweep --threads $threads: $(cat "$tmp/err-sweep-$threads")"
done

# A shard's points are K, K + N, ...: the message names the point of the whole sweep.
failing sweep-shard "$accord" sweep "$scenario" -q --threads 2 --shard 1/2 -o "$tmp/sweep-shard"
grep -qF "error: design point 1 (actors.A.positions.x = 20): run with seed 69: round 0:" "$tmp/err-sweep-shard" ||
  fail "shard 1/2: $(cat "$tmp/err-sweep-shard")"

echo "accord compare"
failing compare-1 "$accord" compare "$scenario" "$scenario" -q --threads 1
grep -q "seed 69" "$tmp/err-compare-1" || fail "compare, one thread: $(cat "$tmp/err-compare-1")"
for threads in 4 8; do
  failing compare-$threads "$accord" compare "$scenario" "$scenario" -q --threads $threads
  cmp -s "$tmp/err-compare-1" "$tmp/err-compare-$threads" || fail "compare --threads $threads: $(cat "$tmp/err-compare-$threads")"
done
echo ok

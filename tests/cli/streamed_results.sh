#!/usr/bin/env bash
# Memory does not grow with what is streamed (docs/reliability.md, "Limits"). Under a virtual memory
# limit (ulimit -v) that a batch held whole exceeds, each of these finishes with exit status 0;
# before, each ended in std::bad_alloc with exit status 1:
#   - `accord run --runs 1000000` with and without -o: the rows are written as the runs come and
#     the summary keeps 8 bytes a run per real quantity (about 270 bytes a run were held);
#   - `accord run --trajectories all` without -o: no round is recorded when none is written (a run
#     of 10^6 rounds held about 140 MB);
#   - `accord compare --runs 1000000`: the runs are paired a block at a time;
#   - `accord summarize` of the 25 MB runs.csv, with --by and --bins (which reads it twice): the file
#     is read a chunk at a time (the whole text and its table of cells were held, about 8 times its size).
# A YAML file whose tree would not fit is refused before parsing (exit 2), naming the actor table and
# --limit file-bytes.
# The expected-utility model of 100 000 actors (four 100 000 x 100 000 tables a run, about 300 GiB a
# thread) is refused at once with exit status 2, naming what to lower, instead of allocating.
. "$(dirname "$0")/lib/setup.bash" "$@"
if [ -n "${ACCORD_SANITIZED:-}" ]; then
  echo "skipped: a sanitized build maps more shadow memory than any ulimit -v here allows (the release stage runs it)"
  exit 77
fi

cat >"$tmp/tiny.yaml" <<'YAML'
accord: 1
name: tiny
issues:
  - {id: x}
actors:
  - {id: A, capability: 1, positions: {x: 20}}
  - {id: B, capability: 1, positions: {x: 80}}
influence: [{from: A, to: B, weight: 1}, {from: B, to: A, weight: 1}]
model: {rounds: 2}
YAML

limited() {  # KiB command...: runs the command under ulimit -v KiB
  local kib=$1
  shift
  (ulimit -v "$kib" && "$@")
}

echo "run --runs 1000000 without and with -o, under ulimit -v 250000"
limited 250000 "$accord" run "$tmp/tiny.yaml" --runs 1000000 --threads 2 >"$tmp/out" 2>"$tmp/err" ||
  fail "run without -o: $(cat "$tmp/err")"
grep -q "runs: 1000000" "$tmp/out" && grep -q "probability of agreement: 1.000" "$tmp/out" ||
  fail "run without -o: summary: $(cat "$tmp/out")"
limited 250000 "$accord" run "$tmp/tiny.yaml" --runs 1000000 --threads 2 -q -o "$tmp/big" 2>"$tmp/err" ||
  fail "run -o: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/big/runs.csv")" -eq 1000001 ] || fail "run -o: runs.csv rows"
[ "$(tail -n 1 "$tmp/big/runs.csv")" = "999999,1000000,1,0,1,1,,50" ] || fail "run -o: last row $(tail -n 1 "$tmp/big/runs.csv")"
# Every run agrees on 50 (the mean of 20 and 80 with equal weights): n, mean, sd, quantiles exact.
grep -qx "terms.x,1000000,50,0,50,50,50,50,50,50,50" "$tmp/big/summary.csv" || fail "summary.csv: $(cat "$tmp/big/summary.csv")"
grep -qx "agreement_round,1000000,1,0,1,1,1,1,1,1,1" "$tmp/big/summary.csv" || fail "summary.csv: $(cat "$tmp/big/summary.csv")"

echo "the blocks of runs are written in run order: 1 and 3 threads give the same bytes"
"$accord" run tests/data/actors_table.yaml --runs 1500 --threads 1 -q -o "$tmp/t1" || fail "run --threads 1"
"$accord" run tests/data/actors_table.yaml --runs 1500 --threads 3 -q -o "$tmp/t3" || fail "run --threads 3"
for f in runs.csv trajectory.csv terms.csv blockers.csv zopa.csv summary.csv; do
  cmp -s "$tmp/t1/$f" "$tmp/t3/$f" || fail "$f differs between 1 and 3 threads"
done

echo "run --trajectories all without -o of 10^6 rounds, under ulimit -v 200000"
cat >"$tmp/long.yaml" <<'YAML'
accord: 1
issues: [{id: x, status_quo: 10}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: status-quo}
  - {id: B, capability: 1, positions: {x: 40}, reservation: status-quo}
  - {id: C, capability: 1, positions: {x: 100}, reservation: status-quo}
influence: [{from: A, to: B, weight: 1}, {from: C, to: B, weight: 1}]
model: {rounds: 1000000, step: 0.5}
outcome: {decide: at-meetings}
events:
  - {at: 1000000, name: last, meeting: true}
monte_carlo: {runs: 1, seed: 3}
YAML
limited 200000 "$accord" run "$tmp/long.yaml" -q --trajectories all 2>"$tmp/err" ||
  fail "run --trajectories all without -o: $(cat "$tmp/err")"

echo "compare --runs 1000000 under ulimit -v 250000"
limited 250000 "$accord" compare "$tmp/tiny.yaml" "$tmp/tiny.yaml" --runs 1000000 -q -o "$tmp/cmp" 2>"$tmp/err" ||
  fail "compare: $(cat "$tmp/err")"
grep -qx "terms.x,50,50,0,0,0" "$tmp/cmp/compare.csv" || fail "compare.csv: $(cat "$tmp/cmp/compare.csv")"

echo "summarize of a 25 MB runs.csv under ulimit -v 200000, with --by and --bins"
limited 200000 "$accord" summarize "$tmp/big/runs.csv" --by seed --bins seed=4 >"$tmp/sum" 2>"$tmp/err" ||
  fail "summarize: $(cat "$tmp/err")"
# Seeds 1 .. 10^6 in four equal bins of width 249999.75: 250000 runs each.
[ "$(awk -F, 'NR > 1 { print $(NF - 5) }' "$tmp/sum" | sort -u)" = "250000" ] || fail "summarize bins: $(cat "$tmp/sum")"
[ "$(wc -l <"$tmp/sum")" -eq 5 ] || fail "summarize bins: $(cat "$tmp/sum")"

echo "summarize of a pipe, which cannot be read twice, with --bins"
printf 'run,seed,agreed,terms.x\n0,1,1,40\n1,2,0,60\n2,3,1,80\n' |
  "$accord" summarize /dev/stdin --by seed --bins seed=2 >"$tmp/piped" 2>"$tmp/err" || fail "summarize /dev/stdin: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/piped")" -eq 3 ] && grep -q '^"\[1,2)",1,1,' "$tmp/piped" && grep -q '^"\[2,3\]",2,0.5,' "$tmp/piped" ||
  fail "summarize /dev/stdin: $(cat "$tmp/piped")"

echo "the expected-utility model of 100 000 actors is refused before it allocates"
# Four 100 000 x 100 000 tables a run: about 300 GiB a thread, more than any test machine has.
awk 'BEGIN { print "id,capability,x"; for (i = 0; i < 100000; i++) print "a" i ",1," (i % 100) }' >"$tmp/actors.csv"
cat >"$tmp/eu.yaml" <<'YAML'
accord: 1
issues: [{id: x}]
actors: {csv: actors.csv}
model: {dynamics: expected-utility, rounds: 3}
monte_carlo: {runs: 4}
YAML
for command in "run $tmp/eu.yaml -o $tmp/eu" "compare $tmp/eu.yaml $tmp/eu.yaml"; do
  status=0
  # shellcheck disable=SC2086
  timeout 120 "$accord" $command --threads 1 -q >/dev/null 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$command: exit status $status, expected 2 (124: still running): $(cat "$tmp/err")"
  grep -q "the expected-utility model plays each issue with four tables of 100000 x 100000 actors a run" "$tmp/err" &&
    grep -q -- "--threads" "$tmp/err" && grep -q -- "--limit actors=" "$tmp/err" || fail "$command: $(cat "$tmp/err")"
  echo "  $(cat "$tmp/err")"
done
[ ! -e "$tmp/eu/runs.csv" ] || fail "run: results written"

echo "a 4 MB YAML file is refused before yaml-cpp builds its tree, under ulimit -v 250000"
# yaml-cpp takes about 92 bytes a byte of such a file (370 MB); before, std::bad_alloc, exit 1.
awk 'BEGIN { print "accord: 1"; print "issues: [{id: x}]"; print "actors:"
  for (i = 0; i < 90000; i++) print "  - {id: a" i ", capability: 1, positions: {x: " (i % 100) "}}" }' >"$tmp/big.yaml"
for command in validate run; do
  status=0
  limited 250000 "$accord" $command "$tmp/big.yaml" -q >/dev/null 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$command of a big YAML file: exit status $status: $(cat "$tmp/err")"
  grep -q "big.yaml: error: a YAML file of .* MiB needs about .* GiB to parse" "$tmp/err" &&
    grep -q -- "--limit file-bytes=" "$tmp/err" && grep -q "actors: {csv: FILE}" "$tmp/err" ||
    fail "$command of a big YAML file: $(cat "$tmp/err")"
done
echo "  $(cat "$tmp/err")"
echo ok

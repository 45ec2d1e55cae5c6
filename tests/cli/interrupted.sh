#!/usr/bin/env bash
# Commands stopped by SIGTERM or SIGINT (Ctrl-C): `accord run -o DIR` exits 1 with a message and
# leaves no temporary file (NAME.tmp.PID, which grew to gigabytes on a long run) and no result file
# in DIR; `accord sensitivity` exits 1 and its message names it (it said 'accord sweep').
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
small=tests/data/sweep_small.yaml
for sig in TERM INT; do
  out="$tmp/run_$sig"
  "$accord" run "$small" -q -o "$out" --runs 100000000 --limit runs=100000000 --threads 1 \
    --trajectories all 2>"$tmp/err" & pid=$!
  # Signal it once its temporary files exist (it has started writing).
  for _ in $(seq 1 500); do
    compgen -G "$out/runs.csv.tmp.*" >/dev/null && break
    sleep 0.02
  done
  compgen -G "$out/runs.csv.tmp.*" >/dev/null || { kill -KILL "$pid"; fail "SIG$sig: the run never started writing"; }
  kill -"$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  [ "$status" -eq 1 ] || fail "SIG$sig: exit status $status, expected 1: $(cat "$tmp/err")"
  grep -q "accord run: error: interrupted" "$tmp/err" || fail "SIG$sig: message: $(cat "$tmp/err")"
  [ -z "$(ls -A "$out" 2>/dev/null)" ] || fail "SIG$sig: left in the directory: $(ls -A "$out")"
  echo "  SIG$sig: exit 1, $(cat "$tmp/err")"
done
status=0
"$accord" sensitivity scenarios/nato_russia_council_2002.yaml -q -o "$tmp/sens" --samples 512 --runs 50 --threads 1 \
  2>"$tmp/err" & pid=$!
for _ in $(seq 1 500); do
  [ -s "$tmp/sens/runs.csv.partial" ] && break
  sleep 0.02
done
kill -TERM "$pid"
wait "$pid" || status=$?
[ "$status" -eq 1 ] || fail "sensitivity, SIGTERM: exit status $status, expected 1: $(cat "$tmp/err")"
grep -q "^accord sensitivity: interrupted after" "$tmp/err" || fail "sensitivity, SIGTERM: message: $(cat "$tmp/err")"
echo "  sensitivity, SIGTERM: exit 1, $(head -1 "$tmp/err")"
echo ok

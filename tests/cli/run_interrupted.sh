#!/usr/bin/env bash
# `accord run -o DIR` stopped by SIGTERM or SIGINT (Ctrl-C) exits 1 with a message and leaves no
# temporary file (NAME.tmp.PID, which grew to gigabytes on a long run) and no result file in DIR.
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
echo ok

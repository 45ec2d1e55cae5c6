#!/usr/bin/env bash
# Results are never corrupt: when a write fails (here the file-size limit, as a full disk would)
# accord exits 1 with a message, every result file present is complete, and no temporary file is
# left; an interrupted sweep resumes to the same bytes. Numeric trouble inside a run stops it with
# a message naming the round, and writes no CSV.
set -euo pipefail
accord=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The frozen reference scenario of accord 0.1.0: its file sizes are what the limits below assume.
scenario=$src/tests/data/legacy/nato_russia_council_2002_v1.yaml

echo "reference results without a limit"
"$accord" run "$scenario" --runs 200 --trajectories all -q -o "$work/full"

echo "run with a 64 KiB file-size limit (trajectory.csv needs more)"
set +e
(trap '' XFSZ; ulimit -f 64; exec "$accord" run "$scenario" --runs 200 --trajectories all -q -o "$work/small") 2>"$work/err"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "FAIL: exit status $status, expected 1"; cat "$work/err"; exit 1; }
grep -q "cannot write .*File too large" "$work/err" || { echo "FAIL: message"; cat "$work/err"; exit 1; }
# What is there is complete: the rows are written as the runs come, so the first failed write may stop
# the run before any file is complete, and the directory it made is then gone.
for f in "$work"/small/*; do
  [ -e "$f" ] || continue
  case "$f" in
    *.tmp.*) echo "FAIL: temporary file left: $f"; exit 1 ;;
  esac
  cmp -s "$f" "$work/full/$(basename "$f")" || { echo "FAIL: $(basename "$f") is incomplete"; exit 1; }
done
[ ! -e "$work/small/trajectory.csv" ] || { echo "FAIL: trajectory.csv should be absent"; exit 1; }

echo "sweep with a file-size limit stops, then --resume finishes with the same bytes"
"$accord" sweep "$scenario" --runs 60 -q -o "$work/sweep_full"
set +e
(trap '' XFSZ; ulimit -f 100; exec "$accord" sweep "$scenario" --runs 60 -q -o "$work/sweep") 2>"$work/err"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "FAIL: sweep exit status $status, expected 1"; cat "$work/err"; exit 1; }
[ ! -e "$work/sweep/runs.csv" ] || { echo "FAIL: runs.csv written by a failed sweep"; exit 1; }
"$accord" sweep "$scenario" --runs 60 -q -o "$work/sweep" --resume
cmp "$work/sweep/runs.csv" "$work/sweep_full/runs.csv"
cmp "$work/sweep/points.csv" "$work/sweep_full/points.csv"

echo "numeric overflow stops the run with a message"
set +e
"$accord" run "$src/tests/data/overflow_capability.yaml" -q -o "$work/overflow" 2>"$work/err"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "FAIL: overflow exit status $status, expected 1"; cat "$work/err"; exit 1; }
grep -q "round 0: the capabilities add up to more than a double can hold" "$work/err" || { echo "FAIL: overflow message"; cat "$work/err"; exit 1; }
[ ! -e "$work/overflow/runs.csv" ] || { echo "FAIL: runs.csv written"; exit 1; }
echo ok

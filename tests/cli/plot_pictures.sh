#!/usr/bin/env bash
# analysis/plot.py draws trajectories.png, terms.png and agreement.png for a run, sweep.png for a sweep,
# sensitivity.png (and no sweep.png) for a sensitivity directory: real, non-empty PNG files (checked by
# their signature); it refuses a directory without results. tests/python/test_plot_pictures.py reads the
# pictures' titles, labels and legends.
set -euo pipefail
accord=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
[ -x "$python" ] || python=python3
png_ok() {
  [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]
}
"$accord" run "$src/scenarios/nato_russia_council_2002.yaml" --runs 30 -q -o "$work/run"
"$python" "$src/analysis/plot.py" "$work/run" --run 2 >/dev/null
for f in trajectories.png terms.png agreement.png; do png_ok "$work/run/$f" || { echo "FAIL: $f"; exit 1; }; done
"$accord" sweep "$src/scenarios/nato_russia_council_2002.yaml" --runs 5 -q -o "$work/sweep"
"$python" "$src/analysis/plot.py" "$work/sweep" >/dev/null
png_ok "$work/sweep/sweep.png" || { echo "FAIL: sweep.png"; exit 1; }
"$accord" sensitivity "$src/tests/data/sensitivity_linear.yaml" --samples 8 -q -o "$work/sensitivity"
"$python" "$src/analysis/plot.py" "$work/sensitivity" >/dev/null
png_ok "$work/sensitivity/sensitivity.png" || { echo "FAIL: sensitivity.png"; exit 1; }
[ ! -e "$work/sensitivity/sweep.png" ] || { echo "FAIL: sweep.png drawn for a sensitivity directory"; exit 1; }
mkdir "$work/empty"
if "$python" "$src/analysis/plot.py" "$work/empty" 2>/dev/null; then echo "FAIL: empty directory accepted"; exit 1; fi
# A runs.csv cut inside a quoted cell: exit 2 and the file's place, not a Python traceback.
cp -r "$work/run" "$work/cut"
echo 'garbage,"x' >> "$work/cut/runs.csv"
status=0
"$python" "$src/analysis/plot.py" "$work/cut" >/dev/null 2>"$work/err" || status=$?
[ "$status" -eq 2 ] && grep -q "cut/runs.csv:32:1: error: not a CSV file of accord" "$work/err" &&
  ! grep -q Traceback "$work/err" || { echo "FAIL: damaged runs.csv: exit $status: $(cat "$work/err")"; exit 1; }
echo ok

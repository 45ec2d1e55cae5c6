#!/usr/bin/env bash
# A batch that cannot fit in memory is refused at once with exit status 2, never a std::bad_alloc
# after minutes (docs/reliability.md, "Limits"): `accord run` and `accord compare` keep every run's
# result until the files are written, so --runs times the bytes of one run (here 300 issues, about
# 2.6 KB a run) is compared with the memory available before any run starts; the message names
# --runs and --limit runs, and nothing is written. A batch that fits runs as before. The design of
# a sweep (other than a grid, whose points are computed as they run) or a sensitivity study, built
# whole before its first run, is checked the same way.
. "$(dirname "$0")/lib/setup.bash" "$@"

# Two actors, 300 issues.
awk 'BEGIN {
  print "accord: 1"; print "issues:"
  for (k = 1; k <= 300; k++) print "  - {id: i" k "}"
  print "actors:"
  for (a = 0; a < 2; a++) {
    line = "  - {id: " (a ? "B" : "A") ", capability: 1, positions: {"
    for (k = 1; k <= 300; k++) line = line (k > 1 ? ", " : "") "i" k ": " (a ? 80 : 20)
    print line "}}"
  }
  print "influence: [{from: A, to: B, weight: 1}]"; print "model: {rounds: 3}"
}' >"$tmp/wide.yaml"
"$accord" validate "$tmp/wide.yaml" >/dev/null || fail "the wide scenario does not validate"

refused() {  # what command...: exit 2 within seconds, the message, nothing written
  local what=$1 status=0; shift
  timeout 60 "$@" >/dev/null 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2 (124: still running after 60 s): $(cat "$tmp/err")"
  grep -q "runs would hold about .* GiB of results in memory, more than the .* GiB available: lower --runs" "$tmp/err" &&
    grep -q -- "--limit runs=" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  echo "  $what: $(cat "$tmp/err")"
}
# 1e8 runs of 300 issues: about 250 GB.
refused "run" "$accord" run "$tmp/wide.yaml" -q --runs 100000000 -o "$tmp/run"
[ ! -e "$tmp/run/runs.csv" ] && [ ! -e "$tmp/run/manifest.json" ] || fail "run: results written"
refused "run without -o" "$accord" run "$tmp/wide.yaml" -q --runs 100000000
refused "compare" "$accord" compare "$tmp/wide.yaml" "$tmp/wide.yaml" -q --runs 100000000 -o "$tmp/cmp"
[ ! -e "$tmp/cmp/compare.csv" ] || fail "compare: results written"
"$accord" run "$tmp/wide.yaml" -q --runs 20 -o "$tmp/small" || fail "a batch that fits is refused"
[ "$(($(wc -l <"$tmp/small/runs.csv") - 1))" -eq 20 ] || fail "the batch that fits: runs.csv rows"

# A design built whole before its first run: a sweep of 10^8 random points of 100 parameters
# (about 80 GiB) and a sensitivity study of 10^8 samples (terabytes) are refused at once.
{
  cat "$tmp/wide.yaml"
  echo "sweep:"
  echo "  design: random"
  echo "  samples: 100000000"
  echo "  replications: 1"
  echo "  parameters:"
  awk 'BEGIN { for (k = 1; k <= 100; k++) print "    actors.A.positions.i" k ": {range: [0, 100]}" }'
} >"$tmp/swept.yaml"
"$accord" validate "$tmp/swept.yaml" >/dev/null || fail "the swept scenario does not validate"
design_refused() {  # what pattern command...
  local what=$1 pattern=$2 status=0; shift 2
  timeout 60 "$@" >/dev/null 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2 (124: still running after 60 s): $(cat "$tmp/err")"
  grep -q -e "$pattern" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  echo "  $what: $(cat "$tmp/err")"
}
design_refused "sweep" "100000000 design points make a design of about .* GiB, built in memory before the first run" \
  "$accord" sweep "$tmp/swept.yaml" -q -o "$tmp/sweep"
[ ! -e "$tmp/sweep/.accord-sweep" ] && [ ! -e "$tmp/sweep/runs.csv.partial" ] || fail "sweep: journals written"
design_refused "sensitivity" "100000000 samples make a design of .* lower --samples" \
  "$accord" sensitivity "$tmp/swept.yaml" -q -o "$tmp/sens" --samples 100000000
[ ! -e "$tmp/sens/.accord-sweep" ] || fail "sensitivity: journals written"

# A grid is never built up front: a grid of 10^8 points (8 parameters of 10 steps) starts at once;
# shard 0 of 10^7 runs its points 0, 10^7, ..., 9 x 10^7, whose values are computed from their
# numbers (point 10^7 is step 1 of the first parameter, every other at its first step).
{
  cat "$tmp/wide.yaml"
  echo "sweep:"
  echo "  design: grid"
  echo "  replications: 1"
  echo "  parameters:"
  awk 'BEGIN { for (k = 1; k <= 8; k++) print "    actors.A.positions.i" k ": {range: [0, 90], steps: 10}" }'
} >"$tmp/grid.yaml"
status=0
timeout 60 "$accord" sweep "$tmp/grid.yaml" -q -o "$tmp/grid" --shard 0/10000000 2>"$tmp/err" || status=$?
[ "$status" -eq 0 ] || fail "a grid of 10^8 points: exit status $status (124: still running after 60 s): $(cat "$tmp/err")"
[ "$(($(wc -l <"$tmp/grid/points.csv") - 1))" -eq 10 ] || fail "the grid's shard: points.csv rows"
sed -n 3p "$tmp/grid/points.csv" | grep -q '^10000000,10,0,0,0,0,0,0,0,1,' ||
  fail "point 10^7 of the grid: $(sed -n 3p "$tmp/grid/points.csv" | cut -c1-60)"
sed -n 11p "$tmp/grid/points.csv" | grep -q '^90000000,90,0,0,0,0,0,0,0,1,' ||
  fail "point 9 x 10^7 of the grid: $(sed -n 11p "$tmp/grid/points.csv" | cut -c1-60)"
echo "  a grid of 10^8 points: shard 0/10000000 ran its 10 points"

# A sweep keeps every replication's terms and outcomes of the point in progress (points.csv's mean
# and sd are summed over the point's sorted values): 10^8 replications of 300 issues without a
# status quo are 8 x 300 x 10^8 bytes, about 223.5 GiB, refused at once for sweep and sensitivity.
design_refused "sweep replications" \
  "100000000 replications of a point would hold about 223.5 GiB of terms and outcomes in memory .* lower --runs" \
  "$accord" sweep "$tmp/grid.yaml" -q -o "$tmp/reps" --runs 100000000
[ ! -e "$tmp/reps/.accord-sweep" ] && [ ! -e "$tmp/reps/runs.csv.partial" ] || fail "sweep replications: journals written"
design_refused "sensitivity replications" \
  "100000000 replications of a point would hold about 223.5 GiB .* lower --runs" \
  "$accord" sensitivity "$tmp/grid.yaml" -q -o "$tmp/sens_reps" --samples 2 --runs 100000000
echo ok

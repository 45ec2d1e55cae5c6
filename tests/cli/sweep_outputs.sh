#!/usr/bin/env bash
# `accord sweep -o DIR` writes runs.csv, points.csv and manifest.json as docs/interface.md section 4
# says: the headers, rows sorted by point then replication, run = point x replications +
# replication, seed = s + replication (common random numbers: replication k draws the same
# values at every point), points.csv aggregating runs.csv, the grid in row-major order with its
# values, and `--runs N` / `--seed N` setting the replications and the seed.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sweep_small.yaml
[ -f "$scenario" ] || fail "$scenario is missing"

# What tests/data/sweep_small.yaml declares (kept in step with the file).
sweep_params="actors.NORTH.reservation actors.EAST.capability"
issues="budget timeline"
drawn="actors.SOUTH.positions.budget influence.WEST->NORTH.weight"
reps=10 seed=42
axis0="0.78 0.81 0.84 0.87"  # range: [0.78, 0.87], steps: 4 (evenly spaced, ends included)
axis1="5 20 40"              # values: [5, 20, 40], as given
n0=$(wc -w <<<"$axis0") n1=$(wc -w <<<"$axis1")
points=$((n0 * n1))

runs_header="point,replication,run,seed"
for p in $sweep_params; do runs_header+=",$p"; done
runs_header+=",rounds,converged,agreed,agreement_round,agreement_date"
for i in $issues; do runs_header+=",terms.$i"; done
for p in $drawn; do runs_header+=",$p"; done
points_header="point"
for p in $sweep_params; do points_header+=",$p"; done
points_header+=",runs,p_agree,p_agree_low,p_agree_high"
for i in $issues; do points_header+=",terms.$i.mean,terms.$i.sd"; done

# Column numbers in runs.csv.
np=$(wc -w <<<"$sweep_params") ni=$(wc -w <<<"$issues") nd=$(wc -w <<<"$drawn")
c_agreed=$((4 + np + 3))
c_terms=$((4 + np + 6))      # first terms.<issue>
c_drawn=$((c_terms + ni))    # first drawn parameter
ncol=$((c_drawn + nd - 1))

# check_sweep DIR REPS SEED: every check of the files of a whole grid sweep of sweep_small.yaml.
check_sweep() {
  local out=$1 r=$2 s=$3
  for f in runs.csv points.csv manifest.json; do
    [ -f "$out/$f" ] || fail "$f is missing from the result directory (found: $(ls -A "$out" | tr '\n' ' '))"
  done
  local leftovers
  leftovers=$(ls -A "$out" | grep -v -x -e runs.csv -e points.csv -e manifest.json || true)
  [ -z "$leftovers" ] || fail "files left in the result directory after a complete sweep: $leftovers"

  echo "checking: runs.csv header"
  local got
  got=$(head -n 1 "$out/runs.csv")
  [ "$got" = "$runs_header" ] || fail "runs.csv header is
  $got
expected
  $runs_header"
  echo "checking: points.csv header"
  got=$(head -n 1 "$out/points.csv")
  [ "$got" = "$points_header" ] || fail "points.csv header is
  $got
expected
  $points_header"

  echo "checking: runs.csv has $points x $r rows sorted by point then replication, run = point*$r + replication, seed = $s + replication"
  awk -F, -v ncol="$ncol" -v reps="$r" -v seed="$s" -v points="$points" '
    NR == 1 { next }
    NF != ncol { printf "runs.csv line %d has %d fields, the header has %d\n", NR, NF, ncol; exit 1 }
    {
      i = NR - 2; p = int(i / reps); k = i % reps
      if ($1 != p || $2 != k) { printf "runs.csv line %d is point %s replication %s, expected point %d replication %d (sorted by point, then replication)\n", NR, $1, $2, p, k; exit 1 }
      if ($3 != p * reps + k) { printf "runs.csv line %d (point %d, replication %d): run %s, expected %d = point*%d + replication\n", NR, p, k, $3, p * reps + k, reps; exit 1 }
      if ($4 != seed + k) { printf "runs.csv line %d (point %d, replication %d): seed %s, expected %d = %d + replication\n", NR, p, k, $4, seed + k, seed; exit 1 }
    }
    END { if (NR - 1 != points * reps) { printf "runs.csv has %d rows, expected %d points x %d replications = %d\n", NR - 1, points, reps, points * reps; exit 1 } }' \
    "$out/runs.csv" || fail "runs.csv rows are out of order or misnumbered (see above)"

  echo "checking: common random numbers: the drawn columns of replication k are the same at every point"
  awk -F, -v c="$c_drawn" -v ncol="$ncol" '
    NR == 1 { next }
    { d = ""; for (j = c; j <= ncol; j++) d = d "," $j
      if (!($2 in first)) { first[$2] = d; where[$2] = $1 }
      else if (first[$2] != d) { printf "replication %s draws %s at point %s but %s at point %s\n", $2, substr(d, 2), $1, substr(first[$2], 2), where[$2]; exit 1 } }' \
    "$out/runs.csv" || fail "replications do not share their draws across points"
  local distinct
  distinct=$(awk -F, -v c="$c_drawn" 'NR > 1 && $1 == 0 { print $c }' "$out/runs.csv" | sort -u | wc -l)
  [ "$distinct" -eq "$r" ] || fail "point 0: $r replications drew only $distinct distinct values of the first drawn parameter"

  echo "checking: grid points in row-major order (last parameter fastest), values $axis0 x $axis1"
  awk -F, -v a0="$axis0" -v a1="$axis1" -v points="$points" '
    BEGIN { n0 = split(a0, v0, " "); n1 = split(a1, v1, " ") }
    function near(x, y) { return (x - y) ^ 2 <= 1e-24 * (1 + y * y) }
    NR == 1 { next }
    { p = NR - 2; i = int(p / n1); j = p % n1
      if ($1 != p) { printf "points.csv line %d is point %s, expected %d\n", NR, $1, p; exit 1 }
      if (!near($2 + 0, v0[i + 1]) || $3 != v1[j + 1]) { printf "point %d is (%s, %s), expected (%s, %s): row-major over the parameters as listed, the last varying fastest\n", p, $2, $3, v0[i + 1], v1[j + 1]; exit 1 } }
    END { if (NR - 1 != points) { printf "points.csv has %d rows, expected %d (%d x %d grid)\n", NR - 1, points, n0, n1; exit 1 } }' \
    "$out/points.csv" || fail "the grid points are wrong (see above)"
  # The values of a `values` list are written as given.
  got=$(awk -F, 'NR > 1 { print $3 }' "$out/points.csv" | sort -n -u | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$axis1" ] || fail "actors.EAST.capability takes the values '$got', expected exactly '$axis1'"

  echo "checking: each runs.csv row carries its point's parameter values"
  awk -F, -v np="$np" '
    FNR == 1 { next }
    FILENAME ~ /points.csv$/ { v = ""; for (j = 2; j <= 1 + np; j++) v = v "," $j; val[$1] = v; next }
    { v = ""; for (j = 5; j <= 4 + np; j++) v = v "," $j
      if (v != val[$1]) { printf "runs.csv line %d (point %s) has parameters %s, points.csv has %s\n", FNR, $1, substr(v, 2), substr(val[$1], 2); exit 1 } }' \
    "$out/points.csv" "$out/runs.csv" || fail "runs.csv and points.csv disagree on the design points"

  echo "checking: points.csv runs = $r, p_agree = mean of agreed, its Wilson interval, terms mean and sd"
  awk -F, -v np="$np" -v ni="$ni" -v ca="$c_agreed" -v ct="$c_terms" -v reps="$r" '
    function near(x, y) { return (x - y) ^ 2 <= 1e-18 * (1 + y * y) }
    FNR == 1 { next }
    FILENAME ~ /runs.csv$/ {
      n[$1]++; a[$1] += $ca
      for (j = 0; j < ni; j++) { t = $(ct + j); s1[$1, j] += t; s2[$1, j] += t * t }
      next }
    { p = $1; c = 2 + np
      if ($c != reps || n[p] != reps) { printf "point %s: runs %s, runs.csv holds %d rows, expected %d\n", p, $c, n[p], reps; bad = 1; next }
      m = a[p] / reps
      if (!near($(c + 1), m)) { printf "point %s: p_agree %s, but runs.csv agreed averages %.17g\n", p, $(c + 1), m; bad = 1 }
      z = 1.96; den = 1 + z * z / reps; ctr = (m + z * z / (2 * reps)) / den
      h = z * sqrt(m * (1 - m) / reps + z * z / (4 * reps * reps)) / den
      lo = ctr - h < 0 ? 0 : ctr - h; hi = ctr + h > 1 ? 1 : ctr + h
      if (!near($(c + 2), lo) || !near($(c + 3), hi)) { printf "point %s: p_agree interval [%s, %s], expected the 95%% Wilson interval (z = 1.96) [%.10g, %.10g]\n", p, $(c + 2), $(c + 3), lo, hi; bad = 1 }
      for (j = 0; j < ni; j++) {
        mean = s1[p, j] / reps; sd = sqrt((s2[p, j] - reps * mean * mean) / (reps - 1))
        if ((mean - $(c + 4 + 2 * j)) ^ 2 > 1e-16 * (1 + mean * mean)) { printf "point %s: terms mean %s, runs.csv gives %.10g\n", p, $(c + 4 + 2 * j), mean; bad = 1 }
        if ((sd - $(c + 5 + 2 * j)) ^ 2 > 1e-12 * (1 + sd * sd)) { printf "point %s: terms sd %s, runs.csv gives %.10g\n", p, $(c + 5 + 2 * j), sd; bad = 1 }
      } }
    END { exit bad }' "$out/runs.csv" "$out/points.csv" || fail "points.csv does not aggregate runs.csv (see above)"

  echo "checking: manifest.json: design grid, points $points, replications $r, shard 0/1, runs $((points * r)), seed $s"
  python3 - "$out/manifest.json" "$scenario" "$(sha256sum "$scenario" | cut -d' ' -f1)" "$points" "$r" "$s" <<'PY' || fail "manifest.json is wrong (see above)"
import json, sys
path, scenario, sha, points, reps, seed = sys.argv[1:]
m = json.load(open(path))
want = {"design": "grid", "points": int(points), "replications": int(reps), "shard": "0/1",
        "runs": int(points) * int(reps), "seed": int(seed), "scenario": scenario, "scenario_sha256": sha}
bad = [f"{k} is {m.get(k, '(missing)')!r}, expected {v!r}" for k, v in want.items() if m.get(k) != v or isinstance(m.get(k), bool)]
for k in ["accord_version", "command_line", "threads", "start_time", "end_time"]:
    if k not in m: bad.append(f"key '{k}' missing")
for b in bad: print("FAIL: manifest.json: " + b)
sys.exit(1 if bad else 0)
PY
}

echo "running: accord sweep $scenario -o DIR (the file's replications $reps and seed $seed)"
"$accord" sweep "$scenario" -q -o "$tmp/a" || fail "accord sweep $scenario exited with status $?"
check_sweep "$tmp/a" "$reps" "$seed"
agreed_values=$(awk -F, -v c="$c_agreed" 'NR > 1 { print $c }' "$tmp/a/runs.csv" | sort -u | tr '\n' ' ')
[ "$agreed_values" = "0 1 " ] || fail "every run of the sweep has agreed = '$agreed_values': the test scenario should mix agreements and failures"

echo "running: accord sweep $scenario -o DIR --runs 4 --seed 100"
"$accord" sweep "$scenario" -q -o "$tmp/b" --runs 4 --seed 100 || fail "accord sweep --runs 4 --seed 100 exited with status $?"
check_sweep "$tmp/b" 4 100

echo "checking: replication k with seed s + k gives the same row at every seed base (run 2 of --seed 100 = run 0 of --seed 102)"
"$accord" sweep "$scenario" -q -o "$tmp/c" --runs 1 --seed 102 || fail "accord sweep --runs 1 --seed 102 exited with status $?"
row_b=$(awk -F, 'NR > 1 && $1 == 5 && $2 == 2' "$tmp/b/runs.csv" | cut -d, -f4-)
row_c=$(awk -F, 'NR > 1 && $1 == 5 && $2 == 0' "$tmp/c/runs.csv" | cut -d, -f4-)
[ -n "$row_b" ] && [ "$row_b" = "$row_c" ] || fail "point 5: replication 2 of --seed 100 and replication 0 of --seed 102 (both seed 102) differ:
  $row_b
  $row_c"
echo "sweep_outputs: all checks passed"

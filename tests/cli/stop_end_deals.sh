#!/usr/bin/env bash
# The deals' terms (terms_if_agreed) under `decide: every-round` with `stop: end`, where a run's
# reported terms (terms.<issue>) are its last round's and its deal (outcome.<issue>) was made earlier
# (docs/interface.md section 4.2). terms_if_agreed averaged the last rounds' terms: 69.77 where the
# 49 deals of tests/data/stop_end_deal.yaml average 67.63. Each output must give the deals' mean:
# summary.csv, summarize, a sweep's points.csv and compare.csv, against means computed here from runs.csv.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
file=tests/data/stop_end_deal.yaml
# mean_over_agreed CSV COLUMN [POINT]: the mean of COLUMN over the rows with agreed = 1 (of point POINT).
mean_over_agreed() {
  awk -F, -v want="$2" -v point="${3:-}" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["agreed"] == 1 && (point == "" || $c["point"] == point) { n++; s += $c[want] }
    END { printf "%.9g\n", s / n }' "$1"
}
# field CSV KEY-COLUMN KEY COLUMN: COLUMN of the row whose KEY-COLUMN is KEY, to 9 digits.
field() {
  awk -F, -v key="$2" -v at="$3" -v want="$4" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c[key] == at { printf "%.9g\n", $c[want] }' "$1"
}
"$accord" run "$file" -q -o "$tmp/run" || fail "accord run failed"
deals=$(mean_over_agreed "$tmp/run/runs.csv" outcome.x)
last=$(mean_over_agreed "$tmp/run/runs.csv" terms.x)
awk -v a="$deals" -v b="$last" 'BEGIN { exit !(b - a > 1) }' ||
  fail "the file no longer tells deals from last rounds (deals $deals, last rounds $last)"
got=$(field "$tmp/run/summary.csv" quantity terms_if_agreed.x mean)
[ "$got" = "$deals" ] || fail "summary.csv: terms_if_agreed.x is $got, the deals' mean is $deals (last rounds' $last)"
echo "  summary.csv: terms_if_agreed.x $got, the deals' mean (the last rounds' $last)"
"$accord" summarize "$tmp/run/runs.csv" --by agreed -o "$tmp/by_agreed.csv" || fail "accord summarize failed"
got=$(field "$tmp/by_agreed.csv" agreed 1 terms_if_agreed.x.mean)
[ "$got" = "$deals" ] || fail "summarize: terms_if_agreed.x.mean is $got, the deals' mean is $deals"
echo "  summarize --by agreed: $got"
"$accord" compare "$file" "$file" -q -o "$tmp/compare" || fail "accord compare failed"
got=$(field "$tmp/compare/compare.csv" quantity terms_if_agreed.x a)
[ "$got" = "$deals" ] || fail "compare.csv: terms_if_agreed.x's a is $got, the deals' mean is $deals"
echo "  compare.csv: a = $got"
"$accord" sweep "$file" -q -o "$tmp/sweep" || fail "accord sweep failed"
for point in 0 1; do
  deals=$(mean_over_agreed "$tmp/sweep/runs.csv" outcome.x "$point")
  last=$(mean_over_agreed "$tmp/sweep/runs.csv" terms.x "$point")
  got=$(field "$tmp/sweep/points.csv" point "$point" terms_if_agreed.x.mean)
  [ "$got" = "$deals" ] || fail "points.csv, point $point: terms_if_agreed.x.mean is $got, the deals' mean is $deals (last rounds' $last)"
  echo "  points.csv, point $point: $got, the deals' mean (the last rounds' $last)"
done
# compare where only one variant has a status quo on an issue (y): the same model (reservations are
# numbers, so the status quo changes nothing), whose deals are the same. compare took B's deals but A's
# last texts on y: -2.93 [-2.97 to -2.89] between identical negotiations.
cat >"$tmp/a.yaml" <<'YAML'
accord: 1
issues: [{id: x, status_quo: 10}, {id: y}]
actors:
  - {id: A, capability: 2, positions: {x: 0, y: 20}, reservation: 0.7, veto: true}
  - {id: B, capability: 1, positions: {x: 90, y: 80}, reservation: 0.6, veto: true}
  - {id: C, capability: 1, positions: {x: 50, y: 50}, reservation: 0.8}
influence: [{from: A, to: B, weight: 0.5}, {from: B, to: A, weight: 0.5}, {from: C, to: A, weight: 0.5}]
model: {rounds: 30, step: 0.2}
outcome: {stop: end}
uncertainty:
  actors.A.reservation: {uniform: [0.6, 0.95]}
  actors.B.positions.x: {uniform: [50, 100]}
monte_carlo: {runs: 200, seed: 5}
YAML
sed 's/{id: y}/{id: y, status_quo: 40}/' "$tmp/a.yaml" >"$tmp/b.yaml"
"$accord" compare "$tmp/a.yaml" "$tmp/b.yaml" -q -o "$tmp/one_status_quo" || fail "accord compare failed"
"$accord" run "$tmp/b.yaml" -q -o "$tmp/b" || fail "accord run failed"
deals=$(mean_over_agreed "$tmp/b/runs.csv" outcome.y)
for column in a b; do
  got=$(field "$tmp/one_status_quo/compare.csv" quantity terms_if_agreed.y $column)
  [ "$got" = "$deals" ] || fail "compare.csv: terms_if_agreed.y's $column is $got, the deals' mean is $deals"
done
[ "$(field "$tmp/one_status_quo/compare.csv" quantity terms_if_agreed.y difference)" = 0 ] ||
  fail "compare.csv: identical deals differ: $(grep terms_if_agreed.y "$tmp/one_status_quo/compare.csv")"
echo "  compare.csv, a status quo on y in one variant only: a = b = $deals, the deals' mean"
echo "PASS"

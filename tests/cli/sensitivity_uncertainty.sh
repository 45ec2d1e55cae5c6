#!/usr/bin/env bash
# `accord sensitivity --over uncertainty` on tests/data/sensitivity_uncertainty.yaml, whose terms
# are linear in three drawn positions (uniform, normal, triangular), so that the first-order
# Sobol indices are the variance shares 0.600, 0.288 and 0.112 (see the file); the warning on
# wide intervals; determinism; and the refusals.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sensitivity_uncertainty.yaml
field() {  # file output parameter index column -> that column (5 value, 6 ci_low, 7 ci_high)
  awk -F, -v o="$2" -v p="$3" -v i="$4" -v c="$5" '$2 == o && $3 == p && $4 == i { print $c; found = 1 } END { if (!found) print "missing" }' "$1"
}
check_index() {  # file parameter index expected: |value - expected| <= 0.03 and the interval holds it
  local v lo hi
  v=$(field "$1" terms.x "$2" "$3" 5); lo=$(field "$1" terms.x "$2" "$3" 6); hi=$(field "$1" terms.x "$2" "$3" 7)
  awk -v v="$v" -v lo="$lo" -v hi="$hi" -v e="$4" \
    'BEGIN { d = v - e; if (d < 0) d = -d; exit !(v != "missing" && d <= 0.03 && lo <= e && e <= hi) }' \
    || fail "$3 of $2: $v [$lo, $hi], expected $4 inside the interval and within 0.03"
}

echo "sobol, default samples (N = 1024): S1 = ST = the variance shares"
"$accord" sensitivity "$scenario" --over uncertainty -o "$tmp/u" -q 2>"$tmp/err"
f=$tmp/u/sensitivity.csv
[ "$(($(wc -l < "$tmp/u/runs.csv") - 1))" -eq 5120 ] || fail "runs.csv should hold N(d+2) = 1024 * 5 runs"
head -1 "$tmp/u/runs.csv" | grep -q 'actors.A.positions.x,actors.B.positions.x,actors.C.positions.x' \
  || fail "runs.csv does not name the uncertain paths: $(head -1 "$tmp/u/runs.csv")"
grep -q '"design": "saltelli-1024"' "$tmp/u/manifest.json" || fail "manifest design"
check_index "$f" actors.A.positions.x S1 0.600
check_index "$f" actors.B.positions.x S1 0.288
check_index "$f" actors.C.positions.x S1 0.112
check_index "$f" actors.A.positions.x ST 0.600
check_index "$f" actors.B.positions.x ST 0.288
check_index "$f" actors.C.positions.x ST 0.112
# The drawn values: A uniform on [0, 100], so the mean of its column over the 5120 runs is ~50;
# B's normal quantiles stay within 50 +- 10 * Phi^-1(1 - 1/2048) = 50 +- 34.9.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "actors.B.positions.x") c = i; next }
         { if ($c < 15 || $c > 85) bad = 1 } END { exit bad }' "$tmp/u/runs.csv" || fail "B's values outside its quantiles"
! grep -q 'warning: S1 of actors.A.positions.x for terms.x' "$tmp/err" || fail "A's S1 is narrow: $(cat "$tmp/err")"

echo "the picture: analysis/plot.py draws sensitivity.png for an --over uncertainty directory"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" analysis/plot.py "$tmp/u" >/dev/null
[ "$(head -c 8 "$tmp/u/sensitivity.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "sensitivity.png"

echo "few samples: a warning per index whose interval is wider than the index"
"$accord" sensitivity "$scenario" --over uncertainty --samples 4 -o "$tmp/few" -q 2>"$tmp/err"
n=$(grep -c 'warning: .* is wider than the index' "$tmp/err" || true)
[ "$n" -ge 1 ] || fail "no warning at N = 4: $(cat "$tmp/err")"
rows=$(awk -F, 'NR > 1 && $5 != "" && $7 - $6 > ($5 < 0 ? -$5 : $5)' "$tmp/few/sensitivity.csv" | wc -l)
[ "$n" -eq "$rows" ] || fail "$n warnings for $rows wide intervals"

echo "same seed, same bytes; morris runs too"
"$accord" sensitivity "$scenario" --over uncertainty --samples 4 -o "$tmp/few2" -q 2>/dev/null
cmp "$tmp/few/sensitivity.csv" "$tmp/few2/sensitivity.csv" || fail "not deterministic"
cmp "$tmp/few/runs.csv" "$tmp/few2/runs.csv" || fail "runs.csv not deterministic"
"$accord" sensitivity "$scenario" --over uncertainty --method morris --samples 5 -o "$tmp/m" -q
[ "$(($(wc -l < "$tmp/m/runs.csv") - 1))" -eq 20 ] || fail "5 trajectories of 4 points"
[ "$(grep -c '^morris,terms.x,' "$tmp/m/sensitivity.csv")" -eq 6 ] || fail "morris rows"

echo "refusals: no uncertainty block (located); everything fixed by --set; a bad --over"
status=0
"$accord" sensitivity tests/data/fj1999_a.yaml --over uncertainty -o "$tmp/none" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "fj1999_a.yaml:1:1: error: the scenario has no 'uncertainty' block" "$tmp/err" \
  || fail "no uncertainty block: exit $status: $(cat "$tmp/err")"
[ ! -e "$tmp/none" ] || fail "a refused study left a directory"
status=0
"$accord" sensitivity "$scenario" --over uncertainty -o "$tmp/set" -q --set actors.A.positions.x=1 \
  --set actors.B.positions.x=2 --set actors.C.positions.x=3 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "sensitivity_uncertainty.yaml:[0-9]*:[0-9]*: error: every parameter of 'uncertainty' is fixed by --set" "$tmp/err" \
  || fail "all fixed: exit $status: $(cat "$tmp/err")"
status=0
"$accord" sensitivity "$scenario" -o "$tmp/sweep" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "no 'sweep' block" "$tmp/err" || fail "--over sweep without a sweep block: exit $status"
status=0
"$accord" sensitivity "$scenario" --over weather -o "$tmp/bad" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "--over weather: exit $status"
echo ok

#!/usr/bin/env bash
# `accord sensitivity` on tests/data/sensitivity_linear.yaml, whose indices are known in closed
# form (see the file), with both methods; and its refusals.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sensitivity_linear.yaml
value() {  # file output parameter index -> value column
  awk -F, -v o="$2" -v p="$3" -v i="$4" '$2 == o && $3 == p && $4 == i { print $5; found = 1 } END { if (!found) print "missing" }' "$1"
}
near() {  # value expected tolerance description
  awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = v - e; if (d < 0) d = -d; exit !(v != "missing" && d <= t) }' \
    || fail "$4: $1, expected $2 +- $3"
}

echo "sobol: S1 = ST = 1 for A's position, exactly 0 for B's stubbornness"
"$accord" sensitivity "$scenario" -o "$tmp/sobol" -q
[ "$(head -1 "$tmp/sobol/sensitivity.csv")" = "method,output,parameter,index,value,ci_low,ci_high" ] || fail "header"
[ "$(($(wc -l < "$tmp/sobol/runs.csv") - 1))" -eq 1024 ] || fail "runs.csv should hold N(d+2) = 1024 runs"
f=$tmp/sobol/sensitivity.csv
near "$(value "$f" terms.x actors.A.positions.x S1)" 1 0.05 "S1 of A's position"
near "$(value "$f" terms.x actors.A.positions.x ST)" 1 0.05 "ST of A's position"
[ "$(value "$f" terms.x actors.B.stubbornness S1)" = 0 ] || fail "S1 of B's stubbornness is not 0"
[ "$(value "$f" terms.x actors.B.stubbornness ST)" = 0 ] || fail "ST of B's stubbornness is not 0"
[ "$(grep -c '^sobol,agreed,' "$f")" -eq 4 ] || fail "agreed rows"

echo "morris: mu* = 25 and sigma = 0 for A's position, 0 for B"
"$accord" sensitivity "$scenario" -o "$tmp/morris" --method morris --samples 10 -q
f=$tmp/morris/sensitivity.csv
near "$(value "$f" terms.x actors.A.positions.x mu_star)" 25 1e-9 "mu* of A's position"
near "$(value "$f" terms.x actors.A.positions.x sigma)" 0 1e-9 "sigma of A's position"
near "$(value "$f" terms.x actors.B.stubbornness mu_star)" 0 0 "mu* of B's stubbornness"
[ "$(($(wc -l < "$tmp/morris/runs.csv") - 1))" -eq 30 ] || fail "10 trajectories of 3 points"

echo "the console table stays aligned with a parameter path longer than its former 30 columns"
sed -e 's/id: A,/id: A_NEGOTIATOR_WITH_A_LONG_ID,/' -e 's/actors\.A\./actors.A_NEGOTIATOR_WITH_A_LONG_ID./' \
  "$scenario" >"$tmp/long.yaml"
"$accord" sensitivity "$tmp/long.yaml" -o "$tmp/long" >"$tmp/long.out"
# every row's index (S1, ST) starts where the header's 'index' does
awk '/^  output +parameter +index/ { at = index($0, " index ") + 1; next }
     at && /^  (agreed|terms)/ { n++; if (substr($0, at, 2) != "S1" && substr($0, at, 2) != "ST") bad++ }
     END { exit !(n > 0 && bad == 0) }' "$tmp/long.out" || fail "misaligned: $(cat "$tmp/long.out")"
grep -q -- " -0\.000" "$tmp/long.out" && fail "a signed zero: $(grep -- ' -0\.000' "$tmp/long.out")"

echo "refusals: no sweep block; an existing directory"
status=0
"$accord" sensitivity tests/data/fj1999_a.yaml -o "$tmp/none" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "^tests/data/fj1999_a.yaml:1:1: error: the scenario has no 'sweep' block" "$tmp/err" ||
  fail "no sweep block: exit $status: $(cat "$tmp/err")"
status=0
"$accord" sweep tests/data/fj1999_a.yaml -o "$tmp/none" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "^tests/data/fj1999_a.yaml:1:1: error: the scenario has no 'sweep' block: nothing to sweep" "$tmp/err" ||
  fail "sweep, no sweep block: exit $status: $(cat "$tmp/err")"
[ ! -e "$tmp/none" ] || fail "a refused sweep made its directory"
status=0
"$accord" sensitivity "$scenario" -o "$tmp/sobol" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -q "already holds results" "$tmp/err" || fail "existing directory: exit $status"

echo "refusal: a sweep parameter that does not vary, at its line and column"
sed 's/actors.B.stubbornness: {range: \[0, 1\]}/actors.B.stubbornness: {range: [0.5, 0.5]}/' "$scenario" >"$tmp/flat.yaml"
line=$(grep -n 'actors.B.stubbornness: {range: \[0.5, 0.5\]}' "$tmp/flat.yaml" | cut -d: -f1)
[ -n "$line" ] || fail "could not write the flat parameter"
status=0
"$accord" sensitivity "$tmp/flat.yaml" -o "$tmp/flat" -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qE "flat.yaml:$line:[0-9]+: error: sweep parameter 'actors.B.stubbornness' does not vary" "$tmp/err" ||
  fail "a flat parameter: exit $status: $(cat "$tmp/err")"
echo ok

#!/usr/bin/env bash
# Valid input the loader once refused, and limits it checks on generated files (issue 10, items
# 20, 21 and 24): quotes after a space in a plain or block scalar are text; a leading UTF-8 byte
# order mark is accepted in a scenario and in an actor table; a Sobol sweep over more parameters
# than Boost's tables hold (3667) is refused at validation, located at `parameters`.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
data=$src/tests/data/yaml_text

echo "checking: quotes after a space in plain and block scalars are text, not quoted strings"
"$accord" validate "$data/quotes_in_plain_and_block.yaml" >"$tmp/out" 2>"$tmp/err" ||
  fail "quotes_in_plain_and_block.yaml refused (status $?): $(cat "$tmp/err")"
grep -q "2 actors" "$tmp/out" || fail "expected 2 actors in: $(cat "$tmp/out")"
# The names are read as written: the graph labels the nodes with them.
"$accord" graph "$data/quotes_in_plain_and_block.yaml" >"$tmp/graph.dot" 2>"$tmp/err" ||
  fail "accord graph refused quotes_in_plain_and_block.yaml: $(cat "$tmp/err")"
grep -qF "Germany's" "$tmp/graph.dot" || fail "the name Germany's is missing from the graph: $(cat "$tmp/graph.dot")"
grep -qF 'Russia \"the' "$tmp/graph.dot" || grep -qF 'Russia "the' "$tmp/graph.dot" ||
  fail "the block-scalar name 'Russia \"the' is missing from the graph: $(cat "$tmp/graph.dot")"
echo "  valid, names read as written"

echo "checking: a refused scale is the only error (no value reported outside a scale the file did not give)"
status=0
"$accord" validate "$src/tests/data/invalid/refused_scale_no_cascade.yaml" >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "exit status $status for a refused scale, expected 2"
[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] || fail "expected only the scale's error, got: $(grep ': error: ' "$tmp/err")"
grep -qF "refused_scale_no_cascade.yaml:6:16: error: issue 'budget': scale upper bound must be a number" "$tmp/err" ||
  fail "the scale's error is not located at 6:16: $(cat "$tmp/err")"

echo "checking: a leading byte order mark is accepted in the YAML file and in the CSV table"
"$accord" validate "$data/bom_yaml_and_csv.yaml" >"$tmp/out" 2>"$tmp/err" ||
  fail "bom_yaml_and_csv.yaml refused (status $?): $(cat "$tmp/err")"
grep -q "2 actors" "$tmp/out" || fail "expected 2 actors in: $(cat "$tmp/out")"
echo "  valid: $(cat "$tmp/out")"

sobol() {  # parameter-count file: a scenario with N actors and a Sobol sweep over each one's capability
  awk -v n="$1" 'BEGIN {
    print "accord: 1"; print "issues:"; print "  - id: agenda"; print "actors:"
    for (i = 1; i <= n; i++) printf "  - {id: a%d, capability: 10, positions: {agenda: 50}}\n", i
    print "sweep:"; print "  design: sobol"; print "  samples: 2"; print "  parameters:"
    for (i = 1; i <= n; i++) printf "    actors.a%d.capability: {range: [1, 10]}\n", i
  }' >"$2"
}
echo "checking: a Sobol sweep over 3667 parameters validates, over 3668 is refused at 'parameters'"
sobol 3667 "$tmp/sobol_3667.yaml"
"$accord" validate "$tmp/sobol_3667.yaml" >"$tmp/out" 2>"$tmp/err" ||
  fail "3667 Sobol parameters refused (status $?): $(head -n 3 "$tmp/err")"
sobol 3668 "$tmp/sobol_3668.yaml"
status=0
"$accord" validate "$tmp/sobol_3668.yaml" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "3668 Sobol parameters: exit status $status, expected 2"
line=$(grep -n '^  parameters:' "$tmp/sobol_3668.yaml" | cut -d: -f1)
expected="sobol_3668.yaml:$((line + 1)):5: error: sweep: the sobol design draws at most 3667 parameters, found 3668"
grep -qF "$expected" "$tmp/err" || fail "expected '$expected' in: $(head -n 3 "$tmp/err")"
echo "  refused: $(head -n 1 "$tmp/err")"

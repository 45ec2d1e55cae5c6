#!/usr/bin/env bash
# `accord validate` accepts every shipped scenario, refuses a set of files containing an invalid
# one (exit 2, naming it), and reports warnings without failing; `accord graph` prints the
# influence network as DOT: one node per actor and one edge per influence edge of the file.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

echo "checking: accord validate exits 0 on every scenarios/*.yaml and scenarios/counterfactuals/*.yaml"
count=0
for f in scenarios/*.yaml scenarios/counterfactuals/*.yaml; do
  count=$((count + 1))
  status=0
  "$accord" validate "$f" >"$tmp/out" 2>"$tmp/err" || status=$?
  [ "$status" -eq 0 ] || fail "accord validate $f: exit status $status, expected 0:
$(cat "$tmp/err")"
  ! grep -q "error:" "$tmp/err" || fail "accord validate $f exited 0 but printed errors: $(cat "$tmp/err")"
  echo "  $f: valid"
done
[ "$count" -gt 0 ] || fail "no scenarios/*.yaml found"

echo "checking: validate on a valid and an invalid file exits 2 and reports the invalid one (in either order)"
valid=tests/data/warn_isolated.yaml
# An invalid copy: B's position 130 lies outside the scale [0, 100] (line 10 of the file).
sed 's/{id: B, capability: 1, positions: {x: 40}}/{id: B, capability: 1, positions: {x: 130}}/' "$valid" >"$tmp/bad_position.yaml"
grep -q 'x: 130' "$tmp/bad_position.yaml" || fail "could not write the invalid copy of $valid"
line=$(grep -n 'x: 130' "$tmp/bad_position.yaml" | cut -d: -f1)
for order in "$valid $tmp/bad_position.yaml" "$tmp/bad_position.yaml $valid"; do
  status=0
  # shellcheck disable=SC2086
  "$accord" validate $order >"$tmp/out" 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "accord validate $order: exit status $status, expected 2"
  grep -qE "bad_position\.yaml:$line:[0-9]+: error: .*130" "$tmp/err" ||
    fail "accord validate $order: no 'bad_position.yaml:$line:COL: error: ... 130 ...' on stderr; got:
$(cat "$tmp/err")"
  ! grep -E "error:" "$tmp/err" | grep -qF "warn_isolated.yaml" ||
    fail "accord validate $order reports an error against the valid file: $(cat "$tmp/err")"
  echo "  validate $(sed "s|$tmp/||g" <<<"$order"): exit 2, $(grep -m1 'error:' "$tmp/err" | sed "s|$tmp/||")"
done

echo "checking: validate on two invalid files reports both"
sed 's/{id: A, capability: 2,/{id: A, capability: -2,/' "$valid" >"$tmp/bad_capability.yaml"
status=0
"$accord" validate "$tmp/bad_position.yaml" "$tmp/bad_capability.yaml" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "validate of two invalid files: exit status $status, expected 2"
grep -qE 'bad_position\.yaml:[0-9]+:[0-9]+: error:' "$tmp/err" || fail "first invalid file not reported: $(cat "$tmp/err")"
grep -qE 'bad_capability\.yaml:[0-9]+:[0-9]+: error:' "$tmp/err" || fail "second invalid file not reported: $(cat "$tmp/err")"

echo "checking: a scenario with an isolated actor validates (exit 0) with a warning on stderr"
status=0
"$accord" validate "$valid" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 0 ] || fail "accord validate $valid: exit status $status, expected 0: $(cat "$tmp/err")"
grep -E "warning:" "$tmp/err" | grep -q "isolated" || fail "no 'warning: ... isolated' on stderr; got: $(cat "$tmp/err")"
grep -E "warning:.*isolated" "$tmp/err" | grep -qE "warn_isolated\.yaml.*'C'" ||
  fail "the isolated warning does not name the file and actor 'C': $(cat "$tmp/err")"
! grep -q "error:" "$tmp/err" || fail "validate printed an error for $valid: $(cat "$tmp/err")"
! grep -q "warning:" "$tmp/out" || fail "the warning went to stdout, not stderr: $(cat "$tmp/out")"
echo "  $(grep -m1 'warning:' "$tmp/err")"

scenario=scenarios/nato_russia_council_2002.yaml
echo "checking: accord graph $scenario prints a digraph with one node line per actor and one edge line per influence edge"
"$accord" graph "$scenario" >"$tmp/graph.dot" 2>"$tmp/err" || fail "accord graph exited with status $?: $(cat "$tmp/err")"
# Actors (one per line) and edges ("FROM TO" per line), read from the YAML.
py=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
  "$py" - "$scenario" "$tmp/actors" "$tmp/edges" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
open(sys.argv[2], "w").write("".join(f"{a['id']}\n" for a in d["actors"]))
open(sys.argv[3], "w").write("".join(f"{e['from']} {e['to']}\n" for e in d.get("influence") or []))
PY
else  # block lists of actors, flow-style edges, as the reference scenario is written
  awk '/^[A-Za-z_]/ { section = $1 } section == "actors:" && /^  - id:/ { print $3 }' "$scenario" >"$tmp/actors"
  awk '/^[A-Za-z_]/ { section = $1 } section == "influence:" && /^  - \{from:/ {
         f = $0; sub(/.*from: */, "", f); sub(/[ ,}].*/, "", f)
         t = $0; sub(/.*to: */, "", t); sub(/[ ,}].*/, "", t); print f, t }' "$scenario" >"$tmp/edges"
fi
n_actors=$(wc -l <"$tmp/actors")
n_edges=$(wc -l <"$tmp/edges")
[ "$n_actors" -gt 0 ] && [ "$n_edges" -gt 0 ] || fail "could not read actors/edges from $scenario"
head -n 1 "$tmp/graph.dot" | grep -qE '^(strict )?digraph' || fail "output does not start with 'digraph': $(head -n 1 "$tmp/graph.dot")"
[ "$(grep -v '^[[:space:]]*$' "$tmp/graph.dot" | tail -n 1)" = "}" ] || fail "output does not end with '}'"
edge_re='^[[:space:]]*"?[A-Za-z0-9_]+"?[[:space:]]*->[[:space:]]*"?[A-Za-z0-9_]+"?'
got_edges=$(grep -cE "$edge_re" "$tmp/graph.dot" || true)
[ "$got_edges" -eq "$n_edges" ] || fail "graph has $got_edges edge lines, the file has $n_edges influence edges"
while read -r from to; do
  c=$(grep -cE "^[[:space:]]*\"?$from\"?[[:space:]]*->[[:space:]]*\"?$to\"?[[:space:];\[]" "$tmp/graph.dot" || true)
  [ "$c" -eq 1 ] || fail "edge $from -> $to appears on $c lines of the graph, expected 1"
done <"$tmp/edges"
# Node statements: an id alone or with attributes; not the attribute statements node/edge/graph [...].
node_lines=$(grep -vE "$edge_re" "$tmp/graph.dot" | grep -vE '^[[:space:]]*(node|edge|graph)[[:space:]]*\[' | grep -cE '^[[:space:]]*"?[A-Za-z0-9_]+"?[[:space:]]*(\[|;|$)' || true)
[ "$node_lines" -eq "$n_actors" ] || fail "graph has $node_lines node lines, the file has $n_actors actors"
while read -r id; do
  c=$(grep -vE "$edge_re" "$tmp/graph.dot" | grep -cE "^[[:space:]]*\"?$id\"?[[:space:]]*(\[|;|$)" || true)
  [ "$c" -eq 1 ] || fail "actor $id has $c node lines in the graph, expected 1"
done <"$tmp/actors"
echo "  $n_actors node lines, $n_edges edge lines"
echo "validate_and_graph: all checks passed"

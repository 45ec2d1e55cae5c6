#!/usr/bin/env bash
# Influence edges read from a CSV table (`influence: {csv: FILE}`) give the same results, byte for
# byte, as the same edges written as a YAML list; a parameter path names an edge of the table;
# and a table of 200,000 edges between 20,000 actors validates and runs (no timing is asserted:
# speed is measured by bench/load_speed.sh).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
data=$src/tests/data
cd "$tmp"  # the CSV paths must resolve relative to the scenario file

echo "checking: influence_table.yaml (edges from influence_table.csv) and actors_table.yaml give identical results"
"$accord" run "$data/influence_table.yaml" -q -o table || fail "accord run influence_table.yaml exited with $?"
"$accord" run "$data/actors_table.yaml" -q -o list || fail "accord run actors_table.yaml exited with $?"
for f in runs.csv trajectory.csv terms.csv summary.csv; do
  cmp -s table/$f list/$f || fail "$f differs between the edge table and the edge list:
$(diff table/$f list/$f | head -n 6)"
  echo "  $f: identical ($(($(wc -l <table/$f) - 1)) rows)"
done
grep -q '"path": *"[^"]*influence_table.csv"' table/manifest.json ||
  fail "manifest.json does not list influence_table.csv among the inputs"

echo "checking: the table's edges are read (a changed weight changes runs.csv; --set reaches a table edge)"
cp "$data/influence_table.yaml" "$data/actors_table.csv" .
sed 's/^CITY,EAST,0.6$/CITY,EAST,0.1/' "$data/influence_table.csv" >influence_table.csv
cmp -s influence_table.csv "$data/influence_table.csv" && fail "the edit of influence_table.csv did not apply"
"$accord" run influence_table.yaml -q -o changed || fail "accord run of the changed table exited with $?"
cmp -s changed/runs.csv table/runs.csv && fail "changing the weight of CITY -> EAST left runs.csv unchanged"
"$accord" run "$data/influence_table.yaml" -q -o set --set 'influence.CITY->EAST.weight=0.1' ||
  fail "--set influence.CITY->EAST.weight exited with $?"
cmp -s set/runs.csv changed/runs.csv || fail "--set of a table edge differs from the same change in the table"
echo "  a changed cell and the same --set give the same runs.csv"

echo "checking: errors are located in the table"
printf 'from,to,weight\nNORTH,SOTH,0.4\nNORTH,CITY,x\n' >influence_table.csv
status=0
"$accord" validate influence_table.yaml >/dev/null 2>err || status=$?
[ "$status" -eq 2 ] || fail "exit status $status for a bad edge table, expected 2"
grep -qF "influence_table.csv:2:7: error: influence edge: unknown actor 'SOTH' (did you mean 'SOUTH'?)" err ||
  fail "the unknown actor is not located at 2:7: $(cat err)"
grep -qF "influence_table.csv:3:12: error: influence edge: weight must be a finite number, found 'x'" err ||
  fail "the bad weight is not located at 3:12: $(cat err)"

echo "checking: an actor table that cannot be read gives one unknown-actor error, not one per edge"
awk 'BEGIN { print "id,capability,colour,agenda"; for (i = 0; i < 300; i++) printf "a%d,1,red,%d\n", i, i % 101 }' >cascade_actors.csv
awk 'BEGIN { print "from,to,weight"; for (i = 0; i < 300; i++) printf "a%d,a%d,0.5\n", i, (i + 1) % 300 }' >cascade_edges.csv
printf 'accord: 1\nissues:\n  - id: agenda\nactors: {csv: cascade_actors.csv}\ninfluence: {csv: cascade_edges.csv}\n' >cascade.yaml
status=0
"$accord" validate cascade.yaml >/dev/null 2>err || status=$?
[ "$status" -eq 2 ] || fail "exit status $status for a refused actor table, expected 2"
grep -qF "cascade_actors.csv:1:" err || fail "the actor table's unknown column is not reported: $(head -n 5 err)"
[ "$(grep -c 'unknown actor' err)" -eq 1 ] ||
  fail "expected one unknown-actor error, found $(grep -c 'unknown actor' err): $(grep -m 3 'unknown actor' err)"
grep -qF "cascade_edges.csv:2:1: error: influence edge: unknown actor 'a0'; the actor table was not read to its end" err ||
  fail "the one unknown-actor error is not the first edge's: $(grep 'unknown actor' err)"
echo "  $(grep -c ': error: ' err) errors in all, one of them for the edges"

n=20000
echo "checking: $n actors and $((10 * n)) edges from tables: validate and run"
awk -v n=$n 'BEGIN { print "id,capability,stubbornness,agenda"
  for (i = 0; i < n; i++) printf "a%d,%d,%s,%d\n", i, 1 + i % 97, (i % 10 == 0 ? "0.5" : ""), (i * 37) % 101 }' >actors.csv
awk -v n=$n 'BEGIN { print "from,to,weight"; s = int((n - 1) / 10)
  for (i = 0; i < n; i++) for (j = 0; j < 10; j++) printf "a%d,a%d,0.%d\n", i, (i + 1 + j * s) % n, (i + 3 * j) % 9 + 1 }' \
  >edges.csv
printf 'accord: 1\nissues:\n  - id: agenda\nactors: {csv: actors.csv}\ninfluence: {csv: edges.csv}\n' >big.yaml
printf 'model:\n  rounds: 5\nmonte_carlo:\n  runs: 2\n  seed: 1\n' >>big.yaml
"$accord" validate big.yaml >out 2>err || fail "validate refused the big tables: $(head -n 3 err)"
grep -qF "big.yaml: valid ($n actors, 1 issues, $((10 * n)) influence edges, 0 events)" out ||
  fail "unexpected validate output: $(cat out) $(head -n 3 err)"
# --trajectories 0: the per-round zone of agreement (zopa.csv, a linear program over every actor)
# is not what this test is about.
"$accord" run big.yaml -q -o big --trajectories 0 || fail "run of the big tables exited with $?"
[ "$(tail -n +2 big/runs.csv | wc -l)" -eq 2 ] || fail "expected 2 runs in runs.csv"
echo "  validated and ran: $(cat out)"

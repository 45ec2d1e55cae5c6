#!/usr/bin/env bash
# Actors read from a CSV table (`actors: {csv: FILE}`, path relative to the scenario file, empty
# cells = defaults) give the same results, byte for byte, as the same actors written inline; and
# every non-default column of the table is really read (changing one cell changes the results).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
data=$src/tests/data
# Run from an unrelated directory: the CSV path must resolve relative to the scenario file.
cd "$tmp"

run() {  # scenario out-dir
  "$accord" run "$1" -q -o "$2" || fail "accord run $1 exited with status $?"
}
echo "checking: actors_table.yaml (actors from actors_table.csv) and actors_inline.yaml give identical results"
run "$data/actors_table.yaml" table
run "$data/actors_inline.yaml" inline
for f in runs.csv trajectory.csv terms.csv summary.csv; do
  cmp -s table/$f inline/$f || fail "$f differs between the table and the inline actors:
$(diff table/$f inline/$f | head -n 6)"
  echo "  $f: identical ($(($(wc -l <table/$f) - 1)) rows)"
done
[ "$(tail -n +2 table/runs.csv | wc -l)" -eq 25 ] || fail "expected 25 runs (monte_carlo.runs)"
# The scenario must exercise the decision: agreement comes at different rounds in different runs.
[ "$(awk -F, 'NR > 1 && $5 == 1 { print $6 }' table/runs.csv | sort -u | wc -l)" -ge 3 ] ||
  fail "agreement_round barely varies across runs: the scenario no longer tests reservations and vetoes"

echo "checking: each column of the table is read (changing one cell changes runs.csv)"
cp "$data/actors_table.yaml" "$tmp/actors_table.yaml"
mutate() {  # actor column value: writes $tmp/actors_table.csv with that cell changed
  python3 - "$data/actors_table.csv" "$tmp/actors_table.csv" "$@" <<'PY'
import csv, sys
src, dst, actor, column, value = sys.argv[1:]
rows = list(csv.reader(open(src, newline="")))
c = rows[0].index(column)
hits = [r for r in rows[1:] if r[0] == actor]
assert len(hits) == 1, f"no row for {actor}"
hits[0][c] = value
csv.writer(open(dst, "w", newline=""), lineterminator="\n").writerows(rows)
PY
}
# Sanity: the unmodified table copied next to the scenario copy reproduces the inline results.
mutate NORTH id NORTH
run "$tmp/actors_table.yaml" copy
cmp -s copy/runs.csv inline/runs.csv || fail "a rewritten copy of the table gives different runs.csv (CSV quoting?)"
for m in "NORTH capability 70" "NORTH stubbornness ''" "SOUTH self_weight ''" "WEST veto true" "NORTH reservation ''" \
         "SOUTH reservation 0.9" "NORTH timeline 30" "NORTH budget.salience ''" "CITY timeline.salience ''"; do
  eval "set -- $m"
  mutate "$1" "$2" "$3"
  rm -rf mutated
  run "$tmp/actors_table.yaml" mutated
  if cmp -s mutated/runs.csv inline/runs.csv; then
    fail "setting $1's '$2' cell to '$3' left runs.csv unchanged: the column is not read from the table"
  fi
  echo "  $1.$2 = '$3': runs.csv changes"
done
echo "actor_table: all checks passed"

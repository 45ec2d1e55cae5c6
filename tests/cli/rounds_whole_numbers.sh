#!/usr/bin/env bash
# model.rounds is an `int` column (docs/interface.md): round counts of 100,000 and more, drawn
# (runs.csv of `accord run`) and swept (runs.csv and points.csv of `accord sweep`), are written as
# whole numbers. std::to_chars's shortest form, which real columns keep, would write 1e+05.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

# The values of column `name` in a CSV file, sorted and unique, one line.
column() {
  awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1" |
    sort -n | uniq | tr '\n' ' '
}

"$accord" run tests/data/rounds_drawn_large.yaml -o "$tmp/run" > /dev/null || fail "run"
got=$(column "$tmp/run/runs.csv" model.rounds)
[ "$got" = "20 100000 2000000 " ] || fail "run: drawn model.rounds read '$got'"

"$accord" sweep tests/data/sweep_rounds_large.yaml -o "$tmp/sweep" > /dev/null || fail "sweep"
for file in runs points; do
  got=$(column "$tmp/sweep/$file.csv" model.rounds)
  [ "$got" = "20 100000 3000000 " ] || fail "sweep: $file.csv's model.rounds read '$got'"
done
# Every run of the point ends at the last meeting, round 12, whatever its count.
[ "$(column "$tmp/sweep/runs.csv" rounds)" = "12 " ] || fail "sweep: runs did not end at the last meeting"
echo "ok"

#!/usr/bin/env bash
# The pictures analysis/plot.py draws go with the results they were drawn from: --force and a merge
# over an older result remove them, and leave the user's other files (notes, pictures in a directory
# without results) alone.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sweep_small.yaml

"$accord" run "$scenario" --runs 5 -q -o "$tmp/run"
touch "$tmp/run/agreement.png" "$tmp/run/terms.png" "$tmp/run/trajectories.png" "$tmp/run/notes.txt"
"$accord" run "$scenario" --runs 6 -q -o "$tmp/run" --force
for picture in agreement terms trajectories; do
  [ ! -e "$tmp/run/$picture.png" ] || fail "run --force left $picture.png beside the new results"
done
[ -e "$tmp/run/notes.txt" ] || fail "run --force removed a file that is not a result"

"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/sweep"
touch "$tmp/sweep/sweep.png"
"$accord" sweep "$scenario" --runs 3 -q -o "$tmp/sweep" --force
[ ! -e "$tmp/sweep/sweep.png" ] || fail "sweep --force left sweep.png beside the new results"

"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/s0" --shard 0/2
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/s1" --shard 1/2
"$accord" merge "$tmp/s0" "$tmp/s1" -o "$tmp/merged" -q
touch "$tmp/merged/sweep.png"
"$accord" merge "$tmp/s1" "$tmp/s0" -o "$tmp/merged" -q
[ ! -e "$tmp/merged/sweep.png" ] || fail "a merge over an older result left its sweep.png"
[ -s "$tmp/merged/runs.csv" ] || fail "the merge wrote no runs.csv"
# Pictures in a directory without results are the user's own (drawn from elsewhere): they stay.
mkdir -p "$tmp/figs" "$tmp/figs_merge"
touch "$tmp/figs/sweep.png" "$tmp/figs/terms.png" "$tmp/figs_merge/sweep.png"
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/figs"
[ -e "$tmp/figs/sweep.png" ] && [ -e "$tmp/figs/terms.png" ] || fail "a sweep removed pictures it had not drawn from"
"$accord" merge "$tmp/s0" "$tmp/s1" -o "$tmp/figs_merge" -q
[ -e "$tmp/figs_merge/sweep.png" ] || fail "a merge into a directory without results removed its picture"
echo "ok"

#!/usr/bin/env bash
# An unfinished mpirun sweep (rank directories .mpi-rank-K-of-N in the output) is never silently
# computed again by a sweep without mpirun or with another -np: it is refused with exit status 2
# and says how to resume; --force replaces it and removes the old rank directories.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
small=tests/data/sweep_small.yaml
# What an interrupted `mpirun -np 2` sweep leaves: a rank directory per rank, each an unfinished shard.
mkdir -p "$tmp/out"
for k in 0 1; do
  "$accord" sweep "$small" -q -o "$tmp/out/.mpi-rank-$k-of-2" --shard $k/2 --runs 3
done
for extra in "" --resume; do
  status=0
  "$accord" sweep "$small" -q -o "$tmp/out" --runs 3 $extra 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "sweep $extra without mpirun: exit status $status, expected 2: $(cat "$tmp/err")"
  grep -q "run by mpirun with 2 ranks" "$tmp/err" && grep -q "mpirun -np 2" "$tmp/err" || fail "message: $(cat "$tmp/err")"
  [ ! -e "$tmp/out/runs.csv" ] || fail "sweep $extra computed the sweep again"
  echo "  sweep $extra: $(cat "$tmp/err")"
done
"$accord" sweep "$small" -q -o "$tmp/out" --runs 3 --force
[ -z "$(find "$tmp/out" -name '.mpi-rank-*')" ] || fail "--force left the rank directories"
[ -f "$tmp/out/runs.csv" ] || fail "--force did not run the sweep"
echo ok

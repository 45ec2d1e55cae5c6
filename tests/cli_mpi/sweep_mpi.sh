#!/usr/bin/env bash
# `mpirun -np 2 accord sweep` writes the same bytes as a sweep in one process, and a rerun into the
# same directory is refused without --force.
set -euo pipefail
accord=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
scenario=$src/scenarios/nato_russia_council_2002.yaml

echo "one process"
"$accord" sweep "$scenario" -o "$work/one" --runs 40 -q
echo "mpirun -np 2"
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --threads 1 -q
for f in runs.csv points.csv; do
  cmp "$work/one/$f" "$work/mpi/$f" || { echo "FAIL: $f differs under mpirun"; exit 1; }
done
grep -q '"shard": "0/1"' "$work/mpi/manifest.json" || { echo "FAIL: manifest of the mpirun sweep"; exit 1; }
if ls -A "$work/mpi" | grep -q mpi-rank; then echo "FAIL: rank directories left behind"; exit 1; fi
echo "rerun without --force is refused"
set +e
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --threads 1 -q 2>"$work/err"
status=$?
set -e
[ "$status" -ne 0 ] || { echo "FAIL: rerun into a full directory succeeded"; exit 1; }
grep -q "already holds results" "$work/err" || { echo "FAIL: message"; cat "$work/err"; exit 1; }
echo "mpirun with --force reproduces the bytes"
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --threads 1 -q --force
cmp "$work/one/runs.csv" "$work/mpi/runs.csv"
echo "mpirun --resume of the same finished sweep: nothing to do, the bytes stay"
cp "$work/mpi/runs.csv" "$work/runs.before"
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --threads 1 -q --resume
cmp "$work/mpi/runs.csv" "$work/runs.before"
echo "mpirun --resume of a finished sweep whose runs.csv was edited is refused, as without mpirun"
# Before, mpirun --resume compared the manifest only and reported nothing to do (exit 0).
sed -i '$s/\([0-9]\),/\1\1,/' "$work/mpi/runs.csv"  # a digit of the last row doubled, the rows intact
set +e
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --threads 1 -q --resume 2>"$work/err"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "FAIL: --resume of an edited runs.csv: exit status $status"; cat "$work/err"; exit 1; }
grep -q "runs.csv was changed after it finished" "$work/err" || { echo "FAIL: message"; cat "$work/err"; exit 1; }
cp "$work/runs.before" "$work/mpi/runs.csv"
echo "mpirun --resume with other options is refused and leaves the results alone"
set +e
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/mpi" --runs 40 --seed 7 --threads 1 -q --resume 2>"$work/err"
status=$?
set -e
[ "$status" -ne 0 ] || { echo "FAIL: --resume with another seed succeeded"; exit 1; }
grep -q "another scenario or with other options" "$work/err" || { echo "FAIL: message"; cat "$work/err"; exit 1; }
[ "$(grep -c "another scenario" "$work/err")" -eq 1 ] || { echo "FAIL: the message came from more than one rank"; exit 1; }
cmp "$work/mpi/runs.csv" "$work/runs.before"
echo "an unfinished sweep of mpirun -np 3 is refused by -np 2 (issue 10 item 26), then --force replaces it"
mkdir -p "$work/three"
for k in 0 1 2; do
  "$accord" sweep "$scenario" -o "$work/three/.mpi-rank-$k-of-3" --shard $k/3 --runs 40 -q
done
set +e
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/three" --runs 40 --threads 1 -q --resume 2>"$work/err"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "FAIL: -np 2 --resume of a -np 3 sweep: exit status $status"; cat "$work/err"; exit 1; }
grep -q "run by mpirun with 3 ranks" "$work/err" || { echo "FAIL: message"; cat "$work/err"; exit 1; }
[ "$(grep -c "run by mpirun" "$work/err")" -eq 1 ] || { echo "FAIL: the message came from more than one rank"; exit 1; }
[ ! -e "$work/three/runs.csv" ] || { echo "FAIL: the -np 3 sweep was computed again"; exit 1; }
mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$work/three" --runs 40 --threads 1 -q --force
cmp "$work/one/runs.csv" "$work/three/runs.csv"
if ls -A "$work/three" | grep -q mpi-rank; then echo "FAIL: --force left rank directories"; exit 1; fi
echo "ok"

#!/usr/bin/env bash
# `mpirun -np 2 accord sweep` writes the same bytes as a sweep in one process, and a rerun into the
# same directory is refused without --force.
set -euo pipefail
. "$(dirname "$0")/../cli/lib/setup.bash" "$@"
. "$(dirname "$0")/../cli/lib/refusals.bash"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
scenario=$src/scenarios/nato_russia_council_2002.yaml
mpi_sweep() {  # DIR OPTION...: the sweep of the reference scenario by mpirun -np 2 into DIR
  local dir=$1
  shift
  mpirun --oversubscribe -np 2 "$accord" sweep "$scenario" -o "$dir" --runs 40 --threads 1 -q "$@"
}

echo "one process"
"$accord" sweep "$scenario" -o "$tmp/one" --runs 40 -q
echo "mpirun -np 2"
mpi_sweep "$tmp/mpi"
for f in runs.csv points.csv; do
  cmp "$tmp/one/$f" "$tmp/mpi/$f" || fail "$f differs under mpirun"
done
grep -q '"shard": "0/1"' "$tmp/mpi/manifest.json" || fail "manifest of the mpirun sweep"
if ls -A "$tmp/mpi" | grep -q mpi-rank; then fail "rank directories left behind"; fi
echo "rerun without --force is refused"
expect_status nonzero "already holds results" mpi_sweep "$tmp/mpi"
echo "mpirun with --force reproduces the bytes"
mpi_sweep "$tmp/mpi" --force
cmp "$tmp/one/runs.csv" "$tmp/mpi/runs.csv"
echo "mpirun --resume of the same finished sweep: nothing to do, the bytes stay"
cp "$tmp/mpi/runs.csv" "$tmp/runs.before"
printf 'point,' >"$tmp/mpi/points.csv.tmp.1234"  # as a merge killed while writing leaves it
mpi_sweep "$tmp/mpi" --resume
cmp "$tmp/mpi/runs.csv" "$tmp/runs.before"
[ ! -e "$tmp/mpi/points.csv.tmp.1234" ] || fail "mpirun --resume left a killed merge's temporary file"
echo "mpirun --resume of a finished sweep whose runs.csv was edited is refused, as without mpirun"
# Before, mpirun --resume compared the manifest only and reported nothing to do (exit 0).
sed -i '$s/\([0-9]\),/\1\1,/' "$tmp/mpi/runs.csv"  # a digit of the last row doubled, the rows intact
expect_status 2 "runs.csv was changed after it finished" mpi_sweep "$tmp/mpi" --resume
cp "$tmp/runs.before" "$tmp/mpi/runs.csv"
echo "mpirun --resume with other options is refused and leaves the results alone"
expect_status nonzero "another scenario or with other options" mpi_sweep "$tmp/mpi" --seed 7 --resume
[ "$(grep -c "another scenario" "$tmp/err")" -eq 1 ] || fail "the message came from more than one rank"
cmp "$tmp/mpi/runs.csv" "$tmp/runs.before"
echo "an unfinished sweep of mpirun -np 3 is refused by -np 2 (issue 10 item 26), then --force replaces it"
mkdir -p "$tmp/three"
for k in 0 1 2; do
  "$accord" sweep "$scenario" -o "$tmp/three/.mpi-rank-$k-of-3" --shard $k/3 --runs 40 -q
done
expect_status 2 "run by mpirun with 3 ranks" mpi_sweep "$tmp/three" --resume
[ "$(grep -c "run by mpirun" "$tmp/err")" -eq 1 ] || fail "the message came from more than one rank"
[ ! -e "$tmp/three/runs.csv" ] || fail "the -np 3 sweep was computed again"
mpi_sweep "$tmp/three" --force
cmp "$tmp/one/runs.csv" "$tmp/three/runs.csv"
if ls -A "$tmp/three" | grep -q mpi-rank; then fail "--force left rank directories"; fi
echo "an unfinished sweep without mpirun is refused by mpirun, with or without --resume, then --force replaces it"
# Before, mpirun saw only runs.csv and manifest.json: it swept beside the journals with another seed
# (exit 0), and a later --resume without mpirun replaced that result with its own.
"$accord" sweep "$scenario" -o "$tmp/lone" --shard 0/2 --runs 40 -q  # a shard, finished: its files, then
mkdir -p "$tmp/unfinished"                                          # as if killed before its end
cp "$tmp/lone/runs.csv" "$tmp/unfinished/runs.csv.partial"
printf 'unfinished\n' >"$tmp/unfinished/.accord-sweep"
for resume in "" --resume; do
  expect_status 2 "holds an unfinished sweep run without mpirun" mpi_sweep "$tmp/unfinished" --seed 9 $resume
  [ "$(grep -c "without mpirun" "$tmp/err")" -eq 1 ] || fail "the message came from more than one rank"
  [ ! -e "$tmp/unfinished/runs.csv" ] || fail "mpirun swept beside an unfinished sweep ($resume)"
done
mpi_sweep "$tmp/unfinished" --force
cmp "$tmp/one/runs.csv" "$tmp/unfinished/runs.csv"
[ "$(ls -A "$tmp/unfinished" | tr '\n' ' ')" = "manifest.json points.csv runs.csv " ] ||
  fail "--force left files of the unfinished sweep: $(ls -A "$tmp/unfinished")"
echo "another command's results are refused by mpirun, --resume or not"
"$accord" run "$scenario" -o "$tmp/ran" --runs 5 -q
expect_status 2 "already holds results" mpi_sweep "$tmp/ran"
expect_status 2 "holds results that are not a sweep --resume can finish" mpi_sweep "$tmp/ran" --resume
[ ! -e "$tmp/ran/points.csv" ] || fail "mpirun swept into a run's results"
echo "a result file whose presence cannot be checked (a symlink loop) counts as another command's, --resume or not"
mkdir "$tmp/loop"
ln -s summary.csv "$tmp/loop/summary.csv"
expect_status 2 "holds results that are not a sweep --resume can finish" mpi_sweep "$tmp/loop" --resume
[ ! -e "$tmp/loop/runs.csv" ] || fail "mpirun --resume swept beside a file it could not check"
echo "ok"

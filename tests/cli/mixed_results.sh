#!/usr/bin/env bash
# merge -o and backtest -o replace their own files in place (docs/sweeps.md section 7), but never
# leave them beside another command's results: a directory holding a run's summary.csv, a sweep's
# journals or a backtest's files is refused (exit status 2) and left as it was, and so is a merge
# into one of its shards.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
. "$(dirname "$0")/lib/refusals.bash"
small=tests/data/sweep_small.yaml
deu=tests/data/deu3/deu3.tsv
"$accord" sweep "$small" -q -o "$tmp/s0" --shard 0/2 --runs 2
"$accord" sweep "$small" -q -o "$tmp/s1" --shard 1/2 --runs 2
"$accord" run "$small" -q -o "$tmp/run" --runs 3
"$accord" backtest --deu "$deu" -q -o "$tmp/bt"
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum); }
expect_kept() {  # what dir text command...
  local what=$1 dir=$2 text=$3 before
  shift 3
  before=$(snapshot "$dir")
  expect_status 2 "$text" "$@"
  [ "$(snapshot "$dir")" = "$before" ] || fail "$what: changed the directory"
  echo "  $what: $(cat "$tmp/err")"
}
expect_kept "merge into a run's results" "$tmp/run" \
  "accord merge: error: '$tmp/run' holds the results of another command (summary.csv and 4 more)" \
  "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/run"
expect_kept "merge into a backtest's results" "$tmp/bt" "holds the results of another command (cases.csv and 2 more)" \
  "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/bt"
expect_kept "backtest into a run's results" "$tmp/run" "holds the results of another command (runs.csv and 5 more)" \
  "$accord" backtest --deu "$deu" -q -o "$tmp/run"
expect_kept "backtest into a shard's results" "$tmp/s0" "holds the results of another command (runs.csv and 1 more)" \
  "$accord" backtest --deu "$deu" -q -o "$tmp/s0"
# A merge into one of its own shards would replace that shard with the whole sweep.
expect_kept "merge into one of its shards" "$tmp/s1" \
  "accord merge: error: the output '$tmp/s1/' is the shard '$tmp/s1': merging into it would replace that shard" \
  "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/s1/"
# The same through a bind mount of the shard (where mounting is allowed): paths compared after
# weakly_canonical let this merge replace the shard with the whole sweep (exit 0).
mkdir "$tmp/bound"
if mount --bind "$tmp/s1" "$tmp/bound" 2>/dev/null; then
  status=0
  "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/bound" 2>"$tmp/err" || status=$?
  umount "$tmp/bound"
  [ "$status" -eq 2 ] && grep -qF "is the shard '$tmp/s1'" "$tmp/err" || fail "merge into a bind mount of a shard: exit $status, $(cat "$tmp/err")"
  echo "  merge into a bind mount of one of its shards: $(cat "$tmp/err")"
else
  echo "  (no bind mount here: that case not checked)"
fi
# Their own files are replaced, as before: a merge again into its directory, a backtest into its own.
"$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/m"
cp "$tmp/m/runs.csv" "$tmp/first_runs.csv"
# with the temporary file of a merge killed while writing it, which the merge now removes
printf 'point,runs\n0,' >"$tmp/m/points.csv.tmp.4242"
"$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/m" || fail "merge again into its own directory"
cmp "$tmp/m/runs.csv" "$tmp/first_runs.csv" || fail "merge again: runs.csv"
[ "$(ls -A "$tmp/m" | tr '\n' ' ')" = "manifest.json points.csv runs.csv " ] || fail "merge left: $(ls -A "$tmp/m")"
# A merge again that cannot write (a file-size limit, as a full disk) fails before it touches the
# older result: merge removed it first, then failed, and left the directory empty.
cp -r "$tmp/m" "$tmp/m_before"
status=0
(trap '' XFSZ; ulimit -f 1; exec "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/m") 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] && grep -q "cannot write .*File too large" "$tmp/err" || fail "merge on a full disk: exit $status, $(cat "$tmp/err")"
diff -r "$tmp/m" "$tmp/m_before" >/dev/null || fail "merge on a full disk changed the older result: $(ls -A "$tmp/m")"
"$accord" backtest --deu "$deu" -q -o "$tmp/bt" || fail "backtest again into its own directory"
echo "a result file whose presence cannot be checked (a symlink loop) is another command's, not a crash (exit 1)"
mkdir "$tmp/loop"
ln -s summary.csv "$tmp/loop/summary.csv"
expect_status 2 "'$tmp/loop' already holds results" "$accord" sweep "$small" -q -o "$tmp/loop" --runs 2
expect_status 2 "holds results that are not a sweep --resume can finish" "$accord" sweep "$small" -q -o "$tmp/loop" --runs 2 --resume
expect_status 2 "holds the results of another command (summary.csv)" "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/loop"
expect_status 2 "holds the results of another command (summary.csv)" "$accord" backtest --deu "$deu" -q -o "$tmp/loop"
"$accord" sweep "$small" -q -o "$tmp/loop" --runs 2 --force || fail "--force over a symlink loop"
[ ! -L "$tmp/loop/summary.csv" ] && [ -s "$tmp/loop/points.csv" ] || fail "--force left the loop: $(ls -A "$tmp/loop")"
echo ok

#!/usr/bin/env bash
# accord run -o refuses a directory that is not empty (results of any command, or anything else)
# unless --force, which replaces the results of every command there (docs/reliability.md).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
. "$(dirname "$0")/lib/refusals.bash"
small=tests/data/sweep_small.yaml
"$accord" sweep "$small" -q -o "$tmp/sweep" --runs 2
"$accord" run "$small" -q -o "$tmp/fresh" --runs 3
expect_refusal() {  # what dir
  expect_dir_refusal "$1" "$2" "$accord" run "$small" -q -o "$2" --runs 3
}
expect_refusal "a finished sweep's directory" "$tmp/sweep"
expect_refusal "a run's directory" "$tmp/fresh"
mkdir -p "$tmp/notes"; echo hello > "$tmp/notes/readme.txt"
expect_refusal "a directory with another file" "$tmp/notes"
"$accord" run "$small" -q -o "$tmp/sweep" --runs 3 --force
[ ! -e "$tmp/sweep/points.csv" ] || fail "--force left the sweep's points.csv beside the run's results"
cmp "$tmp/sweep/runs.csv" "$tmp/fresh/runs.csv" || fail "--force: runs.csv"
# --force also removes the files of a backtest (fitted.csv) and the temporary files a run killed with
# kill -9 left (NAME.tmp.PID): after it the directory holds exactly the run's files.
mkdir -p "$tmp/killed"
for name in cases.csv errors.csv fitted.csv manifest.json runs.csv.tmp.4242 trajectory.csv.tmp.17; do
  echo x > "$tmp/killed/$name"
done
"$accord" run "$small" -q -o "$tmp/killed" --runs 3 --force
[ "$(cd "$tmp/killed" && ls -A | tr '\n' ' ')" = "$(cd "$tmp/fresh" && ls -A | tr '\n' ' ')" ] ||
  fail "--force left other files: $(ls -A "$tmp/killed")"
mkdir -p "$tmp/empty"
"$accord" run "$small" -q -o "$tmp/empty" --runs 3 || fail "an empty directory is refused"
echo ok

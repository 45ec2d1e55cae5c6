#!/usr/bin/env bash
# accord compare -o refuses a directory that is not empty (a previous run's or comparison's
# results, or anything else) unless --force, which replaces the results of every command there, as
# run -o does (docs/reliability.md): no file of an earlier result is left beside compare.csv.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
. "$(dirname "$0")/lib/refusals.bash"
a=tests/data/fj1999_a.yaml
b=tests/data/fj1999_b.yaml
"$accord" run "$a" -q -o "$tmp/run" --runs 3
"$accord" compare "$a" "$b" -q -o "$tmp/fresh" --runs 20
expect_refusal() {  # what dir
  expect_dir_refusal "$1" "$2" "$accord" compare "$a" "$b" -q -o "$2" --runs 20
}
expect_refusal "a run's directory" "$tmp/run"
expect_refusal "a comparison's directory" "$tmp/fresh"
mkdir -p "$tmp/notes"
echo hello >"$tmp/notes/readme.txt"
expect_refusal "a directory with another file" "$tmp/notes"
"$accord" compare "$a" "$b" -q -o "$tmp/run" --runs 20 --force || fail "--force"
left=$(ls -A "$tmp/run" | grep -v -x -e compare.csv -e manifest.json || true)
[ -z "$left" ] || fail "--force left files of the earlier run beside compare.csv: $left"
cmp "$tmp/run/compare.csv" "$tmp/fresh/compare.csv" || fail "--force: compare.csv differs"
mkdir -p "$tmp/empty"
"$accord" compare "$a" "$b" -q -o "$tmp/empty" --runs 20 || fail "an empty directory is refused"
"$accord" compare "$a" "$b" -q -o "$tmp/new/dir" --runs 20 || fail "a new directory is refused"
[ -f "$tmp/new/dir/compare.csv" ] || fail "compare.csv missing in a new directory"
echo ok

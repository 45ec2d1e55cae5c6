#!/usr/bin/env bash
# Exit status (docs/interface.md section 1): 0 success; 1 the run failed for a reason other than its
# input; 2 bad input or usage. Diagnostics go to stderr.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=scenarios/nato_russia_council_2002.yaml

expect() {  # status description, then the command; leaves stdout/stderr in $tmp/out, $tmp/err
  local want=$1 what=$2; shift 2
  local status=0
  "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  [ "$status" -eq "$want" ] || fail "$what: exit status $status, expected $want
  stdout: $(head -c 400 "$tmp/out")
  stderr: $(head -c 400 "$tmp/err")"
  echo "  $what: exit $status"
}
needs_message() {  # description
  [ -s "$tmp/err" ] || fail "$1: no message on stderr"
}

echo "checking: usage errors exit 2 with a message on stderr"
expect 2 "accord (no arguments)" "$accord"
needs_message "accord (no arguments)"
expect 2 "accord run (no scenario)" "$accord" run
needs_message "accord run (no scenario)"
expect 2 "accord run --no-such-option" "$accord" run "$scenario" --no-such-option
needs_message "accord run --no-such-option"
grep -q -- "--no-such-option" "$tmp/err" || fail "the unknown option is not named: $(cat "$tmp/err")"
expect 2 "accord no-such-command" "$accord" no-such-command
needs_message "accord no-such-command"

echo "checking: a bad --limit is reported as a bad --set is, '--limit NAME=N: error: ...' (interface.md section 1)"
# It printed '--limit runs=0: expected NAME=N ...' without 'error:', unlike every other diagnostic.
expect 2 "--limit runs=0" "$accord" run "$scenario" --runs 2 -q --limit runs=0
grep -qx -- "--limit runs=0: error: expected NAME=N with a whole number N >= 1" "$tmp/err" || fail "--limit runs=0: $(cat "$tmp/err")"
# Values above what accord can hold were cut to it silently (actors=200000000 became 100000000).
expect 2 "--limit actors=200000000" "$accord" run "$scenario" --runs 2 -q --limit actors=200000000
grep -qx -- "--limit actors=200000000: error: actors can be raised to at most 100000000" "$tmp/err" ||
  fail "--limit actors=200000000: $(cat "$tmp/err")"
expect 0 "--limit actors=100000000" "$accord" run "$scenario" --runs 2 -q --limit actors=100000000
expect 2 "--limit nesting=10001" "$accord" run "$scenario" --runs 2 -q --limit nesting=10001
expect 2 "--limit foo=3" "$accord" run "$scenario" --runs 2 -q --limit foo=3
grep -q -- "^--limit foo=3: error: unknown limit 'foo'" "$tmp/err" || fail "--limit foo=3: $(cat "$tmp/err")"

echo "checking: --version and --help exit 0"
expect 0 "accord --version" "$accord" --version
grep -q '^accord ' "$tmp/out" || fail "accord --version printed '$(cat "$tmp/out")', expected 'accord <version>' on stdout"
grep -qE '^accord [0-9]+\.[0-9]+' "$tmp/out" || fail "accord --version: no version number in '$(cat "$tmp/out")'"
expect 0 "accord run --help" "$accord" run --help
grep -q -- "--seed" "$tmp/out" || fail "accord run --help does not describe --seed: $(head -c 400 "$tmp/out")"

echo "checking: an unwritable output path exits 1 with a message and leaves no file"
expect 1 "accord run -o /proc/accord_x" "$accord" run "$scenario" --runs 2 -q -o /proc/accord_x
needs_message "unwritable output /proc/accord_x"
grep -q "/proc/accord_x" "$tmp/err" || fail "the message does not name the output path: $(cat "$tmp/err")"
[ ! -e /proc/accord_x ] || fail "/proc/accord_x exists after the failed run"
# An output path under a regular file cannot be created either.
: >"$tmp/plain_file"
expect 1 "accord run -o FILE/sub (parent is a file)" "$accord" run "$scenario" --runs 2 -q -o "$tmp/plain_file/sub"
needs_message "output under a regular file"
[ ! -s "$tmp/plain_file" ] || fail "the regular file was written to"

echo "checking: every command exits 2 with a message on an empty or missing input"
: >"$tmp/x.yaml"   # empty: not a valid scenario
for cmd in "run $tmp/x.yaml" "validate $tmp/x.yaml" "graph $tmp/x.yaml" "sweep $tmp/x.yaml -o $tmp/o1" \
           "compare $tmp/x.yaml $tmp/x.yaml" "summarize $tmp/no_runs.csv --by seed" \
           "sensitivity $tmp/x.yaml -o $tmp/o2" "backtest $tmp/x.yaml" "merge $tmp/no_dir -o $tmp/o3"; do
  status=0
  # shellcheck disable=SC2086
  "$accord" $cmd >"$tmp/out" 2>"$tmp/err" || status=$?
  name=${cmd%% *}
  [ "$status" -eq 2 ] || fail "accord $name on an empty/missing input: exit status $status, expected 2; stderr: $(head -c 400 "$tmp/err")"
  [ -s "$tmp/err" ] || fail "accord $name: exit 2 without a message"
  echo "  accord $name: bad input, exit 2"
done
echo "checking: every command accepts the common options (interface.md section 1: it ignores those that mean nothing to it)"
for cmd in run validate graph sweep merge compare summarize backtest sensitivity report; do
  "$accord" "$cmd" --help >"$tmp/out"
  for option in --seed --runs --threads --set --limit --quiet; do
    grep -q -- "$option" "$tmp/out" || fail "accord $cmd --help: no $option"
  done
done
"$accord" run "$scenario" --runs 3 -q -o "$tmp/r3"
if command -v python3 >/dev/null && python3 -c 'import pandas, matplotlib, yaml' 2>/dev/null; then
  expect 0 "accord report DIR -o FILE -q --threads 1" "$accord" report "$tmp/r3" -o "$tmp/r3.html" -q --threads 1
fi
echo "checking: a directory given as an input file is named as one, exit 2"
mkdir -p "$tmp/adir"
for cmd in "run $tmp/adir" "validate $tmp/adir" "graph $tmp/adir" "sweep $tmp/adir -o $tmp/o4" \
           "compare $scenario $tmp/adir" "summarize $tmp/adir --by seed" "sensitivity $tmp/adir -o $tmp/o5" \
           "backtest $tmp/adir" "backtest --deu $tmp/adir"; do
  # shellcheck disable=SC2086
  expect 2 "accord $cmd" "$accord" $cmd -q
  grep -qF "$tmp/adir: error: is a directory, not a file" "$tmp/err" || fail "accord $cmd: message: $(cat "$tmp/err")"
done
echo "exit_codes: all checks passed"

#!/usr/bin/env bash
# Every write to standard output is checked, with its final flush and close: output to a full
# device (/dev/full) is an error with exit status 1 and a message, for every command that prints.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
[ -w /dev/full ] || { echo "NOTE: no /dev/full here; not exercised"; exit 0; }
small=tests/data/sweep_small.yaml
"$accord" sweep "$small" -q -o "$tmp/r" --runs 4
check() {  # what command...
  local what=$1 status=0; shift
  "$@" > /dev/full 2> "$tmp/err" || status=$?
  [ "$status" -eq 1 ] || fail "$what > /dev/full: exit status $status, expected 1: $(cat "$tmp/err")"
  grep -q "cannot write to standard output: No space left on device" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  echo "  $what: $(cat "$tmp/err")"
}
check "graph" "$accord" graph "$small"
check "summarize" "$accord" summarize "$tmp/r/runs.csv" --by actors.EAST.capability
check "run without -o" "$accord" run "$small" --runs 4
check "compare" "$accord" compare "$small" "$small" --runs 4
check "validate" "$accord" validate "$small"
check "--version" "$accord" --version
check "sweep" "$accord" sweep "$small" --runs 2 -o "$tmp/sw"
check "merge" "$accord" merge "$tmp/sw" -o "$tmp/m"
echo ok

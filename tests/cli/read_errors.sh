#!/usr/bin/env bash
# A file that cannot be read (EIO: /proc/self/mem reads fail at offset 0) is an input error that says
# so, exit 2. The read loops took the failed read for the file's end: "the file is empty" (the
# scenario), "the actor table is empty" (a table), and a read failing midway would have been parsed
# cut short.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
[ -r /proc/self/mem ] || fail "/proc/self/mem is needed (Linux)"
expect() {  # WHAT COMMAND...: exit 2 and "cannot read the file: Input/output error"
  local what=$1; shift
  local status=0
  "$@" > /dev/null 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit $status, expected 2: $(cat "$tmp/err.txt")"
  grep -q "cannot read the file: Input/output error" "$tmp/err.txt" || fail "$what: $(cat "$tmp/err.txt")"
  echo "  $what: exit 2: $(head -n 1 "$tmp/err.txt")"
}
expect "the scenario" "$accord" validate /proc/self/mem
printf 'accord: 1\nissues: [{id: a}]\nactors: {csv: /proc/self/mem}\n' > "$tmp/table.yaml"
expect "an actor table" "$accord" validate "$tmp/table.yaml"
printf 'accord: 1\nissues: [{id: a}]\nactors: [{id: A, capability: 1, positions: {a: 1}}]\ninfluence: {csv: /proc/self/mem}\n' > "$tmp/edges.yaml"
expect "an edge table" "$accord" validate "$tmp/edges.yaml"
expect "summarize's runs.csv" "$accord" summarize /proc/self/mem --by agreed
echo "PASS"

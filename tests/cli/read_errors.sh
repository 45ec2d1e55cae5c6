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
expect "a DEU table" "$accord" backtest --deu /proc/self/mem -q -o "$tmp/bt"
# A shard's file failing midway (strace makes its first read fail with EIO): merge stops, exit 1, and
# writes nothing (its getline loop took the failure for the file's end, and the manifest's read for
# an empty manifest: "is not the manifest of a sweep").
. "$(dirname "$0")/lib/strace.bash"
for k in 0 1; do
  "$accord" sweep tests/data/sweep_small.yaml -q --shard "$k/2" -o "$tmp/s$k" || fail "shard $k/2 failed"
done
for file in runs.csv manifest.json; do
  status=0
  under_strace -f -qq -o /dev/null -P "$tmp/s1/$file" -e trace=read -e inject=read:error=EIO:when=1 \
    "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/m_$file" 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 1 ] || fail "merge, $file unreadable: exit $status, expected 1: $(cat "$tmp/err.txt")"
  grep -q "cannot read '$tmp/s1/$file': Input/output error" "$tmp/err.txt" || fail "merge, $file unreadable: $(cat "$tmp/err.txt")"
  [ ! -e "$tmp/m_$file/runs.csv" ] && [ ! -e "$tmp/m_$file/manifest.json" ] || fail "merge, $file unreadable: files written"
  echo "  merge, a shard's $file unreadable: exit 1: $(head -n 1 "$tmp/err.txt")"
done
echo "PASS"

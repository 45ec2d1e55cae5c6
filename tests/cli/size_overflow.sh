#!/usr/bin/env bash
# Sizes are multiplied with checked arithmetic: points x replications beyond what accord can
# count (a limit raised to the largest long) is refused with exit status 2 and a message, never a
# signed overflow or a false "interrupted" (docs/reliability.md).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
sed 's/^  replications: 10$/  replications: 9223372036854775807/' tests/data/sweep_small.yaml > "$tmp/huge.yaml"
grep -q 9223372036854775807 "$tmp/huge.yaml" || fail "test scenario"
for cmd in "sweep" "sweep --shard 1/2"; do
  status=0
  "$accord" $cmd "$tmp/huge.yaml" -q -o "$tmp/out" --limit runs=9223372036854775807 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$cmd: exit status $status, expected 2: $(cat "$tmp/err")"
  grep -q "more runs than accord can count" "$tmp/err" || fail "$cmd: message: $(cat "$tmp/err")"
  grep -q "interrupted" "$tmp/err" && fail "$cmd: says interrupted: $(cat "$tmp/err")"
  [ ! -e "$tmp/out/runs.csv.partial" ] || fail "$cmd: journals written"
  echo "  $cmd: $(cat "$tmp/err")"
done
echo ok

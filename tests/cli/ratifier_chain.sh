#!/usr/bin/env bash
# A chain of ratifiers as long as the actors allow (each actor's acceptance needs the next one's)
# validates without exhausting the stack: the loader's search for a cycle keeps its path on the heap
# (ScenarioBuilder::resolve_ratifiers, sim/loader/src/process.cpp). Closing the chain into a cycle is
# still reported, located at the actor whose ratifier closes it. The recursive search it replaced
# crashed (SIGSEGV) on the 200,000-deep chain.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
n=100000
limits=(--limit actors=$n --limit file-bytes=100000000)

chain() {  # file, 1 to close the chain into a cycle
  awk -v n=$n -v closed=$2 'BEGIN {
    print "accord: 1"; print "issues:"; print "  - id: agenda"; print "actors:"
    for (i = 1; i < n; i++) printf "  - {id: a%d, capability: 1, positions: {agenda: 50}, ratifiers: [a%d]}\n", i, i + 1
    if (closed) printf "  - {id: a%d, capability: 1, positions: {agenda: 50}, ratifiers: [a1]}\n", n
    else printf "  - {id: a%d, capability: 1, positions: {agenda: 50}}\n", n
  }' >"$1"
}

echo "checking: a chain of $n ratifiers validates"
chain "$tmp/chain.yaml" 0
status=0
"$accord" validate "${limits[@]}" "$tmp/chain.yaml" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 0 ] || fail "exit status $status, expected 0: $(head -c 300 "$tmp/err")"
grep -qF "chain.yaml: valid ($n actors, 1 issues" "$tmp/out" || fail "unexpected output: $(cat "$tmp/out")"

echo "checking: the same chain closed into a cycle is refused, located"
chain "$tmp/cycle.yaml" 1
status=0
"$accord" validate "${limits[@]}" "$tmp/cycle.yaml" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "exit status $status, expected 2: $(head -c 300 "$tmp/err")"
# The last actor (line n + 4) closes the cycle, which runs through every actor from a1.
grep -qE "cycle.yaml:$((n + 4)):5: error: ratifiers form a cycle: a1 -> a2 -> a3 -> .* -> a$n -> a1 \(an actor cannot need its own acceptance\)$" "$tmp/err" ||
  fail "the cycle is not reported at line $((n + 4)), column 5: $(head -c 300 "$tmp/err")"
[ "$(grep -c 'error:' "$tmp/err")" -eq 1 ] || fail "expected one error: $(head -c 300 "$tmp/err")"
echo "ok"

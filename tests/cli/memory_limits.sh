#!/usr/bin/env bash
# A batch that cannot fit in memory is refused at once with exit status 2, never a std::bad_alloc
# after minutes (docs/reliability.md, "Limits"): `accord run` and `accord compare` keep every run's
# result until the files are written, so --runs times the bytes of one run (here 300 issues, about
# 2.6 KB a run) is compared with the memory available before any run starts; the message names
# --runs and --limit runs, and nothing is written. A batch that fits runs as before.
. "$(dirname "$0")/lib/setup.bash" "$@"

# Two actors, 300 issues.
{
  echo "accord: 1"
  echo "issues:"
  for k in $(seq 1 300); do echo "  - {id: i$k}"; done
  echo "actors:"
  for a in A B; do
    printf '  - {id: %s, capability: 1, positions: {' "$a"
    for k in $(seq 1 300); do printf '%si%s: %s' "$([ "$k" -gt 1 ] && echo ', ')" "$k" "$([ $a = A ] && echo 20 || echo 80)"; done
    echo "}}"
  done
  echo "influence: [{from: A, to: B, weight: 1}]"
  echo "model: {rounds: 3}"
} >"$tmp/wide.yaml"
"$accord" validate "$tmp/wide.yaml" >/dev/null || fail "the wide scenario does not validate"

refused() {  # what command...: exit 2 within seconds, the message, nothing written
  local what=$1 status=0; shift
  timeout 60 "$@" >/dev/null 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2 (124: still running after 60 s): $(cat "$tmp/err")"
  grep -q "runs would hold about .* GiB of results in memory, more than the .* GiB available: lower --runs" "$tmp/err" &&
    grep -q -- "--limit runs=" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  echo "  $what: $(cat "$tmp/err")"
}
# 1e8 runs of 300 issues: about 250 GB.
refused "run" "$accord" run "$tmp/wide.yaml" -q --runs 100000000 -o "$tmp/run"
[ ! -e "$tmp/run/runs.csv" ] && [ ! -e "$tmp/run/manifest.json" ] || fail "run: results written"
refused "run without -o" "$accord" run "$tmp/wide.yaml" -q --runs 100000000
refused "compare" "$accord" compare "$tmp/wide.yaml" "$tmp/wide.yaml" -q --runs 100000000 -o "$tmp/cmp"
[ ! -e "$tmp/cmp/compare.csv" ] || fail "compare: results written"
"$accord" run "$tmp/wide.yaml" -q --runs 20 -o "$tmp/small" || fail "a batch that fits is refused"
[ "$(($(wc -l <"$tmp/small/runs.csv") - 1))" -eq 20 ] || fail "the batch that fits: runs.csv rows"
echo ok

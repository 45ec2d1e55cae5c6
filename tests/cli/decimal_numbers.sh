#!/usr/bin/env bash
# Whole numbers on the command line are plain decimal (issue 10 item 10): CLI11 alone would read
# 010 as 8 and 0x10 as 16, and wrap -1 and 2^64 into the largest seed. Each is refused with exit 2
# and a message; 0 and the largest seed are accepted. (Seeds and rounds in the file: the invalid
# corpus, tests/data/invalid/seed_*.yaml and event_round_*.yaml.)
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/fj1999_a.yaml
for bad in "--seed 010" "--seed 0x10" "--seed -1" "--seed 18446744073709551616" "--runs 010" "--runs 0x10" \
           "--threads 02" "--seed +5"; do
  status=0
  # shellcheck disable=SC2086
  "$accord" run "$scenario" $bad -q 2>"$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$bad: exit $status, expected 2"
  grep -q "decimal\|larger than" "$tmp/err" || fail "$bad: message: $(cat "$tmp/err")"
done
"$accord" run "$scenario" --seed 0 -o "$tmp/zero" -q || fail "--seed 0"
grep -q '"seed": 0,' "$tmp/zero/manifest.json" || fail "--seed 0 not recorded as 0"
"$accord" run "$scenario" --seed 18446744073709551615 -o "$tmp/max" -q || fail "the largest seed"
grep -q '"seed": 18446744073709551615,' "$tmp/max/manifest.json" || fail "the largest seed not recorded"
echo "decimal numbers: all checks passed"

#!/usr/bin/env bash
# The probability of agreement of the reference scenario still swings between 0 and 1 on the terms
# rule, while it is graded in a party's bottom line (README.md). With the file's process (decisions at
# Reykjavik and Rome, status-quo reservations, the Pentagon ratifying) and 1000 runs on the file's
# seed: the weighted mean agrees in 0 runs, the weighted median in 68, Nash in 986, as the setter (the
# file) does. The compromise rules put a text on the table without asking who accepts it: the weighted
# mean gives NATO's freedom to act alone 82.4 on average, below what the Pentagon accepts, and it
# refuses in every run; deals existed (Nash finds one in 986 runs), so no run reports an empty zone.
# README.md and docs/process-guide.md section 1 must say so, with these numbers.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
ref=scenarios/nato_russia_council_2002.yaml

for rule in weighted-mean weighted-median nash setter; do
  if [ "$rule" = setter ]; then cp "$ref" "$tmp/$rule.yaml"; else
    sed -e '/^  proposer: NATO_SG /d' -e "s/^  rule: setter /  rule: $rule /" "$ref" >"$tmp/$rule.yaml"
    grep -q "^  rule: $rule " "$tmp/$rule.yaml" || fail "could not set rule $rule"
  fi
  "$accord" run "$tmp/$rule.yaml" >"$tmp/$rule.out"
  case $rule in
    weighted-mean) want="0.000  (95% interval 0.000 to 0.004; 0 of 1000 runs)" ;;
    weighted-median) want="0.068  (95% interval 0.054 to 0.085; 68 of 1000 runs)" ;;
    nash | setter) want="0.986  (95% interval 0.977 to 0.992; 986 of 1000 runs)" ;;
  esac
  grep -qF "  probability of agreement: $want" "$tmp/$rule.out" ||
    fail "$rule: $(grep -F 'probability of agreement' "$tmp/$rule.out")"
  echo "  $rule: $want"
done
# 1000 of 1000: the Wilson lower bound 1000 / (1000 + 1.96^2) = 0.9962 reads ">0.99", not "1.00".
grep -qF "who blocks (share of the 1000 runs without agreement [95% interval]): USA_DOD 1.00 [>0.99 to 1.00]" "$tmp/weighted-mean.out" ||
  fail "weighted mean: the Pentagon does not refuse in every run: $(grep -F 'who blocks' "$tmp/weighted-mean.out")"
grep -qF "no terms met every needed party" "$tmp/weighted-mean.out" &&
  fail "weighted mean: an empty zone reported, though Nash finds deals"
grep -q "^    nato_autonomy           82.4 " "$tmp/weighted-mean.out" ||
  fail "weighted mean: $(grep '^    nato_autonomy' "$tmp/weighted-mean.out")"

echo "checking: README.md and docs/process-guide.md give these figures"
for doc in README.md docs/process-guide.md; do
  for figure in "weighted mean agrees in 0" "weighted median in 68" "Nash in 986"; do
    tr '\n' ' ' <"$doc" | tr -s ' ' | grep -qF "$figure" || fail "$doc does not say '$figure'"
  done
done
echo ok

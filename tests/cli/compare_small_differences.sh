#!/usr/bin/env bash
# `accord compare` prints a difference whose 95% interval excludes zero with enough decimals to show
# it: Schroeder's endorsement moves Russia's role in the reference scenario's terms by about -0.0016
# points (compare.csv), an interval that excludes zero; printed at two decimals it read "-0.00  -0.00
# to -0.00", neither zero nor a number. An interval that includes zero keeps two decimals.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
"$accord" compare scenarios/nato_russia_council_2002.yaml \
  scenarios/counterfactuals/nato_russia_council_2002_no_schroeder.yaml -o "$tmp/cmp" >"$tmp/out"
csv() { awk -F, -v q="$1" -v c="$2" '$1 == q { print $c }' "$tmp/cmp/compare.csv"; }

echo "checking: no difference or interval printed as a signed zero when the interval excludes zero"
while read -r line; do
  case "$line" in *" -0.00 to -0.00"* | *" +0.00 to +0.00"*) fail "a signed zero interval: $line" ;; esac
done < <(grep -E '^  (terms|outcome)\.' "$tmp/out")

echo "checking: the decision_role line shows compare.csv's figures to their first significant digit"
line=$(grep '^  terms.decision_role ' "$tmp/out")
diff=$(csv terms.decision_role 4); low=$(csv terms.decision_role 5); high=$(csv terms.decision_role 6)
read -r _ _ _ shown_diff shown_low _ shown_high <<<"$line"
awk -v d="$diff" -v l="$low" -v h="$high" -v sd="$shown_diff" -v sl="$shown_low" -v sh="$shown_high" 'BEGIN {
  # each shown figure nonzero, of the right sign, and within half a unit of its last decimal of the csv value
  ok = (l < 0 && h < 0 && sd + 0 < 0 && sl + 0 < 0 && sh + 0 < 0)
  ok = ok && (sd - d < 0.00005 && d - sd < 0.00005) && (sl - l < 0.00005 && l - sl < 0.00005) && (sh - h < 0.00005 && h - sh < 0.00005)
  exit !ok }' || fail "shown '$shown_diff $shown_low to $shown_high', compare.csv $diff [$low, $high]"

echo "checking: an interval that includes zero keeps two decimals"
grep -qE '^  agreed +0\.986 +0\.986 +\+0\.000   -0\.004 to \+0\.004$' "$tmp/out" || fail "$(grep '^  agreed' "$tmp/out")"
echo ok

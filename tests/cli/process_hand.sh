#!/usr/bin/env bash
# The negotiation process against hand computations from docs/models.md (sections 3, 16.2, 16.5,
# 16.6, 16.8, 16.10), every number of runs.csv, terms.csv, blockers.csv and zopa.csv of two tiny
# scenarios (positions normalised to [0, 1] below; the files are in the issue's units, 0-100).
#
# tests/data/process_hand_moving_reservation.yaml: A at 0.2 (stubbornness 1) never moves. B at 0.8
# (stubbornness 0.5, self-weight 1, one edge from A, weighting edge: W_B = (1/2, 1/2)) moves a step
# of 0.5 toward its Friedkin-Johnsen target 0.5 (0.5 x_A + 0.5 x_B) + 0.5 * 0.8:
#   round 1: target 0.65,    x_B = 0.8 + 0.5 (0.65 - 0.8)       = 0.725
#   round 2: target 0.63125, x_B = 0.725 + 0.5 (0.63125 - 0.725) = 0.678125
# The meeting (round 2) judges the weighted mean (0.2 + 0.678125)/2 = 0.4390625 against the
# status-quo reservations of that moment (status quo 0.1): rho_A = 1 - 0.1 = 0.9,
# rho_B = 1 - |0.1 - 0.678125| = 0.421875; u_A = u_B = 1 - 0.2390625 = 0.7609375: A refuses
# (surplus -0.1390625), B accepts (0.3390625); no deal, the outcome is the status quo 10. Slices:
# A accepts [0.1, 0.3], B [0.1, 1]; the intersection [0.1, 0.3] is not empty, so zone = 1.
# With B drafting (rule: setter), B offers the point of [0.1, 0.3] nearest its 0.678125: 0.3,
# where A is indifferent (0.9) and B's surplus is 1 - 0.378125 - 0.421875 = 0.2; agreed.
#
# tests/data/process_hand_ratifier_chain.yaml: S (1.0, veto) drafts; N (0.5, veto, reservation 0.8)
# is ratified by R1 (0.3, 0.8), which is ratified by R2 (0.1, 0.8); O (0.9, 0.99) is not needed.
# C = {S, N, R1, R2}: N accepts [0.3, 0.7], R1 [0.1, 0.5], R2 [0, 0.3]; S's best point of their
# intersection is 0.3. O refuses (0.4 < 0.99) and is not needed: agreed, accepting share 4/5.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

near() {  # what, got, want
  awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; exit !(g != "" && d < 1e-9 && d > -1e-9) }' ||
    fail "$1: $2, expected $3"
}
cell() {  # file, row (1 = first data row), column name
  awk -F, -v r="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
                               NR == r + 1 { print $k }' "$1"
}

echo "checking: stances moved by Friedkin-Johnsen with step 0.5, and the reservations of the moment"
out=$tmp/moving
"$accord" run tests/data/process_hand_moving_reservation.yaml -o "$out" -q
near "B at round 1" "$(cell "$out/trajectory.csv" 4 position)" 72.5
near "B at round 2" "$(cell "$out/trajectory.csv" 6 position)" 67.8125
near "terms" "$(cell "$out/runs.csv" 1 terms.x)" 43.90625
[ "$(cell "$out/runs.csv" 1 agreed)" = 0 ] || fail "agreed: $(cat "$out/runs.csv")"
near "outcome (the status quo)" "$(cell "$out/runs.csv" 1 outcome.x)" 10
near "share accepting" "$(cell "$out/terms.csv" 1 accepting_capability_share)" 0.5
near "u_A" "$(cell "$out/blockers.csv" 1 utility)" 0.7609375
near "rho_A" "$(cell "$out/blockers.csv" 1 reservation)" 0.9
near "surplus A" "$(cell "$out/blockers.csv" 1 surplus)" -0.1390625
near "rho_B" "$(cell "$out/blockers.csv" 2 reservation)" 0.421875
near "surplus B" "$(cell "$out/blockers.csv" 2 surplus)" 0.3390625
[ "$(cut -d, -f8 "$out/blockers.csv" | tr '\n' ' ')" = "accepted 0 1 " ] || fail "verdicts: $(cat "$out/blockers.csv")"
near "A's slice low" "$(cell "$out/zopa.csv" 1 low)" 10
near "A's slice high" "$(cell "$out/zopa.csv" 1 high)" 30
near "B's slice low" "$(cell "$out/zopa.csv" 2 low)" 10
near "B's slice high" "$(cell "$out/zopa.csv" 2 high)" 100
near "intersection high" "$(cell "$out/zopa.csv" 3 high)" 30
[ "$(cell "$out/zopa.csv" 3 zone)" = 1 ] || fail "zone: $(cat "$out/zopa.csv")"
grep -qF "who blocks (share of the 1 runs without agreement [95% interval]): A 1.00 [0.21 to 1.00]" <("$accord" run tests/data/process_hand_moving_reservation.yaml) ||
  fail "the console does not name A as the blocker"

echo "checking: the same stances with B drafting"
out=$tmp/setter
sed 's/decide: at-meetings}/decide: at-meetings, rule: setter, proposer: B}/' tests/data/process_hand_moving_reservation.yaml >"$tmp/setter.yaml"
grep -q 'rule: setter, proposer: B' "$tmp/setter.yaml" || fail "could not write the setter variant"
"$accord" run "$tmp/setter.yaml" -o "$out" -q
[ "$(cell "$out/runs.csv" 1 agreed)" = 1 ] || fail "not agreed: $(cat "$out/runs.csv")"
near "setter's offer" "$(cell "$out/runs.csv" 1 terms.x)" 30
near "outcome (the deal)" "$(cell "$out/runs.csv" 1 outcome.x)" 30
near "u_A at the offer" "$(cell "$out/blockers.csv" 1 utility)" 0.9
near "surplus B" "$(cell "$out/blockers.csv" 2 surplus)" 0.2
[ "$(cell "$out/blockers.csv" 1 proposer)" = B ] || fail "proposer: $(cat "$out/blockers.csv")"

echo "checking: a setter's offer through a chain of ratifiers"
out=$tmp/chain
"$accord" run tests/data/process_hand_ratifier_chain.yaml -o "$out" -q
[ "$(cell "$out/runs.csv" 1 agreed)" = 1 ] || fail "not agreed: $(cat "$out/runs.csv")"
near "offer" "$(cell "$out/runs.csv" 1 terms.x)" 30
near "share accepting (O refuses)" "$(cell "$out/terms.csv" 1 accepting_capability_share)" 0.8
[ "$(cut -d, -f4 "$out/blockers.csv" | tr '\n' ' ')" = "actor S N R1 R2 " ] || fail "needed: $(cat "$out/blockers.csv")"
near "R2's slice high" "$(cell "$out/zopa.csv" 4 high)" 30
near "R1's slice low" "$(cell "$out/zopa.csv" 3 low)" 10
near "N's slice low" "$(cell "$out/zopa.csv" 2 low)" 30
echo "ok"

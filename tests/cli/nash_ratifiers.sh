#!/usr/bin/env bash
# Under `rule: nash` the bargaining set D holds every actor whose acceptance the decision needs,
# ratifiers included (docs/models.md sections 6 and 16.8), as the setter's C and blockers.csv do.
# One issue, fixed stances (no influence), capabilities 1: A (80, reservation 0.5, veto, ratified
# by B), B (20, reservation 0.7, no veto), C (50, reservation 0.5, veto). Hand computation, with
# t on [0, 1]: u_A - 0.5 = t - 0.3, u_B - 0.7 = 0.5 - t, u_C - 0.5 = 0.5 - |t - 0.5|. B needs
# t < 0.5, so over D = {A, B, C} the maximiser of ln(t - .3) + ln(.5 - t) + ln(t) solves
# 3t^2 - 1.6t + 0.15 = 0: t = (1.6 + sqrt(0.76))/6 = 0.411963, terms 41.1963, and every needed
# party accepts. The solver that left the ratifier out bargained over {A, C} only: the maximiser
# of (t - .3)(1 - t) on t >= 0.5, t = 0.65, which B refuses, so A's seat refused and no run
# could agree.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
cat >"$tmp/nash.yaml" <<'YAML'
accord: 1
name: "Nash with a ratifier"
issues:
  - id: x
actors:
  - {id: A, capability: 1, positions: {x: 80}, reservation: 0.5, veto: true, ratifiers: [B]}
  - {id: B, capability: 1, positions: {x: 20}, reservation: 0.7, veto: false}
  - {id: C, capability: 1, positions: {x: 50}, reservation: 0.5, veto: true}
model: {rounds: 1}
outcome: {rule: nash, decision: veto-players}
monte_carlo: {runs: 1, seed: 1}
YAML
echo "checking: the Nash terms respect the ratifier's reservation"
"$accord" run "$tmp/nash.yaml" -o "$tmp/out" -q
row=$(sed -n 2p "$tmp/out/runs.csv")
agreed=$(echo "$row" | cut -d, -f5)
terms=$(echo "$row" | cut -d, -f8)
[ "$agreed" = 1 ] || fail "no agreement (runs.csv: $row); blockers: $(cat "$tmp/out/blockers.csv")"
awk -v t="$terms" 'BEGIN { want = 100 * (1.6 + sqrt(0.76)) / 6; d = t - want; exit !(d < 1e-6 && d > -1e-6) }' ||
  fail "terms.x $terms, expected 41.1963 (= 100 (1.6 + sqrt(0.76))/6)"
echo "checking: every needed party accepts, the ratifier included"
[ "$(grep -c ',1,$' "$tmp/out/blockers.csv")" -eq 3 ] || fail "blockers.csv: $(cat "$tmp/out/blockers.csv")"
echo "ok"

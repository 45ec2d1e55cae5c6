#!/usr/bin/env bash
# When no terms meet every needed party at a failed run's final decision (the zone of possible
# agreement is empty), the parties that "block" are those that refuse the fallback text on the
# table, the drafter's own stance under `setter`: who blocks then depends on who drafts, not on
# who made a deal impossible (in the reference scenario the same 14 runs fail whoever proposes;
# with Russia as the drafter five NATO parties in every run, never Germany or Italy; with the
# Pentagon Russia in every run). The
# console says in how many failed runs no terms met every needed party, and that count equals
# the failed runs whose final decision has zone = 0 in zopa.csv (docs/process-guide.md section 7).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
ref=scenarios/nato_russia_council_2002.yaml

echo "checking: the console counts the failed runs with no acceptable text, as zopa.csv does"
"$accord" run "$ref" --trajectories all -o "$tmp/ref" >"$tmp/out"
# zone of each run's final decision: the '*' rows at the round blockers.csv gives for the run.
want=$(awk -F, '
  FILENAME ~ /runs.csv$/ { if (FNR == 1) { for (i = 1; i <= NF; i++) c[$i] = i; next }
                           if ($c["agreed"] == 0) { failed[$1] = $c["rounds"] } ; next }
  $5 == "*" && ($1 in failed) && $2 == failed[$1] && $8 == 0 { empty[$1] = 1 }
  END { n = 0; for (r in empty) n++; print n }' "$tmp/ref/runs.csv" "$tmp/ref/zopa.csv")
failed=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "agreed") c = i; next } $c == 0 { n++ } END { print n + 0 }' \
  "$tmp/ref/runs.csv")
[ "$failed" -eq 14 ] && [ "$want" -eq 14 ] || fail "expected 14 failed runs, all with an empty zone: $failed failed, $want empty"
grep -qF "  no terms met every needed party at the final decision of $want of these $failed runs: those listed refused the text left on the table (here the proposer's own stance), not a deal that was possible" "$tmp/out" ||
  fail "the console does not say it: $(grep -A1 'who blocks' "$tmp/out")"

echo "checking: the parties listed change with the drafter, as README.md and process-guide.md section 7 say"
# The same 14 runs fail whoever drafts (their zone is empty); Russia drafting: the US, the Pentagon,
# Poland, the Czech Republic and Hungary in all 14, Canada 13, France 9, Britain 5, Germany and Italy
# never; the Pentagon drafting: Russia in all 14, each other party in 5 to 9.
for drafter in RUS USA_DOD; do
  sed "s/^  proposer: NATO_SG /  proposer: $drafter /" "$ref" >"$tmp/drafter.yaml"
  grep -q "^  proposer: $drafter " "$tmp/drafter.yaml" || fail "could not make $drafter the drafter"
  "$accord" run "$tmp/drafter.yaml" >"$tmp/drafter.out"
  case $drafter in
    RUS) want="who blocks (share of the 14 runs without agreement [95% interval]): USA 1.00 [0.78 to 1.00], USA_DOD 1.00 [0.78 to 1.00], POL 1.00 [0.78 to 1.00], CZE 1.00 [0.78 to 1.00], HUN 1.00 [0.78 to 1.00], CAN 0.93 [0.69 to 0.99], FRA 0.64 [0.39 to 0.84], GBR 0.36 [0.16 to 0.61]" ;;
    USA_DOD) want="who blocks (share of the 14 runs without agreement [95% interval]): RUS 1.00 [0.78 to 1.00], FRA 0.64 [0.39 to 0.84], DEU 0.50 [0.27 to 0.73], GBR 0.43 [0.21 to 0.67], HUN 0.43 [0.21 to 0.67], USA 0.36 [0.16 to 0.61], ITA 0.36 [0.16 to 0.61], CAN 0.36 [0.16 to 0.61], POL 0.36 [0.16 to 0.61], CZE 0.36 [0.16 to 0.61]" ;;
  esac
  grep -qF "  $want" "$tmp/drafter.out" || fail "$drafter drafting: $(grep -F 'who blocks' "$tmp/drafter.out")"
  grep -qF "no terms met every needed party at the final decision of 14 of these 14 runs" "$tmp/drafter.out" ||
    fail "$drafter drafting: not the same 14 runs with an empty zone: $(cat "$tmp/drafter.out")"
done

echo "checking: the first terms block says that it counts the failed runs with their last text"
grep -qF "  terms (issue's own units; all runs, a run without agreement with the last text judged):" "$tmp/out" ||
  fail "the pooled terms block is not labelled: $(grep -F 'terms (' "$tmp/out")"
"$accord" run scenarios/cases/nato_madrid_1997.yaml >"$tmp/all_agree"  # 1000 of 1000 runs agree
grep -qF "  terms (issue's own units):" "$tmp/all_agree" || fail "$(cat "$tmp/all_agree")"

echo "checking: a failed run with an acceptable text on the table gets no such line"
cat >"$tmp/mean.yaml" <<'YAML'
accord: 1
name: "a weighted mean one party refuses, although a deal existed"
issues:
  - {id: x, status_quo: 0}
actors:
  - {id: A, capability: 1, positions: {x: 100}, veto: true, reservation: status-quo}
  - {id: B, capability: 3, positions: {x: 0}, reservation: 0.9}
model: {rounds: 1}
outcome: {rule: weighted-mean, decision: veto-players}
monte_carlo: {runs: 1, seed: 1}
YAML
# B, without a veto, pulls the mean to 25, which A (reservation: its status-quo utility 0)
# accepts: agreement. Give B the veto too: B refuses 25 (utility 0.75 < 0.9), a deal at x <= 10
# existed for both (A accepts anything >= 0), and the weighted mean is a proposal, not a
# fallback: no line about an empty zone.
sed 's/reservation: 0.9}/reservation: 0.9, veto: true}/' "$tmp/mean.yaml" >"$tmp/mean_veto.yaml"
"$accord" run "$tmp/mean_veto.yaml" >"$tmp/out2"
grep -qF 'who blocks (share of the 1 runs without agreement [95% interval]): B 1.00 [0.21 to 1.00]' "$tmp/out2" || fail "$(cat "$tmp/out2")"
grep -q 'no terms met every needed party' "$tmp/out2" && fail "an empty zone reported where a deal existed: $(cat "$tmp/out2")"
echo "ok"

#!/usr/bin/env bash
# `accord backtest --deu` on degenerate tables (tests/data/deu3/degenerate/README.md): every model
# under every way of holding out (none, --folds 2, --folds equal to the number of proposals,
# --split odd-even, with --pooled) either gives finite numbers (an empty cell only where
# docs/backtest.md says there is no prediction or no interval) or refuses the table with a located
# error and exit status 2; never NaN or infinity in a file, never a crash, no warning.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
dir=tests/data/deu3/degenerate
for table in same_position one_actor one_issue outcome_at_option outcome_off_option no_outcome_odd; do
  rows=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "out") c = i } NR > 2 && $c != "" { n++ } END { print n }' "$dir/$table.tsv")
  proposals=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "out") c = i } NR > 2 && $c != "" { p[$2] = 1 } END { print length(p) }' "$dir/$table.tsv")
  runs=("" "--split odd-even --pooled")
  [ "$proposals" -ge 2 ] && runs+=("--folds 2 --seed 1 --pooled" "--folds $proposals --seed 1 --pooled")
  for options in "${runs[@]}"; do
    out="$tmp/$table.${options// /_}"
    # shellcheck disable=SC2086  # the options are words
    "$accord" backtest --deu "$dir/$table.tsv" $options -q -o "$out" 2> "$tmp/err" || fail "$table $options: exit status $?: $(cat "$tmp/err")"
    [ ! -s "$tmp/err" ] || fail "$table $options: stderr: $(cat "$tmp/err")"
    ! grep -Eqi 'nan|inf' "$out"/*.csv || fail "$table $options: not a number in $(grep -Eil 'nan|inf' "$out"/*.csv)"
    [ "$(($(wc -l < "$out/cases.csv") - 1))" -eq "$rows" ] || fail "$table $options: cases.csv should hold $rows issues"
  done
done
# --folds above the number of proposals: refused, exit status 2.
status=0; "$accord" backtest --deu "$dir/one_issue.tsv" --folds 2 -q -o "$tmp/x" 2> "$tmp/err" || status=$?
[ "$status" -eq 2 ] && grep -qF "$dir/one_issue.tsv:1:1: error: --folds must be between 2 and the number of proposals (1), found 2" "$tmp/err" || fail "one issue, --folds 2: $status $(cat "$tmp/err")"
mae() {  # errors.csv model fold -> mae
  awk -F, -v m="$2" -v f="${3:-all}" '$1 == m && $5 == f { print $3 }' "$1"
}
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && d < 1e-9 && d > -1e-9) }'; }
# Every actor at 40: every model of the positions predicts 40; the 16 outcomes' distances from 40 sum
# to 345 (by hand from the table's out column): 21.5625 (choice-cap fitted on every case picks D = 0).
e="$tmp/same_position./errors.csv"
for m in weighted-mean weighted-median unweighted-mean voting-power option-wins exchange council-core choice-cap; do
  near "$(mae "$e" $m)" 21.5625 || fail "same position: $m mae $(mae "$e" $m), expected 21.5625"
done
# choice-cap and choice-cap10 held out move at most their D (fitted.csv) from the compromise model.
for model in choice-cap choice-cap10; do
  awk -F, -v model="$model" 'NR == FNR { if ($1 == model && $5 == "cap") d[$2] = $4; next }
    FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { m = $c[model] - $c["weighted-mean"]; if (m < 0) m = -m; if (!($NF in d) || m > d[$NF] + 1e-9) exit 1 }' \
    "$tmp/same_position.--folds_8_--seed_1_--pooled/fitted.csv" "$tmp/same_position.--folds_8_--seed_1_--pooled/cases.csv" \
    || fail "same position, --folds 8: $model moved further than its D"
done
# One actor (de): the compromise model is its position; the MAE computed here from the table.
want=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "out") o = i; if ($i == "pde") p = i } }
  NR > 2 && $o != "" { d = $p - $o; s += d < 0 ? -d : d; n++ } END { printf "%.12f", s / n }' "$dir/one_actor.tsv")
near "$(mae "$tmp/one_actor./errors.csv" weighted-mean)" "$want" || fail "one actor: mae $(mae "$tmp/one_actor./errors.csv" weighted-mean), expected $want"
# One issue: capability x salience weights 2.05, 1.64, 3.28, 1.68, 0.418, 0.927 (sum 9.995) on 30, 70,
# 10, 90, 50, 40 give 418.28 / 9.995 = 41.849 against the outcome 0; one proposal: no interval.
awk -F, '$1 == "weighted-median" && $5 == "all" { exit !($6 != "" && $7 == "" && $8 == "") }' "$tmp/one_issue./errors.csv" \
  || fail "one issue: the interval of one proposal should be empty"
near "$(mae "$tmp/one_issue./errors.csv" weighted-mean)" "$(awk 'BEGIN { printf "%.12f", 418.28 / 9.995 }')" \
  || fail "one issue: mae $(mae "$tmp/one_issue./errors.csv" weighted-mean)"
# The odd proposals have no outcome: the part odd has no case (cases 0, empty scores).
awk -F, '$5 == "odd" { n++; if ($2 != 0 || $3 != "") exit 1 } END { exit !(n == 24) }' \
  "$tmp/no_outcome_odd.--split_odd-even_--pooled/errors.csv" || fail "no outcome on the odd proposals: the part odd"
# Refused with a located error and exit status 2.
refused() {  # table expected-message
  local status=0
  "$accord" backtest --deu "$dir/$1.tsv" -q -o "$tmp/r" 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$1: exit status $status, expected 2"
  grep -qF "$2" "$tmp/err" || fail "$1: message $(cat "$tmp/err")"
  [ ! -e "$tmp/r/cases.csv" ] || fail "$1: files written"
}
refused zero_salience "$dir/zero_salience.tsv:3:1: error: none of the 16 rows with an outcome has an actor with a position and weight"
refused no_rows "$dir/no_rows.tsv:1:1: error: no row of the DEU table has an outcome (out): nothing to backtest"
refused nan_position "$dir/nan_position.tsv:3:34: error: pnl must be a number in [0, 100], found 'nan'"
refused huge_gdp "$dir/huge_gdp.tsv:2:14: error: actor 'de': the GDP figure (capability) on line 2 must be a number from 0 to 1e100, found '1e307'"
# A column given twice was read from its first place, and an actor without a salience column left out of
# every case, both silently (7 December 2026).
refused duplicate_column "$dir/duplicate_column.tsv:1:86: error: the column 'out' is given twice (first as column 18): which to read is unclear"
refused missing_salience_column "$dir/missing_salience_column.tsv:2:18: error: actor 'fr' has a GDP figure on line 2 but the table has no salience column 'sfr' (empty salience cells read as 50)"
echo ok

#!/usr/bin/env bash
# `accord backtest` against observed outcomes: on the DEU III table the compromise model (the
# salience x GDP weighted mean) and the weighted median reproduce the published mean absolute
# errors (tests/data/deu3/README.md: 23.1 and 27.3 points over 353 issues; 23.0873 and 27.3173
# to four decimals, computed independently from the table); on the scenarios, cases.csv holds one
# row per observed term.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

echo "DEU III: 353 issues, published errors of the compromise model and the weighted median"
"$accord" backtest --deu tests/data/deu3/deu3.tsv -q -o "$tmp/deu"
[ "$(head -1 "$tmp/deu/errors.csv")" = "model,cases,mae,rmse" ] || fail "errors.csv header"
[ "$(head -1 "$tmp/deu/cases.csv")" = "case,issue,observed,scenario,weighted-mean,weighted-median,nash,expected-utility" ] \
  || fail "cases.csv header: $(head -1 "$tmp/deu/cases.csv")"
[ "$(($(wc -l < "$tmp/deu/cases.csv") - 1))" -eq 353 ] || fail "cases.csv should hold 353 issues"
check_mae() {  # model expected
  awk -F, -v m="$1" -v want="$2" '$1 == m { found = 1; d = $3 - want; if (d < 0) d = -d
      if ($2 != 353 || d > 1e-4) { print "FAIL: " m ": cases " $2 ", mae " $3 ", expected " want; exit 1 } }
      END { if (!found) { print "FAIL: no row for " m; exit 1 } }' "$tmp/deu/errors.csv" || fail "errors.csv"
}
check_mae weighted-mean 23.0873
check_mae weighted-median 27.3173
# The first issue (d00032i1) by hand: weights s x GDP over the actors with a position.
awk -F, '$1 == "d00032i1" { if ($3 != 100) { print "FAIL: observed " $3; exit 1 } }' "$tmp/deu/cases.csv" \
  || fail "first DEU case"

echo "scenarios: one row per observed term, errors for every model"
"$accord" backtest scenarios/nato_russia_council_2002.yaml scenarios/ec_car_emissions_1989.yaml --runs 50 -q -o "$tmp/sc"
[ "$(($(wc -l < "$tmp/sc/cases.csv") - 1))" -eq 4 ] || fail "expected 3 NATO issues and 1 car-emissions issue"
grep -q '^nato_russia_council_2002,decision_role,45,' "$tmp/sc/cases.csv" || fail "NATO decision_role row"
grep -q '^ec_car_emissions_1989,standards_year,8.833,' "$tmp/sc/cases.csv" || fail "car-emissions row"
# The car-emissions weighted mean of the initial positions is the published 7.39 (models.md).
awk -F, '$1 == "ec_car_emissions_1989" { d = $5 - 7.39; if (d < 0) d = -d; if (d > 0.005) exit 1 }' "$tmp/sc/cases.csv" \
  || fail "car-emissions weighted mean"
[ "$(($(wc -l < "$tmp/sc/errors.csv") - 1))" -eq 5 ] || fail "errors.csv rows"

echo "a scenario without observed terms is refused"
status=0
"$accord" backtest tests/data/fj1999_a.yaml -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "exit status $status"
grep -q "no observed terms" "$tmp/err" || fail "message: $(cat "$tmp/err")"
echo ok

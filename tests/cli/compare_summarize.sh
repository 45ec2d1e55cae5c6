#!/usr/bin/env bash
# `accord compare` runs two variants on the same seeds and reports paired differences;
# `accord summarize` aggregates a runs.csv by columns. Both are checked against numbers computed
# here from the runs themselves.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
a=scenarios/nato_russia_council_2002.yaml
b=scenarios/counterfactuals/nato_russia_council_2002_no_schroeder.yaml

echo "compare: header, rows, and the means of the two variants run alone"
"$accord" compare "$a" "$b" --runs 300 -q -o "$tmp/cmp"
[ "$(head -1 "$tmp/cmp/compare.csv")" = "quantity,a,b,difference,ci_low,ci_high" ] || fail "compare.csv header"
[ "$(cut -d, -f1 "$tmp/cmp/compare.csv" | tail -n +2 | tr '\n' ' ')" = "agreed terms.decision_role terms.agenda terms.nato_autonomy outcome.decision_role outcome.agenda outcome.nato_autonomy terms_if_agreed.decision_role terms_if_agreed.agenda terms_if_agreed.nato_autonomy " ] \
  || fail "compare.csv rows: $(cut -d, -f1 "$tmp/cmp/compare.csv" | tr '\n' ' ')"
"$accord" run "$a" --runs 300 -q -o "$tmp/ra"
"$accord" run "$b" --runs 300 --seed 2002 -q -o "$tmp/rb"
# The paired difference of every quantity, from the two runs.csv files (same seeds, same rows).
awk -F, -v file_b="$tmp/rb/runs.csv" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; getline line < file_b; next }
  { getline line < file_b; split(line, b, ",")
    q[1] = "agreed"; q[2] = "terms.decision_role"; q[3] = "terms.agenda"; q[4] = "terms.nato_autonomy"
    q[5] = "outcome.decision_role"; q[6] = "outcome.agenda"; q[7] = "outcome.nato_autonomy"
    for (j = 1; j <= 7; j++) { x = $col[q[j]]; y = b[col[q[j]]]; sa[j] += x; sb[j] += y; d = y - x; sd[j] += d; sdd[j] += d * d }
    pair[$col["agreed"] b[col["agreed"]]]++
    # The terms if agreed: the same, over the runs agreed in both variants only (the terms of a failed run
    # are the last proposal, not a deal: they must not be pooled with the deals).
    if ($col["agreed"] == 1 && b[col["agreed"]] == 1) {
      for (j = 8; j <= 10; j++) { k = "terms." substr(q[j], 17); x = $col[k]; y = b[col[k]]; sa[j] += x; sb[j] += y; d = y - x; sd[j] += d; sdd[j] += d * d }
      both++ }
    n++ }
  BEGIN { q[8] = "terms_if_agreed.decision_role"; q[9] = "terms_if_agreed.agenda"; q[10] = "terms_if_agreed.nato_autonomy" }
  # Wilson score interval of k out of n.
  function wlo(k) { p = k / n; c = (p + z2 / (2 * n)) / (1 + z2 / n); h = 1.96 / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n)); return c - h < 0 ? 0 : c - h }
  function whi(k) { p = k / n; c = (p + z2 / (2 * n)) / (1 + z2 / n); h = 1.96 / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n)); return c + h > 1 ? 1 : c + h }
  END { z2 = 1.96 * 1.96
        for (j = 1; j <= 10; j++) { c = (j <= 7) ? n : both; mean[j] = sd[j] / c; m = mean[j]; v = (sdd[j] - c * m * m) / (c - 1); if (v < 0) v = 0
                                    lo[j] = m - 1.96 * sqrt(v / c); hi[j] = m + 1.96 * sqrt(v / c); cnt[j] = c }
        # agreed: Newcombe (1998) method 10 for B minus A from the pairs (docs/interface.md 4.6).
        kb = pair["11"] + pair["01"]; ka = pair["11"] + pair["10"]; pb = kb / n; pa = ka / n
        phi = 0; a = pair["11"] * pair["00"] - pair["01"] * pair["10"]; m = kb * (n - kb) * ka * (n - ka)
        if (m > 0) phi = a > n / 2 ? (a - n / 2) / sqrt(m) : (a < 0 ? a / sqrt(m) : 0)
        bb = pb - wlo(kb); ab = whi(kb) - pb; ba = pa - wlo(ka); aa = whi(ka) - pa
        lo[1] = pb - pa - sqrt(bb * bb + aa * aa - 2 * phi * bb * aa); hi[1] = pb - pa + sqrt(ba * ba + ab * ab - 2 * phi * ba * ab)
        for (j = 1; j <= 10; j++) printf "%s %.12g %.12g %.12g %.12g %.12g\n", q[j], sa[j] / cnt[j], sb[j] / cnt[j], mean[j], lo[j], hi[j] }
' "$tmp/ra/runs.csv" > "$tmp/expected"
tail -n +2 "$tmp/cmp/compare.csv" | tr ',' ' ' > "$tmp/got"
awk 'NR == FNR { for (i = 2; i <= 6; i++) e[$1, i] = $i; next }
     { for (i = 2; i <= 6; i++) { d = $i - e[$1, i]; if (d < 0) d = -d; if (d > 1e-9) { print "FAIL " $1 " column " i ": " $i " vs " e[$1, i]; bad = 1 } } }
     END { exit bad }' "$tmp/expected" "$tmp/got" || fail "compare.csv differs from the paired differences of the runs"
grep -q '"scenario_b_sha256"' "$tmp/cmp/manifest.json" || fail "manifest lacks scenario_b_sha256"

echo "compare: a variant with itself differs by exactly 0"
"$accord" compare "$a" "$a" --runs 50 -q -o "$tmp/same"
# Terms and outcomes: an interval of width 0. Agreement: Newcombe's interval, symmetric about 0, keeps a width.
awk -F, 'NR > 1 && $1 != "agreed" && ($4 != 0 || $5 != 0 || $6 != 0) { exit 1 }
         NR > 1 && $1 == "agreed" && ($4 != 0 || $5 + $6 != 0 || $6 <= 0) { exit 1 }' "$tmp/same/compare.csv" \
  || fail "self-comparison not 0"

echo "compare: variants with different issues are refused"
status=0
"$accord" compare "$a" scenarios/eu_eurodac_2000.yaml -q 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "different issues: exit $status"
grep -q "the issues differ" "$tmp/err" || fail "different issues: message: $(cat "$tmp/err")"

echo "summarize: grouping a sweep's runs by its parameters gives points.csv"
"$accord" sweep "$a" --runs 20 -q -o "$tmp/sweep"
"$accord" summarize "$tmp/sweep/runs.csv" --by actors.USA_DOD.reservation actors.DEU.capability > "$tmp/summary.csv"
cut -d, -f2- "$tmp/sweep/points.csv" | diff - "$tmp/summary.csv" || fail "summarize differs from points.csv"
"$accord" summarize "$tmp/sweep/runs.csv" --by actors.DEU.capability -o "$tmp/by_deu.csv"
[ "$(wc -l < "$tmp/by_deu.csv")" -eq 4 ] || fail "three groups expected"
[ "$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$tmp/by_deu.csv")" -eq 300 ] || fail "group sizes do not add up to 300"

echo "summarize: an unknown column is refused with a hint"
status=0
"$accord" summarize "$tmp/sweep/runs.csv" --by actors.DEU.capabilty 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || fail "unknown column: exit $status"
grep -q "did you mean 'actors.DEU.capability'" "$tmp/err" || fail "unknown column message: $(cat "$tmp/err")"

echo "summarize: a terms or outcome cell that is not a finite number, and a directory, are refused"
. "$(dirname "$0")/lib/refusals.bash"
printf '%s\n' "run,agreed,terms.x,outcome.x" "0,1,40,40" "1,1,inf,40" > "$tmp/inf_terms.csv"
expect_status 2 "inf_terms.csv:3:5: error: 'terms.x' must be a finite number, found 'inf'" \
  "$accord" summarize "$tmp/inf_terms.csv" --by agreed
printf '%s\n' "run,agreed,terms.x,outcome.x" "0,1,40,nan" > "$tmp/nan_outcome.csv"
expect_status 2 "nan_outcome.csv:2:8: error: 'outcome.x' must be a finite number, found 'nan'" \
  "$accord" summarize "$tmp/nan_outcome.csv" --by agreed
expect_status 2 "sweep: error: is a directory, not a file" "$accord" summarize "$tmp/sweep" --by agreed

echo "summarize: a runs.csv saved by a spreadsheet (a byte order mark, CRLF line ends) is read as the file itself"
# With a byte order mark, --by run (the first column) said 'no such column' while --by agreed worked.
"$accord" summarize "$tmp/ra/runs.csv" --by run agreed > "$tmp/plain_summary.csv"
{ printf '\357\273\277'; sed 's/$/\r/' "$tmp/ra/runs.csv"; } > "$tmp/bom_runs.csv"
"$accord" summarize "$tmp/bom_runs.csv" --by run agreed > "$tmp/bom_summary.csv" || fail "a runs.csv with a byte order mark"
cmp -s "$tmp/plain_summary.csv" "$tmp/bom_summary.csv" || fail "a byte order mark and CRLF change the summary"
printf '%s\n' "run,agreed,terms.x" "0,1,x40" | { printf '\357\273\277'; cat; } > "$tmp/bom_bad.csv"
expect_status 2 "bom_bad.csv:2:5: error: 'terms.x' must be a finite number, found 'x40'" \
  "$accord" summarize "$tmp/bom_bad.csv" --by agreed
echo ok

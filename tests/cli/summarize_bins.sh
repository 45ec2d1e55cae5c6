#!/usr/bin/env bash
# `accord summarize --bins PARAM=N` on a sweep's runs.csv: equal-width bins labelled by their
# interval, the last closed, with the real counts; and the refusals of a bad --bins.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
# A hand-made runs.csv: p from 0 to 1 in steps of 0.1 (11 runs), agreed when p >= 0.5.
{
  echo "run,p,agreed,terms.x"
  for i in 0 1 2 3 4 5 6 7 8 9 10; do
    echo "$i,0.$i,$((i >= 5)),$((10 * i))" | sed 's/0\.10,/1,/'
  done
} > "$tmp/runs.csv"
"$accord" summarize "$tmp/runs.csv" --by p --bins p=4 -o "$tmp/sum.csv"
# The label holds a comma, so CSV quotes it; then runs and p_agree.
sed 's/^\("[^"]*",[^,]*,[^,]*\),.*/\1/' "$tmp/sum.csv" > "$tmp/got"
# Width 0.25: [0,.25) holds 0, .1, .2; [.25,.5) .3, .4; [.5,.75) .5, .6, .7; [.75,1] .8, .9, 1.
printf '%s\n' "p,runs,p_agree,p_agree_low,p_agree_high,terms.x.mean,terms.x.sd" '"[0,0.25)",3,0' '"[0.25,0.5)",2,0' \
  '"[0.5,0.75)",3,1' '"[0.75,1]",3,1' > "$tmp/want"
diff "$tmp/want" "$tmp/got" || fail "bins"
[ "$(tail -1 "$tmp/sum.csv" | awk -F, '{ print $7 }')" = 90 ] || fail "terms.x.mean of the last bin (80, 90, 100)"
echo "refusals"
for bad in p p=0 p=x =3 p=010 p=10001; do
  status=0
  "$accord" summarize "$tmp/runs.csv" --by p --bins "$bad" 2>"$tmp/err" >/dev/null || status=$?
  [ "$status" -eq 2 ] && grep -q "PARAM=N" "$tmp/err" || fail "--bins $bad: exit $status: $(cat "$tmp/err")"
done
status=0
"$accord" summarize "$tmp/runs.csv" --by run --bins p=3 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ] && grep -q "runs.csv:1:1: error: --bins p=3: 'p' is not one of the --by columns" "$tmp/err" \
  || fail "not a --by column: exit $status: $(cat "$tmp/err")"
# A column given twice to --by (its column came out twice) or to --bins (one count was dropped silently).
status=0
"$accord" summarize "$tmp/runs.csv" --by p p 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ] && grep -q "accord summarize: error: --by p: the column is given twice" "$tmp/err" \
  || fail "--by p p: exit $status: $(cat "$tmp/err")"
status=0
"$accord" summarize "$tmp/runs.csv" --by p --bins p=2 --bins p=3 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ] && grep -q "accord summarize: error: --bins p=3: the column p is given twice" "$tmp/err" \
  || fail "--bins p=2 --bins p=3: exit $status: $(cat "$tmp/err")"
# -o naming the input itself would replace the runs.csv with its summary.
cp "$tmp/runs.csv" "$tmp/kept.csv"
status=0
"$accord" summarize "$tmp/runs.csv" --by p -o "$tmp/./runs.csv" 2>"$tmp/err" >/dev/null || status=$?
[ "$status" -eq 2 ] && grep -q "accord summarize: error: -o $tmp/./runs.csv is the file summarized" "$tmp/err" \
  || fail "-o the input: exit $status: $(cat "$tmp/err")"
cmp "$tmp/runs.csv" "$tmp/kept.csv" || fail "-o the input: the input changed"
echo ok

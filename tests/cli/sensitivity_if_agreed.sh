#!/usr/bin/env bash
# sensitivity.csv's outcome.<issue> and terms_if_agreed.<issue> rows (docs/sensitivity.md) on
# tests/data/sensitivity_if_agreed.yaml, whose indices are known in closed form (see the file): a
# threshold that decides only whether there is a deal moves the outcome but not the deals' terms.
# The terms_if_agreed indices are recomputed here from points.csv (itself checked against runs.csv),
# over the base samples with a deal at every point; the rows before them are the bytes of the same
# study without a status quo; and a design without any deal leaves the indices empty, with a note.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sensitivity_if_agreed.yaml
value() {  # file output parameter index [column] -> the value (or column 6, 7: the interval)
  awk -F, -v o="$2" -v p="$3" -v i="$4" -v c="${5:-5}" '$2 == o && $3 == p && $4 == i { print $c; found = 1 } END { if (!found) print "missing" }' "$1"
}
near() {  # value expected tolerance description
  awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = v - e; if (d < 0) d = -d; exit !(v != "missing" && d <= t) }' \
    || fail "$4: $1, expected $2 +- $3"
}
contains() {  # file output parameter index expected
  awk -v l="$(value "$1" "$2" "$3" "$4" 6)" -v h="$(value "$1" "$2" "$3" "$4" 7)" -v e="$5" \
    'BEGIN { exit !(l != "" && l <= e && e <= h) }' || fail "the interval of $4 of $3 for $2 misses $5"
}

echo "sobol: the rows, in order; the closed forms of outcome.x and terms_if_agreed.x"
"$accord" sensitivity "$scenario" -o "$tmp/sobol" -q 2>"$tmp/err" || fail "sensitivity: $(cat "$tmp/err")"
f=$tmp/sobol/sensitivity.csv
[ "$(cut -d, -f2 "$f" | uniq | tr '\n' ' ')" = "output agreed terms.x outcome.x terms_if_agreed.x " ] ||
  fail "outputs: $(cut -d, -f2 "$f" | uniq | tr '\n' ' ')"
x=actors.A.positions.x t=outcome.threshold
near "$(value "$f" agreed $t S1)" 1 0.05 "S1 of the threshold on agreement"
[ "$(value "$f" agreed $x ST)" = 0 ] || fail "ST of A's position on agreement is not 0"
near "$(value "$f" terms.x $x S1)" 1 0.05 "S1 of A's position on the terms"
[ "$(value "$f" terms.x $t ST)" = 0 ] || fail "ST of the threshold on the terms is not 0"
near "$(value "$f" outcome.x $t S1)" 0.7076 0.08 "S1 of the threshold on the outcome"
near "$(value "$f" outcome.x $x S1)" 0.2437 0.08 "S1 of A's position on the outcome"
near "$(value "$f" outcome.x $t ST)" 0.7563 0.08 "ST of the threshold on the outcome"
near "$(value "$f" outcome.x $x ST)" 0.2924 0.08 "ST of A's position on the outcome"
for i in S1 ST; do
  contains "$f" outcome.x $t $i "$([ $i = S1 ] && echo 0.7076 || echo 0.7563)"
  contains "$f" outcome.x $x $i "$([ $i = S1 ] && echo 0.2437 || echo 0.2924)"
done
near "$(value "$f" terms_if_agreed.x $x S1)" 1 0.05 "S1 of A's position on the deals' terms"
near "$(value "$f" terms_if_agreed.x $x ST)" 1 0.05 "ST of A's position on the deals' terms"
[ "$(value "$f" terms_if_agreed.x $t S1)" = 0 ] || fail "S1 of the threshold on the deals' terms is not 0"
[ "$(value "$f" terms_if_agreed.x $t ST)" = 0 ] || fail "ST of the threshold on the deals' terms is not 0"

echo "recomputed: points.csv against runs.csv, the note, and the terms_if_agreed indices from points.csv"
/usr/bin/python3 - "$tmp/sobol" "$tmp/err" <<'PY' || fail "recomputation"
import csv, sys
d, err = sys.argv[1], open(sys.argv[2]).read()
runs = list(csv.DictReader(open(f"{d}/runs.csv")))
points = list(csv.DictReader(open(f"{d}/points.csv")))
y = []
for p, r in zip(points, runs):  # one replication: run k is point k
    assert r["point"] == p["point"]
    deal = r["agreed"] == "1"
    assert p["terms_if_agreed.x.mean"] == (r["terms.x"] if deal else ""), p["point"]
    assert float(p["outcome.x.mean"]) == (float(r["terms.x"]) if deal else 0.0), p["point"]
    y.append(float(r["terms.x"]) if deal else None)
d_, n = 2, len(y) // 4
kept = [j for j in range(n) if all(y[b * n + j] is not None for b in range(d_ + 2))]
without = sum(v is None for v in y)
note = (f"accord sensitivity: note: terms_if_agreed.x: {without} of {len(y)} design points have no deal; "
        f"its indices use the {len(kept)} of {n} base samples with a deal at every point")
assert note in err, (note, err)
assert 0.6 * n < len(kept) < 0.8 * n, len(kept)  # (5/6)^2 = 0.694 of them
# sim/analysis/src/sensitivity.cpp estimate_sobol, in its order of summation.
a = lambda j: y[j]; b = lambda j: y[n + j]; ab = lambda i, j: y[(2 + i) * n + j]
m = float(len(kept))
total = 0.0
for j in kept:
    total += a(j) + b(j)
f0 = total / (2 * m)
ss = 0.0
for j in kept:
    ss += (a(j) - f0) * (a(j) - f0) + (b(j) - f0) * (b(j) - f0)
v = ss / (2 * m)
rows = {(r["parameter"], r["index"]): r["value"] for r in csv.DictReader(open(f"{d}/sensitivity.csv"))
        if r["output"] == "terms_if_agreed.x"}
for i, name in enumerate(["actors.A.positions.x", "outcome.threshold"]):
    first = tot = 0.0
    for j in kept:
        step = ab(i, j) - a(j)
        first += (b(j) - f0) * step
        tot += step * step
    assert float(rows[(name, "S1")]) == first / m / v, (name, rows[(name, "S1")], first / m / v)
    assert float(rows[(name, "ST")]) == tot / m / (2 * v), (name, rows[(name, "ST")], tot / m / (2 * v))
PY

echo "same bytes: the rows before the new ones are those of the study without a status quo"
sed 's/issues: \[{id: x, status_quo: 0}\]/issues: [{id: x}]/' "$scenario" >"$tmp/no_sq.yaml"
grep -q 'issues: \[{id: x}\]' "$tmp/no_sq.yaml" || fail "could not remove the status quo"
"$accord" sensitivity "$tmp/no_sq.yaml" -o "$tmp/no_sq" -q 2>"$tmp/err_no_sq"
[ ! -s "$tmp/err_no_sq" ] || fail "a note without a status quo: $(cat "$tmp/err_no_sq")"
lines=$(wc -l <"$tmp/no_sq/sensitivity.csv")
[ "$lines" -eq 9 ] || fail "without a status quo: $lines lines, expected a header and 8 rows"
head -n "$lines" "$f" | cmp -s - "$tmp/no_sq/sensitivity.csv" || fail "the first rows differ from the study without a status quo"

echo "morris: mu* = 50 and sigma = 0 for A's position on the deals' terms, 0 for the threshold"
"$accord" sensitivity "$scenario" -o "$tmp/morris" --method morris --samples 10 -q 2>"$tmp/err"
f=$tmp/morris/sensitivity.csv
near "$(value "$f" terms_if_agreed.x $x mu_star)" 50 1e-9 "mu* of A's position"
near "$(value "$f" terms_if_agreed.x $x sigma)" 0 1e-9 "sigma of A's position"
[ "$(value "$f" terms_if_agreed.x $t mu_star)" = 0 ] || fail "mu* of the threshold on the deals' terms is not 0"
grep -qE "^accord sensitivity: note: terms_if_agreed.x: [0-9]+ of 30 design points have no deal; its indices use the [0-9]+ of 10 trajectories with a deal at every point$" "$tmp/err" ||
  fail "morris note: $(cat "$tmp/err")"

echo "no deal anywhere: empty terms_if_agreed indices, and a note that says so"
sed 's/outcome.threshold: {range: \[0, 0.6\]}/outcome.threshold: {range: [0.6, 1]}/' "$scenario" >"$tmp/never.yaml"
"$accord" sensitivity "$tmp/never.yaml" -o "$tmp/never" --samples 8 -q 2>"$tmp/err"
grep -q "^accord sensitivity: note: terms_if_agreed.x: 32 of 32 design points have no deal; 0 of 8 base samples have a deal at every point, too few: its indices are empty$" "$tmp/err" ||
  fail "no-deal note: $(cat "$tmp/err")"
[ "$(grep -c '^sobol,terms_if_agreed\.x,[^,]*,S[1T],,,$' "$tmp/never/sensitivity.csv")" -eq 4 ] ||
  fail "terms_if_agreed rows without a deal: $(grep terms_if_agreed "$tmp/never/sensitivity.csv")"
echo ok

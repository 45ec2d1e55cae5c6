#!/usr/bin/env bash
# The sweep designs of docs/models.md section 11: `lhs` puts exactly one point in each of the n strata
# of every parameter; `random` and `sobol` give `samples` points inside the ranges; `sobol` is
# Boost.Random's unscrambled Sobol sequence from its first point (checked against a small
# program built with boost/random/sobol.hpp); the same seed gives the same design, and another
# seed moves the random and lhs points but not the grid or sobol points.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
data=tests/data

sweep() {  # out-dir scenario options...
  local out=$1 scenario=$2; shift 2
  "$accord" sweep "$scenario" -q -o "$tmp/$out" "$@" || fail "accord sweep $scenario $* exited with status $?"
}
# The design columns of points.csv (point and the d parameters), without the header.
design_of() { awk -F, -v d="$2" 'NR > 1 { s = $1; for (j = 2; j <= 1 + d; j++) s = s "," $j; print s }' "$tmp/$1/points.csv"; }

# check_count DIR SAMPLES REPS: points.csv holds points 0..SAMPLES-1, runs.csv SAMPLES x REPS rows.
check_count() {
  local rows runs
  rows=$(awk -F, 'NR > 1 && $1 != NR - 2 { print "bad"; exit } NR > 1 { n++ } END { print n + 0 }' "$tmp/$1/points.csv")
  [ "$rows" = "$2" ] || fail "$1: points.csv holds $rows points (or is misnumbered), expected points 0..$(($2 - 1)) (samples: $2)"
  runs=$(($(wc -l < "$tmp/$1/runs.csv") - 1))
  [ "$runs" -eq $(($2 * $3)) ] || fail "$1: runs.csv has $runs rows, expected $2 samples x $3 replications"
  grep -q "\"points\": *$2[,}[:space:]]" "$tmp/$1/manifest.json" || fail "$1: manifest.json does not say \"points\": $2"
}
# check_ranges DIR "lo hi" "lo hi" ...: each design column inside its range.
check_ranges() {
  local dir=$1; shift
  awk -F, -v ranges="$*" '
    BEGIN { d = split(ranges, r, " ") / 2 }
    NR == 1 { next }
    { for (j = 1; j <= d; j++) { v = $(j + 1) + 0; lo = r[2 * j - 1]; hi = r[2 * j]
        if (v < lo || v > hi) { printf "point %s: parameter %d is %s, outside [%s, %s]\n", $1, j, $(j + 1), lo, hi; bad = 1 } } }
    END { exit bad }' "$tmp/$dir/points.csv" || fail "$dir: design values outside their ranges (see above)"
}

# check_strata DIR N "lo hi"...: each parameter has exactly one point in each of its N strata
# (floor((v - lo) / (hi - lo) * N) takes every value 0..N-1 once).
check_strata() {
  local dir=$1 n=$2; shift 2
  echo "checking: $dir: every parameter has exactly one point in each of its $n strata"
  awk -F, -v ranges="$*" -v n="$n" '
    BEGIN { d = split(ranges, r, " ") / 2 }
    NR == 1 { next }
    { for (j = 1; j <= d; j++) { lo = r[2 * j - 1]; hi = r[2 * j]; s = int(($(j + 1) - lo) / (hi - lo) * n)
        if (s == n) s = n - 1
        if ((j, s) in seen) { printf "parameter %d: points %s and %s are both in stratum %d of %d\n", j, seen[j, s], $1, s, n; bad = 1 }
        seen[j, s] = $1 } }
    END { for (j = 1; j <= d; j++) for (s = 0; s < n; s++) if (!((j, s) in seen)) { printf "parameter %d: stratum %d of %d is empty\n", j, s, n; bad = 1 }
          exit bad }' "$tmp/$dir/points.csv" || fail "$dir: not a Latin hypercube (see above)"
}

echo "--- lhs: $data/sweep_lhs.yaml, 20 samples of 3 parameters"
sweep lhs $data/sweep_lhs.yaml
check_count lhs 20 2
ranges_lhs="0.7 0.9 5 40 0 1"
check_ranges lhs $ranges_lhs
check_strata lhs 20 $ranges_lhs

echo "--- random: $data/sweep_random.yaml, 24 samples of 3 parameters"
sweep random $data/sweep_random.yaml
check_count random 24 2
check_ranges random 0.7 0.9 5 40 0 1
distinct=$(design_of random 3 | cut -d, -f2- | sort -u | wc -l)
[ "$distinct" -eq 24 ] || fail "random: only $distinct distinct points among 24 samples"

echo "--- sobol: $data/sweep_sobol.yaml, 16 samples of 2 parameters over [0, 1]"
sweep sobol $data/sweep_sobol.yaml
check_count sobol 16 2
check_ranges sobol 0 1 0 1
cxx=${CXX:-g++}
if ! command -v "$cxx" >/dev/null; then
  fail "no C++ compiler ($cxx) to build the Boost reference of the Sobol points"
fi
cat > "$tmp/sobol_ref.cpp" <<'CPP'
// The first n points of Boost.Random's unscrambled Sobol sequence in d dimensions, as doubles in
// [0, 1) (engine() / 2^64), written in the shortest round-trip form: "i,x1,...,xd".
#include <boost/random/sobol.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
int main(int argc, char** argv) {
    const int d = std::atoi(argv[1]), n = std::atoi(argv[2]);
    boost::random::sobol engine(d);
    for (int i = 0; i < n; ++i) {
        std::printf("%d", i);
        for (int j = 0; j < d; ++j) {
            char buf[64];
            const double u = std::ldexp(static_cast<double>(engine()), -64);
            *std::to_chars(buf, buf + sizeof buf - 1, u).ptr = '\0';
            std::printf(",%s", buf);
        }
        std::printf("\n");
    }
}
CPP
"$cxx" -std=c++17 -O0 -o "$tmp/sobol_ref" "$tmp/sobol_ref.cpp" 2> "$tmp/cxx.err" ||
  fail "could not build the Boost Sobol reference program:
$(head -n 20 "$tmp/cxx.err")"
"$tmp/sobol_ref" 2 16 > "$tmp/sobol_ref.txt"
echo "  Boost's first points: $(head -n 4 "$tmp/sobol_ref.txt" | cut -d, -f2- | sed 's/.*/(&)/' | tr '\n' ' ')"
if [ "$(head -n 3 "$tmp/sobol_ref.txt" | cut -d, -f2- | tr '\n' ' ')" = "0.5,0.5 0.75,0.25 0.25,0.75 " ]; then
  echo "  (Boost's sequence starts (0.5,0.5), (0.75,0.25), (0.25,0.75): the zero point is skipped)"
fi
echo "checking: accord's sobol points are Boost's, in order"
design_of sobol 2 > "$tmp/sobol_accord.txt"
awk -F, '
  function near(x, y) { return (x - y) ^ 2 <= 1e-28 }
  FILENAME ~ /ref/ { ref[$1] = $2 "," $3; next }
  { split(ref[$1], r, ",")
    if (!($1 in ref) || !near($2 + 0, r[1] + 0) || !near($3 + 0, r[2] + 0)) { printf "point %s is (%s, %s), Boost gives (%s)\n", $1, $2, $3, ref[$1]; bad = 1 } }
  END { exit bad }' "$tmp/sobol_ref.txt" "$tmp/sobol_accord.txt" || fail "sobol points differ from boost::random::sobol (see above)"

echo "--- the same seed gives the same design (and the same bytes); another seed moves random and lhs points only"
sweep grid $data/sweep_small.yaml
for d in "grid 2 $data/sweep_small.yaml" "random 3 $data/sweep_random.yaml" "lhs 3 $data/sweep_lhs.yaml" "sobol 2 $data/sweep_sobol.yaml"; do
  read -r name dims scenario <<<"$d"
  sweep "$name.again" "$scenario"
  for f in points.csv runs.csv; do
    cmp -s "$tmp/$name/$f" "$tmp/$name.again/$f" || fail "$name: two sweeps with the same seed wrote different $f:
$(diff "$tmp/$name/$f" "$tmp/$name.again/$f" | head -n 6)"
  done
  sweep "$name.seed7" "$scenario" --seed 7
  if [ "$name" = random ] || [ "$name" = lhs ]; then
    changed=$(diff <(design_of "$name" "$dims") <(design_of "$name.seed7" "$dims") | grep -c '^<' || true)
    [ "$changed" -eq "$(design_of "$name" "$dims" | wc -l)" ] ||
      fail "$name: --seed 7 moved only $changed of $(design_of "$name" "$dims" | wc -l) design points; a new seed should draw a new design"
    echo "  $name: --seed 7 gives a new design"
  else
    [ "$(design_of "$name" "$dims")" = "$(design_of "$name.seed7" "$dims")" ] ||
      fail "$name: --seed 7 changed the design points, which do not depend on the seed:
$(diff <(design_of "$name" "$dims") <(design_of "$name.seed7" "$dims") | head -n 6)"
    echo "  $name: --seed 7 keeps the design"
  fi
done
check_ranges lhs.seed7 $ranges_lhs
check_strata lhs.seed7 20 $ranges_lhs
echo "sweep_designs: all checks passed"

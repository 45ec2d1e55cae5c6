#!/usr/bin/env bash
# Friedkin-Johnsen dynamics reproduce the published equilibria of Friedkin & Johnsen (1999), as
# reprinted in eq. 2 of Parsegov, Proskurnikov, Tempo & Friedkin (2017, IEEE TAC): the positions
# of the last round of trajectory.csv must match the published values to 1e-6.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"

check_case() {
  local name=$1 expected=$2   # expected: "A1=v A2=v A3=v A4=v"
  local scenario=$src/tests/data/$name.yaml out=$tmp/$name
  echo "checking $name.yaml: equilibrium $expected (tolerance 1e-6)"
  "$accord" run "$scenario" -o "$out" -q || fail "accord run $scenario exited with status $?"
  [ -f "$out/trajectory.csv" ] || fail "$name: no trajectory.csv in the result directory"
  # Columns are found by name; the last round is the largest round of run 0.
  awk -F, -v expected="$expected" -v name="$name" '
    NR == 1 {
      for (i = 1; i <= NF; i++) col[$i] = i
      if (!("run" in col) || !("round" in col) || !("actor" in col) || !("position" in col)) {
        print "FAIL: " name ": trajectory.csv header lacks run/round/actor/position: " $0; bad = 1; exit 1
      }
      next
    }
    $col["run"] != 0 { next }
    {
      r = $col["round"] + 0
      if (r > last) { last = r; delete pos; n = 0 }
      if (r == last) { pos[$col["actor"]] = $col["position"]; n++ }
    }
    END {
      if (bad) exit 1
      split(expected, pairs, " ")
      failed = 0
      for (k in pairs) {
        split(pairs[k], kv, "=")
        if (!(kv[1] in pos)) { print "FAIL: " name ": actor " kv[1] " missing from the last round (" last ")"; failed = 1; continue }
        d = pos[kv[1]] - kv[2]; if (d < 0) d = -d
        if (d > 1e-6) { printf "FAIL: %s: actor %s at round %d: position %s, expected %s (|diff| %.3g > 1e-6)\n", name, kv[1], last, pos[kv[1]], kv[2], d; failed = 1 }
        else printf "  %s round %d: %s = %s (expected %s)\n", name, last, kv[1], pos[kv[1]], kv[2]
      }
      if (n != 4) { print "FAIL: " name ": " n " rows in the last round, expected 4 (one per actor)"; failed = 1 }
      exit failed
    }' "$out/trajectory.csv" || fail "$name: equilibrium does not match the published values"
}

check_case fj1999_a "A1=60.020849 A2=59.983966 A3=75 A4=74.986205"
check_case fj1999_b "A1=-19.289568 A2=-21.482905 A3=-50 A4=-23.199479"
echo "fj_published: both published equilibria reproduced"

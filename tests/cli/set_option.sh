#!/usr/bin/env bash
# --set PATH=VALUE fixes a parameter: it changes the results and removes the uncertainty on that
# path (its runs.csv column disappears); a bad --set is reported as `--set PATH=VALUE: error: ...`
# with exit 2; a missing scenario file is exit 2 with a message naming it.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=scenarios/nato_russia_council_2002.yaml
path=actors.RUS.capability   # listed under `uncertainty:` in the reference scenario
grep -qE "^  $path: *\{" "$scenario" || fail "$path is no longer drawn in $scenario's uncertainty: pick another path"

echo "checking: --set $path=80 changes summary.csv and removes the $path column from runs.csv"
"$accord" run "$scenario" --runs 40 --seed 3 -q -o "$tmp/base" || fail "baseline run exited with status $?"
"$accord" run "$scenario" --runs 40 --seed 3 -q -o "$tmp/set" --set "$path=80" || fail "run with --set exited with status $?"
header_base=$(head -n 1 "$tmp/base/runs.csv")
header_set=$(head -n 1 "$tmp/set/runs.csv")
tr ',' '\n' <<<"$header_base" | grep -qxF "$path" || fail "baseline runs.csv has no $path column: $header_base"
if tr ',' '\n' <<<"$header_set" | grep -qxF "$path"; then fail "with --set $path=80, runs.csv still has a $path column: $header_set"; fi
want_header=$(tr ',' '\n' <<<"$header_base" | grep -vxF "$path" | paste -sd, -)
[ "$header_set" = "$want_header" ] || fail "with --set, runs.csv header is
  $header_set
expected (baseline minus $path)
  $want_header"
if cmp -s "$tmp/base/summary.csv" "$tmp/set/summary.csv"; then fail "--set $path=80 left summary.csv unchanged"; fi
echo "  terms.decision_role mean: $(awk -F, '$1 == "terms.decision_role" { print $3 }' "$tmp/base/summary.csv") -> $(awk -F, '$1 == "terms.decision_role" { print $3 }' "$tmp/set/summary.csv")"

echo "checking: --set 80 equals a copy of the scenario with capability 80 and the uncertainty line removed"
# The same scenario with RUS capability written as 80 and its uncertainty line deleted, in a copy.
awk -v path="$path" '
  /^  - id: RUS *$/ { in_rus = 1 } /^  - id: / && !/RUS/ { in_rus = 0 }
  in_rus && /^    capability:/ { sub(/capability: *[0-9.]+/, "capability: 80") }
  index($0, "  " path ":") == 1 { next }
  { print }' "$scenario" >"$tmp/fixed.yaml"
grep -qE '^    capability: 80 ' "$tmp/fixed.yaml" || fail "could not write the fixed copy of $scenario"
"$accord" run "$tmp/fixed.yaml" --runs 40 --seed 3 -q -o "$tmp/fixed" || fail "run of the fixed copy exited with status $?"
cmp -s "$tmp/set/runs.csv" "$tmp/fixed/runs.csv" || fail "--set $path=80 differs from the file with capability 80 and no uncertainty on it:
$(diff "$tmp/set/runs.csv" "$tmp/fixed/runs.csv" | head -n 6)"

check_error() {  # expected-status stderr-pattern description, then the command
  local want=$1 pattern=$2 what=$3; shift 3
  local status=0
  "$@" >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
  [ "$status" -eq "$want" ] || fail "$what: exit status $status, expected $want; stderr: $(cat "$tmp/stderr")"
  grep -qE -- "$pattern" "$tmp/stderr" || fail "$what: stderr does not match '$pattern'; got: $(cat "$tmp/stderr")"
  echo "  $what: exit $status: $(head -n 1 "$tmp/stderr")"
}
echo "checking: bad --set values exit 2 with '--set PATH=VALUE: error: ...'"
check_error 2 '^--set actors\.XXX\.capability=1: error: .+' "unknown actor" \
  "$accord" run "$scenario" --runs 2 -q -o "$tmp/e1" --set actors.XXX.capability=1
check_error 2 '^--set actors\.RUS\.capability=-1: error: .+' "negative capability" \
  "$accord" run "$scenario" --runs 2 -q -o "$tmp/e2" --set actors.RUS.capability=-1
check_error 2 '^--set nonsense: error: .+' "no '='" \
  "$accord" run "$scenario" --runs 2 -q -o "$tmp/e3" --set nonsense
for d in e1 e2 e3; do [ ! -e "$tmp/$d/runs.csv" ] || fail "a bad --set still wrote $d/runs.csv"; done

echo "checking: a missing scenario file exits 2 naming the file"
check_error 2 'no_such_scenario\.yaml' "missing file" \
  "$accord" run "$tmp/no_such_scenario.yaml" --runs 2 -q -o "$tmp/e4"
echo "checking: --set on a swept path: a warning, and the design points win (file, --set, sweep point)"
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/e5" --set actors.DEU.capability=3 2>"$tmp/stderr" \
  || fail "sweep with --set on a swept path failed: $(cat "$tmp/stderr")"
grep -q "^--set actors.DEU.capability=3: warning: 'actors.DEU.capability' is swept" "$tmp/stderr" \
  || fail "no warning: $(cat "$tmp/stderr")"
"$accord" sweep "$scenario" --runs 2 -q -o "$tmp/e6"
cmp -s "$tmp/e5/runs.csv" "$tmp/e6/runs.csv" || fail "--set on a swept path changed the rows"
echo "set_option: all checks passed"

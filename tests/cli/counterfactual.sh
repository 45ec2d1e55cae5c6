#!/usr/bin/env bash
# The counterfactual rule (docs/backtest.md, scenario-format.md section 16): a file with
# `counterfactual_of: REFERENCE` names an existing reference, has no `observed` block, and is
# refused by `accord backtest` (exit 2, located at the key, nothing written); `run` and `validate`
# read it. (`accord compare` of the reference and a counterfactual: compare_summarize.sh.)
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
ref=scenarios/nato_russia_council_2002.yaml
cf=scenarios/counterfactuals/nato_russia_council_2002_no_schroeder.yaml

expect_status() {  # WANT DESCRIPTION COMMAND...: runs COMMAND, stderr to $tmp/err, checks the status
  local want=$1 what=$2 status=0
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  [ "$status" -eq "$want" ] || fail "$what: exit status $status, expected $want; stderr: $(cat "$tmp/err")"
}

echo "backtest refuses a counterfactual, at its counterfactual_of key, and writes nothing"
line=$(grep -n '^counterfactual_of:' "$cf" | cut -d: -f1)
[ -n "$line" ] || fail "$cf has no counterfactual_of key"
expect_status 2 "backtest of a counterfactual" "$accord" backtest "$ref" "$cf" --runs 10 -o "$tmp/bt"
grep -q "^$cf:$line:20: error: a counterfactual (of '../nato_russia_council_2002.yaml') is not a real case" "$tmp/err" ||
  fail "message: $(cat "$tmp/err")"
[ ! -e "$tmp/bt" ] || fail "backtest wrote $tmp/bt although it refused"
expect_status 0 "backtest of the reference alone" "$accord" backtest "$ref" --runs 10 -q -o "$tmp/bt"
[ "$(tail -n +2 "$tmp/bt/cases.csv" | wc -l)" -eq 3 ] || fail "the reference gives 3 observed terms: $(cat "$tmp/bt/cases.csv")"

echo "the shipped counterfactuals validate, and run like any scenario"
expect_status 0 "validate" "$accord" validate scenarios/counterfactuals/*.yaml
expect_status 0 "run" "$accord" run "$cf" --runs 5 -q -o "$tmp/run"

echo "the reference is found relative to the counterfactual's folder, from any working directory"
mkdir -p "$tmp/copy/scenarios/counterfactuals" "$tmp/elsewhere"
cp "$ref" "$tmp/copy/scenarios/"
cp "$cf" "$tmp/copy/scenarios/counterfactuals/"
(cd "$tmp/elsewhere" && "$accord" validate ../copy/scenarios/counterfactuals/"$(basename "$cf")" >/dev/null 2>"$tmp/err") ||
  fail "validate from another directory: $(cat "$tmp/err")"
rm "$tmp/copy/scenarios/$(basename "$ref")"
expect_status 2 "a missing reference" "$accord" validate "$tmp/copy/scenarios/counterfactuals/$(basename "$cf")"
grep -q ":$line:20: error: counterfactual_of: the reference scenario '../nato_russia_council_2002.yaml' is not a file" \
  "$tmp/err" || fail "message: $(cat "$tmp/err")"

echo "a counterfactual with an observed block, or of itself, is refused"
{ cat "$cf"; printf 'observed:\n  agreed: true\n'; } >"$tmp/with_observed.yaml"
observed_line=$(grep -n '^observed:' "$tmp/with_observed.yaml" | cut -d: -f1)
expect_status 2 "observed in a counterfactual" "$accord" validate "$tmp/with_observed.yaml"
grep -q "with_observed.yaml:$observed_line:1: error: a counterfactual (counterfactual_of: ../nato_russia_council_2002.yaml) has no observed outcome of its own" \
  "$tmp/err" || fail "message: $(cat "$tmp/err")"
sed 's|^counterfactual_of: .*|counterfactual_of: self.yaml|' "$cf" >"$tmp/self.yaml"
expect_status 2 "a counterfactual of itself" "$accord" validate "$tmp/self.yaml"
grep -q "error: counterfactual_of: a scenario cannot be a counterfactual of itself" "$tmp/err" ||
  fail "message: $(cat "$tmp/err")"
echo "counterfactual: ok"

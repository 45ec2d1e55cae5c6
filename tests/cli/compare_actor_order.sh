#!/usr/bin/env bash
# Decision draws go to actors by their position in the file (docs/models.md 16.7): a variant that lists
# the same actors in another order loses the common random numbers of the comparison, so that two
# identical negotiations differ. accord compare warns, naming the actors; the same order gives no warning.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
a=tests/data/process_logistic.yaml
# B: the same file with CHAIR moved after PARL.
awk '/^  - \{id: CHAIR/ { chair = $0; next } { print } /^  - \{id: PARL/ { print chair }' "$a" >"$tmp/reordered.yaml"
grep -q "id: CHAIR" "$tmp/reordered.yaml" || fail "the reordered copy lost CHAIR"

"$accord" compare "$a" "$tmp/reordered.yaml" --runs 200 >"$tmp/out" 2>"$tmp/err" || fail "compare refused"
grep -qF "accord compare: warning: B lists 4 of A's actors at other positions (CHAIR, NORTH, SOUTH, PARL)" "$tmp/err" ||
  fail "no warning: $(cat "$tmp/err")"
"$accord" compare "$a" "$a" --runs 200 >/dev/null 2>"$tmp/same" || fail "compare of a file with itself"
grep -q "warning" "$tmp/same" && fail "a warning for variants in the same order: $(cat "$tmp/same")"
# Without draws by position (threshold acceptance, a fixed proposer) the order changes nothing: no warning.
sed 's/acceptance: logistic/acceptance: threshold/; s/proposer: random/proposer: CHAIR/; /temperature:/d; /assurance:/d' \
  "$a" >"$tmp/a_fixed.yaml"
sed 's/acceptance: logistic/acceptance: threshold/; s/proposer: random/proposer: CHAIR/; /temperature:/d; /assurance:/d' \
  "$tmp/reordered.yaml" >"$tmp/b_fixed.yaml"
"$accord" compare "$tmp/a_fixed.yaml" "$tmp/b_fixed.yaml" --runs 50 >/dev/null 2>"$tmp/fixed" || fail "compare fixed"
grep -q "warning: B lists" "$tmp/fixed" && fail "a warning where no draw goes by position"
# Draws in one variant only: there are none to share, so nothing to warn of.
"$accord" compare "$tmp/a_fixed.yaml" "$tmp/reordered.yaml" --runs 50 >/dev/null 2>"$tmp/one" || fail "compare one"
grep -q "warning: B lists" "$tmp/one" && fail "a warning where only B draws"
echo "ok"

#!/usr/bin/env bash
# Every existing scenario keeps its results byte for byte under the defaults of new options
# (docs/models.md section 16, "Compatibility"): the files of tests/data/legacy/ are frozen copies of the scenarios
# as they stood before the negotiation process existed, and legacy.sha256 holds the SHA-256 of what
# accord 0.1.0 wrote for them (commit bba3352). summary.csv may only gain rows after its original
# ones, so its original lines are compared; manifest.json holds times and is left out.
# Regenerate (only when a change of results is intended and documented):
#   bash tests/cli/legacy_bytes.sh BUILD/sim/accord . --write
. "$(dirname "$0")/lib/setup.bash" "$@"
write=${3:-}
legacy=tests/data/legacy
out=$tmp/out
mkdir -p "$out"

produce() {
  "$accord" run $legacy/nato_russia_council_2002_v1.yaml -o "$out/nato" -q --threads 2 || fail "run nato"
  "$accord" run $legacy/nato_russia_council_2002_no_schroeder_v1.yaml -o "$out/nato_no_schroeder" -q --threads 1 ||
    fail "run no_schroeder"
  "$accord" run $legacy/ec_car_emissions_1989.yaml -o "$out/ec_car" -q || fail "run ec_car"
  "$accord" run $legacy/eu_eurodac_2000.yaml -o "$out/eurodac" -q || fail "run eurodac"
  "$accord" run tests/data/fj1999_a.yaml -o "$out/fj" -q || fail "run fj"
  "$accord" run tests/data/actors_table.yaml -o "$out/table" -q || fail "run table"
  "$accord" sweep tests/data/sweep_small.yaml -o "$out/sweep" -q || fail "sweep"
  "$accord" compare $legacy/nato_russia_council_2002_v1.yaml $legacy/nato_russia_council_2002_no_schroeder_v1.yaml \
    -o "$out/compare" -q --runs 300 || fail "compare"
}

# The hashed text: whole files, except summary.csv whose first N lines are hashed (N recorded).
digest() {
  local file=$1 lines=${2:-}
  if [ -n "$lines" ]; then head -n "$lines" "$file" | sha256sum | cut -d' ' -f1; else sha256sum <"$file" | cut -d' ' -f1; fi
}

produce
if [ "$write" = "--write" ]; then
  (
    cd "$out"
    for f in $(find . -name '*.csv' | sort); do
      lines=""
      [ "$(basename "$f")" = summary.csv ] && lines=$(wc -l <"$f")
      echo "$(digest "$f" "$lines") $f $lines"
    done
  ) >"$src/$legacy/legacy.sha256"
  echo "wrote $legacy/legacy.sha256"
  exit 0
fi

checked=0
while read -r hash file lines; do
  [ -f "$out/$file" ] || fail "$file was not written"
  got=$(cd "$out" && digest "$file" "$lines")
  [ "$got" = "$hash" ] || fail "$file differs from accord 0.1.0's bytes${lines:+ (its first $lines lines)}"
  checked=$((checked + 1))
done <"$legacy/legacy.sha256"
[ "$checked" -ge 20 ] || fail "only $checked files checked"
echo "legacy bytes: $checked files identical"

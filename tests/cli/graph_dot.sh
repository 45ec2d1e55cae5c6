#!/usr/bin/env bash
# `accord graph FILE | dot -Tpng` works after the setup: Graphviz is in .ci/install-deps, so `dot`
# is required here, not skipped.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
command -v dot >/dev/null || fail "dot (Graphviz) is missing: run bash .ci/install-deps"
grep -q '\bgraphviz\b' .ci/install-deps || fail "graphviz is not in .ci/install-deps"
"$accord" graph scenarios/nato_russia_council_2002.yaml | dot -Tpng > "$tmp/net.png"
# A PNG: the 8-byte signature, then an IHDR chunk with a width and height above 1.
[ "$(head -c 8 "$tmp/net.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "not a PNG"
width=$(od -An -tu1 -j16 -N4 "$tmp/net.png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
[ "$width" -gt 50 ] || fail "PNG width $width"
"$accord" graph scenarios/nato_russia_council_2002.yaml | dot -Tsvg > "$tmp/net.svg"
grep -q '<svg' "$tmp/net.svg" || fail "dot -Tsvg"
echo ok

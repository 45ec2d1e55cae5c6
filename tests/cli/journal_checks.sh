#!/usr/bin/env bash
# --resume trusts a journal only after checking it (docs/reliability.md, docs/sweeps.md section 8):
# the header, the exact (point, replication) sequence, and the SHA-256 of every block recorded in
# .accord-sweep-blocks. Journals changed after accord wrote them (a line deleted, a digit changed,
# the header replaced, NUL bytes) are refused with exit status 2; --force starts again. What no
# record vouches for (a torn tail, a stray row after the last block) is dropped and recomputed.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
bg=
cleanup_bg() {
  if [ -n "$bg" ]; then kill -9 "$bg" 2>/dev/null || true; wait "$bg" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup_bg EXIT
long=tests/data/sweep_long.yaml  # 120 points x 200 replications: blocks of 8192 runs
opts=(--seed 9)
data_rows() { local n; n=$({ wc -l < "$1"; } 2>/dev/null) || n=0; echo $((n > 0 ? n - 1 : 0)); }

"$accord" sweep "$long" -q -o "$tmp/whole" "${opts[@]}"
"$accord" sweep "$long" -q -o "$tmp/killed" "${opts[@]}" --threads 1 & bg=$!
until { [ -e "$tmp/killed/runs.csv.partial" ] && [ "$(data_rows "$tmp/killed/runs.csv.partial")" -ge 9000 ]; } ||
  ! kill -0 "$bg" 2>/dev/null; do sleep 0.005; done
kill -9 "$bg" 2>/dev/null || true; wait "$bg" 2>/dev/null || true; bg=
[ -e "$tmp/killed/.accord-sweep" ] || { echo "NOTE: the sweep finished before it could be killed; not exercised"; exit 0; }
[ -s "$tmp/killed/.accord-sweep-blocks" ] || fail "no block records beside the journals"
echo "killed with $(data_rows "$tmp/killed/runs.csv.partial") rows, $(wc -l < "$tmp/killed/.accord-sweep-blocks") block records"

variant() { rm -rf "$tmp/v"; cp -a "$tmp/killed" "$tmp/v"; }
refused() {  # what: --resume of $tmp/v must exit 2 with the journal message and change nothing
  local status=0 before
  before=$(cd "$tmp/v" && find . -type f ! -name .accord-lock | sort | xargs sha256sum)
  "$accord" sweep "$long" -q -o "$tmp/v" "${opts[@]}" --resume 2> "$tmp/err" || status=$?
  [ "$status" -eq 2 ] || fail "$1: --resume exit status $status, expected 2: $(cat "$tmp/err")"
  grep -q "fail their check" "$tmp/err" || fail "$1: message: $(cat "$tmp/err")"
  [ "$(cd "$tmp/v" && find . -type f ! -name .accord-lock | sort | xargs sha256sum)" = "$before" ] ||
    fail "$1: the refused --resume changed the directory"
  echo "  $1: refused: $(head -n 1 "$tmp/err")"
}
finishes() {  # what: --resume of $tmp/v gives the uninterrupted bytes
  "$accord" sweep "$long" -q -o "$tmp/v" "${opts[@]}" --resume || fail "$1: --resume failed"
  cmp -s "$tmp/v/runs.csv" "$tmp/whole/runs.csv" && cmp -s "$tmp/v/points.csv" "$tmp/whole/points.csv" ||
    fail "$1: the resumed sweep differs from the uninterrupted one"
  echo "  $1: --resume gives the uninterrupted bytes"
}

variant; sed -i '100d' "$tmp/v/runs.csv.partial"; refused "a line deleted from runs.csv.partial"
variant; sed -i '2d' "$tmp/v/points.csv.partial"; refused "a line deleted from points.csv.partial"
variant; sed -i -E '50s/[0-8]([^0-9]*)$/9\1/' "$tmp/v/runs.csv.partial"
cmp -s "$tmp/v/runs.csv.partial" "$tmp/killed/runs.csv.partial" && fail "the digit was not changed"
refused "a digit changed in the last field of a row"
variant; sed -i '1s/^point,/pt,/' "$tmp/v/runs.csv.partial"; refused "the header replaced"
variant; printf '\0\0\0\0' | dd of="$tmp/v/runs.csv.partial" bs=1 seek=5000 conv=notrunc 2>/dev/null; refused "NUL bytes"
variant; sed -i '3d' "$tmp/v/.accord-sweep-blocks"; sed -i '200d' "$tmp/v/runs.csv.partial"
refused "a line deleted from a journal and a record from the block file"
variant; sed -i '1s/ [0-9a-f]* / 0000 /' "$tmp/v/.accord-sweep-blocks"; refused "a record changed"
variant; sed -i '2s/^/x/' "$tmp/v/points.csv.partial"; "$accord" sweep "$long" -q -o "$tmp/v" "${opts[@]}" --force ||
  fail "--force of a refused journal failed"
cmp -s "$tmp/v/runs.csv" "$tmp/whole/runs.csv" || fail "--force did not give the uninterrupted bytes"
echo "  --force starts again and gives the uninterrupted bytes"
variant; tail -n 1 "$tmp/v/points.csv.partial" >> "$tmp/v/points.csv.partial"; printf '7,3,1' >> "$tmp/v/runs.csv.partial"
finishes "a stray points row and a torn runs row after the last block"
variant; rm "$tmp/v/.accord-sweep-blocks"; finishes "the block file removed: the sweep starts afresh"
echo ok

#!/usr/bin/env bash
# `accord merge` into a directory that holds an older merged result replaces its runs.csv, points.csv
# and manifest.json (docs/sweeps.md section 7), one rename after the other. Killed between two renames
# it left the new runs.csv beside the old manifest.json (and `accord report` rendered the mix, exit 0:
# 12 kills in 60). The old files are now removed first, the manifest before them. Here strace kills
# the merge at its first, second and third rename: every runs.csv and points.csv left must be the new
# merge's (never an old file beside a new one), a manifest.json left must vouch for them (their
# SHA-256), and the merge run again must give a fresh merge's bytes.
# Ctrl-C (SIGINT, sent by strace at a chosen system call) stops a merge that has not begun to replace
# the files, exit 1, the older result left whole; once it has begun, the merge finishes, exit 0.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
. "$(dirname "$0")/lib/strace.bash"
small=tests/data/sweep_small.yaml
for seed in 5 6; do
  for k in 0 1; do
    "$accord" sweep "$small" -q --seed "$seed" --shard "$k/2" -o "$tmp/s$seed.$k" || fail "shard $k/2 of seed $seed failed"
  done
done
"$accord" merge "$tmp/s6.0" "$tmp/s6.1" -q -o "$tmp/old" || fail "the merge of seed 6 failed"
"$accord" merge "$tmp/s5.0" "$tmp/s5.1" -q -o "$tmp/fresh" || fail "the merge of seed 5 failed"
cmp -s "$tmp/old/runs.csv" "$tmp/fresh/runs.csv" && fail "the two seeds gave the same runs.csv"
recorded() { sed -n "s/^  \"$1\": \"\([0-9a-f]*\)\",\{0,1\}\$/\1/p" "$2/manifest.json"; }
for when in 1 2 3; do
  cp -r "$tmp/old" "$tmp/x$when"
  status=0
  under_strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL:when=$when \
    "$accord" merge "$tmp/s5.0" "$tmp/s5.1" -q -o "$tmp/x$when" 2> /dev/null || status=$?
  [ "$status" -ne 0 ] || fail "the merge was not killed at its rename number $when"
  for f in runs.csv points.csv; do
    [ ! -f "$tmp/x$when/$f" ] || cmp -s "$tmp/x$when/$f" "$tmp/fresh/$f" ||
      fail "killed at rename $when: the older result's $f is left beside the new files"
  done
  if [ -f "$tmp/x$when/manifest.json" ]; then
    [ "$(recorded runs_csv_sha256 "$tmp/x$when")" = "$(sha256sum < "$tmp/x$when/runs.csv" | cut -c1-64)" ] ||
      fail "killed at rename $when: manifest.json is left beside a runs.csv it does not vouch for"
    [ "$(recorded points_csv_sha256 "$tmp/x$when")" = "$(sha256sum < "$tmp/x$when/points.csv" | cut -c1-64)" ] ||
      fail "killed at rename $when: manifest.json is left beside a points.csv it does not vouch for"
    left="a manifest that vouches for its files"
  else
    left="no manifest.json, and of the files only new ones ($(ls "$tmp/x$when" | tr '\n' ' '))"
  fi
  "$accord" merge "$tmp/s5.0" "$tmp/s5.1" -q -o "$tmp/x$when" || fail "killed at rename $when: the merge again failed"
  for f in runs.csv points.csv; do
    cmp -s "$tmp/x$when/$f" "$tmp/fresh/$f" || fail "killed at rename $when, merged again: $f differs from a fresh merge"
  done
  echo "  killed at rename $when: $left; merged again, the fresh merge's bytes"
done

cp -r "$tmp/old" "$tmp/int_read"
status=0
under_strace -f -qq -o /dev/null -P "$tmp/s5.0/points.csv" -e trace=openat -e inject=openat:signal=SIGINT:when=1 \
  "$accord" merge "$tmp/s5.0" "$tmp/s5.1" -q -o "$tmp/int_read" 2> "$tmp/err.txt" || status=$?
[ "$status" -eq 1 ] || fail "SIGINT while the shards are read: exit $status, expected 1: $(cat "$tmp/err.txt")"
grep -q "interrupted by a signal" "$tmp/err.txt" || fail "SIGINT while the shards are read: $(cat "$tmp/err.txt")"
for f in runs.csv points.csv manifest.json; do
  cmp -s "$tmp/int_read/$f" "$tmp/old/$f" || fail "SIGINT while the shards are read: the older $f was changed"
done
[ "$(ls -A "$tmp/int_read" | sort | tr '\n' ' ')" = "manifest.json points.csv runs.csv " ] ||
  fail "SIGINT while the shards are read: left $(ls -A "$tmp/int_read" | tr '\n' ' ')"
echo "  SIGINT while the shards are read: exit 1, the older result whole: $(cat "$tmp/err.txt")"
cp -r "$tmp/old" "$tmp/int_rename"
status=0
under_strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=SIGINT:when=1 \
  "$accord" merge "$tmp/s5.0" "$tmp/s5.1" -q -o "$tmp/int_rename" 2> "$tmp/err.txt" || status=$?
[ "$status" -eq 0 ] || fail "SIGINT at the first rename: exit $status, expected 0: $(cat "$tmp/err.txt")"
for f in runs.csv points.csv; do
  cmp -s "$tmp/int_rename/$f" "$tmp/fresh/$f" || fail "SIGINT at the first rename: $f differs from a fresh merge"
done
[ "$(recorded runs_csv_sha256 "$tmp/int_rename")" = "$(recorded runs_csv_sha256 "$tmp/fresh")" ] ||
  fail "SIGINT at the first rename: the manifest is not the fresh merge's"
echo "  SIGINT at the first rename: the merge finished, exit 0, a fresh merge's bytes"
echo "PASS"

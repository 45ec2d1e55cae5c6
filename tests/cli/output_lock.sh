#!/usr/bin/env bash
# One writer per output directory (docs/reliability.md): while a command writes into DIR it holds
# an advisory lock on DIR/.accord-lock, and every other command that would write there (sweep,
# --resume, --force, sensitivity, run -o, compare -o, merge -o, backtest -o) is refused with exit
# status 2 and a message naming the directory and the other process. The kernel drops the lock when its holder
# dies, even by kill -9, so a crashed sweep can be resumed at once.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
bg=
holder=
cleanup_bg() {
  for p in $bg $holder; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup_bg EXIT
long=tests/data/sweep_long.yaml
small=tests/data/sweep_small.yaml

refused() {  # what command...: exit status 2 and a message naming the directory
  local what=$1; shift
  local status=0
  "$@" > "$tmp/out.txt" 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2: $(cat "$tmp/err.txt")"
  grep -q "is in use by another accord command" "$tmp/err.txt" || fail "$what: message: $(cat "$tmp/err.txt")"
  grep -q "$tmp/" "$tmp/err.txt" || fail "$what: the message does not name the directory: $(cat "$tmp/err.txt")"
  echo "  $what: $(head -n 1 "$tmp/err.txt")"
}

echo "--- a second sweep, --resume or --force while a sweep writes into the directory"
"$accord" sweep "$long" -q -o "$tmp/a" --seed 9 --threads 1 & bg=$!
until [ -e "$tmp/a/.accord-sweep" ] || ! kill -0 "$bg" 2>/dev/null; do sleep 0.005; done
# Stopped, it holds its lock for as long as the refusals take: the whole sweep takes about 0.4 s, which
# five commands started one after another on a loaded machine outlasted (8 December 2026). Never
# `wait` for it before its kill -9: a stopped process is waited for forever.
kill -STOP "$bg" 2>/dev/null || true
kill -0 "$bg" 2>/dev/null || fail "the sweep finished before the test could run beside it"
refused "sweep --resume" "$accord" sweep "$long" -q -o "$tmp/a" --seed 9 --resume
grep -q "(process $bg)" "$tmp/err.txt" || fail "the message does not name the process $bg: $(cat "$tmp/err.txt")"
refused "sweep --force" "$accord" sweep "$long" -q -o "$tmp/a" --seed 9 --force
refused "sweep" "$accord" sweep "$long" -q -o "$tmp/a" --seed 9
refused "run -o" "$accord" run "$small" -q -o "$tmp/a" --force
refused "sensitivity" "$accord" sensitivity "$small" -q -o "$tmp/a" --samples 2 --force
echo "--- kill -9 of the holder: the kernel drops the lock, --resume finishes the sweep"
kill -9 "$bg"; wait "$bg" 2>/dev/null || true; bg=
"$accord" sweep "$long" -q -o "$tmp/a" --seed 9 --resume
"$accord" sweep "$long" -q -o "$tmp/whole" --seed 9
cmp "$tmp/a/runs.csv" "$tmp/whole/runs.csv" || fail "the resumed sweep differs"
[ ! -e "$tmp/a/.accord-lock" ] || fail "the lock file is left after the sweep finished"

echo "--- every command that writes a directory is refused while another process holds its lock"
for d in run compare merge sens backtest; do mkdir -p "$tmp/$d"; done
"$accord" sweep "$small" -q -o "$tmp/s0" --shard 0/2
"$accord" sweep "$small" -q -o "$tmp/s1" --shard 1/2
for d in run compare merge sens backtest; do
  flock -o "$tmp/$d/.accord-lock" sleep 60 & holder=$!
  until ! flock -n "$tmp/$d/.accord-lock" true 2>/dev/null; do sleep 0.01; done
  case $d in
    run) refused "run -o" "$accord" run "$small" -q -o "$tmp/run" ;;
    compare) refused "compare -o" "$accord" compare "$small" "$small" -q -o "$tmp/compare" ;;
    merge) refused "merge -o" "$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/merge" ;;
    sens) refused "sensitivity" "$accord" sensitivity "$small" -q -o "$tmp/sens" --samples 2 ;;
    backtest) refused "backtest -o" "$accord" backtest --deu tests/data/deu3/deu3.tsv -q -o "$tmp/backtest" ;;
  esac
  [ -z "$(ls "$tmp/$d")" ] || fail "$d: the refused command wrote: $(ls "$tmp/$d")"
  kill "$holder"; wait "$holder" 2>/dev/null || true; holder=
done
"$accord" merge "$tmp/s0" "$tmp/s1" -q -o "$tmp/merge"
[ -s "$tmp/merge/runs.csv" ] || fail "merge after the lock was released"
echo ok

#!/usr/bin/env bash
# Every file in tests/data/invalid/ must be refused by `accord validate` with exit status 2 and a
# message containing each line of its .expected file (file:line:col: error: ...).
set -u
accord=$1
dir=$2/tests/data/invalid
failed=0 count=0
for input in "$dir"/*.yaml "$dir"/*.yml; do
  [ -e "$input" ] || continue
  count=$((count + 1))
  expected=${input%.*}.expected
  if [ ! -f "$expected" ]; then
    echo "FAIL $input: no $(basename "$expected")"; failed=$((failed + 1)); continue
  fi
  stderr=$(cd "$dir" && timeout 10 "$accord" validate "$(basename "$input")" 2>&1 >/dev/null)
  status=$?
  if [ "$status" -ne 2 ]; then
    echo "FAIL $input: exit status $status, expected 2"; echo "$stderr"; failed=$((failed + 1)); continue
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    if ! grep -qF -- "$line" <<<"$stderr"; then
      echo "FAIL $input: missing message: $line"; echo "--- got:"; echo "$stderr"; failed=$((failed + 1))
    fi
  done <"$expected"
done
echo "invalid corpus: $count files, $failed failures"
[ "$count" -gt 0 ] && [ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The console examples of the guides work verbatim, as cli.readme_examples checks for README.md:
# every `$ accord ...`, `$ build/sim/accord ...`, `$ grep ...` and `$ head ...` line of a ```console
# block of docs/process-guide.md, docs/sweeps.md and docs/backtest.md is run, one guide per fresh
# directory holding the repository's scenarios and test data (with `accord` on the PATH), and what
# it prints must be the lines the guide shows under it. A command whose lines show an `error:` must
# exit with status 2 and print them on stderr; any other must succeed and print them on stdout (a
# command shown without output must succeed). The DEU backtests and the sensitivity study are left
# out: they take a minute each and print no lines in the guides.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
mkdir -p "$tmp/bin"
ln -s "$accord" "$tmp/bin/accord"
count=0
for doc in docs/process-guide.md docs/sweeps.md docs/backtest.md; do
  work=$tmp/work.${doc//\//_}
  mkdir -p "$work/build/sim" "$work/tests" "$tmp/ex"
  ln -s "$src/scenarios" "$work/scenarios"
  ln -s "$src/tests/data" "$work/tests/data"
  ln -s "$accord" "$work/build/sim/accord"
  rm -f "$tmp"/ex/*
  awk -v dir="$tmp/ex" '
    /^```console$/ { inside = 1; next }
    /^```/ { inside = 0; next }
    inside && /^\$ / { n++; print substr($0, 3) > (dir "/cmd." n); printf "" > (dir "/want." n); next }
    inside && n { print > (dir "/want." n) }
  ' "$doc"
  for cmd_file in "$tmp"/ex/cmd.*; do
    n=${cmd_file##*.}
    cmd=$(cat "$cmd_file")
    case $cmd in accord\ backtest\ --deu* | accord\ sensitivity*) continue ;; esac
    case $cmd in build/sim/accord\ * | accord\ * | head\ * | grep\ *) ;; *) continue ;; esac
    status=0
    (cd "$work" && PATH="$tmp/bin:$PATH" bash -c "$cmd") >"$tmp/out" 2>"$tmp/err" || status=$?
    if grep -q 'error:' "$tmp/ex/want.$n"; then
      [ "$status" -eq 2 ] || fail "$doc: '$cmd' exits $status, expected 2"
      diff "$tmp/ex/want.$n" "$tmp/err" >"$tmp/diff" || fail "$doc: '$cmd' reports otherwise:
$(cat "$tmp/diff")"
    else
      [ "$status" -eq 0 ] || fail "$doc: '$cmd' exits $status: $(head -c 400 "$tmp/err")"
      if [ -s "$tmp/ex/want.$n" ]; then
        diff "$tmp/ex/want.$n" "$tmp/out" >"$tmp/diff" || fail "$doc: '$cmd' prints otherwise:
$(cat "$tmp/diff")"
      fi
    fi
    echo "  $doc: $cmd"
    count=$((count + 1))
  done
done
[ "$count" -ge 9 ] || fail "only $count commands found in the guides"
echo ok

#!/usr/bin/env bash
# The console examples of README.md work verbatim: every `$ build/sim/accord ...` and `$ head ...`
# line of a ```console block is run from a directory holding the repository's scenarios, and its
# standard output must be the lines the README shows under it (a command shown without output must
# succeed). The python3 lines are left to cli.plot_pictures.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
mkdir -p "$tmp/work/build/sim"
ln -s "$src/scenarios" "$tmp/work/scenarios"
ln -s "$accord" "$tmp/work/build/sim/accord"
# Splits the console blocks into $tmp/cmd.N (the command) and $tmp/want.N (the lines shown under it).
awk -v dir="$tmp" '
  /^```console$/ { inside = 1; next }
  /^```/ { inside = 0; next }
  inside && /^\$ / { n++; print substr($0, 3) > (dir "/cmd." n); printf "" > (dir "/want." n); next }
  inside && n { print > (dir "/want." n) }
' README.md
count=0
for cmd_file in "$tmp"/cmd.*; do
  n=${cmd_file##*.}
  cmd=$(cat "$cmd_file")
  case $cmd in build/sim/accord\ * | head\ *) ;; *) continue ;; esac
  cmd=${cmd%%#*}
  status=0
  (cd "$tmp/work" && bash -c "$cmd") >"$tmp/got.$n" 2>"$tmp/err" || status=$?
  [ "$status" -eq 0 ] || fail "README: '$cmd' exits $status: $(head -c 400 "$tmp/err")"
  if [ -s "$tmp/want.$n" ]; then
    diff "$tmp/want.$n" "$tmp/got.$n" >"$tmp/diff" || fail "README: '$cmd' prints otherwise:
$(cat "$tmp/diff")"
  fi
  echo "  $cmd"
  count=$((count + 1))
done
[ "$count" -ge 6 ] || fail "only $count README commands found"
echo ok

#!/usr/bin/env bash
# Crash safety of `accord sweep` (docs/interface.md section 4): an existing result directory is
# refused without --force or --resume; --force replaces it; --resume of a finished sweep changes
# nothing; --resume refuses a directory of another sweep (another seed, --runs or --set); a sweep
# killed with SIGKILL at any moment, or stopped with SIGINT, leaves only its .partial journals and
# state file, and --resume then finishes it with runs.csv and points.csv byte-identical to an
# uninterrupted sweep.
set -euo pipefail
accord=$1
src=$2
tmp=$(mktemp -d)
bg=
cleanup() {
  if [ -n "$bg" ]; then kill -9 "$bg" 2>/dev/null || true; wait "$bg" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# A failed check that need not stop the others: the test goes on, and fails at the end.
problems=()
defer_fail() { echo "FAIL: $*" >&2; problems+=("$*"); }
cd "$src"
small=tests/data/sweep_small.yaml
long=tests/data/sweep_long.yaml  # 120 points x 200 replications, written in several blocks
long_rows=24000
opts=(--seed 9)                  # every full sweep of $long below: the same options, the same sweep

sweep() {  # scenario out-dir options...: must succeed
  local scenario=$1 out=$2; shift 2
  "$accord" sweep "$scenario" -q -o "$tmp/$out" "$@" || fail "accord sweep $scenario -o $out $* exited with status $?"
}
expect_status() {  # status what command...: the command must exit with that status
  local want=$1 what=$2; shift 2
  local status=0
  "$@" > "$tmp/out.txt" 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq "$want" ] || fail "$what: exit status $status, expected $want
  command: $*
  stderr: $(cat "$tmp/err.txt")"
  echo "  $what: exit $status: $(head -n 1 "$tmp/err.txt")"
}
same_rows() {  # dir-a dir-b what
  for f in runs.csv points.csv; do
    [ -f "$tmp/$1/$f" ] || fail "$3: $1/$f is missing (found: $(ls -A "$tmp/$1" | tr '\n' ' '))"
    cmp -s "$tmp/$1/$f" "$tmp/$2/$f" || fail "$3: $f differs from the uninterrupted sweep:
$(cmp "$tmp/$1/$f" "$tmp/$2/$f" 2>&1 | head -n 2)"
  done
}
snapshot() { (cd "$tmp/$1" && find . -type f ! -name .accord-lock | sort | xargs sha256sum); }
data_rows() { local n; n=$({ wc -l < "$1"; } 2>/dev/null) || n=0; echo $((n > 0 ? n - 1 : 0)); }
# only_journals DIR: an unfinished sweep has its .partial journals and its state file, no results.
only_journals() {
  local f other
  for f in runs.csv points.csv manifest.json; do
    [ ! -e "$tmp/$1/$f" ] || fail "$1: $f exists although the sweep did not finish (found: $(ls -A "$tmp/$1" | tr '\n' ' '))"
  done
  other=$(ls -A "$tmp/$1" | grep -v -x -e runs.csv.partial -e points.csv.partial -e .accord-sweep -e .accord-sweep-blocks -e .accord-lock || true)
  [ -z "$other" ] || fail "$1: unexpected files in an unfinished sweep: $other"
  [ -e "$tmp/$1/.accord-sweep" ] || fail "$1: the state file .accord-sweep is missing from an unfinished sweep"
}

echo "--- existing result directories: refused without --force/--resume; --force replaces; --resume of a finished sweep"
sweep "$small" a
sweep "$small" ref7 --seed 7
expect_status 2 "sweep into a finished result directory" "$accord" sweep "$small" -q -o "$tmp/a" --seed 7
grep -q -e --resume "$tmp/err.txt" && grep -q -e --force "$tmp/err.txt" ||
  fail "the refusal does not mention --resume and --force: $(cat "$tmp/err.txt")"
sweep "$small" a --seed 7 --force
same_rows a ref7 "--force with --seed 7 over a sweep of seed 42"
grep -q '"seed": *7[,}[:space:]]' "$tmp/a/manifest.json" || fail "--force: manifest.json does not say seed 7"
before=$(snapshot a)
sweep "$small" a --seed 7 --resume
[ "$(snapshot a)" = "$before" ] || fail "--resume of a finished sweep changed its files:
$(diff <(echo "$before") <(snapshot a))"
echo "  --resume of a finished sweep: exit 0, every file unchanged"
expect_status 2 "--resume of a finished sweep with another seed" "$accord" sweep "$small" -q -o "$tmp/a" --seed 8 --resume
expect_status 2 "--resume of a finished sweep with another --runs" "$accord" sweep "$small" -q -o "$tmp/a" --seed 7 --runs 3 --resume
expect_status 2 "--resume and --force together" "$accord" sweep "$small" -q -o "$tmp/a" --seed 7 --resume --force
status=0
"$accord" sweep "$small" -q -o "$tmp/a" --seed 7 --set actors.WEST.stubbornness=0.5 --resume 2> "$tmp/err.txt" || status=$?
if [ "$status" -ne 2 ]; then
  defer_fail "'accord sweep $small -o DIR --seed 7 --set actors.WEST.stubbornness=0.5 --resume' on a finished sweep made with --seed 7 and no --set: exit status $status, expected 2 (another --set is another sweep: the directory does not hold its rows)"
else
  echo "  --resume of a finished sweep with another --set: exit 2: $(head -n 1 "$tmp/err.txt")"
fi
[ "$(snapshot a)" = "$before" ] || fail "a refused --resume changed the directory"

echo "--- crash states a SIGKILL leaves between creating the journals and syncing their headers"
# The state file of a sweep of $long with --runs 20 (2400 runs): start one and kill it at once.
short=(--seed 9 --runs 20)
sweep "$long" short.whole "${short[@]}"
"$accord" sweep "$long" -q -o "$tmp/short.killed" "${short[@]}" --threads 1 & bg=$!
until [ -e "$tmp/short.killed/.accord-sweep" ] || ! kill -0 "$bg" 2>/dev/null; do sleep 0.002; done
kill -9 "$bg" 2>/dev/null || true; wait "$bg" 2>/dev/null || true; bg=
if [ ! -e "$tmp/short.killed/.accord-sweep" ]; then
  echo "  NOTE: the short sweep finished before it could be killed; these crash states were not exercised"
else
  for case in "an empty runs.csv.partial, no points.csv.partial" "both journals empty" \
              "runs.csv.partial with only its header, points.csv.partial empty"; do
    rm -rf "$tmp/crash"; mkdir "$tmp/crash"
    cp "$tmp/short.killed/.accord-sweep" "$tmp/crash/"
    case $case in
      an*) : > "$tmp/crash/runs.csv.partial" ;;
      both*) : > "$tmp/crash/runs.csv.partial"; : > "$tmp/crash/points.csv.partial" ;;
      runs*) head -n 1 "$tmp/short.whole/runs.csv" > "$tmp/crash/runs.csv.partial"; : > "$tmp/crash/points.csv.partial" ;;
    esac
    status=0
    "$accord" sweep "$long" -q -o "$tmp/crash" "${short[@]}" --resume 2> "$tmp/err.txt" || status=$?
    if [ "$status" -ne 0 ]; then
      defer_fail "crash state ($case): 'accord sweep $long -o DIR ${short[*]} --resume' exited with status $status: $(cat "$tmp/err.txt")"
      continue
    fi
    differ=
    for f in runs.csv points.csv; do
      cmp -s "$tmp/crash/$f" "$tmp/short.whole/$f" ||
        differ+=" $f ($(wc -l < "$tmp/crash/$f") lines, expected $(wc -l < "$tmp/short.whole/$f"); line 1 is '$(head -n 1 "$tmp/crash/$f" | cut -c1-40)...', expected '$(head -n 1 "$tmp/short.whole/$f" | cut -c1-40)...')"
    done
    if [ -n "$differ" ]; then
      defer_fail "crash state ($case): 'accord sweep $long -o DIR ${short[*]} --resume' exits 0 but writes files that differ from the uninterrupted sweep:$differ"
    else
      echo "  $case: --resume gives the uninterrupted bytes"
    fi
  done
fi

echo "--- SIGKILL at three moments of a long sweep ($long, ${opts[*]}), then --resume"
sweep "$long" whole "${opts[@]}"
[ "$(data_rows "$tmp/whole/runs.csv")" -eq "$long_rows" ] ||
  fail "the uninterrupted sweep of $long has $(data_rows "$tmp/whole/runs.csv") rows, expected $long_rows"
# kill_at DIR MIN-ROWS [options]: run the sweep (options added) in the background; once
# runs.csv.partial exists and holds at least MIN-ROWS rows, SIGKILL it. Returns 1 if the sweep
# finished first (nothing to check then).
kill_at() {
  local dir=$1 min=$2; shift 2
  "$accord" sweep "$long" -q -o "$tmp/$dir" "${opts[@]}" "$@" 2> "$tmp/bg.err" & bg=$!
  until { [ -e "$tmp/$dir/runs.csv.partial" ] && [ "$(data_rows "$tmp/$dir/runs.csv.partial")" -ge "$min" ]; } ||
        ! kill -0 "$bg" 2>/dev/null; do
    sleep 0.005
  done
  kill -9 "$bg" 2>/dev/null || true
  wait "$bg" 2>/dev/null || true
  bg=
  if [ -e "$tmp/$dir/runs.csv" ]; then
    echo "  NOTE: the sweep finished before it could be killed (a fast machine); this moment was not exercised"
    return 1
  fi
  only_journals "$dir"
  echo "  killed: $(data_rows "$tmp/$dir/runs.csv.partial") rows in runs.csv.partial, $(data_rows "$tmp/$dir/points.csv.partial") in points.csv.partial; no runs.csv, points.csv or manifest.json"
}
echo "moment 1: as soon as runs.csv.partial appears (before any rows, as a rule)"
if kill_at k1 0; then
  expect_status 2 "an unfinished sweep, without --resume or --force" "$accord" sweep "$long" -q -o "$tmp/k1" "${opts[@]}"
  only_journals k1
  # with the temporary file of a writer killed while writing it: the resume removes it
  printf '{"scen' >"$tmp/k1/manifest.json.tmp.99999"
  sweep "$long" k1 "${opts[@]}" --resume
  same_rows k1 whole "killed at once, then --resume"
  [ ! -e "$tmp/k1/manifest.json.tmp.99999" ] || fail "--resume left a killed writer's temporary file"
  echo "  --resume gives the uninterrupted bytes"
fi
echo "moment 2: after the first block of rows; killed again while resuming; then --resume"
if kill_at k2 1; then
  before=$(snapshot k2)
  expect_status 2 "--resume of the unfinished sweep with another seed" "$accord" sweep "$long" -q -o "$tmp/k2" --seed 10 --resume
  expect_status 2 "--resume of the unfinished sweep with --set" \
    "$accord" sweep "$long" -q -o "$tmp/k2" "${opts[@]}" --set actors.WEST.stubbornness=0.5 --resume
  [ "$(snapshot k2)" = "$before" ] || fail "a refused --resume changed the unfinished sweep's files"
  kill_at k2 $(($(data_rows "$tmp/k2/runs.csv.partial") + 1)) --resume --threads 1 || true
  sweep "$long" k2 "${opts[@]}" --resume
  same_rows k2 whole "killed after one block, killed again while resuming, then --resume"
  echo "  --resume gives the uninterrupted bytes"
fi
echo "moment 3: after half the rows; then the journals are torn as a kill in mid-write leaves them"
if kill_at k3 $((long_rows / 2)); then
  # A half-written last row in each journal, and a whole row after the last block record.
  tail -n 1 "$tmp/k3/points.csv.partial" >> "$tmp/k3/points.csv.partial"
  printf '71,12,2' >> "$tmp/k3/runs.csv.partial"
  printf '70,0.8' >> "$tmp/k3/points.csv.partial"
  sweep "$long" k3 "${opts[@]}" --resume --threads 1
  same_rows k3 whole "killed half way, journals torn, then --resume --threads 1"
  grep -q '"shard": *"0/1"' "$tmp/k3/manifest.json" && grep -q "\"runs\": *$long_rows[,}[:space:]]" "$tmp/k3/manifest.json" ||
    fail "the manifest after --resume does not say shard 0/1 and runs $long_rows"
  echo "  --resume drops the torn rows and gives the uninterrupted bytes"
fi

echo "--- SIGINT: exit status 1, stderr says how to resume; --resume completes"
"$accord" sweep "$long" -o "$tmp/int" "${opts[@]}" > "$tmp/int.out" 2> "$tmp/int.err" & bg=$!
until [ "$(data_rows "$tmp/int/runs.csv.partial")" -ge 1 ] || ! kill -0 "$bg" 2>/dev/null; do sleep 0.005; done
kill -INT "$bg" 2>/dev/null || true
status=0
wait "$bg" || status=$?
bg=
if [ -e "$tmp/int/runs.csv" ]; then
  echo "  NOTE: the sweep finished before SIGINT arrived; the SIGINT case was not exercised"
else
  [ "$status" -eq 1 ] || fail "SIGINT: exit status $status, expected 1 (stderr: $(cat "$tmp/int.err"))"
  grep -q -e "--resume" "$tmp/int.err" || fail "SIGINT: stderr does not say how to resume (no mention of --resume):
$(cat "$tmp/int.err")"
  only_journals int
  echo "  exit 1; stderr: $(tr '\n' ' ' < "$tmp/int.err")"
  # A command that stderr offers to finish the sweep must work as printed.
  suggested=$(grep -E '^ *accord sweep .*--resume' "$tmp/int.err" | head -n 1 | sed 's/^ *accord //' || true)
  if [ -n "$suggested" ]; then
    status=0
    # shellcheck disable=SC2086  # split the suggested command line into words, as a shell would
    "$accord" $suggested -q 2> "$tmp/sugg.err" || status=$?
    if [ "$status" -ne 0 ]; then
      defer_fail "after SIGINT of 'accord sweep $long -o DIR ${opts[*]}', the command stderr offers, 'accord $suggested', exits with status $status: $(cat "$tmp/sugg.err") (it leaves out ${opts[*]}: the suggestion should repeat the options that decide the rows)"
    fi
  fi
  [ -e "$tmp/int/runs.csv" ] || sweep "$long" int "${opts[@]}" --resume
  same_rows int whole "SIGINT, then --resume"
  echo "  --resume completes with the uninterrupted bytes"
fi

if [ "${#problems[@]}" -gt 0 ]; then
  echo >&2
  echo "sweep_resume: ${#problems[@]} check(s) failed:" >&2
  for p in "${problems[@]}"; do echo "FAIL: $p" >&2; done
  exit 1
fi
echo "sweep_resume: all checks passed"

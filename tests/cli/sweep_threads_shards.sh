#!/usr/bin/env bash
# A sweep's rows are the same bytes on any number of threads, and when it runs as shards
# (--shard K/N) merged by `accord merge` (docs/interface.md section 4). Merge refuses, with exit
# status 2 and a clear message, shards that do not make up one sweep: a shard missing, a shard
# given twice, shards of different seeds or of different --set options.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/sweep_small.yaml
points=12 reps=10  # the 4 x 3 grid of sweep_small.yaml, 10 replications

sweep() {  # out-dir options...
  local out=$1; shift
  "$accord" sweep "$scenario" -q -o "$tmp/$out" "$@" || fail "accord sweep $scenario $* exited with status $?"
}
same_rows() {  # dir-a dir-b what
  for f in runs.csv points.csv; do
    [ -f "$tmp/$1/$f" ] && [ -f "$tmp/$2/$f" ] || fail "$3: $f missing"
    cmp -s "$tmp/$1/$f" "$tmp/$2/$f" || fail "$3: $f differs:
$(diff "$tmp/$1/$f" "$tmp/$2/$f" | head -n 6)"
  done
}
manifest_value() {  # dir key
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], "(missing)"))' "$tmp/$1/manifest.json" "$2"
}

echo "checking: --threads 1 and --threads 2 write byte-identical runs.csv and points.csv"
sweep t1 --threads 1
sweep t2 --threads 2
same_rows t1 t2 "--threads 1 vs --threads 2"
[ "$(manifest_value t1 threads)" = 1 ] || fail "--threads 1: manifest.json says threads $(manifest_value t1 threads)"

echo "checking: shard K of 3 holds the points p with p mod 3 = K, with all their replications"
for k in 0 1 2; do
  sweep "s$k" --shard "$k/3" --threads $((k % 2 + 1))
  want=$(seq "$k" 3 $((points - 1)) | tr '\n' ' ')
  got=$(awk -F, 'NR > 1 { print $1 }' "$tmp/s$k/points.csv" | tr '\n' ' ')
  [ "$got" = "$want" ] || fail "shard $k/3: points.csv holds points '$got', expected '$want'"
  got=$(awk -F, 'NR > 1 { n[$1]++ } END { for (p in n) if (n[p] != '$reps') print "point " p ": " n[p] " rows" }' "$tmp/s$k/runs.csv")
  [ -z "$got" ] || fail "shard $k/3: runs.csv does not hold $reps replications of each point: $got"
  # The shard's rows are the whole sweep's rows of those points, byte for byte.
  for f in runs.csv points.csv; do
    cmp -s "$tmp/s$k/$f" <(awk -F, -v k="$k" 'NR == 1 || $1 % 3 == k' "$tmp/t1/$f") ||
      fail "shard $k/3: $f rows differ from the whole sweep's rows of the same points"
  done
  [ "$(manifest_value "s$k" shard)" = "$k/3" ] || fail "shard $k/3: manifest.json says shard $(manifest_value "s$k" shard)"
  [ "$(manifest_value "s$k" points)" = "$points" ] || fail "shard $k/3: manifest.json says points $(manifest_value "s$k" points), expected the whole design's $points"
done

echo "checking: accord merge of the 3 shards gives the whole sweep's runs.csv and points.csv byte for byte"
"$accord" merge "$tmp/s0" "$tmp/s1" "$tmp/s2" -o "$tmp/m" -q || fail "accord merge of 3 shards exited with status $?"
same_rows t1 m "merged shards vs the whole sweep"
for kv in "shard 0/1" "points $points" "replications $reps" "runs $((points * reps))" "design grid" "seed 42"; do
  read -r key value <<<"$kv"
  got=$(manifest_value m "$key")
  [ "$got" = "$value" ] || fail "merged manifest.json: $key is $got, expected $value"
done
[ "$(manifest_value m scenario_sha256)" = "$(sha256sum "$scenario" | cut -d' ' -f1)" ] || fail "merged manifest.json: scenario_sha256 is not the scenario's hash"
leftovers=$(ls -A "$tmp/m" | grep -v -x -e runs.csv -e points.csv -e manifest.json || true)
[ -z "$leftovers" ] || fail "files left in the merged directory: $leftovers"

echo "checking: the order of the shard directories does not matter"
"$accord" merge "$tmp/s2" "$tmp/s0" "$tmp/s1" -o "$tmp/m2" -q || fail "accord merge s2 s0 s1 exited with status $?"
same_rows t1 m2 "merged shards given as 2, 0, 1"

# refuse WHAT PATTERN DIRS...: merge must exit 2, say so on stderr, and write no result files.
refuse() {
  local what=$1 pattern=$2; shift 2
  local out=$tmp/refused.$RANDOM status=0
  "$accord" merge "$@" -o "$out" -q > "$tmp/out.txt" 2> "$tmp/err.txt" || status=$?
  [ "$status" -eq 2 ] || fail "merge of $what: exit status $status, expected 2 (stderr: $(cat "$tmp/err.txt"))"
  grep -q -i -E "$pattern" "$tmp/err.txt" || fail "merge of $what: the message does not explain it (expected /$pattern/):
$(cat "$tmp/err.txt")"
  for f in runs.csv points.csv manifest.json; do
    [ ! -e "$out/$f" ] || fail "merge of $what was refused but wrote $f"
  done
  echo "  $what: $(head -n 1 "$tmp/err.txt")"
}
echo "checking: merge refuses shards that do not make up one sweep (exit 2)"
refuse "2 of 3 shards" "missing|none of the shards" "$tmp/s0" "$tmp/s1"
refuse "shard 1/3 given twice" "overlap|both|twice|more than once" "$tmp/s0" "$tmp/s1" "$tmp/s1" "$tmp/s2"
refuse "shard 0/3 given twice" "overlap|both|twice|more than once" "$tmp/s0" "$tmp/s0" "$tmp/s1" "$tmp/s2"
sweep s1.seed7 --shard 1/3 --seed 7
refuse "shards of seeds 42 and 7" "seed" "$tmp/s0" "$tmp/s1.seed7" "$tmp/s2"
sweep s1.runs3 --shard 1/3 --runs 3
refuse "shards of 10 and 3 replications" "replications" "$tmp/s0" "$tmp/s1.runs3" "$tmp/s2"
mkdir "$tmp/s2.unfinished"
cp "$tmp/s2/runs.csv" "$tmp/s2.unfinished/runs.csv.partial"
cp "$tmp/s2/points.csv" "$tmp/s2.unfinished/points.csv.partial"
refuse "an unfinished shard (only .partial files)" "missing|finished|unfinished|incomplete" "$tmp/s0" "$tmp/s1" "$tmp/s2.unfinished"
# A --set that fixes a parameter neither swept nor drawn leaves every header the same: only the
# options tell these shards apart, and their rows belong to two different sweeps.
sweep s1.set --shard 1/3 --set actors.WEST.stubbornness=0.9
refuse "shards made with and without --set actors.WEST.stubbornness=0.9" "set|option|not shards of one sweep" \
  "$tmp/s0" "$tmp/s1.set" "$tmp/s2"

# A scenario with status quos: points.csv ends with agreed_runs and the terms over each point's deals
# (summed over the sorted values), the same bytes on 1 and 2 threads and from shards merged.
echo "checking: with status quos (agreed_runs, terms_if_agreed), threads and merged shards give the same bytes"
scenario=tests/data/process_logistic.yaml
sweep q1 --threads 1
sweep q2 --threads 2
same_rows q1 q2 "process_logistic.yaml: --threads 1 vs --threads 2"
head -1 "$tmp/q1/points.csv" | grep -q ',agreed_runs,terms_if_agreed\.scope\.mean,' ||
  fail "process_logistic.yaml: points.csv has no terms_if_agreed columns: $(head -1 "$tmp/q1/points.csv")"
for k in 0 1 2 3; do sweep "q.s$k" --shard "$k/4" --threads $((k % 2 + 1)); done
"$accord" merge "$tmp/q.s3" "$tmp/q.s1" "$tmp/q.s0" "$tmp/q.s2" -o "$tmp/q.m" -q || fail "merge of process_logistic's shards"
same_rows q1 q.m "process_logistic.yaml: merged shards vs the whole sweep"
echo "sweep_threads_shards: all checks passed"

#!/usr/bin/env bash
# Results are tied to every input byte (docs/reliability.md, "Result files"): manifest.json
# fingerprints the scenario and every table it reads, as loaded (a scenario piped on standard
# input included), and `sweep --resume` and `merge` refuse, with exit status 2, results made from
# other bytes: an actor table edited between a kill and --resume, shards run on different tables
# or on different piped scenarios. A finished shard whose runs.csv or points.csv was edited
# afterwards is refused by merge (the checksums its manifest recorded). Paths with control
# characters and bytes that are not UTF-8 keep manifest.json valid UTF-8, and --resume and merge
# accept their own directories.
. "$(dirname "$0")/lib/setup.bash" "$@"
bg=
trap '[ -z "$bg" ] || { kill -9 "$bg" 2>/dev/null; wait "$bg" 2>/dev/null; }; rm -rf "$tmp"' EXIT

expect_refusal() {  # what pattern command...: exit status 2 and the pattern in stderr
  local what=$1 pattern=$2; shift 2
  local status=0
  "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" || status=$?
  [ "$status" -eq 2 ] || fail "$what: exit status $status, expected 2: $(cat "$tmp/err.txt")"
  grep -q -e "$pattern" "$tmp/err.txt" || fail "$what: the message lacks '$pattern': $(cat "$tmp/err.txt")"
  echo "  $what: refused: $(head -n 1 "$tmp/err.txt")"
}
json_value() {  # file key: the value of a top-level key of a JSON file
  /usr/bin/python3 -c 'import json, sys; v = json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]]; print(v if isinstance(v, str) else json.dumps(v))' "$1" "$2"
}

# A scenario whose actors come from a table, with a sweep long enough to be killed (the actors and
# the sweep of tests/data/sweep_long.yaml).
mkdir -p "$tmp/in"
sed -e '/^actors:/,/^influence:/{/^influence:/!d}' -e 's/^influence:/actors: {csv: actors.csv}\ninfluence:/' \
  tests/data/sweep_long.yaml >"$tmp/in/table.yaml"
cat >"$tmp/in/actors.csv" <<'CSV'
id,capability,self_weight,veto,reservation,budget,timeline
NORTH,60,3,true,0.85,800,20
SOUTH,35,3,true,,300,70
EAST,20,3,false,0.7,550,45
WEST,10,3,false,0.75,450,60
CSV
"$accord" validate "$tmp/in/table.yaml" >/dev/null || fail "the table scenario does not validate"
edit_table() { sed -i 's/^WEST,10,/WEST,11,/' "$tmp/in/actors.csv"; }
restore_table() { sed -i 's/^WEST,11,/WEST,10,/' "$tmp/in/actors.csv"; }

echo "the manifest lists every input and its SHA-256"
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 2 || fail "sweep"
m=$tmp/whole/manifest.json
[ "$(json_value "$m" scenario_sha256)" = "$(sha256sum <"$tmp/in/table.yaml" | cut -d' ' -f1)" ] || fail "scenario_sha256"
inputs=$(json_value "$m" inputs)
case "$inputs" in
*"$(sha256sum <"$tmp/in/table.yaml" | cut -d' ' -f1)"*"$(sha256sum <"$tmp/in/actors.csv" | cut -d' ' -f1)"*) ;;
*) fail "inputs does not list the scenario and then the table with their SHA-256: $inputs" ;;
esac
want=$(printf '%s\n%s\n' "$(sha256sum <"$tmp/in/table.yaml" | cut -d' ' -f1)" \
  "$(sha256sum <"$tmp/in/actors.csv" | cut -d' ' -f1)" | sha256sum | cut -d' ' -f1)
[ "$(json_value "$m" inputs_sha256)" = "$want" ] || fail "inputs_sha256 is not the SHA-256 of the digests"
[ "$(json_value "$m" runs_csv_sha256)" = "$(sha256sum <"$tmp/whole/runs.csv" | cut -d' ' -f1)" ] || fail "runs_csv_sha256"
[ "$(json_value "$m" points_csv_sha256)" = "$(sha256sum <"$tmp/whole/points.csv" | cut -d' ' -f1)" ] ||
  fail "points_csv_sha256"

echo "--resume of a finished sweep whose table changed is refused"
# The refusal names what differs (it said only "another scenario or with other options, or ... input files").
edit_table
expect_refusal "finished, table edited" "another scenario or with other options" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 2 --resume
grep -q "What differs: $tmp/in/actors.csv changed since (its SHA-256 was " "$tmp/err.txt" ||
  fail "finished, table edited: the changed table is not named: $(cat "$tmp/err.txt")"
restore_table
expect_refusal "finished, another seed" "What differs: the seed (42 recorded, 10 now)" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 2 --seed 10 --resume
expect_refusal "finished, another --runs" "What differs: the replications (2 recorded, 3 now)" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 3 --resume
expect_refusal "finished, a --set" "What differs: the options (--set, or the accord version)" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 2 --set actors.WEST.capability=12 --resume
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/whole" --runs 2 --resume || fail "--resume of the same sweep"
echo "--resume of a finished sweep whose runs.csv was edited is refused"
cp -r "$tmp/whole" "$tmp/edited"
sed -i '2s/[0-9]$/&&/' "$tmp/edited/runs.csv"
expect_refusal "finished, runs.csv edited" "runs.csv was changed after it finished" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/edited" --runs 2 --resume

echo "--resume of a killed sweep whose table changed is refused"
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/killed" --threads 1 &
bg=$!
for _ in $(seq 1 400); do
  [ "$(cat "$tmp/killed/.accord-sweep-blocks" 2>/dev/null | wc -l)" -ge 2 ] && break
  kill -0 "$bg" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$bg" 2>/dev/null || true
wait "$bg" 2>/dev/null || true
bg=
[ -e "$tmp/killed/.accord-sweep" ] || echo "  (the sweep finished before the kill: its finished directory is checked)"
edit_table
expect_refusal "killed, table edited" "another scenario or with other options" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/killed" --threads 1 --resume
grep -q "What differs: .*$tmp/in/actors.csv" "$tmp/err.txt" ||
  fail "killed, table edited: the changed table is not named: $(cat "$tmp/err.txt")"
restore_table
sed -i 's/^  rounds: 3000$/  rounds: 3001/' "$tmp/in/table.yaml"
expect_refusal "killed, scenario edited" "What differs: the scenario $tmp/in/table.yaml changed since" \
  "$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/killed" --threads 1 --resume
sed -i 's/^  rounds: 3001$/  rounds: 3000/' "$tmp/in/table.yaml"

echo "merge refuses shards run on different tables"
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/s0" --runs 2 --shard 0/2 || fail "shard 0"
edit_table
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/s1" --runs 2 --shard 1/2 || fail "shard 1"
restore_table
expect_refusal "shards of two tables" "differ in inputs_sha256" "$accord" merge "$tmp/s0" "$tmp/s1" -o "$tmp/m"
[ ! -e "$tmp/m/runs.csv" ] || fail "merge wrote runs.csv"
"$accord" sweep "$tmp/in/table.yaml" -q -o "$tmp/s1" --runs 2 --shard 1/2 --force || fail "shard 1 again"
"$accord" merge "$tmp/s0" "$tmp/s1" -o "$tmp/m" -q || fail "merge of shards of one table"
cmp -s "$tmp/m/runs.csv" "$tmp/whole/runs.csv" || fail "the merged runs.csv differs from the whole sweep's"
[ "$(json_value "$tmp/m/manifest.json" runs_csv_sha256)" = "$(sha256sum <"$tmp/m/runs.csv" | cut -d' ' -f1)" ] ||
  fail "merge's runs_csv_sha256"

echo "a scenario on standard input is hashed as read"
small=tests/data/sweep_small.yaml
other=$tmp/in/other.yaml
sed 's/seed: 42/seed: 43/' "$small" >"$other"
# Through a pipe: /dev/stdin read a second time gives nothing (a redirected file would be reopened).
cat "$small" | "$accord" sweep /dev/stdin -q -o "$tmp/p0" --seed 42 --shard 0/2 || fail "piped shard 0"
[ "$(json_value "$tmp/p0/manifest.json" scenario_sha256)" = "$(sha256sum <"$small" | cut -d' ' -f1)" ] ||
  fail "the piped scenario's scenario_sha256 is not the SHA-256 of its bytes"
cat "$other" | "$accord" sweep /dev/stdin -q -o "$tmp/p1" --seed 42 --shard 1/2 || fail "piped shard 1"
expect_refusal "shards of two piped scenarios" "differ in scenario_sha256" "$accord" merge "$tmp/p0" "$tmp/p1" -o "$tmp/pm"
piped() { local file=$1; shift; cat "$file" | "$accord" "$@"; }
expect_refusal "--resume with another piped scenario" "another scenario or with other options" \
  piped "$other" sweep /dev/stdin -q -o "$tmp/p0" --seed 42 --shard 0/2 --resume
piped "$small" sweep /dev/stdin -q -o "$tmp/p0" --seed 42 --shard 0/2 --resume || fail "--resume, same pipe"

echo "merge refuses a finished shard edited afterwards"
cp -r "$tmp/s0" "$tmp/e0"
# One digit of a value changed: the rows, their points, replications and seeds are intact.
sed -i '2s/[0-9]$/&&/' "$tmp/e0/runs.csv"
cmp -s "$tmp/e0/runs.csv" "$tmp/s0/runs.csv" && fail "the edit changed nothing"
expect_refusal "runs.csv edited" "runs.csv' was changed after its sweep finished" \
  "$accord" merge "$tmp/e0" "$tmp/s1" -o "$tmp/em"
cp "$tmp/s0/runs.csv" "$tmp/e0/runs.csv"
sed -i '$s/[0-9]$/&&/' "$tmp/e0/points.csv"  # the last digit of the last point doubled
expect_refusal "points.csv edited" "points.csv' was changed after its sweep finished" \
  "$accord" merge "$tmp/e0" "$tmp/s1" -o "$tmp/em"
[ ! -e "$tmp/em/runs.csv" ] || fail "merge of an edited shard wrote runs.csv"

echo "paths with control characters and bytes that are not UTF-8"
odd=$(printf '%s/in/dir\001\tq\377z' "$tmp")
mkdir -p "$odd"
cp "$tmp/in/table.yaml" "$tmp/in/actors.csv" "$odd/"
out=$(printf '%s/out\002\376' "$tmp")
"$accord" sweep "$odd/table.yaml" -q -o "$out-0" --runs 2 --shard 0/2 || fail "sweep of an odd path"
"$accord" sweep "$odd/table.yaml" -q -o "$out-1" --runs 2 --shard 1/2 || fail "sweep of an odd path, shard 1"
for f in "$out-0/manifest.json" "$out-1/manifest.json"; do
  /usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))' "$f" ||
    fail "$f is not valid UTF-8 JSON"
done
# The exact bytes of the path, beside its readable form (before, 0xff became U+FFFD for good).
/usr/bin/python3 - "$out-0/manifest.json" "$odd/table.yaml" "$odd/actors.csv" <<'PY' || fail "the path bytes in the manifest"
import json, os, sys, urllib.parse
m = json.load(open(sys.argv[1], encoding="utf-8"))
exact = lambda text: urllib.parse.unquote_to_bytes(text)
assert exact(m["scenario_bytes"]) == os.fsencode(sys.argv[2]), m["scenario_bytes"]
assert exact(m["inputs"][1]["path_bytes"]) == os.fsencode(sys.argv[3]), m["inputs"]
assert exact(m["command_line_bytes"][2]) == os.fsencode(sys.argv[2]), m["command_line_bytes"]
assert all(ord(c) < 128 for c in m["scenario_bytes"])
PY
"$accord" sweep "$odd/table.yaml" -q -o "$out-0" --runs 2 --shard 0/2 --resume || fail "--resume of an odd path"
"$accord" merge "$out-0" "$out-1" -o "$out-m" -q || fail "merge of odd paths"
cmp -s "$out-m/runs.csv" "$tmp/whole/runs.csv" || fail "the odd paths' merged runs.csv differs"
echo ok

#!/usr/bin/env bash
# `accord run -o DIR` writes the result files of docs/interface.md section 4, each with exactly its
# header, the right rows, and a manifest that identifies the run; nothing temporary is left behind.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=scenarios/nato_russia_council_2002.yaml

# The issue ids and the drawn parameter paths, in file order, read from the scenario itself.
py=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
scenario_list() {  # issues | actors | drawn
  if [ -n "$py" ]; then
    "$py" - "$1" "$2" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[2]))
if sys.argv[1] in ("issues", "actors"):
    print("\n".join(str(i["id"]) for i in d[sys.argv[1]]))
elif sys.argv[1] == "start":
    print(d["calendar"]["start"])
elif sys.argv[1] == "meetings":  # the rounds of the meetings (a daily calendar)
    import datetime
    start = d["calendar"]["start"]
    print("\n".join(str((e["at"] - start).days) for e in d.get("events", []) if e.get("meeting")))
else:
    print("\n".join(str(k) for k in (d.get("uncertainty") or {})))
PY
  else  # block-style YAML as the reference scenario is written
    awk -v want="$1" '
      /^[A-Za-z_]/ { section = $1; sub(":.*", "", section); next }
      (want == "issues" || want == "actors") && section == want && /^  - id:/ { v = $3; print v }
      want == "drawn" && section == "uncertainty" && /^  [^ #]/ { v = $1; sub(":$", "", v); print v }' "$2"
  fi
}
issues=$(scenario_list issues "$scenario")
drawn=$(scenario_list drawn "$scenario")
[ -n "$issues" ] || fail "could not read the issue ids of $scenario"
[ -n "$drawn" ] || fail "could not read the uncertainty paths of $scenario"
expected_runs_header="run,seed,rounds,converged,agreed,agreement_round,agreement_date"
for i in $issues; do expected_runs_header+=",terms.$i"; done
for p in $drawn; do expected_runs_header+=",$p"; done
# The negotiation process (docs/models.md section 16): the outcome on every issue (all have a status quo in the
# reference scenario), then the proposer of the setter rule, after every original column.
for i in $issues; do expected_runs_header+=",outcome.$i"; done
expected_runs_header+=",proposer"
start=$(scenario_list start "$scenario")
meetings=$(scenario_list meetings "$scenario")
[ -n "$meetings" ] || fail "could not read the meeting rounds of $scenario"
n_actors=$(scenario_list actors "$scenario" | wc -l)

out=$tmp/out
echo "running: accord run $scenario --runs 50 --seed 7 -o DIR"
"$accord" run "$scenario" --runs 50 --seed 7 -o "$out" -q || fail "accord run exited with status $?"

echo "checking: every result file exists with exactly the header of docs/interface.md section 4"
check_header() {
  [ -f "$out/$1" ] || fail "$1 is missing from the result directory (found: $(ls "$out" | tr '\n' ' '))"
  local got
  got=$(head -n 1 "$out/$1")
  [ "$got" = "$2" ] || fail "$1 header is
  $got
expected
  $2"
  echo "  $1: $got"
}
check_header runs.csv "$expected_runs_header"
check_header trajectory.csv "run,round,date,actor,issue,position"
check_header terms.csv "run,round,date,issue,terms,accepting_capability_share,agreed"
check_header summary.csv "quantity,n,mean,sd,min,p05,p50,p95,max,ci_low,ci_high"
check_header blockers.csv "run,round,date,actor,utility,reservation,surplus,accepted,proposer"
check_header zopa.csv "run,round,date,issue,actor,low,high,zone"
[ -f "$out/manifest.json" ] || fail "manifest.json is missing"

echo "checking: no temporary files left in the result directory"
leftovers=$(find "$out" -name '*.tmp*' -o -name '.*tmp*' | head)
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"

echo "checking: runs.csv has 50 rows, run 0..49 with seeds 7..56 in order, $(wc -w <<<"$drawn") drawn columns"
awk -F, -v ncol="$(awk -F, 'NR==1{print NF}' "$out/runs.csv")" '
  NR == 1 { next }
  NF != ncol { printf "FAIL: runs.csv line %d has %d fields, header has %d\n", NR, NF, ncol; exit 1 }
  $1 != NR - 2 || $2 != NR - 2 + 7 { printf "FAIL: runs.csv line %d: run %s seed %s, expected run %d seed %d\n", NR, $1, $2, NR - 2, NR - 2 + 7; exit 1 }
  END { if (NR - 1 != 50) { printf "FAIL: runs.csv has %d data rows, expected 50\n", NR - 1; exit 1 } }' "$out/runs.csv" ||
  fail "runs.csv rows are wrong"

echo "checking: agreed runs carry agreement_round and a YYYY-MM-DD agreement_date = $start + round days, at a meeting; others leave both empty"
agreed_count=0
while IFS=, read -r run _ rounds _ agreed around adate _; do
  case $agreed in
    1)
      agreed_count=$((agreed_count + 1))
      [[ $around =~ ^[0-9]+$ ]] || fail "run $run agreed but agreement_round is '$around'"
      [[ $adate =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || fail "run $run: agreement_date '$adate' is not YYYY-MM-DD"
      want=$(date -u -d "$start + $around days" +%F)
      [ "$adate" = "$want" ] || fail "run $run: agreement_date $adate for round $around, expected $want (calendar starts $start, step 1d)"
      grep -qx "$around" <<<"$meetings" || fail "run $run agreed at round $around, which is not a meeting ($(echo $meetings))"
      [ "$around" -le "$rounds" ] || fail "run $run: agreement_round $around after the last round $rounds" ;;
    0)
      [ -z "$around" ] && [ -z "$adate" ] || fail "run $run did not agree but has agreement_round '$around' / agreement_date '$adate'" ;;
    *) fail "run $run: agreed is '$agreed', expected 0 or 1" ;;
  esac
done < <(tail -n +2 "$out/runs.csv")
[ "$agreed_count" -gt 0 ] || fail "no run agreed with seed 7: the date checks were not exercised"
echo "  $agreed_count of 50 runs agreed"

runs_in() { awk -F, 'NR > 1 { print $1 }' "$1" | sort -n -u | tr '\n' ' ' | sed 's/ $//'; }
# Rows per run: (rounds + 1) rounds x actors x issues for trajectory.csv; for terms.csv, the issues
# at each decision (decide: at-meetings: the meetings up to the run's last round).
check_rows_per_run() {  # dir
  awk -F, -v na="$n_actors" -v ni="$(wc -w <<<"$issues")" -v meetings="$(echo $meetings)" '
    BEGIN { nm = split(meetings, mr, " ") }
    FILENAME ~ /runs.csv$/ { if (FNR > 1) rounds[$1] = $3; next }
    FILENAME ~ /trajectory.csv$/ { if (FNR > 1) traj[$1]++; next }
    FILENAME ~ /terms.csv$/ { if (FNR > 1) terms[$1]++; next }
    END {
      for (r in traj) if (traj[r] != (rounds[r] + 1) * na * ni) { printf "FAIL: trajectory.csv run %s has %d rows, expected (%d+1)*%d actors*%d issues\n", r, traj[r], rounds[r], na, ni; bad = 1 }
      for (r in terms) { d = 0; for (j = 1; j <= nm; j++) if (mr[j] <= rounds[r]) d++
        if (terms[r] != d * ni) { printf "FAIL: terms.csv run %s has %d rows, expected %d decisions*%d issues\n", r, terms[r], d, ni; bad = 1 } }
      exit bad
    }' "$1/runs.csv" "$1/trajectory.csv" "$1/terms.csv"
}
echo "checking: trajectory.csv and terms.csv hold runs 0..9 only (default --trajectories 10), every round of each"
want10=$(seq 0 9 | tr '\n' ' ' | sed 's/ $//')
[ "$(runs_in "$out/trajectory.csv")" = "$want10" ] || fail "trajectory.csv holds runs '$(runs_in "$out/trajectory.csv")', expected '$want10'"
[ "$(runs_in "$out/terms.csv")" = "$want10" ] || fail "terms.csv holds runs '$(runs_in "$out/terms.csv")', expected '$want10'"
[ "$n_actors" -gt 0 ] || fail "could not count the actors of $scenario"
check_rows_per_run "$out" || fail "trajectory.csv/terms.csv do not hold every round of their runs"

echo "checking: summary.csv rows agreed, agreement_round, terms.<issue>, then outcome.<issue>, terms_if_agreed.<issue>, agreed_at.<meeting> and blocked_by.<actor>"
want_q="agreed agreement_round"
for i in $issues; do want_q+=" terms.$i"; done
for i in $issues; do want_q+=" outcome.$i"; done
for i in $issues; do want_q+=" terms_if_agreed.$i"; done
for r in $meetings; do want_q+=" agreed_at.$r"; done
got_q=$(awk -F, 'NR > 1 && $1 !~ /^blocked_by\./ { print $1 }' "$out/summary.csv" | tr '\n' ' ' | sed 's/ $//')
[ "$got_q" = "$want_q" ] || fail "summary.csv quantities are '$got_q', expected '$want_q'"
tail -n 1 "$out/summary.csv" | grep -q '^blocked_by\.' || fail "summary.csv does not end with the blocked_by rows"
# agreed_at rows add up to agreed; blocked_by rows count the runs without agreement.
awk -F, -v agreed="$agreed_count" '
  $1 ~ /^agreed_at\./ { total += $3 * $2; if ($2 != 50) { print "FAIL: " $1 " n " $2; exit 1 } }
  $1 ~ /^blocked_by\./ && $2 != 50 - agreed { print "FAIL: " $1 " n " $2 ", expected " 50 - agreed; exit 1 }
  END { if ((total - agreed) ^ 2 > 1e-18) { print "FAIL: agreed_at rows add up to " total " runs, expected " agreed; exit 1 } }' "$out/summary.csv" ||
  fail "summary.csv process rows are wrong"
awk -F, -v agreed="$agreed_count" '
  NR == 1 { next }
  $1 == "agreed" && ($2 != 50 || ($3 - agreed / 50) ^ 2 > 1e-24) { printf "FAIL: summary agreed: n %s mean %s, expected n 50 mean %s\n", $2, $3, agreed / 50; exit 1 }
  $1 == "agreement_round" && $2 != agreed { printf "FAIL: summary agreement_round: n %s, expected %d (agreed runs)\n", $2, agreed; exit 1 }
  $1 ~ /^terms\./ && $2 != 50 { printf "FAIL: summary %s: n %s, expected 50\n", $1, $2; exit 1 }' "$out/summary.csv" ||
  fail "summary.csv counts are wrong"

echo "checking: manifest.json keys and values"
sha=$(sha256sum "$scenario" | cut -d' ' -f1)
json_py=${py:-python3}
"$json_py" - "$out/manifest.json" "$scenario" "$sha" "$(pwd -P)" <<'PY' || fail "manifest.json is wrong"
import json, os, re, sys
path, scenario, sha, cwd = sys.argv[1:]
m = json.load(open(path))
errors = []
for key in ["accord_version", "command_line", "scenario", "scenario_sha256", "seed", "runs", "threads", "start_time", "end_time"]:
    if key not in m:
        errors.append(f"key '{key}' missing")
def expect(key, ok, what):
    if key in m and not ok(m[key]):
        errors.append(f"{key} is {m[key]!r}, expected {what}")
expect("accord_version", lambda v: isinstance(v, str) and v != "", "a non-empty string")
expect("command_line", lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v) and "run" in v and "--seed" in v, "an array of strings holding the arguments")
expect("scenario", lambda v: v == scenario, repr(scenario))
expect("scenario_sha256", lambda v: v == sha, f"{sha} (sha256sum of the file)")
expect("seed", lambda v: v == 7 and not isinstance(v, bool), "7")
expect("runs", lambda v: v == 50 and not isinstance(v, bool), "50")
expect("threads", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "an integer >= 1")
iso = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$")
for key in ["start_time", "end_time"]:
    expect(key, lambda v: isinstance(v, str) and iso.match(v) is not None, "ISO 8601 UTC, e.g. 2002-04-01T12:00:00Z")
if all(isinstance(m.get(k), str) for k in ["start_time", "end_time"]) and m["start_time"] > m["end_time"]:
    errors.append(f"start_time {m['start_time']} is after end_time {m['end_time']}")
# The directory the command ran in, absolute, so that the relative scenario path is found from anywhere.
expect("working_directory", lambda v: os.path.realpath(v) == cwd and os.path.isfile(os.path.join(v, scenario)),
       f"{cwd}, where {scenario} is")
if "working_directory" not in m:
    errors.append("key 'working_directory' missing")
for e in errors:
    print("FAIL: manifest.json: " + e)
sys.exit(1 if errors else 0)
PY

echo "running: accord run $scenario --runs 50 --seed 7 --trajectories all"
all=$tmp/all
"$accord" run "$scenario" --runs 50 --seed 7 --trajectories all -o "$all" -q || fail "accord run --trajectories all exited with status $?"
want50=$(seq 0 49 | tr '\n' ' ' | sed 's/ $//')
[ "$(runs_in "$all/trajectory.csv")" = "$want50" ] || fail "--trajectories all: trajectory.csv holds runs '$(runs_in "$all/trajectory.csv")', expected 0..49"
[ "$(runs_in "$all/terms.csv")" = "$want50" ] || fail "--trajectories all: terms.csv holds runs '$(runs_in "$all/terms.csv")', expected 0..49"
check_rows_per_run "$all" || fail "--trajectories all: trajectory.csv/terms.csv do not hold every round of their runs"
echo "result_files: all checks passed"

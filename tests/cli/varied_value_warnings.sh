#!/usr/bin/env bash
# Warnings about varied values that cannot do what a study of them expects. An event that sets a drawn,
# swept or --set path replaces the varied value from its round on: the loader warns of the drawn and
# swept ones, the command line of each --set one (with its line). A sweep of model.rounds below the
# first meeting's round: those points cannot agree.
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
file=tests/data/event_over_varied_values.yaml

"$accord" validate "$file" 2>"$tmp/validate" || fail "validate refused the file"
grep -qF "$file:11:53: warning: event 'deal' sets 'actors.W.reservation' at round 5, which 'uncertainty' draws (line 13)" \
  "$tmp/validate" || fail "no warning for the drawn path: $(cat "$tmp/validate")"
grep -qF "$file:11:80: warning: event 'deal' sets 'actors.A.capability' at round 5, which the sweep varies (line 17)" \
  "$tmp/validate" || fail "no warning for the swept path: $(cat "$tmp/validate")"

"$accord" run "$file" -q --set actors.W.reservation=0.99 --set actors.A.stubbornness=0.2 -o "$tmp/run" 2>"$tmp/run.err" ||
  fail "run"
grep -qF -- "--set actors.W.reservation=0.99: warning: event 'deal' of $file sets 'actors.W.reservation' at round 5 (line 11): from then on the event's value holds, not this one" \
  "$tmp/run.err" || fail "no warning for the --set path: $(cat "$tmp/run.err")"
grep -q -- "--set actors.A.stubbornness=0.2: warning" "$tmp/run.err" && fail "a warning for a path no event sets"
# The warning is true: the run agrees as often as without the tougher reservation.
"$accord" run "$file" -q -o "$tmp/plain" 2>/dev/null
[ "$(awk -F, '$1 == "agreed" { print $3 }' "$tmp/run/summary.csv")" = \
  "$(awk -F, '$1 == "agreed" { print $3 }' "$tmp/plain/summary.csv")" ] || fail "the event did not undo the --set value"
"$accord" validate tests/data/rounds_swept_before_meeting.yaml 2>"$tmp/rounds" || fail "validate refused the sweep"
grep -qF "rounds_swept_before_meeting.yaml:16:5: warning: the sweep gives model.rounds values below 5, the round of the first meeting (event 'first', line 12)" \
  "$tmp/rounds" || fail "no warning for a deadline before the first meeting: $(cat "$tmp/rounds")"
"$accord" sweep tests/data/rounds_swept_before_meeting.yaml -q --runs 5 -o "$tmp/sweep" 2>/dev/null || fail "sweep"
[ "$(awk -F, 'NR > 1 && $2 == 3 { print $4 }' "$tmp/sweep/points.csv")" = 0 ] || fail "the point at 3 rounds agreed"
echo "ok"

#!/usr/bin/env bash
# A file-size limit (ulimit -f) with SIGXFSZ at its default action (which would kill the process):
# accord ignores the signal, reports EFBIG ("File too large") with exit status 1 and leaves no
# temporary file (docs/reliability.md; cli.write_failures covers the case where the caller
# ignores the signal).
set -euo pipefail
. "$(dirname "$0")/lib/setup.bash" "$@"
scenario=tests/data/legacy/nato_russia_council_2002_v1.yaml
status=0
(trap - XFSZ; ulimit -f 64; exec "$accord" run "$scenario" --runs 200 --trajectories all -q -o "$tmp/small") 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "exit status $status, expected 1 (153 = killed by SIGXFSZ): $(cat "$tmp/err")"
grep -q "cannot write .*File too large" "$tmp/err" || fail "message: $(cat "$tmp/err")"
# The rows are written as the runs come, so the first failed write stops the run before any file is
# complete: the directory it made may be gone altogether.
left=$( [ ! -d "$tmp/small" ] || find "$tmp/small" -name '*.tmp.*')
[ -z "$left" ] || fail "temporary files left: $left"
status=0
(trap - XFSZ; ulimit -f 100; exec "$accord" sweep "$scenario" --runs 60 -q -o "$tmp/sweep") 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "sweep: exit status $status, expected 1: $(cat "$tmp/err")"
[ -z "$(find "$tmp/sweep" -name '*.tmp.*')" ] || fail "sweep: temporary files left"
echo ok

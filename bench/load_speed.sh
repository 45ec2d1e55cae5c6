#!/usr/bin/env bash
# Loading big inputs (docs/performance.md, "Loading big inputs"): `accord validate` of generated
# sparse scenarios (bench/make_network.py --layout strided, about 10 edges per actor) written as YAML lists and
# as CSV tables, at growing sizes. Prints, per case, the bytes read, the CPU time (user + system,
# so that other load on the machine does not count), the rate in MB/s, the peak memory, and the
# growth exponent of CPU time against bytes (1 is linear), with the machine and the command line.
#   bash bench/load_speed.sh [path-to-accord] [--million]
# --million adds one million actors with ten million edges from tables (an edge table of about
# 180 MB; generating it takes about a minute).
set -euo pipefail
shopt -s nullglob  # the YAML form has no .csv files
cd "$(dirname "$0")/.."
accord=$(realpath "${1:-build/sim/accord}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "command: bash bench/load_speed.sh $*"
limits=(--limit actors=100000000 --limit edges=100000000 --limit file-bytes=100000000000)
printf '%-5s %9s %10s %10s %8s %8s %9s\n' form actors edges MB cpu_s MB/s peak_MB
measure() {  # form actors
  local dir=$work/$1$2
  python3 bench/make_network.py "$2" --layout strided --form "$1" -o "$dir" >/dev/null
  local bytes
  bytes=$(cat "$dir"/*.yaml "$dir"/*.csv | wc -c)
  /usr/bin/time -f "%U %S %M" -o "$dir/time" "$accord" validate -q "${limits[@]}" "$dir/big.yaml" >/dev/null 2>&1 ||
    { echo "validate failed for $1 $2" >&2; exit 1; }
  local user sys kb
  read -r user sys kb <"$dir/time"
  python3 - "$1" "$2" "$bytes" "$user" "$sys" "$kb" <<'PY' | tee -a "$work/rows"
import sys
form, actors, size, user, system, kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:])
cpu = user + system
print(f"{form:<5} {actors:>9} {actors * 10:>10} {size / 1e6:>10.1f} {cpu:>8.2f} {size / 1e6 / max(cpu, 1e-3):>8.1f}"
      f" {kb / 1024:>9.0f}")
PY
  rm -f "$dir"/*.csv "$dir"/*.yaml
}
for n in 1000 10000 20000 50000; do measure yaml $n; done
for n in 10000 100000; do measure csv $n; done
if [ "${2:-}" = "--million" ]; then measure csv 1000000; fi
python3 - "$work/rows" <<'PY'
import math, sys
rows = [line.split() for line in open(sys.argv[1])]
for form in ("yaml", "csv"):
    pts = [(float(r[3]), float(r[4])) for r in rows if r[0] == form and float(r[4]) > 0.05]
    if len(pts) >= 2:
        (b0, t0), (b1, t1) = pts[0], pts[-1]
        print(f"{form}: CPU time grows as bytes^{math.log(t1 / t0) / math.log(b1 / b0):.2f} "
              f"from {b0:.1f} MB to {b1:.1f} MB")
PY

#!/usr/bin/env python3
"""CPU time per run of two accord binaries on the scaling networks, alternated (docs/performance.md,
"### Rows built once per thread").

    /usr/bin/python3 bench/cpu_per_run.py A-BINARY B-BINARY [--threads 1 2] [--repetitions 3]

For each thread count and each network of bench/make_network.py (1,000, 10,000 and 100,000 actors,
--form csv, written to a temporary directory), the CPU time (user + system, every thread, from wait4)
of `accord run network_N.yaml -q --runs 1+k --threads T` minus that of `--runs 1`, divided by k: the
runs alone, loading and the summary cancelling out, as bench/suite.py's actor_scaling computes it,
with the two binaries alternated in each repetition; then the median per binary, and the exponent
of the median from 1,000 to 100,000 actors. Each line also prints the load average.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LIMITS = ["--limit", "actors=100000000", "--limit", "edges=1000000000", "--limit", "file-bytes=100000000000"]
# actors, k (runs timed beyond the first): about 1.5 to 3 s of CPU each, against loads whose noise is
# tenths of a second at 100,000 actors (k = 1,024, 128 and 12 before 7 December 2026, when the
# 100,000-actor figures spread over 53 to 105 ms in six repetitions of the same binary).
SIZES = [(1000, 4096), (10000, 512), (100000, 48)]


def cpu_seconds(command):
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs=2)
    parser.add_argument("--threads", nargs="+", default=["1", "2"])
    parser.add_argument("--repetitions", type=int, default=3)
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for n, _ in SIZES:
            subprocess.run([sys.executable, os.path.join(HERE, "make_network.py"), str(n), "--form", "csv", "-o", work],
                           check=True, capture_output=True)
        per_run = {}
        for threads in a.threads:
            for n, k in SIZES:
                for _ in range(a.repetitions):
                    for binary in a.binaries:
                        base = [binary, "run", os.path.join(work, f"network_{n}.yaml"), "-q", "--threads", threads] + LIMITS
                        many = cpu_seconds(base + ["--runs", str(1 + k)])
                        one = cpu_seconds(base + ["--runs", "1"])
                        per_run.setdefault((threads, n, binary), []).append((many - one) / k * 1000)
                load = " ".join(open("/proc/loadavg").read().split()[:3])
                for binary in a.binaries:
                    values = per_run[(threads, n, binary)]
                    print(f"threads {threads} {n:>6} actors {binary}: {statistics.median(values):.3f} ms of CPU per run "
                          f"({', '.join(f'{v:.2f}' for v in values)}; load average {load})", flush=True)
        for threads in a.threads:
            for binary in a.binaries:
                low = statistics.median(per_run[(threads, SIZES[0][0], binary)])
                high = statistics.median(per_run[(threads, SIZES[-1][0], binary)])
                print(f"threads {threads} {binary}: exponent {math.log(high / low) / math.log(SIZES[-1][0] / SIZES[0][0]):.3f}")


if __name__ == "__main__":
    main()
